import { describe, expect, it } from 'vitest';
import { parseShell, type Dialect, type ParseResult } from '../../src/sources/shell-parse.js';

// [name, line, value, exported] or [name, line, 'unset']
type Expected = [string, number, string | null, boolean] | [string, number, 'unset'];
type Row = [label: string, input: string, expected: Expected[]];

const lines = (...l: string[]): string => l.join('\n');

function compact(result: ParseResult): Expected[] {
  return result.assignments.map((a): Expected =>
    a.unset ? [a.name, a.line, 'unset'] : [a.name, a.line, a.value, a.exported],
  );
}

function table(dialect: Dialect, rows: Row[]): void {
  it.each(rows)('%s', (_label, input, expected) => {
    expect(compact(parseShell(input, dialect))).toEqual(expected);
  });
}

const ALL_DIALECTS: Dialect[] = [
  'posix',
  'fish',
  'fish-variables',
  'powershell',
  'csh',
  'dotenv',
  'pam-environment',
  'environment-d',
];

describe('posix', () => {
  table('posix', [
    ['export X=v', 'export X=v', [['X', 1, 'v', true]]],
    ['double quotes', 'export X="v w"', [['X', 1, 'v w', true]]],
    ['single quotes keep $', "export X='v $w'", [['X', 1, 'v $w', true]]],
    [
      'several in one export',
      'export A=1 B=2',
      [
        ['A', 1, '1', true],
        ['B', 1, '2', true],
      ],
    ],
    ['plain assignment is not exported', 'X=v', [['X', 1, 'v', false]]],
    ['export after a plain assignment', lines('X=v', 'echo hi', 'export X'), [['X', 1, 'v', true]]],
    [
      'export only exports the latest value',
      lines('X=a', 'X=b', 'export X'),
      [
        ['X', 1, 'a', false],
        ['X', 2, 'b', true],
      ],
    ],
    ['exported attribute sticks to later values', lines('export X', 'X=v'), [['X', 2, 'v', true]]],
    ['declare -x', 'declare -x X=v', [['X', 1, 'v', true]]],
    ['declare -gx', 'declare -gx X=v', [['X', 1, 'v', true]]],
    ['declare without -x', 'declare X=v', [['X', 1, 'v', false]]],
    ['typeset -x', 'typeset -x X=v', [['X', 1, 'v', true]]],
    ['export --', 'export -- X=v', [['X', 1, 'v', true]]],
    ['readonly', 'readonly X=v', [['X', 1, 'v', false]]],
    ['readonly of an exported variable', lines('export X', 'readonly X=v'), [['X', 2, 'v', true]]],
    ['export -n removes the attribute', lines('export X=v', 'export -n X'), [['X', 1, 'v', false]]],
    ['quoted argument to export', 'export "X=v w"', [['X', 1, 'v w', true]]],
    ['prefix assignment is for one command only', 'X=v cmd arg', []],
    ['prefix assignment before export', 'X=v export Y=w', [['Y', 1, 'w', true]]],
    [
      'two plain assignments',
      'X=1 Y=2',
      [
        ['X', 1, '1', false],
        ['Y', 1, '2', false],
      ],
    ],
    [
      'unset',
      lines('export X=v', 'unset X'),
      [
        ['X', 1, 'v', true],
        ['X', 2, 'unset'],
      ],
    ],
    [
      'unset clears the attribute',
      lines('export X=v', 'unset X', 'X=w'),
      [
        ['X', 1, 'v', true],
        ['X', 2, 'unset'],
        ['X', 3, 'w', false],
      ],
    ],
    ['unset -f is about functions', 'unset -f X', []],
    ['heredoc body', lines('cat <<EOF', 'export X=1', 'EOF', 'export Y=2'), [['Y', 4, '2', true]]],
    [
      'heredoc with tab-indented end',
      lines('cat <<-EOF', '\texport X=1', '\tEOF', 'export Y=2'),
      [['Y', 4, '2', true]],
    ],
    [
      'quoted heredoc delimiter',
      lines("cat <<'EOF' > f", 'export X=1', 'EOF', 'export Y=2'),
      [['Y', 4, '2', true]],
    ],
    [
      'command after a heredoc operator',
      lines('cat <<EOF; export X=1', 'export Y=2', 'EOF'),
      [['X', 1, '1', true]],
    ],
    [
      'two heredocs on one line',
      lines('cat <<A <<B', 'export X=1', 'A', 'export Y=1', 'B', 'export Z=1'),
      [['Z', 6, '1', true]],
    ],
    ['here-string is not a heredoc', lines('cat <<< "x"', 'export X=1'), [['X', 2, '1', true]]],
    [
      'arithmetic shift is not a heredoc',
      lines('(( n = 1 << 2 ))', 'export X=1'),
      [['X', 2, '1', true]],
    ],
    ['echo of an export', 'echo "export X=x"', []],
    ['commented out', '# export X=y', []],
    ['indented comment', '   # export X=y', []],
    ['grep for the name', 'grep X file', []],
    ['alias body', "alias x='export X=1'", []],
    ['eval of a command', 'eval "$(direnv hook zsh)"', []],
    ['local variable', 'local X=1', []],
    ['trailing comment', 'export X=v # note', [['X', 1, 'v', true]]],
    ['# inside a word is not a comment', 'export X=v#w', [['X', 1, 'v#w', true]]],
    ['after ;', 'foo; export X=v', [['X', 1, 'v', true]]],
    ['after &&', 'true && export X=v', [['X', 1, 'v', true]]],
    ['after ||', '[ -n "$X" ] || export X=v', [['X', 1, 'v', true]]],
    ['inside if', 'if [ -z "$X" ]; then export X=v; fi', [['X', 1, 'v', true]]],
    ['inside braces', '{ export X=v; }', [['X', 1, 'v', true]]],
    ['inside a function', lines('f() {', '  export X=v', '}'), [['X', 2, 'v', true]]],
    [
      'multi-line quoted value',
      lines('export X="a', 'b"', 'export Y=1'),
      [
        ['X', 1, 'a\nb', true],
        ['Y', 3, '1', true],
      ],
    ],
    ['line continuation before the value', lines('export \\', '  X=v'), [['X', 2, 'v', true]]],
    ['escaped space', 'export X=a\\ b', [['X', 1, 'a b', true]]],
    ['ANSI-C quoting', "export X=$'a\\tb'", [['X', 1, 'a\tb', true]]],
    ['empty value', 'export X=', [['X', 1, '', true]]],
    ['redirection after the assignment', 'export X=v 2>/dev/null', [['X', 1, 'v', true]]],
    ['$X', 'export X=$Y', [['X', 1, null, true]]],
    ['${X}', 'export X="${Y}"', [['X', 1, null, true]]],
    ['$(cmd)', 'export X=$(cat ~/.key)', [['X', 1, null, true]]],
    ['`cmd`', 'export X=`cat ~/.key`', [['X', 1, null, true]]],
    ['tilde', 'export X=~/key', [['X', 1, null, true]]],
    ['quoted tilde', 'export X="~/key"', [['X', 1, '~/key', true]]],
    ['append', 'X+=more', [['X', 1, null, false]]],
    ['array', 'X=(a b)', [['X', 1, null, false]]],
    [
      'command substitution spanning lines',
      lines('export X="$(', '  echo ")"', ')"', 'export Y=1'),
      [
        ['X', 1, null, true],
        ['Y', 4, '1', true],
      ],
    ],
    [
      'comment with an apostrophe inside $( )',
      lines('export X="$(', "  # don't", '  cat ~/.key)"', 'export Y=1'),
      [
        ['X', 1, null, true],
        ['Y', 4, '1', true],
      ],
    ],
    ['quoted name is not an assignment', '"X"=v', []],
    ['unterminated quote does not throw', 'export X="abc', [['X', 1, 'abc', true]]],
  ]);

  it('finds sourced files', () => {
    const text = lines(
      'source ~/.secrets',
      '. "$HOME/.env"',
      '[ -f ~/.x ] && . ~/.x',
      'source "$(brew --prefix)/x.sh"',
      'source <(kubectl completion bash)',
      'echo "source ~/.nope"',
      'if [ -f "${HOME}/.y" ]; then source "${HOME}/.y"; fi',
    );
    expect(parseShell(text, 'posix').sources).toEqual([
      { line: 1, path: '~/.secrets' },
      { line: 2, path: '$HOME/.env' },
      { line: 3, path: '~/.x' },
      { line: 7, path: '${HOME}/.y' },
    ]);
  });
});

describe('fish', () => {
  table('fish', [
    ['set -gx', 'set -gx X v', [['X', 1, 'v', true]]],
    ['set -Ux', 'set -Ux X v', [['X', 1, 'v', true]]],
    ['set -x', 'set -x X v', [['X', 1, 'v', true]]],
    ['long options', 'set --export --global X v', [['X', 1, 'v', true]]],
    ['combined flags in any order', 'set -xg X v', [['X', 1, 'v', true]]],
    ['double-quoted value', 'set -gx X "v w"', [['X', 1, 'v w', true]]],
    ['single-quoted value with escape', "set -gx X 'it\\'s'", [['X', 1, "it's", true]]],
    ['list value', 'set -gx X a b', [['X', 1, 'a b', true]]],
    ['not exported without -x', 'set X v', [['X', 1, 'v', false]]],
    ['universal but not exported', 'set -U X v', [['X', 1, 'v', false]]],
    [
      'keeps an earlier export',
      lines('set -gx X a', 'set X b'),
      [
        ['X', 1, 'a', true],
        ['X', 2, 'b', true],
      ],
    ],
    ['-u un-exports', 'set -gu X v', [['X', 1, 'v', false]]],
    ['erase', 'set -e X', [['X', 1, 'unset']]],
    ['erase with scope', 'set --erase --global X', [['X', 1, 'unset']]],
    ['query is not an assignment', 'set -q X', []],
    ['command substitution', 'set -gx X (cat ~/.key)', [['X', 1, null, true]]],
    ['$(cmd)', 'set -gx X "$(cat ~/.key)"', [['X', 1, null, true]]],
    ['variable', 'set -gx X $Y', [['X', 1, null, true]]],
    ['append', 'set -gxa X v', [['X', 1, null, true]]],
    ['inside if', lines('if not set -q X', '    set -gx X v', 'end'), [['X', 2, 'v', true]]],
    ['after and', 'test -f f; and set -gx X v', [['X', 1, 'v', true]]],
    ['echo of a set', 'echo "set -gx X v"', []],
    ['comment', '# set -gx X v', []],
    ['trailing comment', 'set -gx X v # note', [['X', 1, 'v', true]]],
    ['fish export wrapper', 'export X=v', [['X', 1, 'v', true]]],
    ['value on a continued line', lines('set -gx X \\', '  v'), [['X', 2, 'v', true]]],
  ]);

  it('finds sourced files', () => {
    expect(
      parseShell(
        lines('source ~/.config/fish/secrets.fish', '. ~/x.fish', 'source (cmd | psub)'),
        'fish',
      ).sources,
    ).toEqual([
      { line: 1, path: '~/.config/fish/secrets.fish' },
      { line: 2, path: '~/x.fish' },
    ]);
  });
});

describe('fish-variables', () => {
  table('fish-variables', [
    [
      'universal variables',
      lines(
        '# This file contains fish universal variable definitions.',
        '# VERSION: 3.0',
        'SETUVAR --export ANTHROPIC_API_KEY:sk\\x2dant',
        'SETUVAR fish_greeting:Hi\\x20there',
        'SETUVAR --export --path P:/a\\x1e/b',
        'SETUVAR X:a\\x3ab\\u00e9',
      ),
      [
        ['ANTHROPIC_API_KEY', 3, 'sk-ant', true],
        ['fish_greeting', 4, 'Hi there', false],
        ['P', 5, '/a /b', true],
        ['X', 6, 'a:b\u00e9', false],
      ],
    ],
    [
      'fish 2 format',
      lines('SET_EXPORT X:v', 'SET Y:w'),
      [
        ['X', 1, 'v', true],
        ['Y', 2, 'w', false],
      ],
    ],
    ['empty value', 'SETUVAR X:', [['X', 1, '', false]]],
    [
      'malformed lines',
      lines('SETUVAR', 'SETUVAR :v', 'SETUVAR novalue', 'OTHER X:v', 'SETUVAR X:\\U99999999\\x'),
      [['X', 5, 'x', false]],
    ],
  ]);
});

describe('powershell', () => {
  table('powershell', [
    ['$env:X = "v"', '$env:X = "v"', [['X', 1, 'v', true]]],
    ["$Env:X='v'", "$Env:X='v'", [['X', 1, 'v', true]]],
    ['upper-case ENV', '$ENV:X = "v"', [['X', 1, 'v', true]]],
    ['braced', "${env:X} = 'v'", [['X', 1, 'v', true]]],
    ['doubled single quote', "$env:X = 'it''s'", [['X', 1, "it's", true]]],
    ['backtick escape', '$env:X = "a`tb`""', [['X', 1, 'a\tb"', true]]],
    ['variable in the value', '$env:X = "$HOME\\key"', [['X', 1, null, true]]],
    ['escaped dollar', '$env:X = "`$HOME"', [['X', 1, '$HOME', true]]],
    ['expression', '$env:X = (Get-Content ~/.key)', [['X', 1, null, true]]],
    ['concatenation', "$env:X = 'a' + 'b'", [['X', 1, null, true]]],
    ['append', "$env:PATH += ';C:\\bin'", [['PATH', 1, null, true]]],
    ['$null unsets', '$env:X = $null', [['X', 1, 'unset']]],
    ['inside a block', "if ($true) { $env:X = 'v' }", [['X', 1, 'v', true]]],
    [
      'SetEnvironmentVariable',
      '[Environment]::SetEnvironmentVariable("X", "v", "User")',
      [['X', 1, 'v', true]],
    ],
    [
      'System.Environment',
      "[System.Environment]::SetEnvironmentVariable('X','v')",
      [['X', 1, 'v', true]],
    ],
    [
      'arguments over lines',
      lines('[Environment]::SetEnvironmentVariable(', "  'X',", "  'v',", "  'User')"),
      [['X', 3, 'v', true]],
    ],
    [
      'SetEnvironmentVariable with $null',
      "[Environment]::SetEnvironmentVariable('X', $null, 'User')",
      [['X', 1, 'unset']],
    ],
    [
      'SetEnvironmentVariable with a variable',
      "[Environment]::SetEnvironmentVariable('X', $key)",
      [['X', 1, null, true]],
    ],
    ['Remove-Item Env:X', 'Remove-Item Env:X', [['X', 1, 'unset']]],
    ['Remove-Item Env:\\X', 'Remove-Item Env:\\X', [['X', 1, 'unset']]],
    [
      'Remove-Item -Path',
      "Remove-Item -Path 'Env:X' -ErrorAction SilentlyContinue",
      [['X', 1, 'unset']],
    ],
    ['comment', "# $env:X = 'v'", []],
    ['block comment', lines('<#', "$env:X = 'v'", '#>', "$env:Y = 'w'"), [['Y', 4, 'w', true]]],
    ['string mentioning it', 'Write-Host "$env:X = 1"', []],
    ['reading it', '$k = $env:X', []],
    ['comparison', "if ($env:X -eq 'v') { }", []],
    ['here-string', lines('$s = @"', "$env:X = 'v'", '"@', "$env:Y = 'w'"), [['Y', 4, 'w', true]]],
    ['after ;', "cd ~; $env:X = 'v'", [['X', 1, 'v', true]]],
  ]);

  it('finds dot-sourced files', () => {
    const text = lines(
      '. $HOME\\secrets.ps1',
      '. "C:\\x\\y.ps1"',
      '.\\run.ps1',
      '. "$(Get-Location)\\z.ps1"',
    );
    expect(parseShell(text, 'powershell').sources).toEqual([
      { line: 1, path: '$HOME\\secrets.ps1' },
      { line: 2, path: 'C:\\x\\y.ps1' },
    ]);
  });

  it('filters names case-insensitively', () => {
    const result = parseShell(
      "$env:anthropic_api_key = 'v'\n$env:OTHER = 'w'",
      'powershell',
      new Set(['ANTHROPIC_API_KEY']),
    );
    expect(compact(result)).toEqual([['anthropic_api_key', 1, 'v', true]]);
  });
});

describe('csh', () => {
  table('csh', [
    ['setenv', 'setenv X v', [['X', 1, 'v', true]]],
    ['double quotes', 'setenv X "v w"', [['X', 1, 'v w', true]]],
    ['single quotes', "setenv X 'v'", [['X', 1, 'v', true]]],
    ['no value', 'setenv X', [['X', 1, '', true]]],
    ['variable', 'setenv X $Y', [['X', 1, null, true]]],
    ['backticks', 'setenv X `cat ~/.key`', [['X', 1, null, true]]],
    ['unsetenv', 'unsetenv X', [['X', 1, 'unset']]],
    ['one-line if', 'if ($?prompt) setenv X v', [['X', 1, 'v', true]]],
    ['shell variable is not the environment', 'set X = v', []],
    ['echo', 'echo "setenv X v"', []],
    ['comment', '# setenv X v', []],
  ]);

  it('finds sourced files', () => {
    expect(parseShell('source ~/.cshrc.local', 'csh').sources).toEqual([
      { line: 1, path: '~/.cshrc.local' },
    ]);
  });
});

describe('dotenv', () => {
  table('dotenv', [
    ['plain', 'X=v', [['X', 1, 'v', true]]],
    ['export prefix', 'export X=v', [['X', 1, 'v', true]]],
    ['double quotes', 'X="v w"', [['X', 1, 'v w', true]]],
    ['single quotes keep $', "X='v ${w}'", [['X', 1, 'v ${w}', true]]],
    ['escapes in double quotes', 'X="a\\nb\\"c"', [['X', 1, 'a\nb"c', true]]],
    ['empty', 'X=', [['X', 1, '', true]]],
    ['empty quotes', 'X=""', [['X', 1, '', true]]],
    ['spaces around =', 'X = v', [['X', 1, 'v', true]]],
    ['inline comment', 'X=v # note', [['X', 1, 'v', true]]],
    ['# inside a value', 'X=v#w', [['X', 1, 'v#w', true]]],
    ['# inside quotes', 'X="v # w" # note', [['X', 1, 'v # w', true]]],
    ['comment line', '# X=v', []],
    ['reference', 'X=${OTHER}', [['X', 1, null, true]]],
    ['reference in double quotes', 'X="$OTHER/x"', [['X', 1, null, true]]],
    [
      'multi-line value',
      lines('X="a', 'b"', 'Y=1'),
      [
        ['X', 1, 'a\nb', true],
        ['Y', 3, '1', true],
      ],
    ],
    [
      'unterminated quote',
      lines('X="abc', 'Y=1'),
      [
        ['X', 1, '"abc', true],
        ['Y', 2, '1', true],
      ],
    ],
    ['not a name', lines('1X=v', 'X-Y=v', 'just text'), []],
    [
      'blank lines',
      lines('', 'X=v', '', 'Y=w'),
      [
        ['X', 2, 'v', true],
        ['Y', 4, 'w', true],
      ],
    ],
  ]);
});

describe('pam-environment', () => {
  table('pam-environment', [
    ['DEFAULT', 'X DEFAULT=v', [['X', 1, 'v', true]]],
    ['OVERRIDE', 'X OVERRIDE=v', [['X', 1, 'v', true]]],
    ['OVERRIDE wins', 'X DEFAULT=a OVERRIDE=b', [['X', 1, 'b', true]]],
    ['empty OVERRIDE falls back', 'X DEFAULT=a OVERRIDE=', [['X', 1, 'a', true]]],
    ['quoted', 'X DEFAULT="a b"', [['X', 1, 'a b', true]]],
    ['@{HOME}', 'X DEFAULT=@{HOME}/key', [['X', 1, null, true]]],
    ['${HOME}', 'X DEFAULT=${HOME}/key', [['X', 1, null, true]]],
    ['plain', 'X=v', [['X', 1, 'v', true]]],
    ['comment', '# X DEFAULT=v', []],
    ['name only', 'X', []],
  ]);
});

describe('environment-d', () => {
  table('environment-d', [
    ['plain', 'X=v', [['X', 1, 'v', true]]],
    ['double quotes', 'X="v w"', [['X', 1, 'v w', true]]],
    ['single quotes', "X='v'", [['X', 1, 'v', true]]],
    ['reference', 'PATH=${PATH}:/opt/bin', [['PATH', 1, null, true]]],
    ['comment line', '# X=v', []],
    ['no inline comments', 'X=v # w', [['X', 1, 'v # w', true]]],
  ]);
});

describe('all dialects', () => {
  const samples: Record<Dialect, string> = {
    posix: 'export X=v\r\nexport Y=w\r\n',
    fish: 'set -gx X v\r\nset -gx Y w\r\n',
    'fish-variables': 'SETUVAR --export X:v\r\nSETUVAR --export Y:w\r\n',
    powershell: "$env:X = 'v'\r\n$env:Y = 'w'\r\n",
    csh: 'setenv X v\r\nsetenv Y w\r\n',
    dotenv: 'X=v\r\nY=w\r\n',
    'pam-environment': 'X DEFAULT=v\r\nY DEFAULT=w\r\n',
    'environment-d': 'X=v\r\nY=w\r\n',
  };

  it.each(ALL_DIALECTS)('%s: strips CR from CRLF line endings', (dialect) => {
    expect(compact(parseShell(samples[dialect], dialect))).toEqual([
      ['X', 1, 'v', true],
      ['Y', 2, 'w', true],
    ]);
  });

  it.each(ALL_DIALECTS)('%s: returns only the requested names', (dialect) => {
    const result = parseShell(samples[dialect], dialect, new Set(['Y']));
    expect(compact(result)).toEqual([['Y', 2, 'w', true]]);
  });

  it.each(ALL_DIALECTS)('%s: keeps values out of names and paths', (dialect) => {
    const secret = 'sk-ant-MARKER';
    const text = samples[dialect].replace(/\bv\b/g, secret);
    const result = parseShell(text, dialect);
    expect(result.assignments[0]!.value).toBe(secret);
    const withoutValues = JSON.stringify({
      ...result,
      assignments: result.assignments.map((a) => ({ ...a, value: undefined })),
    });
    expect(withoutValues).not.toContain('MARKER');
  });

  const MB = 1 << 20;
  const huge: [string, string][] = [
    ['long value', `export X=${'a'.repeat(MB)}`],
    ['long quoted value', `X="${'a'.repeat(MB)}`],
    ['many quotes', '"\''.repeat(MB / 2)],
    ['nested substitutions', '$('.repeat(MB / 2)],
    ['nested braces', '${'.repeat(MB / 2)],
    ['many heredocs', '<<'.repeat(MB / 2)],
    ['many redirections', 'x <a'.repeat(MB / 4)],
    ['backslashes', '\\'.repeat(MB)],
    ['many assignments', 'X=1 '.repeat(MB / 4)],
    ['many options', `set -${'x'.repeat(MB)} X v`],
    ['many method calls', '[Environment]::SetEnvironmentVariable('.repeat(MB / 40)],
    ['many env assignments', '$env:X = '.repeat(MB / 10)],
    ['many escapes', '\\x1e'.repeat(MB / 4)],
    ['block comment openers', '<#'.repeat(MB / 2)],
    ['NUL bytes', '\0'.repeat(MB)],
  ];

  it.each(huge)('a 1 MB line of %s finishes fast in every dialect', (_label, text) => {
    for (const dialect of ALL_DIALECTS) {
      const start = performance.now();
      expect(() => parseShell(text, dialect)).not.toThrow();
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });

  it('never throws on random input and reports lines that exist', () => {
    const alphabet = [
      ...[
        'a',
        'X',
        '=',
        ' ',
        '\n',
        '\r\n',
        '"',
        "'",
        '`',
        '$',
        '(',
        ')',
        '{',
        '}',
        '\\',
        '#',
        ';',
        '&',
        '|',
        '<',
        '>',
        '<<',
        '-',
        '~',
        ':',
      ],
      ...[
        '\0',
        '\uFFFD',
        'export ',
        'set -gx ',
        'setenv ',
        '$env:',
        'EOF',
        '@"\n',
        '<#',
        '#>',
        '\\x1',
        'SETUVAR ',
        'DEFAULT=',
      ],
    ];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      let text = '';
      const length = random(200);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const lineCount = text.split('\n').length;
      for (const dialect of ALL_DIALECTS) {
        const result = parseShell(text, dialect);
        for (const entry of [...result.assignments, ...result.sources]) {
          expect(entry.line).toBeGreaterThanOrEqual(1);
          expect(entry.line).toBeLessThanOrEqual(lineCount);
        }
      }
    }
  });
});

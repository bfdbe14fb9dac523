import { describe, expect, it } from 'vitest';
import { commentOutLine, markerLine } from '../../src/fix/shell-line.js';
import type { ShellDialect } from '../../src/types.js';

const NAME = 'ANTHROPIC_API_KEY';
const DATE = '2026-11-25';
const MARK = markerLine(NAME, DATE);

describe('commentOutLine', () => {
  it.each<[string, ShellDialect, string, number, string]>([
    [
      'bash export',
      'posix',
      'a=1\nexport ANTHROPIC_API_KEY="k"\nb=2\n',
      2,
      `a=1\n${MARK}\n# export ANTHROPIC_API_KEY="k"\nb=2\n`,
    ],
    [
      'bash plain with a comment',
      'posix',
      'ANTHROPIC_API_KEY=k # mine\n',
      1,
      `${MARK}\n# ANTHROPIC_API_KEY=k # mine\n`,
    ],
    [
      'zsh typeset -x, indented',
      'posix',
      "if true; then\n  x=1\n  typeset -x ANTHROPIC_API_KEY='k'\nfi\n",
      3,
      `if true; then\n  x=1\n  ${MARK}\n  # typeset -x ANTHROPIC_API_KEY='k'\nfi\n`,
    ],
    [
      'no trailing newline',
      'posix',
      'export ANTHROPIC_API_KEY=k',
      1,
      `${MARK}\n# export ANTHROPIC_API_KEY=k`,
    ],
    [
      'CRLF endings kept',
      'posix',
      'x=1\r\nexport ANTHROPIC_API_KEY=k\r\n',
      2,
      `x=1\r\n${MARK}\r\n# export ANTHROPIC_API_KEY=k\r\n`,
    ],
    [
      'fish set -gx',
      'fish',
      'set -gx ANTHROPIC_API_KEY k\nset -gx EDITOR vim\n',
      1,
      `${MARK}\n# set -gx ANTHROPIC_API_KEY k\nset -gx EDITOR vim\n`,
    ],
    [
      'fish export wrapper',
      'fish',
      'export ANTHROPIC_API_KEY=k\n',
      1,
      `${MARK}\n# export ANTHROPIC_API_KEY=k\n`,
    ],
    [
      'PowerShell $env:',
      'powershell',
      "Set-Alias ll ls\n$env:ANTHROPIC_API_KEY = 'k'\n",
      2,
      `Set-Alias ll ls\n${MARK}\n# $env:ANTHROPIC_API_KEY = 'k'\n`,
    ],
    [
      'PowerShell, other case',
      'powershell',
      '$Env:anthropic_api_key="k"\n',
      1,
      `${MARK}\n# $Env:anthropic_api_key="k"\n`,
    ],
    [
      'csh setenv',
      'csh',
      'setenv ANTHROPIC_API_KEY k\n',
      1,
      `${MARK}\n# setenv ANTHROPIC_API_KEY k\n`,
    ],
    [
      'environment.d',
      'environment-d',
      'PATH=/bin\nANTHROPIC_API_KEY=k\n',
      2,
      `PATH=/bin\n${MARK}\n# ANTHROPIC_API_KEY=k\n`,
    ],
    [
      'pam_environment',
      'pam-environment',
      'ANTHROPIC_API_KEY DEFAULT=k\n',
      1,
      `${MARK}\n# ANTHROPIC_API_KEY DEFAULT=k\n`,
    ],
  ])('%s', (_, dialect, text, line, expected) => {
    expect(commentOutLine(text, line, NAME, dialect, DATE)).toEqual({ ok: true, text: expected });
  });

  it.each<[string, ShellDialect, string, number, string]>([
    [
      'another command on the line',
      'posix',
      'export ANTHROPIC_API_KEY=k; echo hi\n',
      1,
      'does more than set',
    ],
    [
      'two variables on the line',
      'posix',
      'export A=1 ANTHROPIC_API_KEY=k\n',
      1,
      'does more than set',
    ],
    [
      'a continued line',
      'posix',
      'export A=1 \\\n  ANTHROPIC_API_KEY=k\n',
      2,
      'part of a longer command',
    ],
    [
      'a line that continues',
      'posix',
      'ANTHROPIC_API_KEY=k \\\n  other\n',
      1,
      'does more than set',
    ],
    [
      'the only command of an if',
      'posix',
      'if true; then\n  export ANTHROPIC_API_KEY=k\nfi\n',
      2,
      'left empty',
    ],
    [
      'the only command of a function',
      'posix',
      'f() {\n  export ANTHROPIC_API_KEY=k\n}\n',
      2,
      'left empty',
    ],
    [
      'a fish universal variable',
      'fish',
      'set -Ux ANTHROPIC_API_KEY k\n',
      1,
      'set -e -U ANTHROPIC_API_KEY',
    ],
    ['a line that sets something else', 'posix', 'export OTHER=1\n', 1, 'does more than set'],
    ['a line past the end', 'posix', 'x=1\n', 5, 'no longer has that line'],
    [
      'PowerShell computed',
      'powershell',
      '$env:ANTHROPIC_API_KEY = "$x"\n',
      1,
      'does more than set',
    ],
  ])('refuses %s', (_, dialect, text, line, reason) => {
    const result = commentOutLine(text, line, NAME, dialect, DATE);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('refuses when the line sits inside a multi-line string, so the parse would change', () => {
    const text = 'X="first\nexport ANTHROPIC_API_KEY=k\n"\n';
    expect(commentOutLine(text, 2, NAME, 'posix', DATE).ok).toBe(false);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { originsOf } from '../../src/credentials.js';
import { editOf } from '../../src/fix/edits.js';
import { shellModel, startupChain } from '../../src/sources/shell-files.js';
import { parseTrace } from '../../src/sources/shell-trace.js';
import { assumedShell, whereSet } from '../../src/where-set.js';
import { makeFixture } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The startup model's decisions that the real-shell corpus (test/shell-truth) cannot show:
// which shell and mode are assumed, other shells' files, wrappers, run-time sources, direnv.

const key = KEYS.apiKey;

describe('which shell, which mode', () => {
  it('takes $SHELL as given, even when that program is not installed here', async () => {
    const fixture = makeFixture();
    const ctx = fixture.context({ env: { ...fixture.env, SHELL: '/opt/none/bin/fish' } });
    expect(await shellModel(ctx)).toMatchObject({ shell: 'fish', shellFrom: '$SHELL' });
  });

  it('falls back to the passwd entry, then to every shell', async () => {
    const fixture = makeFixture({
      system: {
        'etc/passwd': 'root:x:0:0::/root:/bin/bash\nana:x:1000:1000::/home/ana:/usr/bin/zsh\n',
      },
    });
    const named = fixture.context({ env: { ...fixture.env, USER: 'ana' } });
    expect(await shellModel(named)).toMatchObject({ shell: 'zsh', shellFrom: 'passwd' });
    const byUid = fixture.context({ uid: 1000 });
    expect(await shellModel(byUid)).toMatchObject({ shell: 'zsh', shellFrom: 'passwd' });
    expect(await shellModel(makeFixture().context())).toMatchObject({ shell: 'unknown' });
  });

  it('assumes login shells on macOS, WSL and SSH, interactive ones on Linux; --shell-mode wins', async () => {
    const fixture = makeFixture();
    const env = { ...fixture.env, SHELL: '/bin/zsh' };
    const mode = async (o: Parameters<typeof fixture.context>[0]) =>
      (await shellModel(fixture.context({ env, ...o }))).mode;
    expect(await mode({ platform: 'darwin' })).toBe('login');
    expect(await mode({ platform: 'linux' })).toBe('interactive');
    expect(await mode({ env: { ...env, WSL_DISTRO_NAME: 'Ubuntu' } })).toBe('login');
    expect(await mode({ env: { ...env, SSH_CONNECTION: '1 2 3 4' } })).toBe('login');
    expect(await mode({ platform: 'darwin', shellMode: 'interactive' })).toBe('interactive');
  });

  it('reads .zprofile and .zlogin only for login shells', async () => {
    const fixture = makeFixture({
      home: {
        '.zprofile': `export ANTHROPIC_API_KEY=${key}\n`,
        '.zshrc': 'export DISABLE_UPDATES=1\n',
      },
    });
    const env = { ...fixture.env, SHELL: '/bin/zsh' };
    const own = async (platform: 'darwin' | 'linux') =>
      (await startupChain(fixture.context({ env, platform }))).assignments
        .filter((a) => !a.foreign && !a.session)
        .map((a) => a.source);
    expect(await own('darwin')).toEqual(['file:~/.zprofile:1', 'file:~/.zshrc:1']);
    expect(await own('linux')).toEqual(['file:~/.zshrc:1']);
  });
});

describe('ZDOTDIR', () => {
  it('a ZDOTDIR that ~/.zshenv exports does not move ~/.zshenv itself', async () => {
    const fixture = makeFixture({
      home: {
        '.zshenv': 'export ZDOTDIR="$HOME/.config/zsh"\n',
        '.config/zsh/.zshenv': `export ANTHROPIC_AUTH_TOKEN=${KEYS.authToken}\n`,
        '.config/zsh/.zshrc': `export ANTHROPIC_API_KEY=${key}\n`,
      },
    });
    // This process has ZDOTDIR (its shell read ~/.zshenv); a new terminal starts without it.
    const env = { ...fixture.env, SHELL: '/bin/zsh', ZDOTDIR: `${fixture.home}/.config/zsh` };
    const chain = await startupChain(fixture.context({ env }));
    const own = chain.assignments.filter((a) => !a.foreign && !a.session).map((a) => a.source);
    expect(own).toEqual(['file:~/.config/zsh/.zshrc:1']);
  });

  it('a ZDOTDIR from the environment that no zshenv sets moves every file', async () => {
    const fixture = makeFixture({
      home: {
        'zdot/.zshenv': `export ANTHROPIC_API_KEY=${key}\n`,
        '.zshenv': 'export DISABLE_UPDATES=1\n',
      },
    });
    const env = { ...fixture.env, SHELL: '/bin/zsh', ZDOTDIR: `${fixture.home}/zdot` };
    const own = (await startupChain(fixture.context({ env }))).assignments
      .filter((a) => !a.foreign)
      .map((a) => a.source);
    expect(own).toEqual(['file:~/zdot/.zshenv:1']);
  });
});

describe("other shells' files", () => {
  const fixture = () =>
    makeFixture({
      home: {
        '.zshrc': 'export DISABLE_UPDATES=1\n',
        '.config/fish/config.fish': `set -gx ANTHROPIC_API_KEY ${key}\n`,
      },
    });

  it('are evidence only: never an origin, never a fix edit, named with the shell that reads them', async () => {
    const f = fixture();
    const ctx = f.context({ env: { ...f.env, SHELL: '/usr/bin/zsh', ANTHROPIC_API_KEY: key } });
    const fish = (await startupChain(ctx)).assignments.find((a) => a.name === 'ANTHROPIC_API_KEY');
    expect(fish).toMatchObject({ foreign: 'fish', source: 'file:~/.config/fish/config.fish:1' });
    expect(await originsOf(ctx, 'ANTHROPIC_API_KEY')).toEqual([]);
    const where = await whereSet(ctx, 'ANTHROPIC_API_KEY');
    expect(where.evidence.map((e) => e.detail).join('\n')).toMatch(/^also set for fish: /m);
    expect(where.removal.locations?.some((l) => l.kind === 'shell-line')).toBe(false);
    expectNoSecret(JSON.stringify(where));
  });

  it('are the origin for a fish user', async () => {
    const f = fixture();
    const ctx = f.context({ env: { ...f.env, SHELL: '/usr/bin/fish', ANTHROPIC_API_KEY: key } });
    expect((await originsOf(ctx, 'ANTHROPIC_API_KEY')).map((a) => a.source)).toEqual([
      'file:~/.config/fish/config.fish:1',
    ]);
    const { locations } = (await whereSet(ctx, 'ANTHROPIC_API_KEY')).removal;
    expect(locations).toEqual([
      expect.objectContaining({ kind: 'shell-line', line: 1, dialect: 'fish' }),
    ]);
    expect(editOf(locations![0]!, ctx.display.bind(ctx))).toMatchObject({ kind: 'shell-line' });
  });
});

describe('wrappers', () => {
  it('a `claude` alias or function that injects a variable is named, and left to the user', async () => {
    const fixture = makeFixture({
      home: {
        '.zshrc': [
          `alias claude='ANTHROPIC_API_KEY=${key} claude'`,
          "alias zai='ANTHROPIC_BASE_URL=https://api.z.example ANTHROPIC_AUTH_TOKEN=x claude'",
          'cb() { CLAUDE_CODE_USE_BEDROCK=1 npx @anthropic-ai/claude-code "$@"; }',
          'mine() { export ANTHROPIC_BASE_URL=https://gw.example; ~/.claude/local/claude "$@"; }',
          'other() { ANTHROPIC_API_KEY=y make test; }',
        ].join('\n'),
      },
    });
    const ctx = fixture.context({ env: { ...fixture.env, SHELL: '/bin/zsh' } });
    const chain = await startupChain(ctx);
    expect(
      chain.wrappers.map((w) => [w.name, w.kind, w.line, w.isClaude, w.injects.map((i) => i.name)]),
    ).toEqual([
      ['claude', 'alias', 1, true, ['ANTHROPIC_API_KEY']],
      ['zai', 'alias', 2, false, ['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN']],
      ['cb', 'function', 3, false, ['CLAUDE_CODE_USE_BEDROCK']],
      ['mine', 'function', 4, false, ['ANTHROPIC_BASE_URL']],
    ]);
    // Wrappers set nothing for the shell itself.
    expect(chain.assignments.filter((a) => !a.foreign)).toEqual([]);
    const where = await whereSet(ctx, 'ANTHROPIC_API_KEY');
    expect(where.removal.locations).toContainEqual({
      kind: 'shell-wrapper',
      path: path.join(fixture.home, '.zshrc'),
      line: 1,
      name: 'ANTHROPIC_API_KEY',
      wrapper: 'alias',
    });
    // Fix leaves wrappers to the user.
    const wrapper = where.removal.locations!.find((l) => l.kind === 'shell-wrapper')!;
    expect(editOf(wrapper, ctx.display.bind(ctx)).kind).toBe('manual');
    expectNoSecret(JSON.stringify(where));
  });
});

describe('what only a run can tell', () => {
  it('says so on the line instead of guessing', async () => {
    const fixture = makeFixture({
      home: {
        '.bashrc': [
          'source "$(brew --prefix)/etc/bash_completion"',
          'eval "$(direnv hook bash)"',
          'for f in $(ls ~/.bash.d); do source $f; done',
          'source "$(dirname "$0")/rel.sh"',
        ].join('\n'),
      },
    });
    const ctx = fixture.context({
      env: { ...fixture.env, SHELL: '/bin/bash', ANTHROPIC_API_KEY: key },
    });
    expect((await startupChain(ctx)).notes).toEqual([
      { source: 'file:~/.bashrc:1', text: 'sources a file chosen at run time' },
      { source: 'file:~/.bashrc:2', text: 'runs code chosen at run time (eval)' },
      { source: 'file:~/.bashrc:3', text: 'sources files chosen at run time' },
      { source: 'file:~/.bashrc:4', text: 'sources a file chosen at run time' },
    ]);
    const details = (await whereSet(ctx, 'ANTHROPIC_API_KEY')).evidence.map(
      (e) => `${e.source} ${e.detail}`,
    );
    expect(details).toContain(
      'file:~/.bashrc:1 sources a file chosen at run time: it may set ANTHROPIC_API_KEY',
    );
  });
});

describe('direnv', () => {
  it('uses the nearest .envrc up to /, even above the git root, with source_up and dotenv', async () => {
    const fixture = makeFixture({
      home: {
        '.envrc': `export ANTHROPIC_BASE_URL=https://home.example\n`,
        'work/.envrc': 'source_up\ndotenv .env.local\n',
        'work/.env.local': `ANTHROPIC_API_KEY=${key}\n`,
        'work/repo/.git/HEAD': 'ref: main\n',
        'work/repo/sub/keep': '',
      },
    });
    const ctx = new (await import('../../src/context.js')).Context({
      env: fixture.env,
      cwd: `${fixture.home}/work/repo/sub`,
      platform: 'linux',
      arch: 'x64',
      nodeVersion: '20.0.0',
      systemRoot: fixture.system,
      options: { expect: 'auto', offline: true, timeoutMs: 3000, verbose: false },
    });
    const project = (await startupChain(ctx)).assignments
      .filter((a) => a.kind === 'project')
      .map((a) => [a.source, a.loadedBy ?? null]);
    expect(project).toEqual([
      ['file:~/.envrc:1', null],
      ['file:~/work/.env.local:1', 'file:~/work/.envrc:2'],
    ]);
  });
});

describe('--trace-shell output', () => {
  it('keeps only file, line and variable, for bash, zsh, bash run by root, and fish', () => {
    const M = '\u241e';
    const log = [
      `+${M}/h/.bashrc${M}3${M}%x${M}%I${M} export ANTHROPIC_API_KEY=${key}`,
      `+${M}/h/.bashrc${M}3${M}%x${M}%I${M} ANTHROPIC_API_KEY=${key}`,
      `+${M}\${BASH_SOURCE}${M}\${LINENO}${M}/h/.zshrc${M}7${M} export ANTHROPIC_BASE_URL=https://x`,
      `+${M}/h/.bashrc${M}9${M}%x${M}%I${M} ANTHROPIC_AUTH_TOKEN=t make`,
      '+ export CLAUDE_CODE_USE_BEDROCK=1',
      '> source /h/.config/fish/config.fish',
      '--> set -gx CLAUDE_CONFIG_DIR /h/c',
      '--> set -l ANTHROPIC_API_KEY local',
    ].join('\n');
    expect(parseTrace(log, '/h').map((s) => [s.name, s.file, s.line, s.unset])).toEqual([
      ['ANTHROPIC_API_KEY', '/h/.bashrc', 3, false],
      ['ANTHROPIC_BASE_URL', '/h/.zshrc', 7, false],
      ['CLAUDE_CODE_USE_BEDROCK', null, null, false],
      ['CLAUDE_CONFIG_DIR', '/h/.config/fish/config.fish', null, false],
    ]);
  });

  it.each([
    [
      '/usr/bin/tcsh',
      'tcsh was not traced: its trace (`set echo`, `-x`) prints commands without their file or line',
    ],
    ['/usr/bin/pwsh', 'PowerShell was not traced: --trace-shell does not run PowerShell'],
    ['/bin/dash', 'sh was not traced: --trace-shell traces bash, zsh and fish'],
    [null, 'no shell was traced: neither $SHELL nor your passwd entry names one'],
  ])('%s: says the static model was used, and why', async (shell, why) => {
    const fixture = makeFixture({ home: { '.tcshrc': `setenv ANTHROPIC_API_KEY ${key}\n` } });
    const env = shell ? { ...fixture.env, SHELL: shell } : fixture.env;
    const ctx = fixture.context({ env, traceShell: true });
    const { trace } = await startupChain(ctx);
    expect(trace).toMatchObject({ ok: false, deviations: [] });
    expect(trace?.ok === false && trace.reason).toMatch(
      new RegExp(
        `^${why.replace(/[$()`.]/g, '\\$&')}.*the lines shown come from reading the startup files \\(the static model\\)`,
      ),
    );
    const report = await assumedShell(ctx);
    expect(report.trace).toMatchObject({ ok: false, reason: expect.stringContaining(why) });
  });
});

describe('what typing `claude` uses', () => {
  it('a credential the `claude` wrapper injects is a candidate whose origin is the wrapper line', async () => {
    const { authModel } = await import('../../src/credentials.js');
    const fixture = makeFixture({
      home: { '.zshrc': `claude() {\n  ANTHROPIC_API_KEY=${key} command claude "$@"\n}\n` },
    });
    const ctx = fixture.context({ env: { ...fixture.env, SHELL: '/bin/zsh' } });
    const auth = await authModel(ctx);
    expect(auth.effective).toMatchObject({ method: 'api-key', source: 'file:~/.zshrc:1' });
    expectNoSecret(JSON.stringify(auth.candidates.map((c) => ({ ...c, secret: undefined }))));
  });

  it('other wrappers (`zai`) set nothing for `claude`', async () => {
    const { authModel } = await import('../../src/credentials.js');
    const fixture = makeFixture({
      home: { '.zshrc': `alias zai='ANTHROPIC_AUTH_TOKEN=${key} claude'\n` },
    });
    const ctx = fixture.context({ env: { ...fixture.env, SHELL: '/bin/zsh' } });
    expect((await authModel(ctx)).candidates).toEqual([]);
  });
});

describe('pending lines', () => {
  it('a line a new terminal will run, for a variable this one lacks', async () => {
    const { pendingLines } = await import('../../src/where-set.js');
    const fixture = makeFixture({
      home: {
        '.zshrc': `export ANTHROPIC_API_KEY=${key}\nexport CLAUDE_CODE_OAUTH_TOKEN=x\nunset CLAUDE_CODE_OAUTH_TOKEN\n`,
        '.config/fish/config.fish': `set -gx ANTHROPIC_AUTH_TOKEN ${key}\n`,
      },
    });
    const ctx = fixture.context({ env: { ...fixture.env, SHELL: '/bin/zsh' } });
    expect((await pendingLines(ctx, 'ANTHROPIC_API_KEY')).map((a) => a.source)).toEqual([
      'file:~/.zshrc:1',
    ]);
    expect(await pendingLines(ctx, 'CLAUDE_CODE_OAUTH_TOKEN')).toEqual([]);
    expect(await pendingLines(ctx, 'ANTHROPIC_AUTH_TOKEN')).toEqual([]);
    const inShell = fixture.context({
      env: { ...fixture.env, SHELL: '/bin/zsh', ANTHROPIC_API_KEY: key },
    });
    expect(await pendingLines(inShell, 'ANTHROPIC_API_KEY')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/context.js';
import { collectReport } from '../../src/doctor.js';
import { renderHuman } from '../../src/render/human.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { makeStyle } from '../../src/render/style.js';
import type { Report } from '../../src/types.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { NOW } from '../helpers/report.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// "Say which you assumed": the shell and mode a new terminal is assumed to start are report
// data (environment.assumedShell), one line of the human output wherever a startup-file line
// or a new terminal is mentioned (never in a healthy run), and always in the ticket report.

const key = KEYS.apiKey;
const PASSWD = 'root:x:0:0::/root:/bin/bash\nana:x:1000:1000::/home/ana:/usr/local/bin/fish\n';

interface Run {
  report: Report;
  human: string;
  markdown: string;
}

async function run(
  fixture: Fixture,
  options: { platform?: Platform; env?: Record<string, string>; shellMode?: 'login' } = {},
): Promise<Run> {
  const { report } = await collectReport(
    {
      env: { ...fixture.env, ...options.env },
      cwd: fixture.project,
      platform: options.platform ?? 'linux',
      arch: 'x64',
      nodeVersion: '20.20.2',
      systemRoot: fixture.system,
      now: () => NOW,
    },
    {
      expect: 'subscription',
      offline: true,
      timeoutMs: 3000,
      verbose: false,
      only: [],
      skip: [],
      live: false,
      ...(options.shellMode ? { shellMode: options.shellMode } : {}),
    },
  );
  const style = makeStyle({ color: false, unicode: false, width: null, cursor: false });
  const human = renderHuman(report, { style, verbose: false });
  const markdown = renderMarkdown(report);
  for (const text of [human, markdown, JSON.stringify(report)]) expectNoSecret(text);
  return { report, human, markdown };
}

/** A key in a startup file this terminal does not have: a pending line, a new terminal. */
const pendingHome = (file: string, line: string) =>
  makeFixture({ home: subscriptionHome({ [file]: line }), system: { 'etc/passwd': PASSWD } });

describe('environment.assumedShell and its line', () => {
  it('$SHELL set, Linux: zsh as an interactive shell, by the platform convention', async () => {
    const { report, human, markdown } = await run(
      pendingHome('.zshrc', `export ANTHROPIC_API_KEY=${key}\n`),
      { env: { SHELL: '/usr/bin/zsh' } },
    );
    expect(report.environment.assumedShell).toEqual({
      name: 'zsh',
      program: '/usr/bin/zsh',
      from: '$SHELL',
      mode: 'interactive',
      modeFrom: 'platform',
      why: 'Linux and IDE terminals start interactive non-login shells',
    });
    const line =
      'Assumed a new terminal runs zsh (/usr/bin/zsh, from $SHELL) as an interactive shell: Linux and IDE terminals start interactive non-login shells; --shell-mode changes it.';
    expect(human).toContain('~/.zshrc:1');
    expect(human.split('\n')).toContain(line);
    expect(markdown).toContain(line);
  });

  it('$SHELL set, macOS: a login shell, so ~/.zprofile counts', async () => {
    const { report, human } = await run(
      pendingHome('.zprofile', `export ANTHROPIC_API_KEY=${key}\n`),
      { env: { SHELL: '/bin/zsh' }, platform: 'darwin' },
    );
    expect(report.environment.assumedShell).toMatchObject({
      name: 'zsh',
      program: '/bin/zsh',
      mode: 'login',
      modeFrom: 'platform',
      why: 'macOS terminals start login shells',
    });
    expect(human).toContain('~/.zprofile:1');
    expect(human.split('\n')).toContain(
      'Assumed a new terminal runs zsh (/bin/zsh, from $SHELL) as a login shell: macOS terminals start login shells; --shell-mode changes it.',
    );
  });

  it('$SHELL unset: the passwd entry, named even though that fish is not installed here', async () => {
    const { report, human } = await run(
      pendingHome('.config/fish/config.fish', `set -gx ANTHROPIC_API_KEY ${key}\n`),
      { env: { USER: 'ana' } },
    );
    expect(report.environment.assumedShell).toMatchObject({
      name: 'fish',
      program: '/usr/local/bin/fish',
      from: 'passwd',
      mode: 'interactive',
    });
    expect(human).toContain('~/.config/fish/config.fish:1');
    expect(human).toContain(
      'Assumed a new terminal runs fish (/usr/local/bin/fish, from your passwd entry) as an interactive shell:',
    );
  });

  it('--shell-mode overrides the platform, and the line says so', async () => {
    const { report, human } = await run(
      pendingHome('.bash_profile', `export ANTHROPIC_API_KEY=${key}\n`),
      { env: { SHELL: '/bin/bash' }, shellMode: 'login' },
    );
    expect(report.environment.assumedShell).toMatchObject({
      name: 'bash',
      mode: 'login',
      modeFrom: '--shell-mode',
      why: 'set by --shell-mode',
    });
    expect(human).toContain('~/.bash_profile:1');
    expect(human.split('\n')).toContain(
      'Assumed a new terminal runs bash (/bin/bash, from $SHELL) as a login shell, as --shell-mode says.',
    );
  });

  it('a key inherited from the parent process (no startup line) still names it: a new terminal is the fix', async () => {
    const { human, report } = await run(makeFixture({ home: subscriptionHome() }), {
      env: { SHELL: '/bin/bash', ANTHROPIC_API_KEY: key },
    });
    expect(report.fixPlan.map((s) => s.id)).toContain('restart-terminal');
    expect(human).toContain('Assumed a new terminal runs bash (/bin/bash, from $SHELL)');
  });

  it('names a hand-over to another shell', async () => {
    const { report, human } = await run(
      pendingHome('.bashrc', `export ANTHROPIC_API_KEY=${key}\nexec fish\n`),
      { env: { SHELL: '/bin/bash' } },
    );
    expect(report.environment.assumedShell?.handoff).toEqual({
      to: 'fish',
      login: false,
      at: '~/.bashrc:2',
    });
    expect(human).toContain('Then ~/.bashrc:2 hands the terminal to fish (`exec`).');
  });

  it('a healthy run stays three lines, but the ticket report always names the shell', async () => {
    const { report, human, markdown } = await run(makeFixture({ home: subscriptionHome() }), {
      env: { SHELL: '/bin/zsh' },
      platform: 'darwin',
    });
    expect(report.environment.assumedShell).toMatchObject({ name: 'zsh', mode: 'login' });
    expect(human.trimEnd().split('\n')).toHaveLength(3);
    expect(human).not.toContain('Assumed');
    expect(markdown).toContain(
      'Assumed a new terminal runs zsh (/bin/zsh, from $SHELL) as a login shell: macOS terminals start login shells; --shell-mode changes it.',
    );
  });

  it('without $SHELL or a passwd entry, says it could not tell', async () => {
    const { report, markdown } = await run(makeFixture({ home: subscriptionHome() }));
    expect(report.environment.assumedShell).toMatchObject({
      name: 'unknown',
      program: null,
      from: 'none',
    });
    expect(markdown).toContain('Could not tell which shell a new terminal runs');
  });
});

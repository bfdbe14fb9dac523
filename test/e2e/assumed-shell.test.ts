import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The built bin says which shell and mode it assumed a new terminal starts: in --json
// (environment.assumedShell), in the human output where a startup line is named, and in the
// ticket report; $SHELL, the passwd entry (CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT/etc/passwd) and
// --shell-mode each decide it.

const key = KEYS.apiKey;

function fixture(env: Record<string, string>) {
  return makeFixture({
    home: subscriptionHome({
      '.bash_profile': `export ANTHROPIC_API_KEY=${key}\n`,
      '.bashrc': `export ANTHROPIC_API_KEY=${key}\n`,
    }),
    system: { 'etc/passwd': 'ana:x:1000:1000::/home/ana:/bin/bash\n' },
    env,
  });
}

async function doctor(env: Record<string, string>, args: string[]) {
  const f = fixture(env);
  const base = ['--offline', '--expect', 'subscription', '--skip', 'network'];
  const json = await runCli([...base, '--json', ...args], f.env, f.project);
  const human = await runCli([...base, ...args], f.env, f.project);
  const markdown = await runCli(['report', ...base, ...args], f.env, f.project);
  for (const r of [json, human, markdown]) {
    expectNoSecret(r.stdout + r.stderr);
    expect(r.stderr).toBe('');
  }
  const report = JSON.parse(json.stdout) as Report;
  return { shell: report.environment.assumedShell, human: human.stdout, md: markdown.stdout };
}

describe('the assumed shell (built bin)', () => {
  it('$SHELL set: bash, interactive on Linux', async () => {
    const { shell, human, md } = await doctor({ SHELL: '/bin/bash' }, []);
    expect(shell).toEqual({
      name: 'bash',
      program: '/bin/bash',
      from: '$SHELL',
      mode: 'interactive',
      modeFrom: 'platform',
      why: 'Linux and IDE terminals start interactive non-login shells',
    });
    expect(human).toContain('~/.bashrc:1');
    const line =
      'Assumed a new terminal runs bash (/bin/bash, from $SHELL) as an interactive shell: Linux and IDE terminals start interactive non-login shells; --shell-mode changes it.';
    expect(human.split('\n')).toContain(line);
    expect(md).toContain(line);
  });

  it('$SHELL unset: the passwd entry', async () => {
    const { shell, human } = await doctor({ USER: 'ana' }, []);
    expect(shell).toMatchObject({ name: 'bash', program: '/bin/bash', from: 'passwd' });
    expect(human).toContain(
      'Assumed a new terminal runs bash (/bin/bash, from your passwd entry) as an interactive shell',
    );
  });

  it('--shell-mode login: ~/.bash_profile, and the line says the flag chose it', async () => {
    const { shell, human } = await doctor({ SHELL: '/bin/bash' }, ['--shell-mode', 'login']);
    expect(shell).toMatchObject({ mode: 'login', modeFrom: '--shell-mode' });
    expect(human).toContain('~/.bash_profile:1');
    expect(human.split('\n')).toContain(
      'Assumed a new terminal runs bash (/bin/bash, from $SHELL) as a login shell, as --shell-mode says.',
    );
  });
});

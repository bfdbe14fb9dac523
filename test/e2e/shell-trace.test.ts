import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// --trace-shell against the real shells: the user's own zsh or fish starts once, traced; the
// doctor reports the exact line, marks where the static reading differs, never prints the trace,
// stays within --timeout, and never runs a project's .envrc.

const key = KEYS.apiKey;

async function doctor(env: Record<string, string>, cwd: string, extra: string[] = []) {
  const result = await runCli(
    ['--json', '--offline', '--expect', 'subscription', '--only', 'api-key-env', ...extra],
    env,
    cwd,
  );
  expectNoSecret(result.stdout + result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  const check = report.checks.find((c) => c.id === 'api-key-env')!;
  return { result, check, evidence: (check.evidence ?? []).map((e) => `${e.source} ${e.detail}`) };
}

describe.each([
  // Builtins only: the fixture's PATH holds nothing but a fake claude. bash run by root (CI)
  // reads its files through the wrapper that sets PS4; run by anyone else, as a terminal does.
  ['bash', '.bashrc', 'source $(<~/.which)\n', `export ANTHROPIC_API_KEY=${key}\n`],
  ['zsh', '.zshrc', 'source $(<~/.which)\n', `export ANTHROPIC_API_KEY=${key}\n`],
  [
    'fish',
    '.config/fish/config.fish',
    'read -l f < ~/.which; source $f\n',
    `set -gx ANTHROPIC_API_KEY ${key}\n`,
  ],
])('%s', (shell, rc, line, setter) => {
  it('finds the line a run-time `source` reaches, which the static reading cannot', async () => {
    const fixture = makeFixture({
      home: { [rc]: line, '.which': '', '.k': setter, 'marker-rc': '' },
      project: { '.envrc': 'touch "$HOME/envrc-ran"\n' },
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(fixture.home, '.which'), `${fixture.home}/.k\n`);
    const env = { ...fixture.env, SHELL: `/usr/bin/${shell}`, ANTHROPIC_API_KEY: key };

    const plain = await doctor(env, fixture.project);
    expect(plain.evidence).toContain(
      `file:~/${rc}:1 sources a file chosen at run time: it may set ANTHROPIC_API_KEY`,
    );

    const traced = await doctor(env, fixture.project, ['--trace-shell']);
    expect(traced.evidence.join('\n')).toMatch(
      /^file:~\/\.k(:1)? sets ANTHROPIC_API_KEY \(found by --trace-shell; the static reading of the startup files missed it\)$/m,
    );
    // The project's .envrc is data: nothing ran it.
    expect(existsSync(path.join(fixture.home, 'envrc-ran'))).toBe(false);
  });
});

describe('bounds and limits', () => {
  it('a shell that does not finish starting is stopped at --timeout', async () => {
    const fixture = makeFixture({
      home: { '.zshrc': `export ANTHROPIC_API_KEY=${key}\nwhile true; do :; done\n` },
    });
    const env = { ...fixture.env, SHELL: '/usr/bin/zsh', ANTHROPIC_API_KEY: key };
    const { result, evidence } = await doctor(env, fixture.project, [
      '--trace-shell',
      '--timeout',
      '1500',
    ]);
    expect(result.ms).toBeLessThan(1500 + 3000);
    expect(evidence).toContain(
      'command:zsh (--trace-shell) zsh did not finish starting within --timeout, so the lines shown come from reading the startup files (the static model)',
    );
    // The static reading still names the line.
    expect(evidence.some((e) => e.startsWith('file:~/.zshrc:1 sets ANTHROPIC_API_KEY'))).toBe(true);
  });

  it('says which shells it can trace', async () => {
    const fixture = makeFixture({ home: { '.tcshrc': `setenv ANTHROPIC_API_KEY ${key}\n` } });
    const env = { ...fixture.env, SHELL: '/usr/bin/tcsh', ANTHROPIC_API_KEY: key };
    const { evidence } = await doctor(env, fixture.project, ['--trace-shell']);
    expect(evidence).toContain(
      'command:tcsh (--trace-shell) tcsh was not traced: its trace (`set echo`, `-x`) prints commands without their file or line, so the lines shown come from reading the startup files (the static model)',
    );
    expect(evidence.some((e) => e.startsWith('file:~/.tcshrc:1 sets ANTHROPIC_API_KEY'))).toBe(
      true,
    );
  });
});

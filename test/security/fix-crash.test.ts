import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { snapshot } from '../helpers/fix.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// `fix` killed (SIGKILL: no clean-up of any kind) between every two steps of writing two files,
// through the built bin: `--undo` must then restore every file it changed, and a new `fix`
// must not be blocked by the dead run's lock. The steps are the checkpoints of
// src/fix/apply.ts; a step the run never reaches would not kill it, and the test says so.

const KEY = KEYS.apiKey;
const BASHRC = `# .bashrc\nexport ANTHROPIC_API_KEY="${KEY}"\nalias ll='ls -l'\n`;
const SETTINGS = `{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_API_KEY": "${KEY}"\n  }\n}\n`;

const STEPS = [
  'locked',
  'run-created',
  'backed-up:1',
  'recorded:1',
  'backed-up:2',
  'recorded:2',
  'temp-written:1',
  'written:1',
  'marked:1',
  'temp-written:2',
  'written:2',
  'marked:2',
  'done',
];

function setup() {
  const fixture = makeFixture({
    home: subscriptionHome({ '.bashrc': BASHRC, '.claude/settings.json': SETTINGS }),
    env: { ANTHROPIC_API_KEY: KEY },
  });
  const env = { ...fixture.env, XDG_STATE_HOME: path.join(fixture.root, 'state') };
  const run = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await runCli(
      ['fix', '--offline', ...args],
      { ...env, ...extra },
      fixture.project,
    );
    expectNoSecret(result.stdout + result.stderr);
    return result;
  };
  const files = {
    bashrc: path.join(fixture.home, '.bashrc'),
    settings: path.join(fixture.home, '.claude', 'settings.json'),
  };
  return { fixture, run, files };
}

const read = (file: string) => readFileSync(file, 'utf8');

describe('a crash between any two steps of fix (built bin)', () => {
  it.each(STEPS)('killed at %s: --undo restores every file, and fix runs again', async (step) => {
    const { fixture, run, files } = setup();
    const home = snapshot(fixture.home, [path.join(fixture.home, '.cache')]);
    const crashed = await run(['--yes'], { CLAUDE_AUTH_DOCTOR_TEST_CRASH_AT: step });
    // Killed by the signal at that very step, not exited.
    expect(crashed.code).toBeNull();

    const undone = await run(['--undo']);
    expect(undone.code).toBe(0);
    expect(read(files.bashrc)).toBe(BASHRC);
    expect(read(files.settings)).toBe(SETTINGS);
    // No temporary file of the dead run is left beside a file it was writing.
    expect(snapshot(fixture.home, [path.join(fixture.home, '.cache')])).toEqual(home);
    const wrote = ['temp-written:2', 'written:1', 'marked:1', 'written:2', 'marked:2', 'done'];
    expect(undone.stdout).toContain(
      step.startsWith('temp-written:1') || !wrote.includes(step)
        ? 'Nothing to undo'
        : '✔ restored ~/.bashrc',
    );

    // The dead run's lock does not block the next one.
    const again = await run(['--yes']);
    expect(again.stdout).toContain('✔ edited ~/.bashrc');
    expect(again.stdout).toContain('✔ edited ~/.claude/settings.json');
    expect(readdirSync(path.join(fixture.root, 'state', 'claude-auth-doctor'))).toEqual([
      'backups',
    ]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { snapshot } from '../helpers/fix.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// `fix` through the built bin: stdin is not a terminal here, as in CI and pipes.

const ZSHRC = `export EDITOR=vim\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\n`;

function setup() {
  const fixture = makeFixture({
    home: subscriptionHome({
      '.zshrc': ZSHRC,
      '.claude/settings.json': { env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } },
    }),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  });
  const env = { ...fixture.env, XDG_STATE_HOME: path.join(fixture.root, 'state') };
  const run = async (args: string[]) => {
    const result = await runCli(['fix', '--offline', ...args], env, fixture.project);
    expectNoSecret(result.stdout);
    expectNoSecret(result.stderr);
    return result;
  };
  return { fixture, run, zshrc: path.join(fixture.home, '.zshrc') };
}

/** The doctor's own cache (the compiled-code cache among it) is the one place it may always write. */
const ownCache = (fixture: Fixture) => path.join(fixture.home, '.cache', 'claude-auth-doctor');

describe('claude-auth-doctor fix (built bin)', () => {
  it('without a terminal and without --yes prints the plan and exits 1, changing nothing', async () => {
    const { fixture, run } = setup();
    const before = snapshot(fixture.root, [ownCache(fixture)]);
    const result = await run([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('No terminal to ask on, and no --yes');
    expect(result.stdout).toContain('-export ANTHROPIC_API_KEY=[masked]');
    expect(snapshot(fixture.root, [ownCache(fixture)])).toEqual(before);
  });

  it('--dry-run shows masked diffs and exits 0, changing nothing', async () => {
    const { fixture, run } = setup();
    const before = snapshot(fixture.root, [ownCache(fixture)]);
    const result = await run(['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+# export ANTHROPIC_API_KEY=[masked]');
    expect(snapshot(fixture.root, [ownCache(fixture)])).toEqual(before);
  });

  it('--yes applies the edits with a backup in $XDG_STATE_HOME, and --undo restores them', async () => {
    const { fixture, run, zshrc } = setup();
    const applied = await run(['--yes']);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('✔ edited ~/.zshrc');
    expect(readFileSync(zshrc, 'utf8')).toContain('# export ANTHROPIC_API_KEY=');
    expect(readdirSync(path.join(fixture.root, 'state/claude-auth-doctor/backups'))).toHaveLength(
      1,
    );

    const undone = await run(['--undo']);
    expect(undone.code).toBe(0);
    expect(readFileSync(zshrc, 'utf8')).toBe(ZSHRC);
  });

  it.each([
    [['--force'], '--force only goes with --undo'],
    [['--update-timeout', '0'], '--update-timeout must be a positive number'],
  ])('rejects %j with exit 2', async (args, message) => {
    const { run } = setup();
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { runCliInTerminal } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The plain run in a terminal draws listr2's live list (src/render/live.ts); script(1) gives the
// built bin a pseudo-terminal, as a user's terminal would.

/** What the screen shows, roughly: the text without escape sequences and carriage returns. */
const plain = (output: string) => stripVTControlCharacters(output).replace(/\r/g, '');

function setup() {
  return makeFixture({
    home: subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  });
}

describe('in a terminal (built bin, pseudo-terminal)', () => {
  it('draws the live list, ends on every check with its outcome, then the plan, and leaks no secret', async () => {
    const fixture = setup();
    const run = await runCliInTerminal(['--offline'], fixture.env, fixture.project, 100);
    expectNoSecret(run.stdout + run.stderr);
    expect(run.code).toBe(1);
    const screen = plain(run.stdout);
    for (const check of checks) expect(screen).toContain(check.title);
    expect(screen).toMatch(
      /✖ ANTHROPIC_API_KEY\n +› ANTHROPIC_API_KEY \(ending in AK01\) overrides your subscription/,
    );
    expect(screen).toContain('Fix plan');
    expect(screen).toMatch(/\d+ passed, \d+ warnings?, 1 failed/);
  });

  it('redraws the list at most once per 50 ms frame, not on every task event', async () => {
    const fixture = setup();
    const run = await runCliInTerminal(['--offline'], fixture.env, fixture.project, 200);
    expect(run.code).toBe(1);
    // Every frame lists every check once; the last one is the final state.
    const frames = plain(run.stdout).split('Forced login method').length - 1;
    expect(frames).toBeGreaterThanOrEqual(1);
    // Redrawing on each event meant about three frames per check (72 here), whatever the run's length.
    expect(frames).toBeLessThanOrEqual(Math.floor(run.ms / 50) + 2);
    expect(frames).toBeLessThan(3 * checks.length);
  });
});

import { describe, expect, it } from 'vitest';
import { runChecks, type RunnableCheck } from '../../src/run.js';
import { makeFixture } from '../helpers/fixture.js';

// Plan requests carry locations; the run checks their shape, and a plugin written for an
// earlier version that still gives a step `details` keeps them, as instructions by hand.

function plugin(result: unknown): RunnableCheck {
  return {
    id: 'team/check',
    title: 'Team check',
    description: 'A plugin check',
    plugin: 'team',
    run: async () => result as never,
  };
}

describe('plan locations from checks', () => {
  it("turns a plugin's legacy details into by-hand locations", async () => {
    const ctx = makeFixture().context();
    const [outcome] = await runChecks(ctx, [
      plugin({
        status: 'warn',
        summary: 'Proxy missing',
        plan: [{ step: 'fix-network', details: ['set HTTPS_PROXY'] }],
      }),
    ]);
    expect(outcome!.plan).toEqual([
      { step: 'fix-network', locations: [{ kind: 'by-hand', text: 'set HTTPS_PROXY' }] },
    ]);
  });

  it.each([
    [{ kind: 'shell-line', path: '/h/.zshrc', name: 'K', dialect: 'posix' }],
    [{ kind: 'settings-key', path: '/h/s.json' }],
    [{ kind: 'delete-everything', path: '/' }],
    ['a string'],
  ])('counts a result with a malformed location %j as malformed', async (location) => {
    const ctx = makeFixture().context();
    const [outcome] = await runChecks(ctx, [
      plugin({
        status: 'fail',
        summary: 'x',
        plan: [{ step: 'remove-env-credential', locations: [location] }],
      }),
    ]);
    expect(outcome!.report).toMatchObject({ status: 'error', outcome: 'malformed' });
    expect(outcome!.plan).toEqual([]);
  });
});

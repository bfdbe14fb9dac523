import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../src/render/human.js';
import { makeStyle, visibleWidth } from '../../src/render/style.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { reportFor } from '../helpers/report.js';
import { ENV_KEY_OVER_MAX, EVERYTHING_AT_ONCE } from '../helpers/scenarios.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Golden outputs of the human mode at 60, 80 and 120 columns: the order (verdict, problems,
// plan, one line for the rest), the row format and the hanging indent, read as a user would.
// Reports are built in-process with a fixed clock; the fixture's root is normalised.

const HOMES: Record<string, () => Fixture> = {
  'clean-subscription': () => makeFixture({ home: subscriptionHome() }),
  'env-key-over-max': () => makeFixture(ENV_KEY_OVER_MAX),
  'everything-at-once': () => makeFixture(EVERYTHING_AT_ONCE),
  'broken-files': () =>
    makeFixture({
      home: {
        '.claude/settings.json': `{ "env": { "ANTHROPIC_API_KEY": "${KEYS.apiKey}", }`,
        '.claude.json': '[]',
      },
      claude: null,
    }),
};

async function human(name: string, width: number | null, verbose = false): Promise<string> {
  const fixture = HOMES[name]!();
  const report = await reportFor(fixture);
  const style = makeStyle({ color: false, unicode: true, width, cursor: false });
  return renderHuman(report, { style, verbose }).split(fixture.root).join('<fixture>');
}

describe('human output (golden, per width)', () => {
  for (const name of Object.keys(HOMES))
    for (const width of [60, 80, 120])
      it(`${name} at ${width} columns`, async () => {
        const text = await human(name, width);
        expectNoSecret(text);
        expect(text).not.toContain(tmpdir());
        // Only what must stay whole may pass the width: a long word (a path) or a command.
        for (const line of text.split('\n'))
          if (visibleWidth(line) > width)
            expect(line.trim()).toMatch(/^(\S+|\$ .*|\S*`[^`]+`\S*)$/);
        await expect(text).toMatchFileSnapshot(`./__snapshots__/human-${name}-${width}.txt`);
      });

  it('--verbose lists every check, at 80 columns', async () => {
    const text = await human('env-key-over-max', 80, true);
    await expect(text).toMatchFileSnapshot('./__snapshots__/human-env-key-over-max-verbose-80.txt');
  });

  it('a healthy setup prints the verdict and an all-clear, at most five lines', async () => {
    const text = await human('clean-subscription', 80);
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(5);
    expect(text).toMatch(/^Claude Code will use your claude\.ai Max 20x login/);
    expect(text).toMatch(/All clear: \d+ checks passed/);
  });

  it('piped (no width), lines are never wrapped', async () => {
    const text = await human('env-key-over-max', null);
    expect(text.split('\n').some((line) => line.length > 120)).toBe(true);
    // Wrapping at 60 columns changes only the white space between the same words.
    const wrapped = await human('env-key-over-max', 60);
    expect(wrapped).not.toBe(text);
    expect(wrapped.split(/\s+/)).toEqual(text.split(/\s+/));
  });
});

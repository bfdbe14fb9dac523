import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../src/anonymize.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import {
  makeFixture,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  type Fixture,
} from '../helpers/fixture.js';
import { reportFor, richFixture } from '../helpers/report.js';
import { ENV_KEY_OVER_MAX, EVERYTHING_AT_ONCE } from '../helpers/scenarios.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Snapshots of the ticket Markdown. Reports are built in-process with a fixed clock and
// machine, so the header line's time is fixed too; the fixture's temporary root is the only
// thing normalised.

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
  'wsl-ssh-ci-two-claudes': richFixture,
};

async function markdownFor(make: () => Fixture, anonymized = false): Promise<string> {
  const fixture = make();
  const report = await reportFor(fixture);
  const text = renderMarkdown(
    anonymized
      ? anonymize(report, {
          userNames: [],
          homes: [fixture.home],
          hostnames: ['fixture-host'],
          organizations: [SUBSCRIPTION_ACCOUNT.organizationName],
        })
      : report,
  );
  return text.split(fixture.root).join('<fixture>');
}

describe('the ticket Markdown', () => {
  it.each(Object.keys(HOMES))('%s', async (name) => {
    const text = await markdownFor(HOMES[name]!);
    expectNoSecret(text);
    expect(text).not.toContain('\u001b[');
    expect(text).not.toContain(tmpdir());
    // The header line holds the only time.
    expect(text.split('\n').filter((line) => /\d{2}:\d{2}:\d{2}/.test(line))).toEqual([
      text.split('\n')[2],
    ]);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/report-${name}.md`);
  });

  it('anonymized', async () => {
    const text = await markdownFor(HOMES['env-key-over-max']!, true);
    expect(text).not.toMatch(/ada@example\.com|Ada Org/);
    expect(text).toContain('account &lt;email-1&gt; (&lt;org-1&gt;)');
    await expect(text).toMatchFileSnapshot('./__snapshots__/report-anonymized.md');
  });

  it('puts the summary first and folds everything else into one <details> block', async () => {
    const text = await markdownFor(HOMES['env-key-over-max']!);
    const [summary, rest] = text.split('<details>');
    expect(summary).toContain('**Claude Code will use ANTHROPIC_API_KEY from ~/.zshrc:1');
    expect(summary).toContain('| ❌ fail | `api-key-env` |');
    expect(summary).toContain('**Fix plan**');
    expect(summary).not.toContain('#### ');
    expect(rest).toMatch(/^\n<summary>[^\n]+<\/summary>\n/);
    expect(rest!.trimEnd().endsWith('</details>')).toBe(true);
    expect(text.match(/<details>|<\/details>/g)).toEqual(['<details>', '</details>']);
  });

  it("escapes HTML and table pipes from the user's files", async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude.json': {
          oauthAccount: {
            ...SUBSCRIPTION_ACCOUNT,
            organizationName: 'A|B </details><script>x</script>',
          },
        },
      }),
    });
    const text = renderMarkdown(await reportFor(fixture));
    expect(text).toContain('(A|B &lt;/details&gt;&lt;script&gt;x&lt;/script&gt;)');
    expect(text.match(/<\/details>/g)).toHaveLength(1);
  });
});

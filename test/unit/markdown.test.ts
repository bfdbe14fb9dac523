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
    // Placeholders read as code, not as escaped HTML.
    expect(text).toContain('account `<email-1>` (`<org-1>`)');
    expect(text).not.toContain('&lt;email-1&gt;');
    await expect(text).toMatchFileSnapshot('./__snapshots__/report-anonymized.md');
  });

  it('puts the verdict first, then only the problems, the plan and the chain; folds the rest', async () => {
    const text = await markdownFor(HOMES['env-key-over-max']!);
    const [summary, rest] = text.split('<details>');
    const order = [
      '**Scripts, `claude -p` and the SDK will use ANTHROPIC_API_KEY from ~/.zshrc:1',
      '**Problems**',
      '- ❌ fail **ANTHROPIC_API_KEY** (`api-key-env`)',
      '**Fix plan**',
      '`claude-auth-doctor fix` does step 1 for you, asking first.',
      '```mermaid',
      '14 other checks passed, 6 skipped',
    ].map((part) => summary!.indexOf(part));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    // Passing checks appear only in the folded part.
    expect(summary).not.toContain('subscription-login');
    expect(rest).toContain('| ✅ pass | `subscription-login` |');
    expect(summary).not.toContain('#### ');
    expect(rest).toMatch(/^\n<summary>[^\n]+<\/summary>\n/);
    expect(rest!.trimEnd().endsWith('</details>')).toBe(true);
    expect(text.match(/<details>|<\/details>/g)).toEqual(['<details>', '</details>']);
  });

  it('draws the precedence chain: every credential in order, the winner highlighted, masked labels', async () => {
    const text = await markdownFor(HOMES['everything-at-once']!);
    const chart = /```mermaid\n([\s\S]*?)```/.exec(text)![1]!;
    const nodes = [...chart.matchAll(/c(\d+)\["([^"]*)"\]:::(winner|shadowed)/g)].map((m) => [
      m[2]!.split('<br/>')[0],
      m[3],
    ]);
    // Claude Code's order (facts, section 3): the first present wins, the rest are shadowed.
    expect(nodes).toEqual([
      ['ANTHROPIC_AUTH_TOKEN (ending in AT01)', 'winner'],
      ['apiKeyHelper', 'shadowed'],
      ['ANTHROPIC_API_KEY (ending in AK01)', 'shadowed'],
      ['CLAUDE_CODE_OAUTH_TOKEN (ending in OT01)', 'shadowed'],
      ['claude.ai Max 20x login (ending in AC01)', 'shadowed'],
      ['Console key (/login) (ending in CK01)', 'shadowed'],
    ]);
    expect(chart).toContain('~/.claude/settings.json#35;env.ANTHROPIC_AUTH_TOKEN');
    expect(chart).toMatch(/c0 --> c1\["apiKeyHelper/);
    expectNoSecret(chart);
    // A healthy setup has one credential and no picture.
    expect(await markdownFor(HOMES['clean-subscription']!)).not.toContain('```mermaid');
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

import { chownSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/claude-auth-status.js';
import { methodsFor, parseAuthStatus } from '../../src/sources/claude-auth-status.js';
import { authModel } from '../../src/credentials.js';
import { coversEveryOutcome, runCheck } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

/** A fake `claude` (builtins only: PATH holds nothing else) that answers --version and, with the auto-updater off, `auth status --json`. */
function fakeClaude(statusJson: string, extra = ''): FixtureSpec['claude'] {
  return {
    script: [
      'if [ "$1" = --version ]; then echo "2.1.331 (Claude Code)"; exit 0; fi',
      '[ "$DISABLE_AUTOUPDATER" = 1 ] || exit 9',
      '[ "$1 $2 $3" = "auth status --json" ] || exit 8',
      extra,
      `printf '%s\\n' '${statusJson}'`,
    ].join('\n'),
  };
}

const SUB_STATUS = JSON.stringify({
  loggedIn: true,
  authMethod: 'claude.ai',
  apiProvider: 'firstParty',
  email: 'private-person@example.com',
  orgName: 'Secret Org',
});

coversEveryOutcome(check);

describe('claude-auth-status', () => {
  it('skips without --ask-claude and never runs claude auth status', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      claude: fakeClaude(SUB_STATUS, 'echo ran > "$HOME/ran"'),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('not-asked');
    expect(existsSync(path.join(fixture.home, 'ran'))).toBe(false);
  });

  it('skips when there is no claude to ask', async () => {
    const result = await runCheck(
      check,
      makeFixture({ claude: null }).context({ askClaude: true }),
    );
    expect(result.outcome).toBe('no-claude');
  });

  it("never runs a claude owned by another user (root's aside)", async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      claude: fakeClaude(SUB_STATUS, 'echo ran > "$HOME/ran"'),
    });
    // As root, a real second owner; otherwise the file is the user's, so the run is someone else.
    const root = process.getuid?.() === 0;
    if (root) chownSync(path.join(fixture.bin, 'claude'), 65534, 65534);
    const uid = root ? 0 : process.getuid!() + 1;
    const result = await runCheck(check, fixture.context({ askClaude: true, uid }));
    expect(result.outcome).toBe('foreign-claude');
    expect(result.summary).toMatch(/owned by another user, so the doctor did not run it/);
    expect(existsSync(path.join(fixture.home, 'ran'))).toBe(false);
  });

  it.each<[string, FixtureSpec, string, string]>([
    ['a subscription', { home: subscriptionHome() }, SUB_STATUS, 'agrees'],
    [
      'an env key',
      { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      '{"authMethod":"api_key","apiKeySource":"ANTHROPIC_API_KEY"}',
      'agrees',
    ],
    [
      'a Console key',
      { home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } },
      '{"authMethod":"api_key","apiKeySource":"/login managed key"}',
      'agrees',
    ],
    [
      'Bedrock',
      { env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
      '{"authMethod":"third_party","apiProvider":"bedrock"}',
      'agrees',
    ],
    [
      'a project-only key, which auth status ignores',
      {
        home: subscriptionHome(),
        project: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
      },
      SUB_STATUS,
      'agrees',
    ],
    [
      'a method mismatch',
      { home: subscriptionHome() },
      '{"authMethod":"api_key","apiKeySource":"ANTHROPIC_API_KEY"}',
      'disagrees',
    ],
    [
      'a provider mismatch',
      { env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
      '{"authMethod":"third_party","apiProvider":"vertex"}',
      'disagrees',
    ],
    [
      'a Console key where the doctor sees an env key',
      { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      '{"authMethod":"api_key","apiKeySource":"/login managed key"}',
      'disagrees',
    ],
    ['output that is not JSON', { home: subscriptionHome() }, 'Not logged in', 'unreadable'],
  ])('%s', async (_name, spec, status, expected) => {
    const fixture = makeFixture({ ...spec, claude: fakeClaude(status) });
    const result = await runCheck(check, fixture.context({ askClaude: true }));
    expect(result.outcome).toBe(expected);
    expect(JSON.stringify(result)).not.toMatch(/private-person|Secret Org/);
  });

  it('shows both views when they disagree', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      claude: fakeClaude('{"authMethod":"api_key_helper","apiKeySource":"apiKeyHelper"}'),
    });
    const result = await runCheck(check, fixture.context({ askClaude: true }));
    expect(result.outcome).toBe('disagrees');
    expect(result.values).toEqual({
      theirs: 'authMethod api_key_helper, apiKeySource apiKeyHelper',
      method: 'subscription',
    });
    expect(result.evidence?.map((e) => e.source)).toEqual([
      `command:${fixture.bin}/claude auth status --json`,
      'file:~/.claude/.credentials.json#claudeAiOauth',
    ]);
  });

  it('runs after the doctor has read everything, since auth status rewrites files', async () => {
    // The fake rewrites .claude.json as the real one may; the doctor's model must predate it.
    const fixture = makeFixture({
      home: subscriptionHome(),
      claude: fakeClaude(
        SUB_STATUS,
        `echo '{"primaryApiKey":"${KEYS.consoleKey}"}' > "$HOME/.claude.json"`,
      ),
    });
    const ctx = fixture.context({ askClaude: true });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('agrees');
    expect(readFileSync(path.join(fixture.home, '.claude.json'), 'utf8')).toContain(
      'primaryApiKey',
    );
    expect((await authModel(ctx)).candidates.map((c) => c.method)).toEqual(['subscription']);
  });

  it('gives up within the timeout', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      claude: fakeClaude(SUB_STATUS, '/bin/sleep 30'),
    });
    const started = Date.now();
    const result = await runCheck(check, fixture.context({ askClaude: true, timeoutMs: 700 }));
    expect(result.outcome).toBe('unreadable');
    expect(result.values?.why).toBe('no answer within 700 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['{"authMethod":"claude.ai"}', ['subscription']],
    ['{"authMethod":"api_key","apiKeySource":"ANTHROPIC_API_KEY"}', ['api-key']],
    ['{"authMethod":"api_key","apiKeySource":"/login managed key"}', ['console-key']],
    ['{"authMethod":"oauth_token"}', ['auth-token', 'oauth-token']],
    ['{"authMethod":"api_key_helper"}', ['api-key-helper']],
    ['{"authMethod":"third_party","apiProvider":"bedrock"}', ['third-party']],
    ['{"authMethod":"none"}', ['none']],
    ['{"authMethod":"something_new"}', []],
  ])('maps %s', (json, methods) => {
    expect(methodsFor(parseAuthStatus(json)!)).toEqual(methods);
  });

  it.each(['', '[]', '{"authMethod":42}', '{"authMethod":"<script>"}'])('rejects %j', (text) => {
    expect(parseAuthStatus(text)).toBeNull();
  });
});

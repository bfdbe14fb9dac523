import { describe, expect, it } from 'vitest';
import check from '../../checks/mixed-credentials.js';
import { makeFixture, subscriptionHome, SUBSCRIPTION_ACCOUNT } from '../helpers/fixture.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { KEYS } from '../helpers/secrets.js';
import { copiedAccessToken, gatewayTokenBesideConsoleKey } from '../helpers/scenarios.js';

coversEveryOutcome(check);

describe('mixed-credentials', () => {
  it('passes with a single credential', async () => {
    const result = await runCheck(check, makeFixture({ home: subscriptionHome() }).context());
    expect(result.outcome).toBe('single');
    expect(result.values?.credential).toBe('your claude.ai Max 20x login');
  });

  it('passes with none', async () => {
    expect((await runCheck(check, makeFixture().context())).outcome).toBe('none');
  });

  it('names the winner and the shadowed ones', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey, ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('several');
    expect(result.values).toEqual({
      count: 3,
      wins: '; ANTHROPIC_AUTH_TOKEN wins over ANTHROPIC_API_KEY, your claude.ai Max 20x login',
    });
    expect(result.evidence?.map((e) => e.detail.split(': ')[1])).toEqual([
      'wins',
      'shadowed',
      'shadowed',
    ]);
  });

  it('plans logout and login for a Console key stored beside the subscription', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('console-beside-login');
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify']);
  });

  it('plans both for a stored Console key and an apiKeyHelper beside the subscription', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
        '.claude/settings.json': { apiKeyHelper: 'echo one' },
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('console-and-helper-beside-login');
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify', 'remove-env-credential']);
    expect(result.fix).toHaveLength(2);
  });

  it('plans removing an apiKeyHelper that shadows the subscription', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/settings.json': { apiKeyHelper: `echo ${KEYS.apiKey}` } }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('helper-beside-login');
    expect(result.plan?.[0]).toEqual({
      step: 'remove-env-credential',
      locations: [
        {
          kind: 'settings-key',
          path: `${fixture.home}/.claude/settings.json`,
          key: 'apiKeyHelper',
        },
      ],
    });
  });

  it('plans removing every apiKeyHelper, and leaves a managed one to the administrator', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/settings.json': { apiKeyHelper: 'echo one' } }),
      project: { '.claude/settings.json': { apiKeyHelper: 'echo two' } },
      system: { 'etc/claude-code/managed-settings.json': { apiKeyHelper: 'echo three' } },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.plan?.[0]?.locations).toEqual([
      { kind: 'settings-key', path: `${fixture.home}/.claude/settings.json`, key: 'apiKeyHelper' },
      {
        kind: 'settings-key',
        path: `${fixture.project}/.claude/settings.json`,
        key: 'apiKeyHelper',
      },
      {
        kind: 'settings-key',
        path: `${fixture.system}/etc/claude-code/managed-settings.json`,
        key: 'apiKeyHelper',
        managed: true,
      },
    ]);
  });

  it('marks a login without user:inference as ignored', async () => {
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': {
          claudeAiOauth: { accessToken: KEYS.accessToken, scopes: ['user:profile'] },
        },
      },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.evidence?.[1]?.detail).toContain(
      'ignored (the login lacks the user:inference scope)',
    );
  });
});

describe('mixed-credentials in real setups (issue 19)', () => {
  // Alishahryar1/free-claude-code#741.
  it('a gateway token beside a stored Console key: log out', async () => {
    const result = await runCheck(check, gatewayTokenBesideConsoleKey().context());
    expect(result).toMatchObject({ status: 'warn', outcome: 'gateway-beside-console-key' });
    expect(planSteps(result)).toEqual(['logout', 'verify']);
  });

  // nanocoai/nanoclaw#730: a copy of the stored login is not a second credential.
  it('a CLAUDE_CODE_OAUTH_TOKEN copied from the stored login counts once', async () => {
    const result = await runCheck(check, copiedAccessToken(Date.now() + 3600_000).context());
    expect(result).toMatchObject({ status: 'pass', outcome: 'single' });
  });
});

import { describe, expect, it } from 'vitest';
import check from '../../checks/auto-reload.js';
import { makeFixture, subscriptionHome, SUBSCRIPTION_ACCOUNT } from '../helpers/fixture.js';
import { coversEveryOutcome, runCheck } from '../helpers/check.js';
import { KEYS, suffix20 } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('auto-reload', () => {
  it('passes when the subscription is in effect', async () => {
    const result = await runCheck(check, makeFixture({ home: subscriptionHome() }).context());
    expect(result.status).toBe('pass');
  });

  it('warns when an env key bills API credits, saying the setting cannot be read', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('api-billed');
    expect(result.values).toEqual({ where: 'in every session', method: 'api-key' });
    expect(result.fix?.[0]).toContain('Billing');
  });

  it('warns for a stored Console key', async () => {
    const fixture = makeFixture({ home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } });
    expect((await runCheck(check, fixture.context())).status).toBe('warn');
  });

  it('warns for interactive sessions when the approved key applies there', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude.json': {
          customApiKeyResponses: { approved: [suffix20(KEYS.apiKey)], rejected: [] },
        },
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect((await runCheck(check, fixture.context())).status).toBe('warn');
  });

  it("mentions the plan's extra usage when it is on", async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude.json': { oauthAccount: { ...SUBSCRIPTION_ACCOUNT, hasExtraUsageEnabled: true } },
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('pass');
    expect(result.evidence?.[0]?.detail).toContain('extra usage is on');
  });
});

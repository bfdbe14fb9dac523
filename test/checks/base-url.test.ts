import { describe, expect, it } from 'vitest';
import check from '../../checks/base-url.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('base-url', () => {
  it.each<[string, FixtureSpec, string, object]>([
    ['not set', { home: subscriptionHome() }, 'not-set', {}],
    [
      'Anthropic itself',
      { home: subscriptionHome(), env: { ANTHROPIC_BASE_URL: 'https://api.anthropic.com/' } },
      'anthropic',
      { host: 'api.anthropic.com' },
    ],
    [
      'a gateway with an API key',
      { env: { ANTHROPIC_BASE_URL: 'https://llm.corp.example', ANTHROPIC_API_KEY: KEYS.apiKey } },
      'gateway',
      { host: 'llm.corp.example', method: 'api-key' },
    ],
    [
      'a proxy with a subscription login',
      { home: subscriptionHome(), env: { ANTHROPIC_BASE_URL: 'https://proxy.example.com' } },
      'subscription-elsewhere',
      { host: 'proxy.example.com', method: 'subscription' },
    ],
    [
      'a proxy with a setup-token',
      {
        env: {
          ANTHROPIC_BASE_URL: 'http://127.0.0.1:8080',
          CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken,
        },
      },
      'subscription-elsewhere',
      { host: '127.0.0.1', method: 'oauth-token' },
    ],
    ['not a URL', { env: { ANTHROPIC_BASE_URL: 'proxy.example.com' } }, 'invalid', {}],
  ])('%s', async (_name, spec, outcome, values) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
  });

  it('never shows a password in the URL and plans the removal from settings', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude/settings.json': {
          env: { ANTHROPIC_BASE_URL: 'https://ada:hunter2-very-secret@proxy.example.com/v1' },
        },
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('warn');
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(result.evidence?.[0]?.detail).toContain('(https://proxy.example.com/v1)');
    // Set only in settings: removed there, no `unset`, no new terminal (issue 19).
    expect(planSteps(result)).toEqual(['remove-env-credential', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'settings-env',
        path: `${fixture.home}/.claude/settings.json`,
        name: 'ANTHROPIC_BASE_URL',
      },
    ]);
  });
});

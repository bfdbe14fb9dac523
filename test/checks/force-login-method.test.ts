import { describe, expect, it } from 'vitest';
import check from '../../checks/force-login-method.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import {
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  subscriptionHome,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

const settings = (values: object) => ({ '.claude/settings.json': values });
const OTHER = '99999999-0000-0000-0000-000000000000';
const consoleHome = { '.claude.json': { primaryApiKey: KEYS.consoleKey } };

coversEveryOutcome(check);

describe('force-login-method', () => {
  it.each<[string, FixtureSpec, string]>([
    ['nothing forced', { home: subscriptionHome() }, 'none'],
    [
      'claudeai with a subscription',
      { home: subscriptionHome(settings({ forceLoginMethod: 'claudeai' })) },
      'agree',
    ],
    [
      'console with a Console key',
      { home: { ...consoleHome, ...settings({ forceLoginMethod: 'console' }) } },
      'agree',
    ],
    [
      'the right organization',
      {
        home: subscriptionHome(
          settings({ forceLoginOrgUUID: SUBSCRIPTION_ACCOUNT.organizationUuid.toUpperCase() }),
        ),
      },
      'agree',
    ],
    [
      'console with a subscription',
      { home: subscriptionHome(settings({ forceLoginMethod: 'console' })) },
      'console-over-subscription',
    ],
    [
      'claudeai with a Console key',
      { home: { ...consoleHome, ...settings({ forceLoginMethod: 'claudeai' }) } },
      'claudeai-over-console',
    ],
    [
      'an unknown value',
      { home: subscriptionHome(settings({ forceLoginMethod: 'sso' })) },
      'invalid-method',
    ],
    [
      'another organization',
      {
        home: subscriptionHome(
          settings({ forceLoginOrgUUID: '99999999-0000-0000-0000-000000000000' }),
        ),
      },
      'wrong-org',
    ],
    [
      'an unknown value and another organization',
      { home: subscriptionHome(settings({ forceLoginMethod: 'sso', forceLoginOrgUUID: OTHER })) },
      'invalid-method-wrong-org',
    ],
  ])('%s', async (_name, spec, outcome) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
  });

  it('names both contradictions when claude.ai is forced on API billing in another organization', async () => {
    const home = subscriptionHome(
      settings({ forceLoginMethod: 'claudeai', forceLoginOrgUUID: OTHER }),
    );
    const result = await runCheck(check, makeFixture({ home }).context({ expect: 'api' }));
    expect(result.outcome).toBe('claudeai-over-console-wrong-org');
    expect(result.values).toMatchObject({ owner: 'edit ~/.claude/settings.json', wanted: OTHER });
  });

  it('points managed settings at the administrator and a wrong organization at a new login', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      system: {
        'etc/claude-code/managed-settings.json': {
          forceLoginMethod: 'console',
          forceLoginOrgUUID: '99999999-0000-0000-0000-000000000000',
        },
      },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('console-over-subscription-wrong-org');
    expect(sources(result)).toEqual([
      `file:${fixture.system}/etc/claude-code/managed-settings.json#forceLoginMethod`,
      `file:${fixture.system}/etc/claude-code/managed-settings.json#forceLoginOrgUUID`,
      'file:~/.claude.json#oauthAccount.organizationUuid',
    ]);
    expect(result.fix?.[0]).toContain('ask your administrator');
    // The forced method goes before the new login, or the login is forced the wrong way again.
    expect(planSteps(result)).toEqual(['remove-forced-login', 'logout', 'login', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'settings-key',
        path: `${fixture.system}/etc/claude-code/managed-settings.json`,
        key: 'forceLoginMethod',
        managed: true,
      },
    ]);
  });

  // anthropics/claude-code#928: the subscription option "missing" at /login.
  it('plans removing a user forceLoginMethod before the login, as an edit fix can apply', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/settings.json': { forceLoginMethod: 'console' } }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('console-over-subscription');
    expect(planSteps(result)).toEqual(['remove-forced-login', 'login', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'settings-key',
        path: `${fixture.home}/.claude/settings.json`,
        key: 'forceLoginMethod',
      },
    ]);
  });
});

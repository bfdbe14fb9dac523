import { describe, expect, it } from 'vitest';
import check from '../../checks/force-login-method.js';
import { planSteps, runCheck, sources } from '../helpers/check.js';
import {
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  subscriptionHome,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

const settings = (values: object) => ({ '.claude/settings.json': values });
const consoleHome = { '.claude.json': { primaryApiKey: KEYS.consoleKey } };

describe('force-login-method', () => {
  it.each<[string, FixtureSpec, string, RegExp]>([
    ['nothing forced', { home: subscriptionHome() }, 'pass', /No settings file forces/],
    [
      'claudeai with a subscription',
      { home: subscriptionHome(settings({ forceLoginMethod: 'claudeai' })) },
      'pass',
      /agree/,
    ],
    [
      'console with a Console key',
      { home: { ...consoleHome, ...settings({ forceLoginMethod: 'console' }) } },
      'pass',
      /agree/,
    ],
    [
      'the right organization',
      {
        home: subscriptionHome(
          settings({ forceLoginOrgUUID: SUBSCRIPTION_ACCOUNT.organizationUuid.toUpperCase() }),
        ),
      },
      'pass',
      /agree/,
    ],
    [
      'console with a subscription',
      { home: subscriptionHome(settings({ forceLoginMethod: 'console' })) },
      'warn',
      /will not offer the subscription/,
    ],
    [
      'claudeai with a Console key',
      { home: { ...consoleHome, ...settings({ forceLoginMethod: 'claudeai' }) } },
      'warn',
      /will not offer a Console account/,
    ],
    [
      'an unknown value',
      { home: subscriptionHome(settings({ forceLoginMethod: 'sso' })) },
      'warn',
      /is not "claudeai" or "console"/,
    ],
    [
      'another organization',
      {
        home: subscriptionHome(
          settings({ forceLoginOrgUUID: '99999999-0000-0000-0000-000000000000' }),
        ),
      },
      'warn',
      /another organization/,
    ],
  ])('%s', async (_name, spec, status, summary) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.status).toBe(status);
    expect(result.summary).toMatch(summary);
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
    expect(result.status).toBe('warn');
    expect(sources(result)).toEqual([
      `file:${fixture.system}/etc/claude-code/managed-settings.json#forceLoginMethod`,
      `file:${fixture.system}/etc/claude-code/managed-settings.json#forceLoginOrgUUID`,
      'file:~/.claude.json#oauthAccount.organizationUuid',
    ]);
    expect(result.fix?.[0]).toContain('ask your administrator');
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify']);
  });
});

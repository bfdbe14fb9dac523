import { describe, expect, it } from 'vitest';
import check from '../../checks/policy.js';
import type { Policy } from '../../src/config/schema.js';
import {
  makeFixture,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { KEYS } from '../helpers/secrets.js';

const ORG = SUBSCRIPTION_ACCOUNT.organizationUuid;
const withKey: FixtureSpec = { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } };
const gateway = (url: string): FixtureSpec => ({
  home: subscriptionHome(),
  env: { ANTHROPIC_BASE_URL: url },
});

coversEveryOutcome(check);

describe('policy', () => {
  it('skips when no policy is configured', async () => {
    const result = await runCheck(check, makeFixture({ home: subscriptionHome() }).context());
    expect(result.outcome).toBe('no-policy');
  });

  it.each<[string, FixtureSpec, Policy]>([
    [
      'the subscription is the required method',
      { home: subscriptionHome() },
      { requireMethod: ['subscription'] },
    ],
    [
      'an API key is one of the allowed methods',
      withKey,
      { requireMethod: ['subscription', 'api-key'] },
    ],
    [
      'the login email domain is allowed',
      { home: subscriptionHome() },
      { allowedOrganizations: ['Example.com'] },
    ],
    [
      'the organization UUID is allowed',
      { home: subscriptionHome() },
      { allowedOrganizations: [ORG] },
    ],
    [
      'no login exists to belong anywhere',
      { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      { allowedOrganizations: ['example.com'] },
    ],
    [
      'the base URL host is allowed',
      gateway('https://gateway.corp.example/v1'),
      { allowBaseUrl: ['gateway.corp.example'] },
    ],
    [
      'the base URL matches a wildcard',
      gateway('https://eu.gateway.corp.example'),
      { allowBaseUrl: ['*.corp.example'] },
    ],
    [
      'the base URL matches a URL entry with its port',
      gateway('http://127.0.0.1:8080'),
      { allowBaseUrl: ['http://127.0.0.1:8080/'] },
    ],
    [
      'no base URL is set',
      { home: subscriptionHome() },
      { allowBaseUrl: ['gateway.corp.example'] },
    ],
  ])('passes when %s', async (_, spec, policy) => {
    const result = await runCheck(check, makeFixture(spec).context({ policy }));
    expect(result.status).toBe('pass');
  });

  it.each<[string, FixtureSpec, Policy, string, string[]]>([
    [
      'an env key wins over the required subscription',
      withKey,
      { requireMethod: ['subscription'] },
      'ANTHROPIC_API_KEY is in use, but the policy requires your claude.ai subscription login',
      ['env:ANTHROPIC_API_KEY'],
    ],
    [
      'the subscription is used where API keys are required',
      { home: subscriptionHome() },
      { requireMethod: ['api-key'] },
      'your claude.ai subscription login is in use',
      ['file:~/.claude/.credentials.json#claudeAiOauth'],
    ],
    [
      'the login belongs to another domain',
      { home: subscriptionHome() },
      { allowedOrganizations: ['corp.example'] },
      'the login belongs to ada@example.com (Ada Org), not to an allowed organization (corp.example)',
      ['file:~/.claude.json#oauthAccount'],
    ],
    [
      'a login is in use but no account is recorded',
      { home: { '.claude/.credentials.json': subscriptionHome()['.claude/.credentials.json']! } },
      { allowedOrganizations: ['example.com'] },
      'an account Claude Code did not record',
      ['file:~/.claude.json#oauthAccount'],
    ],
    [
      'the base URL points at another host',
      gateway('https://user:pw@proxy.elsewhere.example/v1'),
      { allowBaseUrl: ['gateway.corp.example'] },
      'ANTHROPIC_BASE_URL points at proxy.elsewhere.example, which is not in allowBaseUrl',
      ['env:ANTHROPIC_BASE_URL'],
    ],
    [
      'a wildcard does not match the bare domain twin',
      gateway('https://evilcorp.example'),
      { allowBaseUrl: ['*.corp.example'] },
      'points at evilcorp.example',
      ['env:ANTHROPIC_BASE_URL'],
    ],
    [
      'the base URL is not a URL',
      gateway('not a url'),
      { allowBaseUrl: ['gateway.corp.example'] },
      'something that is not a URL',
      ['env:ANTHROPIC_BASE_URL'],
    ],
  ])('fails when %s', async (_, spec, policy, words, evidence) => {
    const result = await runCheck(check, makeFixture(spec).context({ policy }));
    expect(result.outcome).toBe('violated');
    expect(result.values?.broken).toContain(words);
    expect(sources(result)).toEqual(evidence);
    expect(result.fix).toHaveLength(1);
    expect(result.values?.broken).not.toContain('pw');
  });

  it('reports every broken rule at once and asks for a new login for the wrong organization', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey, ANTHROPIC_BASE_URL: 'https://proxy.example' },
    });
    const result = await runCheck(
      check,
      fixture.context({
        policy: {
          requireMethod: ['subscription'],
          allowBaseUrl: ['gw.example'],
          allowedOrganizations: ['corp.example'],
        },
      }),
    );
    expect(result.outcome).toBe('violated');
    expect(String(result.values?.broken).split('; ')).toHaveLength(3);
    expect(result.fix).toHaveLength(3);
    expect(planSteps(result)).toEqual(['verify', 'verify', 'logout', 'login']);
  });
});

import { describe, expect, it } from 'vitest';
import check from '../../checks/oauth-token-env.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';
import { copiedAccessToken } from '../helpers/scenarios.js';

const token = { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken };

coversEveryOutcome(check);

describe('oauth-token-env', () => {
  it.each<[string, FixtureSpec, 'subscription' | 'api' | 'auto', string, object]>([
    ['not set', { home: subscriptionHome() }, 'auto', 'not-set', {}],
    ['on its own', { env: token }, 'auto', 'in-use', { login: '' }],
    [
      'beside a stored login',
      { home: subscriptionHome(), env: token },
      'auto',
      'in-use',
      { login: ' It is used instead of the stored login.' },
    ],
    [
      'ignored under a provider',
      { env: { ...token, CLAUDE_CODE_USE_VERTEX: 'true' } },
      'auto',
      'ignored-by-provider',
      { provider: 'vertex' },
    ],
    ['in use while API billing is expected', { env: token }, 'api', 'in-use-expect-api', {}],
    [
      'shadowed by ANTHROPIC_API_KEY',
      { env: { ...token, ANTHROPIC_API_KEY: KEYS.apiKey } },
      'auto',
      'shadowed-expect-subscription',
      { winner: 'api-key' },
    ],
    [
      'shadowed by ANTHROPIC_AUTH_TOKEN',
      { env: { ...token, ANTHROPIC_AUTH_TOKEN: KEYS.authToken } },
      'auto',
      'shadowed-expect-subscription',
      { winner: 'auth-token' },
    ],
    [
      'shadowed by an apiKeyHelper',
      { home: { '.claude/settings.json': { apiKeyHelper: 'pass show anthropic' } }, env: token },
      'auto',
      'shadowed-expect-subscription',
      { winner: 'api-key-helper' },
    ],
    [
      'white space only',
      { home: subscriptionHome(), env: { CLAUDE_CODE_OAUTH_TOKEN: ' ' } },
      'auto',
      'blank',
      {},
    ],
  ])('%s', async (_name, spec, expectation, outcome, values) => {
    const result = await runCheck(check, makeFixture(spec).context({ expect: expectation }));
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
  });

  it('shows where the token is set (a fish universal variable)', async () => {
    const fixture = makeFixture({
      home: {
        '.config/fish/fish_variables': `# fish\nSETUVAR --export CLAUDE_CODE_OAUTH_TOKEN:${KEYS.oauthToken}\n`,
      },
      env: token,
    });
    const result = await runCheck(check, fixture.context());
    expect(sources(result)).toEqual([
      'env:CLAUDE_CODE_OAUTH_TOKEN',
      'file:~/.config/fish/fish_variables:2',
    ]);
  });

  it('asks to remove the winner, not the token, when a subscription is expected', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ...token, ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.fix?.[0]).toContain('Remove ANTHROPIC_API_KEY');
    expect(planSteps(result)).toEqual(['verify']);
    const api = await runCheck(
      check,
      makeFixture({ env: { ...token, ANTHROPIC_API_KEY: KEYS.apiKey } }).context({ expect: 'api' }),
    );
    expect(planSteps(api)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
  });
});

describe('CLAUDE_CODE_OAUTH_TOKEN set by a startup file this terminal has not run', () => {
  it('is announced by its own check, with the line and what new terminals will do', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.zshrc': `# zsh\nexport CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\n`,
      }),
      env: { SHELL: '/bin/zsh' },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('pending');
    expect(result.summary).toMatch(
      /^CLAUDE_CODE_OAUTH_TOKEN is not in this terminal, but ~\/\.zshrc:2 sets it: new terminals will /,
    );
    expect(sources(result)).toEqual(['file:~/.zshrc:2']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.zshrc`,
        line: 2,
        name: 'CLAUDE_CODE_OAUTH_TOKEN',
        dialect: 'posix',
      },
    ]);
  });

  it("is not announced from another shell's files", async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.config/fish/config.fish': `set -gx CLAUDE_CODE_OAUTH_TOKEN ${KEYS.oauthToken}\n`,
      }),
      env: { SHELL: '/bin/zsh' },
    });
    expect((await runCheck(check, fixture.context())).outcome).toBe('not-set');
  });
});

// nanocoai/nanoclaw#730: the access token copied into CLAUDE_CODE_OAUTH_TOKEN for a container.
describe('oauth-token-env: a token copied from the stored login', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  it('a copied access token that expires within hours: claude setup-token, never unset', async () => {
    const fixture = copiedAccessToken(now.getTime() + 5 * 3600_000);
    const result = await runCheck(check, fixture.context({ now }));
    expect(result).toMatchObject({ status: 'warn', outcome: 'copied-access-token' });
    expect(result.summary).toContain('in 5 hour(s)');
    expect(result.plan).toEqual([
      { step: 'login', command: 'claude setup-token' },
      { step: 'verify' },
    ]);
  });

  it('an expired copy fails', async () => {
    const fixture = copiedAccessToken(now.getTime() - 3600_000);
    const result = await runCheck(check, fixture.context({ now }));
    expect(result).toMatchObject({ status: 'fail', outcome: 'copied-access-token-expired' });
  });

  it('a copied refresh token fails: it is no access token', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.refreshToken },
    });
    const result = await runCheck(check, fixture.context({ now }));
    expect(result).toMatchObject({ status: 'fail', outcome: 'copied-refresh-token' });
    expect(planSteps(result)).toEqual(['login', 'verify']);
  });
});

import { describe, expect, it } from 'vitest';
import check from '../../checks/auth-token-env.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

const token = { ANTHROPIC_AUTH_TOKEN: KEYS.authToken };

coversEveryOutcome(check);

describe('auth-token-env', () => {
  it.each<[string, FixtureSpec, string, object]>([
    ['not set', { home: subscriptionHome() }, 'not-set', {}],
    [
      'a gateway token with ANTHROPIC_BASE_URL',
      { env: { ...token, ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
      'gateway',
      { others: '' },
    ],
    [
      'ignored under a provider',
      { home: subscriptionHome(), env: { ...token, CLAUDE_CODE_USE_BEDROCK: '1' } },
      'ignored-by-provider',
      { provider: 'bedrock' },
    ],
    ['a token with no gateway', { env: token }, 'no-gateway', {}],
    ['white space only', { env: { ANTHROPIC_AUTH_TOKEN: '  ' } }, 'blank', {}],
    [
      'over a subscription',
      { home: subscriptionHome(), env: token },
      'overrides-subscription',
      { subscription: 'subscription' },
    ],
    [
      'over a setup-token',
      { env: { ...token, CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken } },
      'overrides-subscription',
      { subscription: 'oauth-token' },
    ],
  ])('%s', async (_name, spec, outcome, values) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
  });

  it('names the startup file line and plans its removal', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.bashrc': `# proxy\nexport ANTHROPIC_AUTH_TOKEN="${KEYS.authToken}"\n`,
      }),
      env: token,
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('overrides-subscription');
    expect(result.values?.fingerprint).toBe('AT01');
    expect(sources(result)).toEqual(['env:ANTHROPIC_AUTH_TOKEN', 'file:~/.bashrc:2']);
    expect(planSteps(result)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.bashrc`,
        line: 2,
        name: 'ANTHROPIC_AUTH_TOKEN',
        dialect: 'posix',
      },
    ]);
  });

  it('says that auth status does not show a token only project settings set', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      project: { '.claude/settings.local.json': { env: token } },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(sources(result)).toContain(
      'file:~/project/.claude/settings.local.json#env.ANTHROPIC_AUTH_TOKEN',
    );
    expect(result.evidence?.at(-1)?.detail).toContain('`claude auth status` does not show it');
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'settings-env',
        path: `${fixture.project}/.claude/settings.local.json`,
        name: 'ANTHROPIC_AUTH_TOKEN',
      },
    ]);
  });
});

describe('ANTHROPIC_AUTH_TOKEN set by a startup file this terminal has not run', () => {
  it('is announced by its own check, with the line and what new terminals will do', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.zshrc': `# zsh\nexport ANTHROPIC_AUTH_TOKEN=${KEYS.authToken}\n`,
      }),
      env: { SHELL: '/bin/zsh' },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('pending');
    expect(result.summary).toMatch(
      /^ANTHROPIC_AUTH_TOKEN is not in this terminal, but ~\/\.zshrc:2 sets it: new terminals will /,
    );
    expect(sources(result)).toEqual(['file:~/.zshrc:2']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.zshrc`,
        line: 2,
        name: 'ANTHROPIC_AUTH_TOKEN',
        dialect: 'posix',
      },
    ]);
  });

  it("is not announced from another shell's files", async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.config/fish/config.fish': `set -gx ANTHROPIC_AUTH_TOKEN ${KEYS.authToken}\n`,
      }),
      env: { SHELL: '/bin/zsh' },
    });
    expect((await runCheck(check, fixture.context())).outcome).toBe('not-set');
  });
});

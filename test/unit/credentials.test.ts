import { describe, expect, it } from 'vitest';
import { authModel, distinctCandidates } from '../../src/credentials.js';
import { Secret } from '../../src/redact.js';
import { expiryState } from '../../src/sources/stored-login.js';
import type { Method } from '../../src/types.js';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { KEYS, suffix20 } from '../helpers/secrets.js';

interface Case {
  name: string;
  spec: FixtureSpec;
  effective: Method;
  interactive?: Method;
  authStatus?: Method;
  source?: string;
}

const helper = { apiKeyHelper: 'echo sk-ant-api03-inline' };

// The order observed with `claude auth status` on 2.1.331 (facts file, section 3).
const cases: Case[] = [
  { name: 'nothing at all', spec: {}, effective: 'none' },
  {
    name: 'subscription only',
    spec: { home: subscriptionHome() },
    effective: 'subscription',
    source: 'file:~/.claude/.credentials.json#claudeAiOauth',
  },
  {
    name: 'subscription + env API key',
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
    effective: 'api-key',
    interactive: 'subscription',
    source: 'env:ANTHROPIC_API_KEY',
  },
  {
    name: 'API key approved at the prompt',
    spec: {
      home: {
        ...subscriptionHome(),
        '.claude.json': {
          customApiKeyResponses: { approved: [suffix20(KEYS.apiKey)], rejected: [] },
        },
      },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'api-key',
    interactive: 'api-key',
  },
  {
    name: 'API key rejected at the prompt',
    spec: {
      home: {
        ...subscriptionHome(),
        '.claude.json': {
          customApiKeyResponses: { approved: [], rejected: [suffix20(KEYS.apiKey)] },
        },
      },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'api-key',
    interactive: 'subscription',
  },
  {
    name: 'API key in user settings env',
    spec: {
      home: subscriptionHome({
        '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      }),
    },
    effective: 'api-key',
    interactive: 'subscription',
    source: 'file:~/.claude/settings.json#env.ANTHROPIC_API_KEY',
  },
  {
    name: 'API key in legacy .claude.json env',
    spec: {
      home: {
        '.claude/.credentials.json': credentialsFile(),
        '.claude.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      },
    },
    effective: 'api-key',
    interactive: 'subscription',
    source: 'file:~/.claude.json#env.ANTHROPIC_API_KEY',
  },
  {
    name: 'API key only in project settings: auth status misses it',
    spec: {
      home: subscriptionHome(),
      project: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
    },
    effective: 'api-key',
    interactive: 'subscription',
    authStatus: 'subscription',
  },
  {
    name: 'API key in managed settings',
    spec: {
      home: subscriptionHome(),
      system: {
        'etc/claude-code/managed-settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      },
    },
    effective: 'api-key',
    interactive: 'subscription',
    source: 'managed-settings.json#env.ANTHROPIC_API_KEY',
  },
  {
    name: 'settings override the shell value',
    spec: {
      home: subscriptionHome({
        '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey2 } },
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'api-key',
    interactive: 'subscription',
    source: 'file:~/.claude/settings.json#env.ANTHROPIC_API_KEY',
  },
  {
    name: 'apiKeyHelper beats ANTHROPIC_API_KEY',
    spec: {
      home: subscriptionHome({ '.claude/settings.json': helper }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'api-key-helper',
  },
  {
    name: 'auth token beats everything first-party',
    spec: {
      home: subscriptionHome({ '.claude/settings.json': helper }),
      env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken, ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'auth-token',
  },
  {
    name: 'OAuth token beats a stored Console key',
    spec: {
      home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } },
      env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    },
    effective: 'oauth-token',
  },
  {
    name: 'API key beats the OAuth token',
    spec: { env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken, ANTHROPIC_API_KEY: KEYS.apiKey } },
    effective: 'api-key',
    interactive: 'oauth-token',
  },
  {
    name: 'Console key only',
    spec: { home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } },
    effective: 'console-key',
  },
  {
    name: 'subscription beats a stored Console key',
    spec: {
      home: subscriptionHome({
        '.claude.json': { oauthAccount: {}, primaryApiKey: KEYS.consoleKey },
      }),
    },
    effective: 'subscription',
  },
  {
    name: 'login without user:inference is not usable',
    spec: { home: { '.claude/.credentials.json': credentialsFile({ scopes: ['user:profile'] }) } },
    effective: 'none',
  },
  {
    name: 'Bedrock switch wins over everything',
    spec: {
      home: subscriptionHome(),
      env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    effective: 'third-party',
  },
  {
    name: 'a false-like switch is off',
    spec: { home: subscriptionHome(), env: { CLAUDE_CODE_USE_VERTEX: '0' } },
    effective: 'subscription',
  },
  {
    name: 'an empty API key is no key',
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: '' } },
    effective: 'subscription',
  },
  {
    name: 'a white-space API key loses to a subscription',
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: '   ' } },
    effective: 'subscription',
  },
  {
    name: 'a white-space API key on its own still counts',
    spec: { env: { ANTHROPIC_API_KEY: '   ' } },
    effective: 'api-key',
    interactive: 'none',
  },
  {
    name: 'only 1/true/yes/on turn a switch on',
    spec: { home: subscriptionHome(), env: { CLAUDE_CODE_USE_BEDROCK: '2' } },
    effective: 'subscription',
  },
  {
    name: 'newer provider switches count',
    spec: { home: subscriptionHome(), env: { CLAUDE_CODE_USE_MANTLE: 'yes' } },
    effective: 'third-party',
    source: 'env:CLAUDE_CODE_USE_MANTLE',
  },
  {
    name: 'Bedrock beats Vertex',
    spec: { env: { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_BEDROCK: 'true' } },
    effective: 'third-party',
    source: 'env:CLAUDE_CODE_USE_BEDROCK',
  },
  {
    name: 'a project switch counts for auth status too',
    spec: {
      home: subscriptionHome(),
      project: { '.claude/settings.local.json': { env: { CLAUDE_CODE_USE_VERTEX: '1' } } },
    },
    effective: 'third-party',
  },
  {
    name: 'a project apiKeyHelper counts for auth status too',
    spec: { home: subscriptionHome(), project: { '.claude/settings.json': helper } },
    effective: 'api-key-helper',
  },
  {
    name: 'a login without an access token is not usable',
    spec: {
      home: { '.claude/.credentials.json': { claudeAiOauth: { scopes: ['user:inference'] } } },
    },
    effective: 'none',
  },
  {
    name: 'an empty CLAUDE_CONFIG_DIR is the current directory',
    spec: {
      project: { '.credentials.json': credentialsFile() },
      home: { '.claude/.credentials.json': { claudeAiOauth: {} } },
      env: { CLAUDE_CONFIG_DIR: 'EMPTY' },
    },
    effective: 'subscription',
  },
  {
    name: 'CLAUDE_CONFIG_DIR moves credentials and .claude.json',
    spec: {
      home: {
        'alt/.credentials.json': credentialsFile(),
        '.claude.json': { primaryApiKey: KEYS.consoleKey },
      },
      env: { CLAUDE_CONFIG_DIR: '' },
    },
    effective: 'subscription',
  },
];

describe('credential resolution', () => {
  it.each(cases)('$name', async ({ spec, effective, interactive, authStatus, source }) => {
    const fixture = makeFixture(spec);
    const env =
      spec.env?.CLAUDE_CONFIG_DIR === ''
        ? { ...fixture.env, CLAUDE_CONFIG_DIR: `${fixture.home}/alt` }
        : spec.env?.CLAUDE_CONFIG_DIR === 'EMPTY'
          ? { ...fixture.env, CLAUDE_CONFIG_DIR: '' }
          : fixture.env;
    const auth = await authModel(fixture.context({ env }));
    expect(auth.effective.method).toBe(effective);
    expect(auth.interactive.method).toBe(interactive ?? effective);
    expect(auth.authStatusView.method).toBe(authStatus ?? effective);
    if (source) expect(auth.effective.source).toContain(source);
  });

  it('infers the expectation from signs of a subscription', async () => {
    const withLogin = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect((await authModel(withLogin.context())).expectation).toBe('subscription');
    const keyOnly = makeFixture({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect((await authModel(keyOnly.context())).expectation).toBe('api');
    expect((await authModel(keyOnly.context({ expect: 'subscription' }))).expectation).toBe(
      'subscription',
    );
    const accountOnly = makeFixture({
      home: { '.claude.json': { oauthAccount: { billingType: 'stripe_subscription' } } },
    });
    expect((await authModel(accountOnly.context())).expectation).toBe('subscription');
  });

  it('names the plan of a subscription login', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const auth = await authModel(fixture.context());
    expect(auth.candidates[0]?.plan).toBe('Max 20x');
  });
});

// nanocoai/nanoclaw#730: the access token copied out of .credentials.json into
// CLAUDE_CODE_OAUTH_TOKEN expires overnight; it is the same login, not a second credential.
describe('a CLAUDE_CODE_OAUTH_TOKEN copied from the stored login', () => {
  it('is recognised as a copy of the access token, with its expiry, and counted once', async () => {
    const expiresAt = Date.parse('2026-11-25T15:00:00Z');
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/.credentials.json': credentialsFile({ expiresAt }) }),
      env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.accessToken },
    });
    const auth = await authModel(fixture.context());
    const token = auth.candidates.find((c) => c.method === 'oauth-token')!;
    expect(auth.effective.method).toBe('oauth-token');
    expect(token.copyOf).toBe('access-token');
    expect(token.expiresAt).toBe(expiresAt);
    expect(distinctCandidates(auth.candidates).map((c) => c.method)).toEqual(['oauth-token']);
  });

  it('is recognised as a copy of the refresh token', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.refreshToken },
    });
    const auth = await authModel(fixture.context());
    expect(auth.candidates.find((c) => c.method === 'oauth-token')!.copyOf).toBe('refresh-token');
  });

  it('a token from `claude setup-token` is its own credential', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    });
    const auth = await authModel(fixture.context());
    expect(auth.candidates.find((c) => c.method === 'oauth-token')!.copyOf).toBeUndefined();
    expect(distinctCandidates(auth.candidates)).toHaveLength(2);
  });
});

describe('expiryState (as Claude Code treats it)', () => {
  const now = Date.parse('2026-11-25T09:00:00Z');
  it.each([
    [{ source: 's' }, 'unknown'],
    [{ source: 's', expiresAt: now + 1000 }, 'valid'],
    [{ source: 's', expiresAt: now - 1000, refreshToken: new Secret('r'.repeat(30)) }, 'renews'],
    [{ source: 's', expiresAt: now - 1000 }, 'expired'],
  ] as const)('%j -> %s', (login, state) => {
    expect(expiryState(login, now).state).toBe(state);
  });
});

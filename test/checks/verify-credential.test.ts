import { describe, expect, it } from 'vitest';
import check from '../../checks/verify-credential.js';
import { HOSTS_HOOK } from '../../src/sources/network.js';
import { fakeApi, fakeTlsApi, selfSigned, type ApiMode } from '../helpers/api.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import {
  credentialsFile,
  makeFixture,
  PAST,
  subscriptionHome,
  writeFakeClaude,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { closedPort, fakeProxy } from '../helpers/registry.js';
import { KEYS } from '../helpers/secrets.js';

const asked = { offline: false, verify: true, timeoutMs: 2000 };
// The API base is the local server, named by the test hook: the one way a credential may go
// over plain http. Where an ANTHROPIC_BASE_URL may send it is test/security/credentials.test.ts.
const envFor = (base: string, extra: Record<string, string> = {}) => ({
  [HOSTS_HOOK]: `api=${base}`,
  ...extra,
});

async function verify(spec: FixtureSpec, options: { timeoutMs?: number } = {}) {
  return runCheck(check, makeFixture(spec).context({ ...asked, ...options }));
}

coversEveryOutcome(check);

describe('verify-credential', () => {
  it('is skipped unless --verify is given, and with --offline, sending nothing', async () => {
    const api = await fakeApi(200);
    const spec = { env: envFor(api.url, { ANTHROPIC_API_KEY: KEYS.apiKey }) };
    expect(await runCheck(check, makeFixture(spec).context({ offline: false }))).toMatchObject({
      status: 'skip',
      outcome: 'not-asked',
    });
    expect(
      await runCheck(check, makeFixture(spec).context({ offline: true, verify: true })),
    ).toMatchObject({ status: 'skip', outcome: 'offline' });
    expect(api.requests).toEqual([]);
  });

  it.each<[ApiMode, string, string[]]>([
    [200, 'accepted', []],
    [401, 'rejected-variable', ['remove-env-credential', 'restart-terminal', 'verify']],
    [403, 'forbidden', []],
    [429, 'rate-limited', []],
    [500, 'server-error', []],
    [404, 'gateway-differs', []],
  ])('an API key answered with HTTP %s: %s', async (mode, outcome, plan) => {
    const api = await fakeApi(mode);
    const result = await verify({ env: envFor(api.url, { ANTHROPIC_API_KEY: KEYS.apiKey }) });
    expect(result.outcome).toBe(outcome);
    expect(result.values).toMatchObject({
      host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      who: 'ANTHROPIC_API_KEY (ending in AK01)',
    });
    expect(planSteps(result)).toEqual(plan);
    // One free, documented request: the model list, the key in x-api-key, the API version.
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(`${request?.method} ${request?.url}`).toBe('GET /v1/models?limit=1');
    expect(request?.headers['x-api-key']).toBe(KEYS.apiKey);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('MARKERBODY');
  });

  it('never sends a credential over plain http, even to the user’s own base URL', async () => {
    const api = await fakeApi(200);
    const result = await verify({
      env: { [HOSTS_HOOK]: '', ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect(result.outcome).toBe('plain-http');
    expect(result.summary).toBe(
      `Not verified: ANTHROPIC_BASE_URL is ${api.url} (set in your environment), plain http:, and the doctor never sends a credential unencrypted.`,
    );
    expect(api.requests).toEqual([]);
  });

  it('sends a credential to a base URL from project settings only once --verify-base-url names it', async () => {
    const certificate = selfSigned();
    const api = await fakeTlsApi(certificate);
    const spec = {
      project: { '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: `${api.url}/` } } },
      env: {
        [HOSTS_HOOK]: '',
        ANTHROPIC_API_KEY: KEYS.apiKey,
        NODE_EXTRA_CA_CERTS: certificate.certFile,
      },
    };
    const held = await verify(spec);
    expect(held.outcome).toBe('project-base-url');
    expect(held.fix).toEqual([
      `If you trust that host: \`claude-auth-doctor --verify --verify-base-url ${api.url}\`.`,
    ]);
    expect(api.requests).toEqual([]);
    const approved = await runCheck(
      check,
      makeFixture(spec).context({ ...asked, verifyBaseUrl: api.url }),
    );
    expect(approved.outcome).toBe('accepted');
    expect(api.requests).toHaveLength(1);
  });

  it('names each place to remove an env key the API rejects', async () => {
    const api = await fakeApi(401);
    const result = await verify({
      home: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
      env: envFor(api.url),
    });
    expect(result.outcome).toBe('rejected-variable');
    expect(result.plan?.[0]).toMatchObject({
      step: 'remove-env-credential',
      locations: [
        {
          kind: 'settings-env',
          path: expect.stringMatching(/\/\.claude\/settings\.json$/),
          name: 'ANTHROPIC_API_KEY',
        },
      ],
    });
  });

  it('sends an auth token as a bearer token to the base URL path', async () => {
    const api = await fakeApi(401);
    const result = await verify({
      env: envFor(`${api.url}/gateway/`, { ANTHROPIC_AUTH_TOKEN: KEYS.authToken }),
    });
    expect(result.outcome).toBe('rejected-variable');
    expect(api.requests[0]?.url).toBe('/gateway/v1/models?limit=1');
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEYS.authToken}`);
    expect(result.plan?.[0]).toMatchObject({
      step: 'remove-env-credential',
      command: 'unset ANTHROPIC_AUTH_TOKEN',
    });
  });

  it('plans logout and login for a stored Console key the API rejects', async () => {
    const api = await fakeApi(401);
    const result = await verify({
      home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } },
      env: envFor(api.url),
    });
    expect(result.outcome).toBe('rejected-console-key');
    expect(api.requests[0]?.headers['x-api-key']).toBe(KEYS.consoleKey);
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify']);
    expect(result.plan?.[1]).toEqual({ step: 'login', command: 'claude auth login --console' });
  });

  it.each<[string, () => Promise<{ base: string; env?: Record<string, string> }>, RegExp]>([
    [
      'a closed port',
      async () => ({ base: (await closedPort()).replace(/\/$/, '') }),
      /^connection refused$/,
    ],
    [
      'a server that never answers',
      async () => ({ base: (await fakeApi('hang')).url }),
      /^timeout: no answer within/,
    ],
    [
      'a proxy demanding authentication',
      async () => ({
        base: (await fakeApi(200)).url,
        env: { HTTP_PROXY: (await fakeProxy({ credentials: 'a:b' })).url },
      }),
      /proxy authentication required/,
    ],
  ])('warns when the request does not get through: %s', async (_name, make, summary) => {
    const { base, env } = await make();
    const result = await verify(
      { env: envFor(base, { ANTHROPIC_API_KEY: KEYS.apiKey, ...env }) },
      { timeoutMs: 600 },
    );
    expect(result.outcome).toBe('request-failed');
    expect(result.values?.reason).toMatch(summary);
  });

  it('never sends the key to a server whose certificate is not trusted', async () => {
    const api = await fakeTlsApi(selfSigned());
    const result = await verify({ env: envFor(api.url, { ANTHROPIC_API_KEY: KEYS.apiKey }) });
    expect(result.outcome).toBe('request-failed');
    expect(result.values?.reason).toContain('TLS: the certificate is not trusted');
    expect(api.requests).toEqual([]);
  });

  it('skips a Console key only the macOS Keychain holds, sending nothing', async () => {
    const api = await fakeApi(200);
    const fixture = makeFixture({ env: envFor(api.url) });
    // A fake `security` that knows only the Console key entry, by presence.
    writeFakeClaude(
      fixture.bin,
      { script: '[ "$3" = "Claude Code" ] && exit 0\nexit 44' },
      'security',
    );
    const ctx = fixture.context({ ...asked, platform: 'darwin', expect: 'api' });
    const result = await runCheck(check, ctx);
    expect(result).toMatchObject({ outcome: 'in-keychain', values: { method: 'console-key' } });
    expect(api.requests).toEqual([]);
  });

  it('verifies over TLS with NODE_EXTRA_CA_CERTS', async () => {
    const certificate = selfSigned();
    const api = await fakeTlsApi(certificate);
    const result = await verify({
      env: envFor(api.url, {
        ANTHROPIC_API_KEY: KEYS.apiKey,
        NODE_EXTRA_CA_CERTS: certificate.certFile,
      }),
    });
    expect(result.outcome).toBe('accepted');
    expect(api.requests).toHaveLength(1);
  });

  describe('a subscription login (never sent)', () => {
    it.each<[string, FixtureSpec, string, string[]]>([
      ['valid', { home: subscriptionHome() }, 'login-valid', []],
      [
        'expired with a refresh token',
        {
          home: subscriptionHome({
            '.claude/.credentials.json': credentialsFile({ expiresAt: PAST }),
          }),
        },
        'login-renewable',
        [],
      ],
      [
        'expired without a refresh token',
        {
          home: subscriptionHome({
            '.claude/.credentials.json': credentialsFile({
              expiresAt: PAST,
              refreshToken: undefined,
            }),
          }),
        },
        'login-expired',
        ['logout', 'login', 'verify'],
      ],
      [
        'with no expiry recorded',
        {
          home: subscriptionHome({
            '.claude/.credentials.json': credentialsFile({ expiresAt: undefined }),
          }),
        },
        'expiry-unknown',
        [],
      ],
    ])('%s', async (_name, spec, outcome, plan) => {
      const api = await fakeApi(200);
      const result = await verify({ ...spec, env: envFor(api.url) });
      expect(result.outcome).toBe(outcome);
      expect(planSteps(result)).toEqual(plan);
      expect(api.requests).toEqual([]);
    });
  });

  it.each<[string, FixtureSpec, string]>([
    [
      'CLAUDE_CODE_OAUTH_TOKEN',
      { env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken } },
      'oauth-token',
    ],
    [
      'an apiKeyHelper',
      { home: { '.claude/settings.json': { apiKeyHelper: 'echo key' } } },
      'api-key-helper',
    ],
    ['a third-party provider', { env: { CLAUDE_CODE_USE_BEDROCK: '1' } }, 'third-party'],
    ['no credential', {}, 'no-credential'],
  ])('skips %s without sending anything', async (_name, spec, outcome) => {
    const api = await fakeApi(200);
    const result = await verify({ ...spec, env: envFor(api.url, spec.env) });
    expect(result.status).toBe('skip');
    expect(result.outcome).toBe(outcome);
    expect(api.requests).toEqual([]);
  });
});

// Issue 19: the status alone misleads; the body says why (texts from public reports).
describe('verify-credential reads the error body', () => {
  const envelope = (type: string, message: string) =>
    JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_x' });
  it.each<[number, string, string, string[]]>([
    // anthropics/claude-code#19028, #8327
    [
      400,
      envelope('invalid_request_error', 'This organization has been disabled.'),
      'organization-disabled',
      ['remove-env-credential', 'restart-terminal', 'verify'],
    ],
    // #54566, with a Max login present: the plan should pay
    [
      400,
      envelope(
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API.',
      ),
      'no-credit',
      ['remove-env-credential', 'restart-terminal', 'verify'],
    ],
    [
      401,
      envelope(
        'authentication_error',
        'OAuth token has expired. Please obtain a new token or refresh your existing token.',
      ),
      'expired-token',
      ['remove-env-credential', 'restart-terminal', 'verify'],
    ],
    // #63886
    [
      403,
      envelope(
        'permission_error',
        'OAuth authentication is currently not allowed for this organization.',
      ),
      'not-allowed',
      [],
    ],
  ])('HTTP %s with its body: %s', async (status, body, outcome, plan) => {
    const api = await fakeApi(status as ApiMode, body);
    const result = await verify({
      env: envFor(api.url, { ANTHROPIC_API_KEY: KEYS.apiKey }),
      home: subscriptionHome(),
    });
    expect(result.outcome).toBe(outcome);
    expect(planSteps(result)).toEqual(plan);
    expect(JSON.stringify(result)).not.toContain('req_x');
  });

  it('an error it cannot place is an unexpected status', async () => {
    const api = await fakeApi(418 as ApiMode, envelope('teapot_error', 'short and stout'));
    const result = await verify({ env: envFor(api.url, { ANTHROPIC_API_KEY: KEYS.apiKey }) });
    expect(result.outcome).toBe('unexpected-status');
  });

  it('a stored Console key of a disabled organisation: log out and in', async () => {
    const api = await fakeApi(
      400,
      envelope('invalid_request_error', 'This organization has been disabled.'),
    );
    const result = await verify({
      env: envFor(api.url, {}),
      home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } },
    });
    expect(result.outcome).toBe('organization-disabled');
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify']);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeApi, fakeTlsApi, selfSigned, type FakeApi } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { fakeProxy } from '../helpers/registry.js';
import { expectNoSecret, KEYS, MARKER } from '../helpers/secrets.js';
import { checkOf, parseReport } from './hostile.js';

// Credentials go only where the user sent them: --verify sends a key to Anthropic or to an
// https ANTHROPIC_BASE_URL from the user's own environment or user settings. A project's base
// URL, proxy or CA file never gets to carry or see one.

/** Only sign-in and console are hooked: the API base comes from ANTHROPIC_BASE_URL. */
const HOOK = 'sign-in=http://127.0.0.1:9/sign-in,console=http://127.0.0.1:9/console';
const cert = selfSigned();

function keyArrived(api: FakeApi): boolean {
  return JSON.stringify(api.requests).includes(MARKER);
}

async function verify(
  files: { home?: Record<string, object | string>; project?: Record<string, object | string> },
  env: Record<string, string> = {},
  flags: string[] = [],
) {
  const fixture = makeFixture({ home: subscriptionHome(files.home), project: files.project });
  const result = await runCli(
    ['--verify', '--json', '--only', 'verify-credential', ...flags],
    {
      ...fixture.env,
      CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: HOOK,
      ANTHROPIC_API_KEY: KEYS.apiKey,
      NODE_EXTRA_CA_CERTS: cert.certFile,
      ...env,
    },
    fixture.project,
  );
  expectNoSecret(result.stdout + result.stderr);
  return { result, check: checkOf(parseReport(result.stdout), 'verify-credential'), fixture };
}

const projectBase = (url: string) => ({
  '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: url } },
});

describe('where --verify sends a credential (built bin)', () => {
  it('not to an http ANTHROPIC_BASE_URL from the project settings', async () => {
    const api = await fakeApi(200);
    const { check } = await verify({ project: projectBase(api.url) });
    expect(api.requests).toEqual([]);
    expect(check.status).toBe('skip');
    expect(check.summary).toContain(api.url);
  });

  it('not to an https ANTHROPIC_BASE_URL from the project (local) settings unless --verify-base-url names it', async () => {
    const api = await fakeTlsApi(cert);
    for (const file of ['.claude/settings.json', '.claude/settings.local.json']) {
      const { check } = await verify({
        project: { [file]: { env: { ANTHROPIC_BASE_URL: api.url } } },
      });
      expect(api.requests).toEqual([]);
      expect(check.status).toBe('skip');
      expect(check.fix?.join('\n')).toContain(`--verify-base-url ${api.url}`);
    }
    const { check } = await verify({ project: projectBase(api.url) }, {}, [
      '--verify-base-url',
      api.url,
    ]);
    expect(check.status).toBe('pass');
    expect(keyArrived(api)).toBe(true);
  });

  it('not over http even when the base URL is the user’s own', async () => {
    const api = await fakeApi(200);
    const fromEnv = await verify({}, { ANTHROPIC_BASE_URL: api.url });
    const fromUser = await verify({
      home: { '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: api.url } } },
    });
    expect(keyArrived(api)).toBe(false);
    expect(fromEnv.check.status).toBe('skip');
    expect(fromUser.check.summary).toContain('http:');
  });

  it("to the user's own https base URL, from the shell or the user settings, as before", async () => {
    const api = await fakeTlsApi(cert);
    const fromEnv = await verify({}, { ANTHROPIC_BASE_URL: api.url });
    expect(fromEnv.check.status).toBe('pass');
    const fromUser = await verify({
      home: { '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: api.url } } },
    });
    expect(fromUser.check.status).toBe('pass');
    expect(api.requests.filter((r) => r.headers['x-api-key'] === KEYS.apiKey)).toHaveLength(2);
  });

  it('not through a proxy the project settings name', async () => {
    const api = await fakeTlsApi(cert);
    const proxy = await fakeProxy();
    const { check } = await verify(
      { project: { '.claude/settings.json': { env: { HTTPS_PROXY: proxy.url } } } },
      { ANTHROPIC_BASE_URL: api.url },
    );
    expect(proxy.tunnels).toEqual([]);
    expect(check.status).toBe('pass');
  });

  it('not trusting a CA file the project settings name', async () => {
    const planted = selfSigned();
    const api = await fakeTlsApi(planted);
    const fixture = makeFixture({
      home: subscriptionHome(),
      project: {
        '.claude/settings.json': { env: { NODE_EXTRA_CA_CERTS: './ca.pem' } },
        'ca.pem': planted.cert,
      },
    });
    // The user's shell trusts no extra CA: only the project's file would make the server trusted.
    const env = {
      ...fixture.env,
      CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: HOOK,
      ANTHROPIC_API_KEY: KEYS.apiKey,
      ANTHROPIC_BASE_URL: api.url,
    };
    const result = await runCli(
      ['--verify', '--json', '--only', 'verify-credential'],
      env,
      fixture.project,
    );
    expectNoSecret(result.stdout + result.stderr);
    expect(keyArrived(api)).toBe(false);
    expect(checkOf(parseReport(result.stdout), 'verify-credential').status).toBe('warn');
  });

  it('refuses --verify-base-url with a plain http URL', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const result = await runCli(
      ['--verify', '--verify-base-url', 'http://127.0.0.1:9'],
      fixture.env,
      fixture.project,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--verify-base-url must be an https:// URL');
  });
});

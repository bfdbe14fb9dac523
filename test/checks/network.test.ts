import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import check from '../../checks/network.js';
import { HOSTS_HOOK, networkTargets } from '../../src/sources/network.js';
import { fakeApi, fakeTlsApi, hosts, selfSigned } from '../helpers/api.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, type FixtureSpec } from '../helpers/fixture.js';
import { closedPort, fakeProxy } from '../helpers/registry.js';
import { KEYS, MARKER } from '../helpers/secrets.js';
import { fakeRegistry } from '../helpers/registry.js';

const online = { offline: false, timeoutMs: 2000 };
const closed = async () => (await closedPort()).replace(/\/$/, '');
const text = (result: object) => JSON.stringify(result);
const PROXY_PASSWORD = `pw${MARKER}proxy`;

async function run(spec: FixtureSpec, options: { timeoutMs?: number } = {}) {
  const fixture = makeFixture(spec);
  const started = Date.now();
  const result = await runCheck(check, fixture.context({ ...online, ...options }));
  return { result, ms: Date.now() - started };
}

coversEveryOutcome(check);

describe('network', () => {
  it('takes the API host from ANTHROPIC_BASE_URL, else api.anthropic.com, with claude.ai and platform.claude.com', async () => {
    const plain = makeFixture().context({ env: { HOME: '/nonexistent' } });
    expect((await networkTargets(plain)).map((t) => t.url.href)).toEqual([
      'https://api.anthropic.com/',
      'https://claude.ai/',
      'https://platform.claude.com/',
    ]);
    const gateway = makeFixture({
      home: {
        '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'https://llm.corp.example/v1' } },
      },
    });
    const targets = await networkTargets(gateway.context({ env: { HOME: gateway.home } }));
    expect(targets[0]).toMatchObject({
      role: 'api',
      source: 'file:~/.claude/settings.json#env.ANTHROPIC_BASE_URL',
    });
    expect(targets[0]?.url.host).toBe('llm.corp.example');
  });

  it('is skipped with --offline and sends nothing', async () => {
    const api = await fakeApi();
    const fixture = makeFixture({ env: { [HOSTS_HOOK]: hosts(api.url, api.url, api.url) } });
    const result = await runCheck(check, fixture.context({ offline: true }));
    expect(result).toMatchObject({ status: 'skip', outcome: 'offline' });
    expect(api.requests).toEqual([]);
  });

  it('passes when every host answers, with one HEAD each', async () => {
    const [a, b, c] = await Promise.all([fakeApi(404), fakeApi(200), fakeApi(403)]);
    const { result } = await run({ env: { [HOSTS_HOOK]: hosts(a.url, b.url, c.url) } });
    expect(result.outcome).toBe('reachable');
    expect(result.values?.count).toBe(3);
    expect(result.evidence?.[0]?.detail).toMatch(
      /^API host 127\.0\.0\.1:\d+ \(from env:CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS\), direct: reachable: answered HTTP 404$/,
    );
    expect(
      [...a.requests, ...b.requests, ...c.requests].map((r) => `${r.method} ${r.url}`),
    ).toEqual(['HEAD /api', 'HEAD /sign-in', 'HEAD /console']);
  });

  it('uses ANTHROPIC_BASE_URL for the API host when the hook does not replace it', async () => {
    const [gateway, other] = await Promise.all([fakeApi(401), fakeApi(200)]);
    const hook = hosts(other.url, other.url, other.url).replace(/^api=[^,]*,/, '');
    const { result } = await run({
      env: { [HOSTS_HOOK]: hook, ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect(result.status).toBe('pass');
    expect(result.evidence?.[0]?.detail).toContain('(from env:ANTHROPIC_BASE_URL)');
    expect(gateway.requests.map((r) => r.method)).toEqual(['HEAD']);
    // The network probe never carries a credential.
    expect(gateway.requests[0]?.headers['x-api-key']).toBeUndefined();
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'DNS fails for every host (.invalid names never resolve)',
      async () =>
        hosts(
          'https://api.cad-test.invalid',
          'https://claude.cad-test.invalid',
          'https://platform.cad-test.invalid',
        ),
      /\(DNS failure\)/,
    ],
    [
      'every host refuses the connection',
      async () => {
        const port = await closed();
        return hosts(port, port, port);
      },
      /\(connection refused\)/,
    ],
  ])('says "no network" once when %s, within the timeout', async (_name, hook, reason) => {
    const { result, ms } = await run({ env: { [HOSTS_HOOK]: await hook() } }, { timeoutMs: 2500 });
    expect(result.outcome).toBe('no-network');
    expect(result.values?.count).toBe(3);
    expect(`(${result.values?.reasons})`).toMatch(reason);
    expect(text(result).match(/no network/gi)).toHaveLength(1);
    expect(result.plan ?? []).toEqual([]);
    expect(ms).toBeLessThan(2500 + 1000);
  });

  it('fails when one host is blocked while the others work, and plans fix-network first', async () => {
    const [api, port] = await Promise.all([fakeApi(200), closed()]);
    const { result } = await run({ env: { [HOSTS_HOOK]: hosts(api.url, port, api.url) } });
    expect(result.outcome).toBe('blocked');
    expect(result.values).toMatchObject({
      hosts: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      reason: 'connection refused',
      more: '',
    });
    expect(result.fix?.[0]).toMatch(
      /cannot be reached \(connection refused\) while .* can: a firewall or proxy blocks it/,
    );
    expect(planSteps(result)).toEqual(['fix-network', 'verify']);
  });

  it('names a host that never answers as a timeout, within the timeout', async () => {
    const [api, hang] = await Promise.all([fakeApi(200), fakeApi('hang')]);
    const { result, ms } = await run(
      { env: { [HOSTS_HOOK]: hosts(hang.url, api.url, api.url) } },
      { timeoutMs: 600 },
    );
    expect(result.outcome).toBe('blocked');
    expect(result.values?.reason).toContain('timeout: no answer within');
    expect(ms).toBeLessThan(600 + 1000);
  });

  it('warns without a plan when every host answers with something that is not HTTP', async () => {
    const server = createServer((socket) => socket.end('not http at all\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    try {
      const { result } = await run({ env: { [HOSTS_HOOK]: hosts(url, url, url) } });
      expect(result.outcome).toBe('unreachable');
      expect(result.values?.hosts).toBe(`127.0.0.1:${port}`);
      expect(result.plan).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('warns about a server error without a plan', async () => {
    const [api, broken] = await Promise.all([fakeApi(200), fakeApi(500)]);
    const { result } = await run({ env: { [HOSTS_HOOK]: hosts(broken.url, api.url, api.url) } });
    expect(result.outcome).toBe('server-error');
    expect(result.plan).toBeUndefined();
  });

  describe('through a proxy', () => {
    it('tunnels every host through HTTP_PROXY, masking its credentials and naming the variable', async () => {
      const [api, proxy] = await Promise.all([
        fakeApi(200),
        fakeProxy({ credentials: `ada:${PROXY_PASSWORD}` }),
      ]);
      const proxyUrl = proxy.url.replace('//', `//ada:${PROXY_PASSWORD}@`);
      const { result } = await run({
        env: { [HOSTS_HOOK]: hosts(api.url, api.url, api.url), HTTP_PROXY: proxyUrl },
      });
      expect(result.status).toBe('pass');
      expect(proxy.tunnels).toHaveLength(3);
      expect(result.evidence?.[0]?.detail).toMatch(
        /through the proxy http:\/\/127\.0\.0\.1:\d+ \(HTTP_PROXY\): reachable/,
      );
      expect(result.evidence).toContainEqual({
        source: 'env:HTTP_PROXY',
        detail: expect.stringMatching(/^HTTP_PROXY = http:\/\/127\.0\.0\.1:\d+$/),
      });
      expect(text(result)).not.toContain('ada:');
    });

    it('names the settings file a proxy comes from', async () => {
      const [api, proxy] = await Promise.all([fakeApi(200), fakeProxy()]);
      const { result } = await run({
        home: { '.claude/settings.json': { env: { HTTP_PROXY: proxy.url } } },
        env: { [HOSTS_HOOK]: hosts(api.url, api.url, api.url) },
      });
      expect(result.status).toBe('pass');
      expect(sources(result)).toContain('file:~/.claude/settings.json#env.HTTP_PROXY');
      expect(proxy.tunnels).toHaveLength(3);
    });

    it.each<[string, () => Promise<{ url: string; credentials?: string }>, RegExp, RegExp]>([
      [
        'unreachable',
        async () => ({ url: await closed() }),
        /the proxy 127\.0\.0\.1:\d+ could not be reached \(connection refused\)/,
        /cannot be reached: correct or remove that variable/,
      ],
      [
        'demanding authentication (407)',
        async () => ({
          url: (await fakeProxy({ credentials: 'ada:right' })).url,
          credentials: `ada:${PROXY_PASSWORD}`,
        }),
        /requires authentication \(HTTP 407\)/,
        /requires authentication \(HTTP 407\): put the user name and password in its URL/,
      ],
      [
        'refusing the tunnel (403)',
        async () => ({ url: (await fakeProxy({ status: 403 })).url }),
        /refused the tunnel \(HTTP 403\)/,
        /refuses tunnels to .*: ask IT to allow/,
      ],
    ])(
      'fails with a proxy %s, naming the variable and planning fix-network',
      async (_name, make, summary, fix) => {
        const [api, proxy] = await Promise.all([fakeApi(200), make()]);
        const proxyUrl = proxy.credentials
          ? proxy.url.replace('//', `//${proxy.credentials}@`)
          : proxy.url;
        const { result } = await run({
          env: {
            [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
            HTTPS_PROXY: 'http://unused.invalid:1',
            HTTP_PROXY: proxyUrl,
          },
        });
        expect(result.outcome).toBe('blocked');
        expect(result.values?.reason).toMatch(summary);
        expect(result.fix?.[0]).toMatch(fix);
        expect(result.fix?.[0]).toContain('(HTTP_PROXY, from env:HTTP_PROXY)');
        expect(planSteps(result)).toEqual(['fix-network', 'verify']);
        expect(text(result)).not.toMatch(/no network/i);
        expect(api.requests).toEqual([]);
      },
    );

    it('goes direct for hosts NO_PROXY lists', async () => {
      const [api, proxy] = await Promise.all([fakeApi(200), closed()]);
      const { result } = await run({
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          HTTP_PROXY: proxy,
          NO_PROXY: 'localhost,127.0.0.1',
        },
      });
      expect(result.status).toBe('pass');
      expect(result.evidence?.[0]?.detail).toContain(', direct (NO_PROXY): reachable');
      expect(result.evidence).toContainEqual({
        source: 'env:NO_PROXY',
        detail: 'NO_PROXY = localhost,127.0.0.1',
      });
    });
  });

  describe('over TLS (a self-signed certificate made for the test)', () => {
    it('fails on an untrusted certificate, naming its issuer and NODE_EXTRA_CA_CERTS', async () => {
      const api = await fakeTlsApi(selfSigned());
      const { result } = await run({ env: { [HOSTS_HOOK]: hosts(api.url, api.url, api.url) } });
      expect(result.outcome).toBe('blocked');
      expect(result.values?.reason).toMatch(/TLS: the certificate is not trusted/);
      expect(result.evidence?.[0]?.detail).toContain(
        '(certificate issued by Interception Test CA, Corp Security)',
      );
      expect(result.fix).toEqual([
        expect.stringMatching(
          /issued by "Interception Test CA, Corp Security", which Node does not trust\. .*export NODE_EXTRA_CA_CERTS=\/path\/to\/company-ca\.pem/,
        ),
      ]);
      expect(planSteps(result)).toEqual(['fix-network', 'verify']);
      expect(api.requests).toEqual([]);
    });

    it('passes once NODE_EXTRA_CA_CERTS names the CA file', async () => {
      const certificate = selfSigned();
      const api = await fakeTlsApi(certificate);
      const { result } = await run({
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          NODE_EXTRA_CA_CERTS: certificate.certFile,
        },
      });
      expect(result.status).toBe('pass');
      expect(result.evidence?.[0]?.detail).toMatch(/reachable: answered HTTP 200 over TLSv1\.3$/);
      expect(result.evidence).toContainEqual({
        source: 'env:NODE_EXTRA_CA_CERTS',
        detail: `NODE_EXTRA_CA_CERTS adds 1 certificate from ${certificate.certFile}`,
      });
    });

    it('tunnels HTTPS through HTTPS_PROXY and trusts the CA from a settings env block', async () => {
      const certificate = selfSigned();
      const [api, proxy] = await Promise.all([fakeTlsApi(certificate), fakeProxy()]);
      const { result } = await run({
        home: { '.claude/settings.json': { env: { NODE_EXTRA_CA_CERTS: certificate.certFile } } },
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          HTTPS_PROXY: proxy.url,
          HTTP_PROXY: 'http://unused.invalid:1',
        },
      });
      expect(result.status).toBe('pass');
      expect(proxy.tunnels).toEqual(Array(3).fill(new URL(api.url).host));
      expect(result.evidence?.[0]?.detail).toMatch(
        /through the proxy http:\/\/127\.0\.0\.1:\d+ \(HTTPS_PROXY\): reachable: answered HTTP 200 over TLS/,
      );
      expect(sources(result)).toContain('file:~/.claude/settings.json#env.NODE_EXTRA_CA_CERTS');
    });

    it('says when NODE_EXTRA_CA_CERTS does not cover the issuer', async () => {
      const api = await fakeTlsApi(selfSigned());
      const other = selfSigned();
      const { result } = await run({
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          NODE_EXTRA_CA_CERTS: other.certFile,
        },
      });
      expect(result.status).toBe('fail');
      expect(result.fix?.[0]).toContain(
        `which the CA file in NODE_EXTRA_CA_CERTS (${other.certFile}) does not cover`,
      );
    });

    it('tells a certificate for another host from an untrusted one', async () => {
      const certificate = selfSigned({ wrongHost: true });
      const api = await fakeTlsApi(certificate);
      const { result } = await run({
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          NODE_EXTRA_CA_CERTS: certificate.certFile,
        },
      });
      expect(result.outcome).toBe('blocked');
      expect(result.values?.reason).toContain('the certificate is for another host');
      expect(result.fix?.[0]).toMatch(
        /has expired or is for another host \(issued by "Interception Test CA, Corp Security"\)/,
      );
    });

    it('reports an unreadable NODE_EXTRA_CA_CERTS file', async () => {
      const api = await fakeApi(200);
      const { result } = await run({
        env: {
          [HOSTS_HOOK]: hosts(api.url, api.url, api.url),
          NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem',
        },
      });
      expect(result.status).toBe('pass');
      expect(result.evidence).toContainEqual({
        source: 'env:NODE_EXTRA_CA_CERTS',
        detail: 'NODE_EXTRA_CA_CERTS names /nonexistent/ca.pem, which does not exist',
      });
    });
  });
});

describe('network: a working network with blocked hosts (issue 19)', () => {
  it('is not "no network" when another host answered in the same run, and shows no CA file', async () => {
    const [registry, blocked] = await Promise.all([fakeRegistry(), closedPort()]);
    const fixture = makeFixture({
      env: { [HOSTS_HOOK]: hosts(blocked, blocked, blocked), NODE_EXTRA_CA_CERTS: '/nope/ca.pem' },
    });
    const ctx = fixture.context({ offline: false, timeoutMs: 2000 });
    // What stale-version does in the same run: the registry answers.
    expect((await ctx.http(`${registry.url}-/package/x/dist-tags`)).ok).toBe(true);
    const result = await runCheck(check, ctx);
    expect(result).toMatchObject({ status: 'fail', outcome: 'hosts-blocked' });
    expect(planSteps(result)).toEqual(['fix-network', 'verify']);
    expect(sources(result)).not.toContain('env:NODE_EXTRA_CA_CERTS');
  });

  it('without any other answer it stays "no network"', async () => {
    const blocked = await closedPort();
    const fixture = makeFixture({ env: { [HOSTS_HOOK]: hosts(blocked, blocked, blocked) } });
    const result = await runCheck(check, fixture.context({ offline: false, timeoutMs: 2000 }));
    expect(result.outcome).toBe('no-network');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypasses, displayUrl, proxyFor } from '../../src/net/proxy.js';
import { request } from '../../src/net/request.js';
import { closedPort, fakeProxy, fakeRegistry } from '../helpers/registry.js';

const opts = { timeoutMs: 2000, maxBytes: 1 << 20 };

describe('proxyFor', () => {
  it.each([
    [
      'https://registry.npmjs.org/',
      { HTTPS_PROXY: 'http://p:8080' },
      'http://p:8080/',
      'env:HTTPS_PROXY',
    ],
    [
      'https://registry.npmjs.org/',
      { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' },
      'http://low:1/',
      'env:https_proxy',
    ],
    [
      'http://registry.local/',
      { HTTP_PROXY: 'proxy.corp:3128' },
      'http://proxy.corp:3128/',
      'env:HTTP_PROXY',
    ],
    ['http://registry.local/', { HTTPS_PROXY: 'http://p:8080' }, null, null],
    [
      'https://registry.npmjs.org/',
      { HTTPS_PROXY: 'http://p:8080', NO_PROXY: 'npmjs.org' },
      null,
      null,
    ],
    [
      'https://registry.npmjs.org/',
      { HTTPS_PROXY: 'http://p:8080', no_proxy: '.npmjs.org,other' },
      null,
      null,
    ],
    [
      'https://registry.npmjs.org/',
      { HTTPS_PROXY: 'http://p:8080', NO_PROXY: 'registry.npmjs.org:8443' },
      'http://p:8080/',
      'env:HTTPS_PROXY',
    ],
    ['https://registry.npmjs.org/', { HTTPS_PROXY: 'http://p:8080', NO_PROXY: '*' }, null, null],
    [
      'https://npmjs.org.evil.com/',
      { HTTPS_PROXY: 'http://p:8080', NO_PROXY: 'npmjs.org' },
      'http://p:8080/',
      'env:HTTPS_PROXY',
    ],
    [
      'http://127.0.0.1:4873/',
      { HTTP_PROXY: 'http://p:8080', NO_PROXY: 'localhost, 127.0.0.1' },
      null,
      null,
    ],
    ['https://registry.npmjs.org/', { HTTPS_PROXY: 'socks5://p:1080' }, null, null],
  ])('%s with %j goes through %s', (target, env, proxy, source) => {
    const choice = proxyFor(new URL(target), env);
    expect(choice?.url.href ?? null).toBe(proxy);
    expect(choice?.source ?? null).toBe(source);
  });

  it('matches NO_PROXY by whole host name labels only', () => {
    expect(bypasses(new URL('https://a.corp.example/'), 'corp.example')).toBe(true);
    expect(bypasses(new URL('https://notcorp.example/'), 'corp.example')).toBe(false);
  });

  it('shows URLs without credentials', () => {
    expect(displayUrl('https://user:PLANTEDSECRETxx@registry.corp/npm/?token=abc')).toBe(
      'https://registry.corp/npm/',
    );
  });
});

describe('request', () => {
  it('gets a body directly', async () => {
    const registry = await fakeRegistry();
    const result = await request({
      ...opts,
      url: `${registry.url}-/package/@anthropic-ai%2fclaude-code/dist-tags`,
    });
    expect(result).toMatchObject({ ok: true, status: 200, viaProxy: false });
    expect(result.ok && JSON.parse(result.body)).toEqual({ latest: '2.1.331', stable: '2.1.300' });
  });

  it('gives up at the timeout', async () => {
    const registry = await fakeRegistry({ mode: 'hang' });
    const started = Date.now();
    const result = await request({ ...opts, url: registry.url, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a closed port as refused', async () => {
    expect(await request({ ...opts, url: await closedPort() })).toMatchObject({
      ok: false,
      kind: 'refused',
      message: 'connection refused',
    });
  });

  it('refuses a body larger than the cap', async () => {
    const registry = await fakeRegistry({ mode: 'html' });
    expect(await request({ ...opts, url: registry.url, maxBytes: 10 })).toMatchObject({
      ok: false,
      kind: 'too-large',
    });
  });

  it('tunnels through a CONNECT proxy', async () => {
    const [registry, proxy] = await Promise.all([fakeRegistry(), fakeProxy()]);
    const result = await request({
      ...opts,
      url: `${registry.url}-/package/x/dist-tags`,
      proxy: new URL(proxy.url),
    });
    expect(result).toMatchObject({ ok: true, status: 200, viaProxy: true });
    expect(proxy.tunnels).toEqual([new URL(registry.url).host]);
    expect(registry.requests).toEqual(['/-/package/x/dist-tags']);
  });

  it('sends the proxy credentials from its URL and classifies 407', async () => {
    const [registry, proxy] = await Promise.all([
      fakeRegistry(),
      fakeProxy({ credentials: 'ada:s3cret' }),
    ]);
    const wrong = await request({
      ...opts,
      url: registry.url,
      proxy: new URL(proxy.url.replace('//', '//ada:nope@')),
    });
    expect(wrong).toMatchObject({ ok: false, kind: 'proxy-status', status: 407 });
    expect(wrong.ok ? '' : wrong.message).toContain('requires authentication');
    expect(wrong.ok ? '' : wrong.message).not.toContain('nope');
    const right = await request({
      ...opts,
      url: registry.url,
      proxy: new URL(proxy.url.replace('//', '//ada:s3cret@')),
    });
    expect(right).toMatchObject({ ok: true, status: 404 });
    expect(registry.requests).toHaveLength(1);
  });

  it('names an unreachable proxy', async () => {
    const registry = await fakeRegistry();
    const result = await request({
      ...opts,
      url: registry.url,
      proxy: new URL(await closedPort()),
    });
    expect(result).toMatchObject({ ok: false, kind: 'proxy-unreachable' });
    expect(result.ok ? '' : result.message).toMatch(
      /the proxy 127\.0\.0\.1:\d+ could not be reached \(connection refused\)/,
    );
    expect(registry.requests).toHaveLength(0);
  });

  describe('over TLS (a certificate made for the test)', () => {
    let dir: string;
    let cert: string;
    let url: string;
    const hits: string[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'cad-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '2',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
          '-subj',
          '/CN=127.0.0.1/O=Interception Test CA',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      const server = createHttpsServer(
        { key: readFileSync(path.join(dir, 'key.pem')), cert },
        (req, res) => {
          hits.push(req.headers.authorization ?? '');
          res.end('{"ok":true}');
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      afterAll(() => {
        server.closeAllConnections();
        server.close();
        rmSync(dir, { recursive: true, force: true });
      });
    });

    it('succeeds through the proxy with the CA trusted, reporting the certificate', async () => {
      const proxy = await fakeProxy();
      const result = await request({ ...opts, url, ca: [cert], proxy: new URL(proxy.url) });
      expect(result).toMatchObject({
        ok: true,
        status: 200,
        tls: { authorized: true, issuer: '127.0.0.1, Interception Test CA' },
      });
    });

    it('refuses an untrusted certificate before sending anything, naming the issuer', async () => {
      const before = hits.length;
      const result = await request({
        ...opts,
        url,
        headers: { authorization: 'Bearer PLANTEDSECRET' },
      });
      expect(result).toMatchObject({
        ok: false,
        kind: 'tls',
        tls: { authorized: false, issuer: '127.0.0.1, Interception Test CA' },
      });
      expect(result.ok ? '' : result.message).toContain('not trusted');
      expect(hits.length).toBe(before);
    });
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cacheFileName,
  channelTarget,
  distTags,
  nodeEngineOf,
  registryFor,
} from '../../src/sources/registry.js';
import { makeFixture, NO_HOSTS, writeFiles, type FixtureSpec } from '../helpers/fixture.js';
import { closedPort, fakeProxy, fakeRegistry, type RegistryOptions } from '../helpers/registry.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

const T0 = new Date('2026-11-25T10:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const TAGS_PATH = '/-/package/@anthropic-ai%2fclaude-code/dist-tags';
/** A token goes over plain http only to a loopback server the test hook names. */
const hooked = (url: string) => ({
  CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: `${NO_HOSTS},registry=${url}`,
});

async function online(registry: RegistryOptions = {}, spec: FixtureSpec = {}) {
  const server = await fakeRegistry(registry);
  const fixture = makeFixture({ ...spec, env: { npm_config_registry: server.url, ...spec.env } });
  return {
    server,
    fixture,
    ctx: (at = T0, timeoutMs = 3000, offline = false) =>
      fixture.context({ offline, now: at, timeoutMs }),
  };
}

function cacheFiles(home: string): string[] {
  const dir = path.join(home, '.cache', 'claude-auth-doctor');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('the registry client', () => {
  it('reads dist-tags and one version document, nothing else', async () => {
    const { server, ctx } = await online({ engines: { '2.1.331': '>=22.0.0' } });
    const c = ctx();
    expect(await distTags(c)).toEqual({
      ok: true,
      value: { latest: '2.1.331', stable: '2.1.300' },
    });
    expect(await nodeEngineOf(c, '2.1.331')).toEqual({ ok: true, value: '>=22.0.0' });
    expect(server.requests).toEqual([TAGS_PATH, '/@anthropic-ai%2fclaude-code/2.1.331']);
  });

  it('prefers the scoped @anthropic-ai:registry over the plain one', async () => {
    const [scoped, plain] = await Promise.all([
      fakeRegistry({ tags: { latest: '7.0.0' } }),
      fakeRegistry(),
    ]);
    const fixture = makeFixture({
      home: { '.npmrc': `registry=${plain.url}\n@anthropic-ai:registry=${scoped.url}\n` },
    });
    const c = fixture.context({ offline: false });
    expect((await registryFor(c)).source).toBe('file:~/.npmrc:2');
    expect(await distTags(c)).toMatchObject({ ok: true, value: { latest: '7.0.0' } });
    expect(plain.requests).toHaveLength(0);
  });

  it("uses the user's .npmrc, not a registry the project .npmrc names, and expands ${VAR}", async () => {
    const server = await fakeRegistry({ base: '/npm/' });
    const hostile = await fakeRegistry();
    const fixture = makeFixture({
      home: { '.npmrc': 'registry=${MY_REGISTRY}\n' },
      project: { '.npmrc': `registry=${hostile.url}\n` },
      env: { MY_REGISTRY: server.url },
    });
    const c = fixture.context({ offline: false });
    expect(await registryFor(c)).toEqual({ url: server.url, source: 'file:~/.npmrc:1' });
    expect(await distTags(c)).toMatchObject({ ok: true });
    expect(hostile.requests).toEqual([]);
  });

  it('keeps a token it would send over plain http, and says so', async () => {
    const server = await fakeRegistry({ token: KEYS.authToken });
    const host = new URL(server.url).host;
    const fixture = makeFixture({
      home: { '.npmrc': `registry=${server.url}\n//${host}/:_authToken=${KEYS.authToken}\n` },
    });
    const result = await distTags(fixture.context({ offline: false }));
    expect(result).toEqual({
      ok: false,
      reason: `${host} answered HTTP 401; the token from file:~/.npmrc:2 is never sent over plain http: use an https registry URL`,
    });
    expect(server.log.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('sends the .npmrc token only as a bearer header: 401 without it, 200 with it, never in the cache', async () => {
    const server = await fakeRegistry({ token: KEYS.authToken, base: '/npm/' });
    const host = new URL(server.url).host;
    const without = makeFixture({ env: { npm_config_registry: server.url } });
    const refused = await distTags(without.context({ offline: false }));
    expect(refused).toEqual({
      ok: false,
      reason: `${host} answered HTTP 401; it needs a token: add //${host}/npm/:_authToken=... to ~/.npmrc`,
    });

    const withToken = makeFixture({
      home: { '.npmrc': `registry=${server.url}\n//${host}/npm/:_authToken=\${NPM_TOKEN}\n` },
      env: { NPM_TOKEN: KEYS.authToken, ...hooked(server.url) },
    });
    const c = withToken.context({ offline: false });
    const registry = await registryFor(c);
    expect(registry.token?.source).toBe('file:~/.npmrc:2');
    expectNoSecret(JSON.stringify(registry));
    expect(await distTags(c)).toMatchObject({ ok: true });
    expect(server.log.map((r) => Boolean(r.authorization))).toEqual([false, true]);
    const [file] = cacheFiles(withToken.home);
    expectNoSecret(
      readFileSync(path.join(withToken.home, '.cache', 'claude-auth-doctor', file!), 'utf8'),
    );
  });

  it('sends _auth from .npmrc as basic authentication', async () => {
    const basic = Buffer.from(`ada:${KEYS.authToken}`).toString('base64');
    const server = await fakeRegistry({ authorization: `Basic ${basic}` });
    const host = new URL(server.url).host;
    const fixture = makeFixture({
      home: { '.npmrc': `registry=${server.url}\n//${host}/:_auth=${basic}\n` },
      env: hooked(server.url),
    });
    const c = fixture.context({ offline: false });
    expect(await distTags(c)).toMatchObject({ ok: true });
    expect((await registryFor(c)).token).toMatchObject({
      scheme: 'Basic',
      source: 'file:~/.npmrc:2',
    });
  });

  it('says when the registry refuses the token it was given', async () => {
    const server = await fakeRegistry({ token: 'the-right-one-xxxxxxxxxxxx' });
    const host = new URL(server.url).host;
    const fixture = makeFixture({
      home: { '.npmrc': `registry=${server.url}\n//${host}/:_authToken=${KEYS.authToken}\n` },
      env: hooked(server.url),
    });
    const result = await distTags(fixture.context({ offline: false }));
    expect(result).toEqual({
      ok: false,
      reason: `${host} answered HTTP 401; it refused the token from file:~/.npmrc:2`,
    });
  });

  it.each([
    ['404', /answered HTTP 404$/],
    ['500', /answered HTTP 500$/],
    ['html', /answered something that is not a JSON object$/],
    ['invalid-json', /answered something that is not a JSON object$/],
    ['no-dist-tags', /^the registry answered without dist-tags$/],
  ] as const)('explains a registry answering %s, and caches nothing', async (mode, reason) => {
    const { ctx, fixture } = await online({ mode });
    const result = await distTags(ctx());
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
    expect(cacheFiles(fixture.home)).toEqual([]);
  });

  it('gives up on a slow registry at the timeout', async () => {
    const { ctx } = await online({ delayMs: 2000 });
    const started = Date.now();
    const result = await distTags(ctx(T0, 300));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/did not answer in time$/) });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says when nothing listens on the registry port', async () => {
    const fixture = makeFixture({ env: { npm_config_registry: await closedPort() } });
    expect(await distTags(fixture.context({ offline: false }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/could not be reached \(connection refused\)$/),
    });
  });

  it('answers from the cache within the hour without a request, and asks again after it', async () => {
    const { server, ctx, fixture } = await online({ engines: { '2.1.331': '>=22' } });
    expect(await channelTarget(ctx(T0))).toMatchObject({ ok: true, value: { version: '2.1.331' } });
    await nodeEngineOf(ctx(T0), '2.1.331');
    expect(server.requests).toHaveLength(2);
    const [file] = cacheFiles(fixture.home);
    expect(file).toBe(cacheFileName(server.url));

    const warm = ctx(minutes(59));
    expect(await distTags(warm)).toEqual({
      ok: true,
      value: { latest: '2.1.331', stable: '2.1.300' },
      cachedAt: T0.getTime(),
    });
    expect(await nodeEngineOf(warm, '2.1.331')).toMatchObject({ ok: true, value: '>=22' });
    expect(server.requests).toHaveLength(2);

    expect(await distTags(ctx(minutes(61)))).toEqual({
      ok: true,
      value: { latest: '2.1.331', stable: '2.1.300' },
    });
    expect(server.requests).toEqual([TAGS_PATH, '/@anthropic-ai%2fclaude-code/2.1.331', TAGS_PATH]);
  });

  it('keys the cache by registry', async () => {
    const { ctx, fixture } = await online();
    await distTags(ctx());
    const other = await fakeRegistry({ tags: { latest: '9.0.0' } });
    const c = fixture.context({
      offline: false,
      now: minutes(1),
      env: { ...fixture.env, npm_config_registry: other.url },
    });
    expect(await distTags(c)).toEqual({ ok: true, value: { latest: '9.0.0' } });
    expect(cacheFiles(fixture.home)).toHaveLength(2);
  });

  it('names cache files after the registry, without its credentials', () => {
    expect(cacheFileName('https://registry.npmjs.org/')).toBe('registry-registry.npmjs.org.json');
    expect(cacheFileName('http://127.0.0.1:4873/npm/')).toBe('registry-127.0.0.1-4873-npm.json');
    expect(
      cacheFileName(`https://user:${KEYS.apiKey}@npm.example.com/a/?token=${KEYS.apiKey}`),
    ).toBe('registry-npm.example.com-a.json');
    expect(cacheFileName(`https://npm.example.com/${'x'.repeat(300)}`).length).toBeLessThan(120);
  });
  it('--offline uses a fresh cache and otherwise skips, without a request', async () => {
    const { server, ctx } = await online();
    expect((await distTags(ctx(T0, 3000, true))).ok).toBe(false);
    expect(server.requests).toHaveLength(0);
    await distTags(ctx(T0));
    expect(await distTags(ctx(minutes(30), 3000, true))).toMatchObject({
      ok: true,
      cachedAt: T0.getTime(),
    });
    expect(await distTags(ctx(minutes(90), 3000, true))).toEqual({
      ok: false,
      reason: expect.stringContaining('--offline'),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('ignores a damaged cache file and replaces it', async () => {
    const { server, fixture } = await online();
    const name = cacheFileName(server.url);
    const damaged = makeFixture({
      home: { [`.cache/claude-auth-doctor/${name}`]: '{"registry": 5, "distTags": ' },
      env: fixture.env,
    });
    const c = damaged.context({ offline: false, env: { ...fixture.env, HOME: damaged.home } });
    expect(await distTags(c)).toMatchObject({ ok: true });
    expect(
      JSON.parse(
        readFileSync(path.join(damaged.home, '.cache', 'claude-auth-doctor', name), 'utf8'),
      ),
    ).toMatchObject({ registry: server.url });
  });

  it('uses XDG_CACHE_HOME when set', async () => {
    const { fixture } = await online();
    const xdg = path.join(fixture.root, 'xdg');
    await distTags(
      fixture.context({ offline: false, env: { ...fixture.env, XDG_CACHE_HOME: xdg } }),
    );
    expect(readdirSync(path.join(xdg, 'claude-auth-doctor'))).toHaveLength(1);
  });

  it('reaches the registry through HTTP_PROXY, and directly when NO_PROXY names it', async () => {
    const proxy = await fakeProxy();
    const { server, fixture } = await online({}, { env: { HTTP_PROXY: proxy.url } });
    expect(await distTags(fixture.context({ offline: false }))).toMatchObject({ ok: true });
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);

    const bypass = fixture.context({
      offline: false,
      env: { ...fixture.env, NO_PROXY: '127.0.0.1', XDG_CACHE_HOME: path.join(fixture.root, 'c2') },
    });
    expect(await distTags(bypass)).toMatchObject({ ok: true });
    expect(proxy.tunnels).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("honours npm's own proxy and noproxy settings from .npmrc", async () => {
    const proxy = await fakeProxy();
    const { server, fixture } = await online({}, { home: { '.npmrc': `proxy=${proxy.url}\n` } });
    expect(await distTags(fixture.context({ offline: false }))).toMatchObject({ ok: true });
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);

    writeFiles(fixture.home, { '.npmrc': `proxy=${proxy.url}\nnoproxy=127.0.0.1\n` });
    const bypass = fixture.context({
      offline: false,
      env: { ...fixture.env, XDG_CACHE_HOME: path.join(fixture.root, 'c2') },
    });
    expect(await distTags(bypass)).toMatchObject({ ok: true });
    expect(proxy.tunnels).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('explains a proxy that refuses the tunnel', async () => {
    const proxy = await fakeProxy({ status: 403 });
    const { fixture } = await online({}, { env: { HTTP_PROXY: proxy.url } });
    const result = await distTags(fixture.context({ offline: false }));
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/the proxy 127\.0\.0\.1:\d+ refused the tunnel \(HTTP 403\)/),
    });
  });
});

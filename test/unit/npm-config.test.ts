import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmGlobalPrefix, npmSetting } from '../../src/sources/npm-config.js';
import { makeFixture, writeFiles, type Fixture } from '../helpers/fixture.js';

describe('npm global prefix, derived without running npm', () => {
  it.each<
    [
      string,
      (f: Fixture) => { env?: Record<string, string>; files?: Record<string, string> },
      (f: Fixture) => [string, string],
    ]
  >([
    [
      'npm_config_prefix',
      (f) => ({ env: { npm_config_prefix: path.join(f.root, 'p') } }),
      (f) => [path.join(f.root, 'p'), 'env:npm_config_prefix'],
    ],
    [
      'NPM_CONFIG_PREFIX',
      () => ({ env: { NPM_CONFIG_PREFIX: '/opt/npm' } }),
      () => ['/opt/npm', 'env:NPM_CONFIG_PREFIX'],
    ],
    [
      'prefix= in ~/.npmrc, with ~',
      () => ({ files: { 'home/.npmrc': 'color=false\nprefix=~/.npm-global\n' } }),
      (f) => [path.join(f.home, '.npm-global'), 'file:~/.npmrc:2'],
    ],
    [
      'the user .npmrc, never the project one (npm refuses prefix there)',
      () => ({
        files: { 'home/project/.npmrc': 'prefix=/srv/p\n', 'home/.npmrc': 'prefix=/srv/u\n' },
      }),
      () => ['/srv/u', 'file:~/.npmrc:1'],
    ],
    [
      "prefix= in Node's global npmrc",
      () => ({ files: { 'node/etc/npmrc': 'prefix=/usr/local\n' } }),
      (f) => ['/usr/local', `file:${f.root}/node/etc/npmrc:1`],
    ],
    ['PREFIX', () => ({ env: { PREFIX: '/data/prefix' } }), () => ['/data/prefix', 'env:PREFIX']],
    [
      "Node's own install prefix",
      () => ({}),
      (f) => [path.join(f.root, 'node'), `node:${f.root}/node/bin/node`],
    ],
  ])('from %s', async (_, setup, expected) => {
    const fixture = makeFixture();
    const { env = {}, files = {} } = setup(fixture);
    writeFiles(fixture.root, files);
    const ctx = fixture.context({ env: { HOME: fixture.home, PATH: fixture.bin, ...env } });
    const [value, source] = expected(fixture);
    expect(await npmGlobalPrefix(ctx)).toEqual({ value, source });
  });

  it("on Windows, Node's prefix is the directory of node.exe", async () => {
    const fixture = makeFixture();
    const ctx = fixture.context({
      platform: 'win32',
      env: { USERPROFILE: fixture.home, PATH: fixture.bin },
    });
    expect((await npmGlobalPrefix(ctx))?.value).toBe(path.join(fixture.root, 'node', 'bin'));
  });
});

describe('npm settings from the environment', () => {
  it.each(['npm_config_engine_strict', 'NPM_CONFIG_ENGINE_STRICT', 'npm_config_engine-strict'])(
    'reads %s as engine-strict',
    async (name) => {
      const fixture = makeFixture();
      expect(
        await npmSetting(
          fixture.context({ env: { HOME: fixture.home, [name]: 'true' } }),
          'engine-strict',
        ),
      ).toEqual({ value: 'true', source: `env:${name}` });
    },
  );
});

describe('the cache directory and its one write', () => {
  it.each<[string, 'linux' | 'darwin' | 'win32', Record<string, string>, string]>([
    ['XDG_CACHE_HOME', 'linux', { XDG_CACHE_HOME: '/x/cache' }, '/x/cache/claude-auth-doctor'],
    [
      'XDG_CACHE_HOME on macOS too',
      'darwin',
      { XDG_CACHE_HOME: '/x/cache' },
      '/x/cache/claude-auth-doctor',
    ],
    ['~/.cache on Linux', 'linux', {}, '<home>/.cache/claude-auth-doctor'],
    ['~/Library/Caches on macOS', 'darwin', {}, '<home>/Library/Caches/claude-auth-doctor'],
    [
      '%LOCALAPPDATA% on Windows',
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' },
      'C:\\Users\\a\\AppData\\Local/claude-auth-doctor',
    ],
    [
      'a relative XDG_CACHE_HOME is ignored',
      'linux',
      { XDG_CACHE_HOME: 'rel' },
      '<home>/.cache/claude-auth-doctor',
    ],
  ])('%s', (_, platform, env, expected) => {
    const fixture = makeFixture();
    const ctx = fixture.context({
      platform,
      env: { HOME: fixture.home, USERPROFILE: fixture.home, ...env },
    });
    expect(ctx.cacheDir).toBe(expected.replace('<home>', fixture.home));
  });

  it('writes atomically, private to the user, and only inside the cache directory', async () => {
    const fixture = makeFixture();
    const ctx = fixture.context();
    expect(await ctx.writeCacheFile('a.json', '{}\n')).toBe(true);
    expect(await ctx.writeCacheFile('../escape.json', '{}\n')).toBe(false);
    const dir = path.join(fixture.home, '.cache', 'claude-auth-doctor');
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(statSync(path.join(dir, 'a.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(fixture.home, '.cache', 'escape.json'))).toBe(false);
  });

  it('reports a cache it cannot write as a failure, not an error', async () => {
    const fixture = makeFixture({ home: { '.cache': 'a file, not a directory' } });
    expect(await fixture.context().writeCacheFile('a.json', '{}')).toBe(false);
  });
});

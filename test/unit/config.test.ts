import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { findConfigFiles } from '../../src/config/files.js';
import { resolvePlugin } from '../../src/config/plugins.js';
import { trustFile } from '../../src/config/trust.js';
import { resolveConfig, type ConfigFlags } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/config/schema.js';
import { makeFixture, writeFiles, type Fixture, type FileSpec } from '../helpers/fixture.js';

// Configuration files are loaded the way a run loads them (cosmiconfig, real files); `.ts`
// configs and plugin imports are covered end to end (test/e2e/config.test.ts), because the
// test runner would transpile them itself.

function resolveIn(
  fixture: Fixture,
  flags: ConfigFlags = {},
  cwd = fixture.project,
  env = fixture.env,
) {
  const ctx = fixture.context();
  return resolveConfig(
    {
      env,
      cwd,
      home: fixture.home,
      invocationDir: fixture.project,
      display: (file) => ctx.display(file),
    },
    flags,
    checks.map((c) => c.id),
  );
}

/** `claude-auth-doctor trust` for the fixture's project configuration file. */
async function trustProject(fixture: Fixture): Promise<void> {
  const world = { env: fixture.env, cwd: fixture.project, home: fixture.home };
  const { found } = await findConfigFiles(world);
  for (const file of found.filter((f) => f.scope === 'project'))
    await trustFile(world, file.path, new Date());
}

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('configuration files', () => {
  it.each<[string, FileSpec]>([
    ['package.json', { name: 'app', 'claude-auth-doctor': { expect: 'api' } }],
    ['.claude-auth-doctorrc', '{ "expect": "api" }\n'],
    ['.claude-auth-doctorrc', 'expect: api\n'],
    ['.claude-auth-doctorrc.json', { expect: 'api' }],
    ['.claude-auth-doctorrc.yaml', '# team\nexpect: api\n'],
    ['.claude-auth-doctorrc.yml', 'expect: api\n'],
    ['.claude-auth-doctorrc.js', 'module.exports = { expect: "api" };\n'],
    ['.claude-auth-doctorrc.cjs', 'module.exports = { expect: "api" };\n'],
    ['.claude-auth-doctorrc.mjs', 'export default { expect: "api" };\n'],
    ['claude-auth-doctor.config.js', 'module.exports = { expect: "api" };\n'],
    ['claude-auth-doctor.config.cjs', 'module.exports = { expect: "api" };\n'],
    ['claude-auth-doctor.config.mjs', 'export default { expect: "api" };\n'],
  ])('reads %s (%#)', async (file, content) => {
    const fixture = makeFixture({ project: { [file]: content } });
    await trustProject(fixture);
    const config = await resolveIn(fixture);
    expect(config.expect).toBe('api');
    expect(config.files.map((f) => [f.shown, f.scope])).toEqual([[`~/project/${file}`, 'project']]);
    expect(config.sources.expect).toBe(`~/project/${file}`);
  });

  it('ignores a package.json without the key and one that is not JSON', async () => {
    const fixture = makeFixture({
      project: { 'package.json': { name: 'app' } },
      home: { 'package.json': '{ nope' },
    });
    expect((await resolveIn(fixture)).files).toEqual([]);
  });

  it('searches from the project directory up to the home directory, nearest first', async () => {
    const fixture = makeFixture({
      home: {
        '.claude-auth-doctorrc.json': { timeout: 1111 },
        'project/.claude-auth-doctorrc.yml': 'timeout: 2222\n',
      },
    });
    writeFiles(fixture.project, { 'sub/deeper/.keep': '' });
    const deep = await resolveIn(fixture, {}, path.join(fixture.project, 'sub', 'deeper'));
    expect(deep.timeoutMs).toBe(2222);
    const atHome = await resolveIn(fixture, {}, fixture.home);
    expect(atHome.timeoutMs).toBe(1111);
  });

  it('does not search above the home directory', async () => {
    const fixture = makeFixture();
    writeFiles(fixture.root, { '.claude-auth-doctorrc.json': { timeout: 1 } });
    expect((await resolveIn(fixture)).files).toEqual([]);
  });

  it.each([
    ['XDG_CONFIG_HOME', { XDG_CONFIG_HOME: 'XDG' }, 'xdg/claude-auth-doctor/config.yaml'],
    ['~/.config by default', {}, '.config/claude-auth-doctor/config.json'],
  ])('reads the user file from %s', async (_, extraEnv, rel) => {
    const fixture = makeFixture();
    writeFiles(fixture.home, {
      [rel]: rel.endsWith('yaml') ? 'offline: true\n' : { offline: true },
    });
    const env = {
      ...fixture.env,
      ...('XDG_CONFIG_HOME' in extraEnv ? { XDG_CONFIG_HOME: path.join(fixture.home, 'xdg') } : {}),
    };
    const config = await resolveIn(fixture, {}, fixture.project, env);
    expect(config.offline).toBe(true);
    expect(config.files.map((f) => [f.shown, f.scope])).toEqual([[`~/${rel}`, 'user']]);
  });

  it('uses defaults without any file', async () => {
    const config = await resolveIn(makeFixture());
    expect([config.expect, config.timeoutMs, config.offline, config.files]).toEqual([
      'auto',
      3000,
      false,
      [],
    ]);
    expect(config.sources).toEqual({ expect: 'default', timeout: 'default', offline: 'default' });
  });
});

describe('precedence', () => {
  const layered = () =>
    makeFixture({
      home: {
        '.config/claude-auth-doctor/config.json': {
          expect: 'api',
          timeout: 1000,
          offline: true,
          checks: { 'auto-reload': 'off', 'stale-version': 'warn' },
          allowedOrganizations: ['user.example'],
        },
      },
      project: {
        '.claude-auth-doctorrc.json': {
          expect: 'subscription',
          checks: { 'stale-version': 'error' },
          allowedOrganizations: ['project.example'],
        },
      },
    });

  it('project file over user file; checks merge per id', async () => {
    const config = await resolveIn(layered());
    expect(config.files.map((f) => f.scope)).toEqual(['user', 'project']);
    expect(config.expect).toBe('subscription');
    expect(config.timeoutMs).toBe(1000);
    expect(config.policy.allowedOrganizations).toEqual(['project.example']);
    expect(config.checks).toEqual({
      'auto-reload': { setting: 'off', source: '~/.config/claude-auth-doctor/config.json' },
      'stale-version': { setting: 'error', source: '~/project/.claude-auth-doctorrc.json' },
    });
    expect(config.sources).toMatchObject({
      expect: '~/project/.claude-auth-doctorrc.json',
      timeout: '~/.config/claude-auth-doctor/config.json',
    });
  });

  it('flags over both', async () => {
    const config = await resolveIn(layered(), { expect: 'auto', timeout: 50, offline: false });
    expect([config.expect, config.timeoutMs, config.offline]).toEqual(['auto', 50, false]);
    expect(config.sources).toMatchObject({
      expect: '--expect',
      timeout: '--timeout',
      offline: '--no-offline',
    });
  });

  it('--config reads only that file, relative to where the doctor started; --no-config none', async () => {
    const fixture = layered();
    writeFiles(fixture.project, { 'ci/doctor.yaml': 'expect: api\n' });
    const only = await resolveIn(fixture, { config: 'ci/doctor.yaml' });
    expect(only.files.map((f) => [f.shown, f.scope])).toEqual([
      ['~/project/ci/doctor.yaml', 'explicit'],
    ]);
    expect([only.expect, only.timeoutMs, only.checks]).toEqual(['api', 3000, {}]);
    expect((await resolveIn(fixture, { config: false })).files).toEqual([]);
  });
});

describe('validation', () => {
  const FILE = '~/project/.claude-auth-doctorrc.json';
  it.each<[string, unknown, string]>([
    [
      'an unknown key',
      { timout: 10 },
      '"timout" is not an option; expected one of: expect, checks, timeout',
    ],
    [
      'a wrong type',
      { timeout: 'fast' },
      '"timeout" must be a positive number of milliseconds, got "fast"',
    ],
    [
      'a negative timeout',
      { timeout: -1 },
      '"timeout" must be a positive number of milliseconds, got -1',
    ],
    [
      'a bad expect',
      { expect: 'maybe' },
      '"expect" must be one of "subscription", "api", "auto", got "maybe"',
    ],
    ['offline as a string', { offline: 'yes' }, '"offline" must be true or false, got "yes"'],
    [
      'a registry that is not a URL',
      { registry: 'npm.corp' },
      '"registry" must be an http(s) URL, got "npm.corp"',
    ],
    ['checks as a list', { checks: ['auto-reload'] }, '"checks" must be an object of check id'],
    [
      'a bad check setting',
      { checks: { 'auto-reload': 'silent' } },
      '"checks.auto-reload" must be one of "off", "warn", "error", got "silent"',
    ],
    [
      'an unknown check id',
      { checks: { 'auto-reloads': 'off' } },
      '"checks.auto-reloads" is not a check id; expected one of: api-key-env,',
    ],
    [
      'plugins as a string',
      { plugins: './x.js' },
      '"plugins" must be a list of module paths or package names, got "./x.js"',
    ],
    [
      'a plugin that is not a string',
      { plugins: [3] },
      '"plugins" must be a string or a list of non-empty strings',
    ],
    [
      'a missing plugin file',
      { plugins: ['./nope.js'] },
      '"plugins" names "./nope.js", which could not be found',
    ],
    [
      'a missing plugin package',
      { plugins: ['@acme/nope'] },
      '"plugins" names "@acme/nope", which could not be found (no node_modules/@acme/nope',
    ],
    [
      'an unknown method',
      { requireMethod: 'sso' },
      '"requireMethod" must be one of "subscription", "api-key"',
    ],
    [
      'organizations as a number',
      { allowedOrganizations: 42 },
      '"allowedOrganizations" must be a string or a list of non-empty strings, got 42',
    ],
    ['a list instead of options', [1], 'must hold an object of options, not an array'],
  ])('rejects %s, naming the file and the key', async (_, content, message) => {
    const fixture = makeFixture({
      project: { '.claude-auth-doctorrc.json': JSON.stringify(content) },
    });
    await trustProject(fixture);
    const text = await configError(resolveIn(fixture));
    expect(text).toContain(`${FILE}: `);
    expect(text).toContain(message);
  });

  it.each([
    ['.claude-auth-doctorrc.yaml', 'expect: [api\n', 'could not be loaded:'],
    ['.claude-auth-doctorrc.json', '{ "expect": ', 'could not be loaded:'],
    ['.claude-auth-doctorrc.cjs', 'throw new Error("boom");\n', 'could not be loaded: boom'],
  ])('rejects a file that does not parse (%s)', async (file, text, message) => {
    const fixture = makeFixture({ project: { [file]: text } });
    await trustProject(fixture);
    expect(await configError(resolveIn(fixture))).toContain(`~/project/${file}: ${message}`);
  });

  it('rejects a --config file that does not exist', async () => {
    expect(await configError(resolveIn(makeFixture(), { config: 'missing.json' }))).toBe(
      'missing.json: does not exist (--config)',
    );
  });

  it('names the file that set a bad check id, not the one that came last', async () => {
    const fixture = makeFixture({
      home: { '.config/claude-auth-doctor/config.yml': 'checks:\n  nope: off\n' },
      project: { '.claude-auth-doctorrc.json': { expect: 'api' } },
    });
    expect(await configError(resolveIn(fixture))).toMatch(
      /^~\/\.config\/claude-auth-doctor\/config\.yml: "checks\.nope"/,
    );
  });
});

describe('project trust', () => {
  const code = { '.claude-auth-doctorrc.cjs': 'module.exports = { expect: "api" };\n' };

  it('skips an untrusted project .cjs file and says how to trust it', async () => {
    const fixture = makeFixture({ project: code });
    const config = await resolveIn(fixture);
    expect(config.files).toEqual([]);
    expect(config.expect).toBe('auto');
    expect(config.notices).toEqual([
      '~/project/.claude-auth-doctorrc.cjs not loaded: it is code in a project you have not trusted. To trust it: claude-auth-doctor trust ~/project',
    ]);
  });

  it('keeps the options of an untrusted JSON file but not its plugins', async () => {
    const fixture = makeFixture({
      project: { '.claude-auth-doctorrc.json': { expect: 'api', plugins: ['./x.mjs'] } },
    });
    const config = await resolveIn(fixture);
    expect(config.expect).toBe('api');
    expect(config.plugins).toEqual([]);
    expect(config.notices).toEqual([
      '~/project/.claude-auth-doctorrc.json: plugins not loaded (./x.mjs): a project you have not trusted. To trust it: claude-auth-doctor trust ~/project',
    ]);
  });

  it('withdraws the trust when the file changes', async () => {
    const fixture = makeFixture({ project: code });
    await trustProject(fixture);
    expect((await resolveIn(fixture)).expect).toBe('api');
    writeFiles(fixture.project, { '.claude-auth-doctorrc.cjs': 'module.exports = {};\n' });
    const config = await resolveIn(fixture);
    expect(config.files).toEqual([]);
    expect(config.notices[0]).toContain('changed since you trusted it');
  });

  it('ignores a trust list that others can write', async () => {
    const fixture = makeFixture({ project: code });
    await trustProject(fixture);
    chmodSync(path.join(fixture.home, '.config/claude-auth-doctor/trusted-projects.json'), 0o666);
    expect((await resolveIn(fixture)).files).toEqual([]);
  });

  it('trusts directories in trustedProjects of the user file, and quotes odd paths in the command', async () => {
    const fixture = makeFixture({
      home: { '.config/claude-auth-doctor/config.json': { trustedProjects: ['~/project'] } },
      project: code,
    });
    expect((await resolveIn(fixture)).expect).toBe('api');
    const other = makeFixture({ project: {} });
    writeFiles(other.home, {
      "it's here/.claude-auth-doctorrc.cjs": code['.claude-auth-doctorrc.cjs'],
    });
    const notices = (await resolveIn(other, {}, path.join(other.home, "it's here"))).notices;
    expect(notices[0]).toContain(`claude-auth-doctor trust ~/'it'\\''s here'`);
  });
});

describe('plugin resolution', () => {
  const from = (fixture: Fixture) => ({
    from: path.join(fixture.project, '.claude-auth-doctorrc.json'),
    fromShown: '~/project/.claude-auth-doctorrc.json',
  });

  it.each([
    ['a file, named after its base name', './tools/team.mjs', 'team', 'tools/team.mjs'],
    ['a directory with a package.json', './tools/pkg', 'pkg-name', 'tools/pkg/main.js'],
    [
      'a package with conditional exports',
      '@acme/checks',
      '@acme/checks',
      'node_modules/@acme/checks/dist/index.js',
    ],
    [
      'a package found in a parent directory',
      'parent-checks',
      'parent-checks',
      '../node_modules/parent-checks/index.js',
    ],
  ])('finds %s', async (_, spec, name, rel) => {
    const fixture = makeFixture({
      home: {
        'node_modules/parent-checks/package.json': { name: 'parent-checks' },
        'node_modules/parent-checks/index.js': '',
      },
      project: {
        'tools/team.mjs': '',
        'tools/pkg/package.json': { name: 'pkg-name', main: 'main.js' },
        'tools/pkg/main.js': '',
        'node_modules/@acme/checks/package.json': {
          name: '@acme/checks',
          exports: {
            '.': {
              types: './dist/index.d.ts',
              import: './dist/index.js',
              require: './dist/index.cjs',
            },
          },
        },
        'node_modules/@acme/checks/dist/index.js': '',
      },
    });
    const found = await resolvePlugin({ spec, ...from(fixture) });
    expect(found).toEqual({ name, file: path.resolve(fixture.project, rel) });
  });

  it('refuses a file that is not a module', async () => {
    const fixture = makeFixture({ project: { 'checks.json': '{}' } });
    const error = await resolvePlugin({ spec: './checks.json', ...from(fixture) }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('which is not a .js, .mjs, .cjs or .ts module');
  });
});

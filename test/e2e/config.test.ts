import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, writeFiles } from '../helpers/fixture.js';
import { closedPort, fakeRegistry } from '../helpers/registry.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Configuration and plugins through the built bin: `.ts` files and plugin imports must load the
// way they do for users (the test runner would otherwise transpile them itself).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples/plugin-team-policy');

/** What a project that installed the doctor (and TypeScript) has in node_modules. */
function install(dir: string, packages: ('claude-auth-doctor' | 'typescript')[]): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  for (const name of packages) {
    symlinkSync(
      name === 'typescript' ? path.join(ROOT, 'node_modules/typescript') : ROOT,
      path.join(dir, 'node_modules', name),
      'dir',
    );
  }
}

/** `claude-auth-doctor trust` for the fixture's project: its code and plugins may load. */
async function trust(fixture: { env: Record<string, string>; project: string }): Promise<void> {
  const result = await runCli(['trust'], fixture.env, fixture.project);
  expect(result.code).toBe(0);
}

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

const byId = (r: Report, id: string) => r.checks.find((c) => c.id === id);

interface ConfigDoc {
  files: { path: string; scope: string }[];
  config: Record<string, unknown> & {
    plugins: { name: string; loaded: boolean; error?: string; checks: string[] }[];
  };
  sources: Record<string, string>;
}

describe('configuration (built bin)', () => {
  it("loads claude-auth-doctor.config.ts with the project's typescript", async () => {
    const fixture = makeFixture({
      project: {
        'claude-auth-doctor.config.ts':
          "type Options = { expect: 'api' | 'subscription'; timeout: number };\nconst options: Options = { expect: 'api', timeout: 1234 };\nexport default options;\n",
      },
    });
    install(fixture.project, ['typescript']);
    await trust(fixture);
    const result = await runCli(['config', '--json'], fixture.env, fixture.project);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout) as ConfigDoc;
    expect(doc.config).toMatchObject({ expect: 'api', timeout: 1234 });
    expect(doc.files).toEqual([
      { path: '~/project/claude-auth-doctor.config.ts', scope: 'project' },
    ]);
  });

  it('explains that a .ts config needs typescript when the project has none', async () => {
    const fixture = makeFixture({
      project: { 'claude-auth-doctor.config.ts': "export default { expect: 'api' as const };\n" },
    });
    await trust(fixture);
    const result = await runCli(['--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '~/project/claude-auth-doctor.config.ts: could not be loaded: a .ts file needs the "typescript" package',
    );
    expect(result.stdout).toBe('');
  });

  it('prints the resolved configuration and where each value comes from', async () => {
    const fixture = makeFixture({
      home: {
        '.config/claude-auth-doctor/config.yaml': 'timeout: 2500\nchecks:\n  auto-reload: off\n',
      },
      project: {
        '.claude-auth-doctorrc.json': {
          expect: 'api',
          registry: 'https://user:hunter2PLANTEDSECRET@npm.corp.example/',
        },
      },
    });
    const text = await runCli(['config', '--offline'], fixture.env, fixture.project);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '  user     ~/.config/claude-auth-doctor/config.yaml\n  project  ~/project/.claude-auth-doctorrc.json\n',
    );
    expect(text.stdout).toMatch(/^expect +api +~\/project\/\.claude-auth-doctorrc\.json$/m);
    expect(text.stdout).toMatch(/^timeout +2500 +~\/\.config\/claude-auth-doctor\/config\.yaml$/m);
    expect(text.stdout).toMatch(/^offline +true +--offline$/m);
    expect(text.stdout).toMatch(
      /^checks\.auto-reload +off +~\/\.config\/claude-auth-doctor\/config\.yaml$/m,
    );
    expectNoSecret(text.stdout);

    const json = await runCli(
      ['config', '--json', '--expect', 'subscription'],
      fixture.env,
      fixture.project,
    );
    const doc = JSON.parse(json.stdout) as ConfigDoc;
    expect(doc.config).toMatchObject({
      expect: 'subscription',
      timeout: 2500,
      offline: false,
      registry: 'https://npm.corp.example/',
      checks: { 'auto-reload': 'off' },
    });
    expect(doc.sources).toMatchObject({
      expect: '--expect',
      timeout: '~/.config/claude-auth-doctor/config.yaml',
      offline: 'default',
    });
    expectNoSecret(json.stdout);
  });

  it('says when no file is in effect', async () => {
    const fixture = makeFixture({ project: { '.claude-auth-doctorrc.json': { expect: 'api' } } });
    const result = await runCli(['config', '--no-config'], fixture.env, fixture.project);
    expect(result.stdout).toContain('No configuration file is in effect; defaults apply.');
    expect(result.stdout).toMatch(/^expect +auto +default$/m);
  });

  it.each([
    [
      { '.claude-auth-doctorrc.json': { timeout: 'fast' } },
      ['--offline'],
      '~/project/.claude-auth-doctorrc.json: "timeout" must be a positive number of milliseconds, got "fast"',
    ],
    [
      { '.claude-auth-doctorrc.yml': 'checks:\n  stale-versoin: off\n' },
      ['config'],
      '~/project/.claude-auth-doctorrc.yml: "checks.stale-versoin" is not a check id',
    ],
    [
      { '.claude-auth-doctorrc.json': { plugins: ['./missing.mjs'] } },
      ['--json', '--offline'],
      '~/project/.claude-auth-doctorrc.json: "plugins" names "./missing.mjs", which could not be found (looked for ~/project/missing.mjs)',
    ],
    [{}, ['--offline', '--config', 'nope.yaml'], 'nope.yaml: does not exist (--config)'],
    [{}, ['--offline', '--config'], '--config: needs a file name'],
  ])('exits 2 on an invalid configuration (%#)', async (files, args, message) => {
    const fixture = makeFixture({ project: files });
    if (Object.keys(files).length) await trust(fixture);
    const result = await runCli(args, fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`claude-auth-doctor: ${message}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('applies checks settings: off removes, warn and error recount, keeping the original status', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
      project: {
        '.claude-auth-doctorrc.json': {
          checks: { 'stale-version': 'off', 'api-key-env': 'warn', 'auto-reload': 'error' },
        },
      },
    });
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    const r = report(result.stdout);
    expect(byId(r, 'stale-version')).toBeUndefined();
    expect(byId(r, 'api-key-env')).toMatchObject({
      status: 'warn',
      statusOverride: {
        original: 'fail',
        setting: 'warn',
        source: '~/project/.claude-auth-doctorrc.json',
      },
    });
    expect(byId(r, 'auto-reload')).toMatchObject({
      status: 'fail',
      statusOverride: { original: 'warn', setting: 'error' },
    });
    expect(byId(r, 'subscription-login')?.statusOverride).toBeUndefined();
    const human = await runCli(
      ['--offline', '--verbose', '--only', 'api-key-env,stale-version'],
      fixture.env,
      fixture.project,
    );
    expect(human.stdout).toContain(
      '(fail, counted as warn by ~/project/.claude-auth-doctorrc.json)',
    );
    expect(human.stdout).toContain('Claude Code version'); // --only brings back a check the config turned off
    expectNoSecret(human.stdout);
  });

  it('asks the configured registry instead of the one npm would use', async () => {
    const registry = await fakeRegistry({ tags: { latest: '2.1.331' } });
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { npm_config_registry: await closedPort() },
      project: { '.claude-auth-doctorrc.yaml': `registry: ${registry.url}\n` },
    });
    const r = report(
      (await runCli(['--json', '--only', 'stale-version'], fixture.env, fixture.project)).stdout,
    );
    expect(byId(r, 'stale-version')?.status).toBe('pass');
    expect(registry.requests.length).toBeGreaterThan(0);

    // A token in the registry URL never prints, whatever the check makes of the URL.
    writeFiles(fixture.project, {
      '.claude-auth-doctorrc.yaml': `registry: ${registry.url.replace('//', `//ci:${KEYS.authToken}@`)}\n`,
    });
    const withToken = await runCli(
      ['--json', '--verbose', '--only', 'stale-version'],
      fixture.env,
      fixture.project,
    );
    expect(byId(report(withToken.stdout), 'stale-version')?.evidence.length).toBeGreaterThan(0);
    expectNoSecret(withToken.stdout);
  });

  it('fails a run that otherwise passes when the login breaks the policy', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const clean = await runCli(['--offline'], fixture.env, fixture.project);
    expect(clean.code).toBe(0);
    writeFiles(fixture.project, {
      '.claude-auth-doctorrc.yaml':
        'allowedOrganizations: [corp.example]\nrequireMethod: subscription\n',
    });
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    const r = report(result.stdout);
    expect(byId(r, 'policy')?.status).toBe('fail');
    expect(byId(r, 'policy')?.summary).toContain('not to an allowed organization (corp.example)');
    expect(
      r.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => c.id),
    ).toEqual(['policy']);
  });
});

describe('plugins (built bin)', () => {
  it('loads the example TypeScript plugin from the README', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      project: { '.claude/settings.json': { forceLoginMethod: 'claudeai' } },
    });
    const result = await runCli(
      ['--json', '--offline', '--config', path.join(EXAMPLE, '.claude-auth-doctorrc.yaml')],
      fixture.env,
      fixture.project,
    );
    const r = report(result.stdout);
    expect(byId(r, 'team-policy/force-login-method')).toMatchObject({
      status: 'pass',
      outcome: 'forced',
      title: 'Project forces the claude.ai login',
    });
    expect(byId(r, 'team-policy/force-login-method')?.summary).toBe(
      'The project forces the claude.ai login.',
    );
    // A warning that the example's configuration counts as a failure.
    expect(byId(r, 'team-policy/login-org')).toMatchObject({
      status: 'fail',
      outcome: 'warn',
      statusOverride: { original: 'warn', setting: 'error' },
    });
    expect(byId(r, 'policy')?.status).toBe('pass');
    expect(result.code).toBe(1);

    writeFiles(fixture.project, {
      '.claude/settings.json': {
        forceLoginMethod: 'console',
        forceLoginOrgUUID: '11111111-2222-3333-4444-555555555555',
      },
    });
    const again = report(
      (
        await runCli(
          ['--json', '--offline', '--config', path.join(EXAMPLE, '.claude-auth-doctorrc.yaml')],
          fixture.env,
          fixture.project,
        )
      ).stdout,
    );
    expect(byId(again, 'team-policy/force-login-method')).toMatchObject({
      status: 'fail',
      outcome: 'not-forced',
      fix: ['Set "forceLoginMethod": "claudeai" in ~/project/.claude/settings.json.'],
      evidence: [
        {
          source: 'file:~/project/.claude/settings.json#forceLoginMethod',
          detail: 'forceLoginMethod is "console"',
        },
      ],
    });
    expect(byId(again, 'team-policy/login-org')?.status).toBe('pass');
  });

  it('loads plain JavaScript plugins (ESM importing the package, CommonJS, an installed package) with namespaced ids and the same ctx', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { TEAM_MARKER: 'on' },
      project: {
        'doctor/env-marker.mjs': `import { defineCheck } from 'claude-auth-doctor';
export default defineCheck({
  id: 'marker', title: 'Team marker', description: 'TEAM_MARKER is set in the environment the doctor sees.',
  async run(ctx) {
    return ctx.env.TEAM_MARKER === 'on' ? { status: 'pass', summary: 'set in ' + ctx.display(ctx.cwd) } : { status: 'fail', summary: 'not set' };
  },
});
`,
        'doctor/legacy.cjs': `module.exports = [{ id: 'one', title: 'One', description: 'A CommonJS plugin check.', run: async (ctx) => ({ status: ctx.options.offline ? 'skip' : 'pass', summary: 'offline: ' + ctx.options.offline }) }];
`,
        'node_modules/@acme/doctor-checks/package.json': {
          name: '@acme/doctor-checks',
          type: 'module',
          exports: { '.': { types: './index.d.ts', import: './index.js' } },
        },
        'node_modules/@acme/doctor-checks/index.js': `export default [{ id: 'pkg', title: 'Package', description: 'A check from an installed package.', run: async (ctx) => ({ status: 'pass', summary: ctx.platform }) }];\n`,
        '.claude-auth-doctorrc.json': {
          plugins: ['./doctor/env-marker.mjs', './doctor/legacy.cjs', '@acme/doctor-checks'],
        },
      },
    });
    install(fixture.project, ['claude-auth-doctor']);
    await trust(fixture);
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    const r = report(result.stdout);
    expect(byId(r, 'env-marker/marker')).toMatchObject({
      status: 'pass',
      summary: 'set in ~/project',
    });
    expect(byId(r, 'legacy/one')).toMatchObject({ status: 'skip', summary: 'offline: true' });
    expect(byId(r, '@acme/doctor-checks/pkg')).toMatchObject({
      status: 'pass',
      summary: process.platform,
    });
    expect(result.code).toBe(0);
    const only = report(
      (await runCli(['--json', '--offline', '--only', 'legacy/one'], fixture.env, fixture.project))
        .stdout,
    );
    expect(only.checks.map((c) => c.id)).toEqual(['legacy/one']);
  });

  it('turns crashing, hanging and malformed plugins into one error each; every other check still runs', async () => {
    const check = (body: string) =>
      `export default { id: 'x', title: 'X', description: 'A misbehaving check.', run: ${body} };\n`;
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
      project: {
        'p/throws-on-load.mjs': `throw new Error('cannot start with ' + process.env.ANTHROPIC_API_KEY);\n`,
        'p/hangs-on-load.mjs': 'await new Promise(() => {});\nexport default [];\n',
        'p/not-a-check.mjs': 'export default { id: 42 };\n',
        'p/throws.mjs': check(
          `async (ctx) => { throw new Error('broke on ' + ctx.env.ANTHROPIC_API_KEY); }`,
        ),
        'p/hangs.mjs': check('() => new Promise(() => {})'),
        'p/malformed.mjs': check(`async () => ({ status: 'great' })`),
        '.claude-auth-doctorrc.json': {
          timeout: 800,
          plugins: [
            './p/throws-on-load.mjs',
            './p/hangs-on-load.mjs',
            './p/not-a-check.mjs',
            './p/throws.mjs',
            './p/hangs.mjs',
            './p/malformed.mjs',
          ],
        },
      },
    });
    await trust(fixture);
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    expectNoSecret(result.stdout);
    expectNoSecret(result.stderr);
    const r = report(result.stdout);
    const errors = Object.fromEntries(
      r.checks.filter((c) => c.status === 'error').map((c) => [c.id, c.summary]),
    );
    expect(errors).toEqual({
      'throws-on-load/load':
        'Plugin throws-on-load could not be loaded: importing it threw: cannot start with [redacted]',
      'hangs-on-load/load':
        'Plugin hangs-on-load could not be loaded: it did not finish loading within 800 ms',
      'not-a-check/load':
        'Plugin not-a-check could not be loaded: its default export has no valid id (lower-case words joined by "-")',
      'throws/x': 'Plugin throws: the check crashed: broke on [redacted]',
      'hangs/x': 'Plugin hangs: the check did not finish within 1800 ms.',
      'malformed/x': 'Plugin malformed: the check returned a malformed result.',
    });
    expect(
      Object.fromEntries(
        r.checks.filter((c) => c.status === 'error').map((c) => [c.id, c.outcome]),
      ),
    ).toEqual({
      'throws-on-load/load': 'load-failed',
      'hangs-on-load/load': 'load-failed',
      'not-a-check/load': 'load-failed',
      'throws/x': 'crashed',
      'hangs/x': 'timed-out',
      'malformed/x': 'malformed',
    });
    expect(byId(r, 'api-key-env')?.outcome).toBe('overrides-unanswered');
    expect(byId(r, 'subscription-login')?.outcome).toBe('usable');
    expect(result.ms).toBeLessThan(10_000);

    const config = JSON.parse(
      (await runCli(['config', '--json'], fixture.env, fixture.project)).stdout,
    ) as ConfigDoc;
    expect(config.config.plugins.find((p) => p.name === 'throws-on-load')).toMatchObject({
      loaded: false,
      error: 'importing it threw an exception (the doctor shows it)',
    });
    expect(config.config.plugins.find((p) => p.name === 'throws')).toMatchObject({
      loaded: true,
      checks: ['throws/x'],
    });
  });
});

describe('published types', () => {
  it('give plugin authors the check interface through the package name', async () => {
    const { default: ts } = await import('typescript');
    const fixture = makeFixture({
      project: {
        'package.json': { name: 'my-checks', type: 'module' },
        'good.ts': `import { defineCheck, type Context } from 'claude-auth-doctor';
export default defineCheck({ id: 'a', title: 'A', description: 'A check.', async run(ctx: Context) {
  const read = await ctx.readText(ctx.display(ctx.cwd));
  return { status: read.ok ? 'pass' : 'warn', summary: ctx.options.expect, evidence: [{ source: 'env:X', detail: 'y' }] };
} });
`,
        'bad.ts': `import { defineCheck } from 'claude-auth-doctor';
export default defineCheck({ id: 'b', title: 'B', description: 'B check.', async run(ctx) {
  return { status: 'great', summary: ctx.nope };
} });
`,
        'declared.ts': `import { defineCheck } from 'claude-auth-doctor';
export default defineCheck({ id: 'c', title: 'C', description: 'C check.',
  outcomes: { ok: { status: 'pass', summary: 'Fine: {why}.' }, gone: { status: 'fail', summary: 'Gone.', fix: 'Run it.', plan: ['verify'] } },
  async run(ctx) { return ctx.env.X ? { outcome: 'ok', values: { why: 'x' } } : { outcome: 'gone' }; } });
`,
        'undeclared.ts': `import { defineCheck } from 'claude-auth-doctor';
export default defineCheck({ id: 'd', title: 'D', description: 'D check.',
  outcomes: { ok: { status: 'pass', summary: 'Fine.' } },
  async run() { return { outcome: 'oops' }; } });
`,
      },
    });
    install(fixture.project, ['claude-auth-doctor']);
    // One program for both files, with a small lib, keeps this test to about a second.
    const program = ts.createProgram(
      ['good.ts', 'bad.ts', 'declared.ts', 'undeclared.ts'].map((f) =>
        path.join(fixture.project, f),
      ),
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
    );
    const diagnose = (file: string) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(path.join(fixture.project, file)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnose('good.ts')).toEqual([]);
    const bad = diagnose('bad.ts').join('\n');
    expect(bad).toContain('"great"');
    expect(bad).toContain("Property 'nope' does not exist on type 'Context'");
    // An outcome id the check does not declare is a compile error.
    expect(diagnose('declared.ts')).toEqual([]);
    expect(diagnose('undeclared.ts').join('\n')).toContain('"oops"');
  });
});

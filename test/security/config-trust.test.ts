import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, writeFiles, type Fixture } from '../helpers/fixture.js';
import {
  checkOf,
  cjsMarker,
  esmMarker,
  expectNotRun,
  giveToNobody,
  hostilePackage,
  IS_ROOT,
  parseReport,
} from './hostile.js';

// A project directory is data: its configuration may tune options, but nothing in it runs
// (a .js/.ts config, a plugin, its node_modules/typescript) until the user trusts it.

interface Hostile {
  name: string;
  /** Lays out the hostile project; returns the file the notice must name. */
  plant(fixture: Fixture, marker: string): string;
  /** Options a data file sets, which still apply. */
  applies?: Record<string, unknown>;
}

const HOSTILE: Hostile[] = [
  {
    name: '.claude-auth-doctorrc.js',
    plant: (f, marker) => {
      writeFiles(f.project, { '.claude-auth-doctorrc.js': cjsMarker(marker, "{ expect: 'api' }") });
      return '~/project/.claude-auth-doctorrc.js';
    },
  },
  {
    name: '.claude-auth-doctorrc.mjs',
    plant: (f, marker) => {
      writeFiles(f.project, { '.claude-auth-doctorrc.mjs': esmMarker(marker) });
      return '~/project/.claude-auth-doctorrc.mjs';
    },
  },
  {
    name: 'claude-auth-doctor.config.ts with a hostile node_modules/typescript',
    plant: (f, marker) => {
      writeFiles(f.project, { 'claude-auth-doctor.config.ts': esmMarker(`${marker}.config`) });
      hostilePackage(f.project, 'typescript', marker);
      return '~/project/claude-auth-doctor.config.ts';
    },
  },
  {
    name: 'plugins in a JSON rc',
    plant: (f, marker) => {
      writeFiles(f.project, {
        '.claude-auth-doctorrc.json': { timeout: 4321, plugins: ['./evil.mjs'] },
        'evil.mjs': esmMarker(marker, '[]'),
      });
      return '~/project/.claude-auth-doctorrc.json';
    },
    applies: { timeout: 4321 },
  },
  {
    name: 'plugins in a YAML rc naming a package',
    plant: (f, marker) => {
      writeFiles(f.project, { '.claude-auth-doctorrc.yaml': 'plugins:\n  - evil-checks\n' });
      hostilePackage(f.project, 'evil-checks', marker);
      return '~/project/.claude-auth-doctorrc.yaml';
    },
  },
  {
    name: 'plugins in package.json',
    plant: (f, marker) => {
      writeFiles(f.project, {
        'package.json': {
          name: 'innocent',
          'claude-auth-doctor': { expect: 'api', plugins: ['evil-checks'] },
        },
      });
      hostilePackage(f.project, 'evil-checks', marker);
      return '~/project/package.json';
    },
    applies: { expect: 'api' },
  },
];

const COMMANDS: string[][] = [
  ['--offline', '--json'],
  ['report', '--anonymize', '--offline'],
  ['config', '--json'],
  ['fix', '--dry-run', '--offline'],
  ['explain', 'stale-version'],
];

describe('hostile project configuration (built bin)', () => {
  describe.each(HOSTILE)('$name', (hostile) => {
    it.each(COMMANDS.map((args) => [args.join(' '), args]))(
      'is not executed by `%s`, and one line says how to trust it',
      async (_, args) => {
        const fixture = makeFixture({ home: subscriptionHome() });
        const marker = path.join(fixture.root, 'executed');
        const shown = hostile.plant(fixture, marker);
        const result = await runCli(args as string[], fixture.env, fixture.project);
        expectNotRun(marker);
        expectNotRun(`${marker}.config`);
        expect(result.code).not.toBe(2);
        if (args[0] === 'explain') return; // loads no configuration at all
        const notice = result.stderr.split('\n').filter((line) => line.includes(shown));
        expect(notice).toHaveLength(1);
        expect(notice[0]).toContain('claude-auth-doctor trust ~/project');
        if (args[0] === 'config' && hostile.applies)
          expect(JSON.parse(result.stdout).config).toMatchObject(hostile.applies);
      },
    );
  });

  it('runs a project .js config and its plugins once `trust` approved that exact file', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const marker = path.join(fixture.root, 'executed');
    writeFiles(fixture.project, {
      '.claude-auth-doctorrc.cjs': cjsMarker(marker, "{ expect: 'api', plugins: ['./team.mjs'] }"),
      'team.mjs':
        "export default { id: 'team', title: 'Team', description: 'd', run: async () => ({ status: 'pass', summary: 'ok' }) };\n",
    });
    const trusted = await runCli(['trust'], fixture.env, fixture.project);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('~/project/.claude-auth-doctorrc.cjs');
    expectNotRun(marker); // trusting reads, it does not run
    const run = await runCli(['--offline', '--json'], fixture.env, fixture.project);
    expect(existsSync(marker)).toBe(true);
    expect(run.stderr).toBe('');
    expect(checkOf(parseReport(run.stdout), 'team/team')).toMatchObject({ status: 'pass' });

    // Any change to the file withdraws the trust, as with `direnv allow`.
    rmSync(marker);
    writeFiles(fixture.project, {
      '.claude-auth-doctorrc.cjs': cjsMarker(marker, "{ expect: 'subscription' }"),
    });
    const changed = await runCli(['--offline', '--json'], fixture.env, fixture.project);
    expectNotRun(marker);
    expect(changed.stderr).toContain('claude-auth-doctor trust ~/project');
  });

  it('trusts a directory listed in trustedProjects of the user configuration, whatever its content', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const marker = path.join(fixture.root, 'executed');
    writeFiles(fixture.home, {
      '.config/claude-auth-doctor/config.json': { trustedProjects: ['~/project'] },
    });
    writeFiles(fixture.project, { '.claude-auth-doctorrc.js': cjsMarker(marker) });
    const run = await runCli(['config', '--json'], fixture.env, fixture.project);
    expect(run.stderr).toBe('');
    expect(existsSync(marker)).toBe(true);
  });

  it('ignores trustedProjects set by a project file', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const marker = path.join(fixture.root, 'executed');
    writeFiles(fixture.project, {
      'package.json': { 'claude-auth-doctor': { trustedProjects: ['.'], plugins: ['./evil.cjs'] } },
      'evil.cjs': cjsMarker(marker),
    });
    const run = await runCli(['config', '--json'], fixture.env, fixture.project);
    expectNotRun(marker);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('trustedProjects');
  });

  it("loads the user's own .js configuration and its plugins as before", async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const marker = path.join(fixture.root, 'executed');
    writeFiles(fixture.home, {
      '.config/claude-auth-doctor/config.js': cjsMarker(marker, "{ expect: 'api' }"),
    });
    const run = await runCli(['config', '--json'], fixture.env, fixture.project);
    expect(run.stderr).toBe('');
    expect(existsSync(marker)).toBe(true);
    expect(JSON.parse(run.stdout).config).toMatchObject({ expect: 'api' });
  });

  it('loads a project .js configuration named explicitly with --config', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const marker = path.join(fixture.root, 'executed');
    writeFiles(fixture.project, { 'doctor.config.cjs': cjsMarker(marker, "{ expect: 'api' }") });
    const run = await runCli(
      ['config', '--json', '--config', 'doctor.config.cjs'],
      fixture.env,
      fixture.project,
    );
    expect(run.stderr).toBe('');
    expect(existsSync(marker)).toBe(true);
  });
});

describe('configuration search boundaries (built bin)', () => {
  const outside: string[] = [];
  afterEach(() => {
    while (outside.length) rmSync(outside.pop()!, { recursive: true, force: true });
  });

  /** A project outside HOME, under a parent that holds its own rc file. */
  function outsideHome() {
    const fixture = makeFixture({ home: subscriptionHome() });
    const parent = mkdtempSync(path.join(tmpdir(), 'cad-outside-'));
    outside.push(parent);
    chmodSync(parent, 0o755);
    const project = path.join(parent, 'project');
    mkdirSync(project);
    return { fixture, parent, project };
  }

  it('does not climb above the project directory outside HOME', async () => {
    const { fixture, parent, project } = outsideHome();
    writeFileSync(path.join(parent, '.claude-auth-doctorrc.json'), '{"timeout": 1234}');
    const run = await runCli(['config', '--json'], fixture.env, project);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: [], config: { timeout: 3000 } });
  });

  it('reads a data rc in a project directory outside HOME that the user owns', async () => {
    const { fixture, project } = outsideHome();
    writeFileSync(path.join(project, '.claude-auth-doctorrc.json'), '{"timeout": 1234}');
    const run = await runCli(['config', '--json'], fixture.env, project);
    expect(JSON.parse(run.stdout)).toMatchObject({ config: { timeout: 1234 } });
  });

  it.runIf(IS_ROOT)(
    'never reads an rc file or directory owned by another user (a real second uid)',
    async () => {
      const { fixture, project } = outsideHome();
      const marker = path.join(fixture.root, 'executed');
      const rc = path.join(project, '.claude-auth-doctorrc.json');
      writeFileSync(rc, '{"timeout": 1234}');
      giveToNobody(rc);
      const run = await runCli(['config', '--json'], fixture.env, project);
      expect(JSON.parse(run.stdout)).toMatchObject({ files: [], config: { timeout: 3000 } });
      expect(run.stderr).toContain(`${rc}: ignored, owned by another user`);

      // Inside HOME too: a parent directory's rc that someone else planted.
      writeFiles(fixture.home, { '.claude-auth-doctorrc.cjs': cjsMarker(marker) });
      giveToNobody(path.join(fixture.home, '.claude-auth-doctorrc.cjs'));
      const home = await runCli(['config', '--json'], fixture.env, fixture.project);
      expectNotRun(marker);
      expect(JSON.parse(home.stdout)).toMatchObject({ files: [] });

      // A directory owned by someone else is not searched at all.
      const theirs = path.join(project, 'theirs');
      mkdirSync(theirs);
      writeFileSync(path.join(theirs, '.claude-auth-doctorrc.json'), '{"timeout": 1234}');
      giveToNobody(theirs);
      const dir = await runCli(['config', '--json'], fixture.env, theirs);
      expect(JSON.parse(dir.stdout)).toMatchObject({ files: [], config: { timeout: 3000 } });
    },
  );
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, NO_HOSTS, subscriptionHome } from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import {
  checkOf,
  expectNotRun,
  giveToNobody,
  IS_ROOT,
  parseReport,
  recordingExecutable,
} from './hostile.js';

// Only what the user installed runs: claude on the user's PATH (absolute entries only) or in a
// known install location, owned by the user or root. fix runs plan commands from HOME, never
// installs Claude Code, and under --offline runs nothing that needs the network.

describe('which claude may run (built bin)', () => {
  it('ignores empty and relative PATH entries, which a shell reads as the project directory', async () => {
    const fixture = makeFixture({ home: subscriptionHome(), claude: null });
    const log = path.join(fixture.root, 'ran');
    recordingExecutable(path.join(fixture.project, 'claude'), log);
    recordingExecutable(path.join(fixture.project, 'bin', 'claude'), log);
    for (const PATH of [
      `:${fixture.bin}`,
      `${fixture.bin}::`,
      `.:${fixture.bin}`,
      `bin:${fixture.bin}`,
    ]) {
      const result = await runCli(
        ['--offline', '--json'],
        { ...fixture.env, PATH },
        fixture.project,
      );
      expectNotRun(log);
      expect(checkOf(parseReport(result.stdout), 'stale-version').outcome).toBe('not-installed');
    }
  });

  it.runIf(IS_ROOT)('does not run a claude owned by another user (a real second uid)', async () => {
    const fixture = makeFixture({ home: subscriptionHome(), claude: null });
    const log = path.join(fixture.root, 'ran');
    const known = recordingExecutable(path.join(fixture.home, '.local', 'bin', 'claude'), log);
    const onPath = recordingExecutable(path.join(fixture.bin, 'claude'), log);
    giveToNobody(known, onPath);
    const result = await runCli(['--offline', '--json'], fixture.env, fixture.project);
    expectNotRun(log);
    const stale = checkOf(parseReport(result.stdout), 'stale-version');
    expect(JSON.stringify(stale)).toContain('owned by another user');
  });
});

describe('what fix runs (built bin)', () => {
  it('never installs Claude Code: with no claude, fix --yes runs no npm, online or offline', async () => {
    const fixture = makeFixture({ home: subscriptionHome(), claude: null });
    const log = path.join(fixture.root, 'npm-ran');
    recordingExecutable(path.join(fixture.bin, 'npm'), log);
    for (const offline of [[], ['--offline']]) {
      const result = await runCli(['fix', '--yes', ...offline], fixture.env, fixture.project);
      expectNotRun(log);
      expect(result.stdout).toContain('Install Claude Code');
      expect(result.stdout).toContain('npm install -g @anthropic-ai/claude-code@latest');
    }
    const plan = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    expect(parseReport(plan.stdout).fixPlan.map((s) => s.id)).toContain('install');
  });

  it('runs an update from HOME, not the project directory (whose .npmrc would pick the registry)', async () => {
    const registry = await fakeRegistry({ tags: { latest: '2.1.331' } });
    const fixture = makeFixture({
      home: subscriptionHome({ '.npmrc': `registry=${registry.url}\n` }),
      project: { '.npmrc': 'registry=http://127.0.0.1:9/\n' },
      claude: null,
      env: { CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: NO_HOSTS },
    });
    const log = path.join(fixture.root, 'claude-ran');
    recordingExecutable(path.join(fixture.bin, 'claude'), log, '2.1.100');
    const result = await runCli(
      ['fix', '--yes', '--only', 'stale-version'],
      fixture.env,
      fixture.project,
    );
    expect(result.stdout).toContain('claude update');
    const runs = readFileSync(log, 'utf8').trim().split('\n');
    expect(runs.filter((line) => line.endsWith(' update'))).toEqual([`${fixture.home} update`]);
  });

  it('under --offline runs no step that needs the network', async () => {
    const registry = await fakeRegistry({ tags: { latest: '2.1.331' } });
    const fixture = makeFixture({
      home: subscriptionHome({ '.npmrc': `registry=${registry.url}\n` }),
      claude: null,
    });
    const log = path.join(fixture.root, 'claude-ran');
    recordingExecutable(path.join(fixture.bin, 'claude'), log, '2.1.100');
    // An online run caches the registry's answer, so the offline run still knows claude is old.
    await runCli(['--json', '--only', 'stale-version'], fixture.env, fixture.project);
    const result = await runCli(
      ['fix', '--yes', '--offline', '--only', 'stale-version'],
      fixture.env,
      fixture.project,
    );
    expect(result.stdout).toContain('claude update');
    expect(result.stdout).toContain('--offline');
    const runs = existsSync(log) ? readFileSync(log, 'utf8') : '';
    expect(runs).not.toContain('update');
  });
});

import { readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// src/boot.ts runs the bundle through a V8 code cache in the doctor's cache directory. The
// plugin tests in config.test.ts run twice on one home, so plugins also load from a cached run.

const ARGS = ['--json', '--offline'];

function setup(): Fixture {
  return makeFixture({ home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
}

const cacheDir = (fixture: Fixture) =>
  path.join(fixture.home, '.cache', 'claude-auth-doctor', 'code-cache');

/** The report without what differs from run to run. */
function stable(result: CliResult): unknown {
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  return {
    code: result.code,
    report: {
      ...report,
      generatedAt: null,
      checks: report.checks.map((c) => ({ ...c, durationMs: 0 })),
    },
  };
}

describe('the compiled-code cache (built bin)', () => {
  it('is written once, privately, then used as it is, with the same output', async () => {
    const fixture = setup();
    const first = await runCli(ARGS, fixture.env, fixture.project);
    const names = readdirSync(cacheDir(fixture));
    expect(names).toEqual([
      expect.stringMatching(
        new RegExp(
          `^[0-9a-f]{12}-cli-[0-9a-z]+-${process.version}-${process.arch}-[0-9a-z]+\\.bin$`,
        ),
      ),
    ]);
    const file = path.join(cacheDir(fixture), names[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir(fixture)).mode & 0o777).toBe(0o700);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expectNoSecret(readFileSync(file, 'latin1'));

    const bytes = readFileSync(file);
    const second = await runCli(ARGS, fixture.env, fixture.project);
    // A cache V8 rejected would have been written again.
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(stable(second)).toEqual(stable(first));
    expect(readdirSync(cacheDir(fixture))).toEqual(names);
  });

  it('replaces a damaged cache and still answers correctly', async () => {
    const fixture = setup();
    const fresh = await runCli(ARGS, fixture.env, fixture.project);
    const [name] = readdirSync(cacheDir(fixture));
    const file = path.join(cacheDir(fixture), name!);
    for (const damage of [
      Buffer.alloc(0),
      Buffer.from('not a code cache'),
      readFileSync(file).subarray(0, 5000),
    ]) {
      writeFileSync(file, damage);
      expect(stable(await runCli(ARGS, fixture.env, fixture.project))).toEqual(stable(fresh));
      expect(statSync(file).size).toBeGreaterThan(10_000);
    }
  });

  it('keeps one file per build and copy of the bundle, and those of other Node versions', async () => {
    const fixture = setup();
    await runCli(ARGS, fixture.env, fixture.project);
    const [name] = readdirSync(cacheDir(fixture));
    const otherBuild = `000000000000${name!.slice(12)}`;
    const otherNode = name!.replace(`-${process.version}-`, '-v99.0.0-');
    // The same build, installed again: the bundle's modification time is part of the name.
    const [build, file, mtime] = name!.split('-');
    const reinstalled = name!.replace(`${build}-${file}-${mtime}-`, `${build}-${file}-0-`);
    const notOurs = 'notes.txt';
    for (const other of [otherBuild, otherNode, reinstalled, notOurs])
      writeFileSync(path.join(cacheDir(fixture), other), 'old');
    rmSync(path.join(cacheDir(fixture), name!));
    await runCli(ARGS, fixture.env, fixture.project);
    expect(readdirSync(cacheDir(fixture)).sort()).toEqual([name, otherNode, notOurs].sort());
  });

  it("keeps one cache per set of Node flags, so alternating runs do not rewrite each other's", async () => {
    const fixture = setup();
    const flagged = { ...fixture.env, NODE_OPTIONS: '--max-old-space-size=300' };
    const plain = stable(await runCli(ARGS, fixture.env, fixture.project));
    expect(stable(await runCli(ARGS, flagged, fixture.project))).toEqual(plain);
    const names = readdirSync(cacheDir(fixture));
    expect(names).toHaveLength(2);
    const bytes = names.map((name) => readFileSync(path.join(cacheDir(fixture), name)));
    await runCli(ARGS, fixture.env, fixture.project);
    await runCli(ARGS, flagged, fixture.project);
    expect(
      names.map((name, i) => readFileSync(path.join(cacheDir(fixture), name)).equals(bytes[i]!)),
    ).toEqual([true, true]);
  });

  it('covers each kind of run: the first run of a new kind adds its functions, later ones change nothing', async () => {
    const fixture = setup();
    const cliCache = () => {
      const [name] = readdirSync(cacheDir(fixture)).filter((n) => n.includes('-cli-'));
      const bytes = readFileSync(path.join(cacheDir(fixture), name!));
      const header = bytes.toString('latin1', 0, bytes.indexOf(0x0a));
      expect(header).toMatch(/^claude-auth-doctor code cache, runs: [0-9a-z]+(,[0-9a-z]+)*$/);
      return { bytes, kinds: header.split(': ')[1]!.split(',') };
    };
    expect((await runCli(['--help'], fixture.env, fixture.project)).code).toBe(0);
    const helpOnly = cliCache();
    expect(helpOnly.kinds).toHaveLength(1);
    // A cache written by --help alone holds too little for the plain run, which adds its own.
    const plain = stable(await runCli(ARGS, fixture.env, fixture.project));
    const both = cliCache();
    expect(both.kinds).toEqual([...helpOnly.kinds, expect.any(String)]);
    expect(both.bytes.length).toBeGreaterThan(helpOnly.bytes.length + 100_000);
    // The same options in another order, and --help again, are kinds it already covers.
    expect(stable(await runCli([...ARGS].reverse(), fixture.env, fixture.project))).toEqual(plain);
    expect((await runCli(['--help'], fixture.env, fixture.project)).code).toBe(0);
    expect(cliCache().bytes.equals(both.bytes)).toBe(true);
  });

  it('stops adding kinds of run at 32, so varied arguments do not rewrite it every time', async () => {
    const fixture = setup();
    const plain = stable(await runCli(ARGS, fixture.env, fixture.project));
    const [name] = readdirSync(cacheDir(fixture)).filter((n) => n.includes('-cli-'));
    const file = path.join(cacheDir(fixture), name!);
    const bytes = readFileSync(file);
    const data = bytes.subarray(bytes.indexOf(0x0a) + 1);
    const full = Buffer.concat([
      Buffer.from(
        `claude-auth-doctor code cache, runs: ${Array.from({ length: 32 }, (_, i) => `k${i}`).join(',')}\n`,
      ),
      data,
    ]);
    writeFileSync(file, full);
    expect(stable(await runCli(ARGS, fixture.env, fixture.project))).toEqual(plain);
    expect(readFileSync(file).equals(full)).toBe(true);
  });

  it('caches help in the one bundle, but not cosmiconfig, which imports config files itself', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.config/claude-auth-doctor/config.mjs': 'export default { expect: "api" };\n',
      }),
    });
    const help = await runCli(['--help'], fixture.env, fixture.project);
    expect(help.code).toBe(0);
    // yargs is in dist/cli.cjs: its code is in the bundle's cache, and nothing else is cached.
    const names = readdirSync(cacheDir(fixture));
    expect(names).toEqual([expect.stringMatching(/^[0-9a-f]{12}-cli-/)]);
    const bytes = readFileSync(path.join(cacheDir(fixture), names[0]!));
    expect(await runCli(['--help'], fixture.env, fixture.project)).toMatchObject({
      code: 0,
      stdout: help.stdout,
      stderr: '',
    });
    expect(readFileSync(path.join(cacheDir(fixture), names[0]!)).equals(bytes)).toBe(true);
    // The .mjs configuration loads through cosmiconfig's own import(), outside the cache.
    for (let run = 0; run < 2; run += 1) {
      const report = JSON.parse(
        (await runCli(ARGS, fixture.env, fixture.project)).stdout,
      ) as Report;
      expect(report.expect).toBe('api');
    }
    expect(readdirSync(cacheDir(fixture)).filter((name) => name.includes('-cosmiconfig-'))).toEqual(
      [],
    );
  });

  it.each([
    [
      'a file',
      (root: string) => {
        const file = path.join(root, 'not-a-directory');
        writeFileSync(file, '');
        return path.join(file, 'cache');
      },
    ],
    [
      'a dangling symbolic link',
      (root: string) => {
        symlinkSync(path.join(root, 'gone'), path.join(root, 'dangling'));
        return path.join(root, 'dangling', 'cache');
      },
    ],
    // procfs answers mkdir with ENOENT under a parent that exists: Node's recursive mkdir
    // retried that forever, and the doctor spun at exit (src/world/make-dir.ts).
    ['a directory under /proc', () => '/proc/claude-auth-doctor-test/cache'],
  ])('runs as usual, and ends, when the cache directory is inside %s', async (_, location) => {
    const fixture = setup();
    const env = { ...fixture.env, XDG_CACHE_HOME: location(fixture.root) };
    const expected = stable(await runCli(ARGS, fixture.env, fixture.project));
    for (let run = 0; run < 2; run += 1) {
      expect(stable(await runCli(ARGS, env, fixture.project, { timeoutMs: 10_000 }))).toEqual(
        expected,
      );
    }
    expect(readdirSync(fixture.root).filter((name) => name.startsWith('gone'))).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';
import { runCli } from '../helpers/cli.js';

// What we would publish: `npm pack`, installed into a fresh prefix with no access to the repo.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 240_000,
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });

let work: string;
let tarball: string;
let files: string[];
let installedBin: string;
let installed: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'cad-pack-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = path.join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  const prefix = path.join(work, 'prefix');
  // Offline and with an empty npm cache: the package must need nothing but itself.
  const cache = path.join(work, 'npm-cache');
  mkdirSync(cache);
  npm(['install', '--global', '--offline', '--cache', cache, '--prefix', prefix, tarball], work);
  installedBin = path.join(prefix, 'bin', 'claude-auth-doctor');
  installed = path.join(prefix, 'lib', 'node_modules', 'claude-auth-doctor');
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published package', () => {
  it('holds the built code, types, schema and README, and nothing from test/', () => {
    for (const needed of [
      'LICENSE',
      'dist/THIRD-PARTY-LICENSES.txt',
      'bin/claude-auth-doctor.cjs',
      'dist/boot.cjs',
      'dist/cli.cjs',
      'dist/vendor/cosmiconfig.cjs',
      'dist/index.js',
      'dist/types/index.d.ts',
      'schema/report.schema.json',
      'README.md',
      'package.json',
    ]) {
      expect(files).toContain(needed);
    }
    expect(
      files.filter(
        (f) =>
          /^(test|src|checks|scripts|examples)\//.test(f) ||
          (f.endsWith('.ts') && !f.endsWith('.d.ts')),
      ),
    ).toEqual([]);
  });

  it('declares its shape and runs no install scripts', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | string
    >;
    expect(pkg.type).toBe('module');
    expect(pkg.engines).toEqual({ node: '>=20' });
    expect(
      Object.keys(pkg.scripts as Record<string, string>).filter((s) =>
        /^(pre|post)?install$|^prepare$/.test(s),
      ),
    ).toEqual([]);
    expect(readFileSync(path.join(root, 'bin', 'claude-auth-doctor.cjs'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it('has no dependencies to download: the built files need only Node', () => {
    const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readdirSync(installed)).not.toContain('node_modules');
    const built = files.filter((f) => /^(bin|dist)\/.*\.(c?js)$/.test(f));
    // CommonJS files load through require("x"); the ES module entry through import ... from "x".
    const loads = (f: string) =>
      f.endsWith('.cjs')
        ? /\brequire\((["'])([^"']+)\1\)/g
        : /(?:^|[;}])\s*(?:import|export)\b[^;'"]*\bfrom\s*(["'])([^"']+)\1/g;
    const required = built.flatMap((f) =>
      [...readFileSync(path.join(installed, f), 'latin1').matchAll(loads(f))].map((m) => ({
        file: f,
        id: m[2]!,
      })),
    );
    expect(required.length).toBeGreaterThan(20);
    // typescript is the user's own, loaded only for a .ts config file.
    const external = required.filter(
      ({ id }) => !id.startsWith('.') && !isBuiltin(id) && id !== 'typescript',
    );
    expect(external).toEqual([]);
  });

  it('ships the licence of every package it bundles', () => {
    const notices = readFileSync(path.join(installed, 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of [
      'yargs',
      'execa',
      'cosmiconfig',
      'listr2',
      'semver',
      'human-signals',
      'cross-spawn',
    ]) {
      const version = (
        JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      expect(notices).toContain(`\n${name}@${version} (`);
    }
    // Every entry in the list has its text below it.
    const listed = [...notices.matchAll(/^- (\S+@\S+) \(/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(30);
    for (const id of listed)
      expect(notices).toMatch(
        new RegExp(`^${id!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(.*\\)\\n=+\\n\\n\\S`, 'm'),
      );
    expect(readdirSync(path.join(installed, 'dist')).filter((f) => /licen[cs]e/i.test(f))).toEqual([
      'THIRD-PARTY-LICENSES.txt',
    ]);
  });

  it('runs --version, --help and --json from the installed copy', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const version = await runCli(['--version'], fixture.env, fixture.project, {
      bin: installedBin,
    });
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    );
    const help = await runCli(['--help'], fixture.env, fixture.project, { bin: installedBin });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const run = await runCli(['--json', '--offline'], fixture.env, fixture.project, {
      bin: installedBin,
    });
    expect(run.code).toBe(1);
    expectNoSecret(run.stdout + run.stderr);
    expect((JSON.parse(run.stdout) as Report).auth.effective.method).toBe('api-key');
  });
});

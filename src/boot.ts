// Starts the bundled CLI (dist/cli.cjs) through a V8 code cache. Parsing and compiling the
// bundle took a fifth of a run, and Node 20 has no compile cache of its own
// (module.enableCompileCache arrived in Node 22). The cache lives in the doctor's cache
// directory: a run writes it once, after its output, and later runs skip the compiling.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { Platform } from './context.js';
import { cacheDirFrom, homeFrom } from './platform/paths.js';

/** Set by the build: a digest of dist/cli.cjs, so a cache never outlives the code it was made from. */
declare const __BUNDLE_ID__: string;


export function boot(bundle: string): void {
  const cacheFile = cacheFileFor(bundle);
  const cachedData = cacheFile ? readIfPresent(cacheFile.path) : undefined;
  // import() written inside a vm script needs an experimental Node feature (and prints a warning);
  // the bundle imports user files through this module's own instead (src/world/import-file.ts).
  // esbuild escapes every non-ASCII character, so latin1 reads the bundle exactly, without UTF-8 decoding.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __importModule) {${readFileSync(bundle, 'latin1')}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit the cache also holds every function this run compiled, not only the top level.
    process.once('exit', () => save(cacheFile, () => script.createCachedData()));
  }
  const module = { exports: {} };
  const importModule = (specifier: string) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle), importModule);
}

interface CacheFile {
  path: string;
  /** The name prefix every cache of this build shares, whatever the Node version. */
  build: string;
}

/** One file per bundle, Node version and architecture; null when there is no cache directory. */
function cacheFileFor(bundle: string): CacheFile | null {
  const env = process.env;
  const platform = process.platform as Platform;
  const dir = cacheDirFrom(env, platform, homeFrom(env, platform) || homedir());
  if (!dir) return null;
  try {
    // The mtime catches a bundle edited in place after the build. V8 refuses a cache made under
    // other flags, so runs with and without, say, NODE_OPTIONS=--inspect each keep their own.
    const build = `cli-${__BUNDLE_ID__}-${Math.trunc(statSync(bundle).mtimeMs).toString(36)}-`;
    const flags = hash32([...process.execArgv, env.NODE_OPTIONS ?? ''].join(' '));
    return { path: path.join(dir, 'code-cache', `${build}${process.version}-${process.arch}-${flags}.bin`), build };
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

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Atomic and private, and silent on failure: the cache only saves time. */
function save(file: CacheFile, data: () => Buffer): void {
  const dir = path.dirname(file.path);
  const temp = `${file.path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Open before serializing, so an unwritable directory costs nothing.
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data());
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file.path);
    // Caches of other builds would only pile up; those of other Node versions stay in use.
    for (const name of readdirSync(dir)) {
      if (name.startsWith('cli-') && !name.startsWith(file.build)) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to do without write access.
    }
  }
}

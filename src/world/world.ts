import path, { type PlatformPath } from 'node:path';
import type { NetResult, RequestOptions } from '../net/request.js';
import { lstat, readdir, realpath, rename, rm, stat, writeFile } from './fs.js';
import { runBounded, type BoundedOptions } from './exec.js';
import {
  isExecutable,
  readRegularFile,
  readRegularFileChunks,
  type RawRead,
  type ReadFailure,
} from './files.js';
import {
  privateDir,
  readPrivateFile,
  type Checked,
  type PrivateRead,
  type User,
} from './private-dir.js';
import { homeFrom, managedDirIn } from '../platform/paths.js';

// The world a run looks at: this machine (nodeWorld) or one a test builds in memory. Everything
// the doctor learns about files, programs, the network and the clock comes through one of
// these; the run's Context (src/context.ts) memoizes on top of it.

export type Env = Readonly<Record<string, string | undefined>>;
export type Platform = 'linux' | 'darwin' | 'win32';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  /** Device and inode: two paths with the same pair are the same file (hard links). */
  dev: number;
  ino: number;
  /** How many names (hard links) the file has. */
  nlink: number;
}

export interface ExecResult {
  command: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the command could not run at all (not found, not executable). */
  failure?: string;
}

/** Where a run is, as plain facts: what platform paths (src/platform/paths.ts) derive from. */
export interface Place {
  readonly env: Env;
  readonly platform: Platform;
  /** `path.win32` on Windows, `path.posix` elsewhere: the flavour every path here is in. */
  readonly path: PlatformPath;
  /** The project directory. */
  readonly cwd: string;
  readonly home: string;
  /** Prefix for system-wide files (managed settings, /etc/environment). */
  readonly systemRoot: string;
  /** Where managed settings live, under systemRoot. */
  readonly managedDir: string;
}

/** The file system, read side first; nothing here throws for a missing or odd file. */
export interface Files {
  /** A regular file's bytes, at most `limit` (a FIFO or device is refused, never opened blocking). */
  read(file: string, limit: number): Promise<RawRead>;
  /** Chunk by chunk; `sink` returns false to stop. */
  readChunks(
    file: string,
    limit: number,
    sink: (chunk: Uint8Array) => boolean,
  ): Promise<{ ok: true } | ReadFailure>;
  /** Through symbolic links (isSymlink says whether `file` is one); null when absent. */
  stat(file: string): Promise<FileStat | null>;
  /** Entry names, unsorted; [] when the directory cannot be listed. */
  list(dir: string): Promise<string[]>;
  realpath(file: string): Promise<string | null>;
  isExecutable(file: string): Promise<boolean>;
  // The doctor's private cache (src/world/private-dir.ts).
  privateDir(base: string, parts: string[], create: boolean, user: User | null): Checked;
  readPrivate(file: string, user: User | null, limit: number): PrivateRead;
  /** A new file (never an existing name), mode 0600. */
  writeNew(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
}

export interface World extends Place {
  readonly arch: string;
  readonly nodeVersion: string;
  /** The user the doctor runs as, for file ownership; null when unknown. */
  readonly uid: number | null;
  /** Who counts as the owner of private files (src/world/private-dir.ts); null on Windows. */
  readonly user: User | null;
  /** Kernel release (`os.release()`) and host name, for support reports. */
  readonly osRelease: string | null;
  readonly hostname: string | null;
  /** Node's own executable (process.execPath): npm's default global prefix derives from it. */
  readonly execPath: string | null;
  readonly files: Files;
  /** Runs a program, bounded (src/world/exec.ts). */
  exec(file: string, args: readonly string[], options: BoundedOptions): Promise<ExecResult>;
  /** One bounded HTTP request (src/net/request.ts). */
  request(options: RequestOptions): Promise<NetResult>;
  now(): Date;
}

/** What a real run knows about this machine before it looks at any file. */
export interface WorldInit {
  env: Env;
  cwd: string;
  platform: Platform;
  arch: string;
  nodeVersion: string;
  now?: () => Date;
  /** The OS's idea of the home directory, used when HOME is unset (as Node and Claude Code do). */
  homedir?: string;
  /** The user the doctor runs as (file ownership); defaults to the real one, null on Windows. */
  uid?: number | null;
  /**
   * Prefix for system-wide files (managed settings, /etc/environment); `/` in real runs, a
   * fixture directory in tests.
   */
  systemRoot?: string;
  osRelease?: string;
  hostname?: string;
  execPath?: string;
}

/** The facts every world derives the same way from its environment and platform. */
export function placeOf(
  init: Pick<WorldInit, 'env' | 'cwd' | 'platform' | 'homedir' | 'systemRoot'>,
  flavour: PlatformPath,
): Place {
  const systemRoot = init.systemRoot ?? (init.platform === 'win32' ? 'C:\\' : '/');
  return {
    env: init.env,
    platform: init.platform,
    path: flavour,
    cwd: init.cwd,
    home: homeFrom(init.env, init.platform, init.homedir),
    systemRoot,
    managedDir: flavour.join(systemRoot, managedDirIn(init.platform)),
  };
}

const files: Files = {
  read: readRegularFile,
  readChunks: readRegularFileChunks,
  async stat(file) {
    try {
      const link = await lstat(file);
      const target = link.isSymbolicLink() ? await stat(file) : link;
      return {
        isFile: target.isFile(),
        isDirectory: target.isDirectory(),
        isSymlink: link.isSymbolicLink(),
        mode: target.mode,
        uid: target.uid,
        gid: target.gid,
        size: target.size,
        mtimeMs: target.mtimeMs,
        dev: target.dev,
        ino: target.ino,
        nlink: target.nlink,
      };
    } catch {
      return null;
    }
  },
  list: (dir) => readdir(dir).catch(() => []),
  realpath: (file) => realpath(file).catch(() => null),
  isExecutable,
  privateDir,
  readPrivate: readPrivateFile,
  // `wx`: a name planted in between is never followed.
  writeNew: (file, text) => writeFile(file, text, { mode: 0o600, flag: 'wx' }),
  rename,
  remove: (file) => rm(file, { force: true }),
};

/**
 * This machine. Its files are this machine's, so its paths are too (node's own `path`), even
 * when a test names another platform to exercise that platform's rules on a fixture home;
 * worlds with another platform's paths are built in memory (test/helpers/memory-world.ts).
 */
export function nodeWorld(init: WorldInit): World {
  const uid = init.uid !== undefined ? init.uid : (process.getuid?.() ?? null);
  return {
    ...placeOf(init, path),
    arch: init.arch,
    nodeVersion: init.nodeVersion,
    uid,
    user: uid === null || init.platform === 'win32' ? null : { uid, gid: process.getgid?.() ?? -1 },
    osRelease: init.osRelease ?? null,
    hostname: init.hostname ?? null,
    execPath: init.execPath ?? null,
    files,
    exec: runBounded,
    // Loaded on first use: node:http, https and tls cost start-up time an offline run need not pay.
    request: async (options) => (await import('../net/request.js')).request(options),
    now: init.now ?? (() => new Date()),
  };
}

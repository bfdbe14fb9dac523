import path from 'node:path';
import { Context, type RunOptions } from '../../src/context.js';
import {
  placeOf,
  type Env,
  type ExecResult,
  type Files,
  type Platform,
  type World,
} from '../../src/world/world.js';

// A world held in memory, with the platform's own path semantics: a Windows world has drive
// letters, backslashes and case-insensitive names (path.win32), whatever machine runs the test.
// Files are keyed by absolute path; directories are implied by the files in them.

export type MemoryFile =
  | string
  | { text: string; mode?: number; uid?: number; executable?: boolean }
  /** A file the doctor may not read (EACCES), as after `sudo claude`. */
  | { denied: true };

export interface MemoryWorldSpec {
  platform: Platform;
  env?: Env;
  /** The project directory; the home directory when not given. */
  cwd?: string;
  homedir?: string;
  systemRoot?: string;
  files?: Record<string, MemoryFile>;
  /** What running a program answers; "not found" by default. */
  exec?: (file: string, args: readonly string[]) => Partial<ExecResult> | undefined;
  uid?: number | null;
  now?: Date;
  /** Node's own executable (npm's default prefix derives from it). */
  execPath?: string;
}

export const OPTIONS: RunOptions = {
  expect: 'auto',
  offline: true,
  timeoutMs: 2000,
  verbose: false,
};

export function memoryWorld(spec: MemoryWorldSpec): World {
  const flavour = spec.platform === 'win32' ? path.win32 : path.posix;
  const env = spec.env ?? {};
  const place = placeOf(
    {
      env,
      cwd: spec.cwd ?? '',
      platform: spec.platform,
      ...(spec.homedir !== undefined ? { homedir: spec.homedir } : {}),
      ...(spec.systemRoot !== undefined ? { systemRoot: spec.systemRoot } : {}),
    },
    flavour,
  );
  // Windows names are case-insensitive: one key for `C:\Users\A` and `c:\users\a`.
  const key = (file: string) => {
    const normal = flavour.normalize(file);
    return spec.platform === 'win32' ? normal.toLowerCase() : normal;
  };
  const files = new Map<string, Exclude<MemoryFile, string>>();
  // The name as written in the spec is the file's true name (what realpath answers).
  const names = new Map<string, string>();
  const dirs = new Map<string, Set<string>>();
  for (const [name, content] of Object.entries(spec.files ?? {})) {
    files.set(key(name), typeof content === 'string' ? { text: content } : content);
    names.set(key(name), flavour.normalize(name));
    let child = flavour.normalize(name);
    for (let dir = flavour.dirname(child); dir !== child; child = dir, dir = flavour.dirname(dir)) {
      const entries = dirs.get(key(dir)) ?? new Set<string>();
      entries.add(flavour.basename(child));
      dirs.set(key(dir), entries);
    }
  }
  const uid = spec.uid === undefined ? 1000 : spec.uid;
  const missing = { ok: false as const, code: 'ENOENT', message: 'does not exist' };
  const memoryFiles: Files = {
    async read(file, limit) {
      const found = files.get(key(file));
      if (!found)
        return dirs.has(key(file))
          ? { ok: false, code: 'EISDIR', message: 'is a directory, not a file' }
          : missing;
      if ('denied' in found) return { ok: false, code: 'EACCES', message: 'permission denied' };
      const bytes = Buffer.from(found.text);
      return bytes.length > limit
        ? { ok: false, code: 'ETOOBIG', message: 'is too large' }
        : { ok: true, bytes };
    },
    async readChunks(file, limit, sink) {
      const read = await memoryFiles.read(file, limit);
      if (!read.ok) return read;
      sink(read.bytes);
      return { ok: true };
    },
    async stat(file) {
      const found = files.get(key(file));
      const dir = dirs.has(key(file));
      if (!found && !dir) return null;
      const size = found && 'text' in found ? Buffer.byteLength(found.text) : 0;
      return {
        isFile: Boolean(found),
        isDirectory: dir,
        isSymlink: false,
        mode: (dir ? 0o040000 : 0o100000) | (found && 'mode' in found ? found.mode! : 0o644),
        uid: found && 'uid' in found && found.uid !== undefined ? found.uid : (uid ?? 0),
        gid: 1000,
        size,
        mtimeMs: 0,
        dev: 1,
        ino: [...files.keys()].indexOf(key(file)) + 2,
        nlink: 1,
      };
    },
    list: async (dir) => [...(dirs.get(key(dir)) ?? [])],
    realpath: async (file) =>
      names.get(key(file)) ?? (dirs.has(key(file)) ? flavour.resolve(file) : null),
    isExecutable: async (file) => {
      const found = files.get(key(file));
      return Boolean(found && 'text' in found && found.executable);
    },
    privateDir: (base, parts) => ({
      ok: false,
      path: flavour.join(base, ...parts),
      reason: 'does not exist',
    }),
    readPrivate: () => ({ ok: false, missing: true, reason: 'does not exist' }),
    writeNew: async () => {
      throw new Error('an in-memory world is read-only');
    },
    rename: async () => {
      throw new Error('an in-memory world is read-only');
    },
    remove: async () => undefined,
  };
  return {
    ...place,
    cwd: spec.cwd ?? place.home,
    arch: 'x64',
    nodeVersion: '20.20.2',
    uid,
    user: uid === null || spec.platform === 'win32' ? null : { uid, gid: 1000 },
    osRelease: null,
    hostname: null,
    execPath: spec.execPath ?? null,
    files: memoryFiles,
    exec: async (file, args) => {
      const command = [file, ...args].join(' ');
      const answer = spec.exec?.(file, args);
      return answer
        ? { command, exitCode: 0, stdout: '', stderr: '', timedOut: false, ...answer }
        : {
            command,
            exitCode: null,
            stdout: '',
            stderr: '',
            timedOut: false,
            failure: 'not found',
          };
    },
    request: async () => ({ ok: false, kind: 'unreachable', message: 'no network in memory' }),
    now: () => spec.now ?? new Date('2026-01-01T00:00:00Z'),
  };
}

/** A run's Context on an in-memory world. */
export function memoryContext(spec: MemoryWorldSpec, options: Partial<RunOptions> = {}): Context {
  return new Context({ world: memoryWorld(spec), options: { ...OPTIONS, ...options } });
}

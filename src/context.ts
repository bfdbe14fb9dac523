import { constants as fsConstants } from 'node:fs';
import { access, lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Secret, SecretRegistry } from './redact.js';

export type Env = Readonly<Record<string, string | undefined>>;
export type Platform = 'linux' | 'darwin' | 'win32';
export type ExpectOption = 'subscription' | 'api' | 'auto';

export interface RunOptions {
  expect: ExpectOption;
  offline: boolean;
  /** Bounds every single subprocess and network request, and so the whole run. */
  timeoutMs: number;
  verbose: boolean;
  /** Run `claude auth status` (it writes Claude Code's files, so only when asked). */
  askClaude?: boolean;
}

export interface ContextInit {
  env: Env;
  cwd: string;
  platform: Platform;
  arch: string;
  nodeVersion: string;
  options: RunOptions;
  now?: () => Date;
  /** The user the doctor runs as (file ownership); defaults to the real one, null on Windows. */
  uid?: number | null;
  /**
   * Prefix for system-wide files (managed settings, /etc/environment); `/` in real runs, a
   * fixture directory in tests.
   */
  systemRoot?: string;
}

export type FileText =
  | { ok: true; text: string }
  | { ok: false; code: string; message: string };

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
  mode: number;
  uid: number;
  size: number;
  mtimeMs: number;
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

export type HttpResult =
  | { ok: true; status: number; body: string }
  | { ok: false; kind: 'timeout' | 'network'; message: string };

const MAX_OUTPUT = 1024 * 1024;

/**
 * Everything a check may know about the world. It is the only module that touches files,
 * processes, network and clock, and it memoizes, so a file is read once and a command is
 * spawned once per run however many checks ask.
 */
export class Context {
  readonly env: Env;
  readonly cwd: string;
  readonly platform: Platform;
  readonly arch: string;
  readonly nodeVersion: string;
  readonly options: RunOptions;
  readonly home: string;
  readonly managedDir: string;
  readonly systemRoot: string;
  readonly uid: number | null;
  readonly secrets = new SecretRegistry();
  readonly #now: () => Date;
  readonly #deadline: number;
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(init: ContextInit) {
    this.env = init.env;
    this.cwd = init.cwd;
    this.platform = init.platform;
    this.arch = init.arch;
    this.nodeVersion = init.nodeVersion;
    this.options = init.options;
    this.#now = init.now ?? (() => new Date());
    this.home = homeFrom(init.env, init.platform);
    this.systemRoot = init.systemRoot ?? (init.platform === 'win32' ? 'C:\\' : '/');
    this.managedDir = path.join(this.systemRoot, managedDirIn(init.platform));
    this.#deadline = Date.now() + init.options.timeoutMs;
    this.uid = init.uid !== undefined ? init.uid : process.getuid?.() ?? null;
  }

  now(): Date {
    return this.#now();
  }

  /** Run-wide memo: sources use it so each fact is computed once. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let hit = this.#memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = compute();
      this.#memo.set(key, hit);
    }
    return hit;
  }

  secret(value: string): Secret {
    return new Secret(value, this.secrets);
  }

  /** Home-relative path for output (`~/.zshrc`). */
  display(file: string): string {
    if (!this.home) return file;
    if (file === this.home) return '~';
    const rel = path.relative(this.home, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
  }

  readText(file: string): Promise<FileText> {
    return this.memo(`read:${file}`, async () => {
      try {
        return { ok: true, text: await readFile(file, 'utf8') };
      } catch (error) {
        return { ok: false, ...describeFsError(error) };
      }
    });
  }

  stat(file: string): Promise<FileStat | null> {
    return this.memo(`stat:${file}`, async () => {
      try {
        const link = await lstat(file);
        const target = link.isSymbolicLink() ? await stat(file) : link;
        return {
          isFile: target.isFile(),
          isDirectory: target.isDirectory(),
          isSymlink: link.isSymbolicLink(),
          mode: target.mode,
          uid: target.uid,
          size: target.size,
          mtimeMs: target.mtimeMs,
        };
      } catch {
        return null;
      }
    });
  }

  listDir(dir: string): Promise<string[]> {
    return this.memo(`ls:${dir}`, async () => {
      try {
        return (await readdir(dir)).sort();
      } catch {
        return [];
      }
    });
  }

  realpath(file: string): Promise<string | null> {
    return this.memo(`realpath:${file}`, async () => {
      try {
        return await realpath(file);
      } catch {
        return null;
      }
    });
  }

  /** Every executable called `name` on this context's PATH, in PATH order. */
  which(name: string): Promise<string[]> {
    return this.memo(`which:${name}`, async () => {
      const sep = this.platform === 'win32' ? ';' : ':';
      const dirs = (this.env.PATH ?? this.env.Path ?? '').split(sep).filter(Boolean);
      const exts = this.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
      const found: string[] = [];
      for (const dir of dirs) {
        for (const ext of exts) {
          const candidate = path.join(dir, name + ext);
          if (!found.includes(candidate) && (await isExecutable(candidate))) found.push(candidate);
        }
      }
      return found;
    });
  }

  /** Milliseconds left for I/O: every request gets the full timeout, but none outlives the run. */
  remainingMs(): number {
    return Math.max(0, Math.min(this.options.timeoutMs, this.#deadline - Date.now()));
  }

  /**
   * Runs a command once per run (memoized), never interactively, with the auto-updater off
   * and a hard timeout. Output is capped so a runaway program cannot fill memory.
   */
  exec(file: string, args: readonly string[]): Promise<ExecResult> {
    const command = [file, ...args].join(' ');
    return this.memo(`exec:${command}`, () => runBounded(file, args, {
      env: { ...this.env, DISABLE_AUTOUPDATER: '1' },
      cwd: this.cwd,
      timeoutMs: this.remainingMs(),
    }));
  }

  /** One bounded GET; the body is capped like command output. */
  httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.memo(`get:${url}`, async () => {
      if (this.options.offline) return { ok: false, kind: 'network', message: 'offline mode' };
      const timeoutMs = this.remainingMs();
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(Math.max(1, timeoutMs)) });
        const body = await readCapped(response);
        return { ok: true, status: response.status, body };
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          return { ok: false, kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
        }
        return { ok: false, kind: 'network', message: networkMessage(error) };
      }
    });
  }
}

function homeFrom(env: Env, platform: Platform): string {
  if (platform === 'win32') return env.USERPROFILE ?? env.HOME ?? '';
  return env.HOME ?? '';
}

function managedDirIn(platform: Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Library/Application Support/ClaudeCode';
    case 'win32':
      return 'Program Files/ClaudeCode';
    default:
      return 'etc/claude-code';
  }
}

function describeFsError(error: unknown): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const messages: Record<string, string> = {
    ENOENT: 'does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory, not a file',
    ELOOP: 'symbolic link loop',
    ENOTDIR: 'a parent is not a directory',
  };
  return { code, message: messages[code] ?? `cannot be read (${code})` };
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface BoundedOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  timeoutMs: number;
}

async function runBounded(file: string, args: readonly string[], options: BoundedOptions): Promise<ExecResult> {
  const command = [file, ...args].join(' ');
  if (options.timeoutMs <= 0) return { command, exitCode: null, stdout: '', stderr: '', timedOut: true };
  const { execa } = await import('execa');
  const child = execa(file, args, {
    env: options.env,
    extendEnv: false,
    cwd: options.cwd,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 100,
    maxBuffer: MAX_OUTPUT,
    windowsHide: true,
  });
  // A grandchild can keep the pipes open after the child is killed; do not wait for it.
  let timer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<'stuck'>((resolve) => {
    timer = setTimeout(() => resolve('stuck'), options.timeoutMs + 300);
  });
  const result = await Promise.race([child, hardStop]);
  clearTimeout(timer);
  if (result === 'stuck') {
    child.kill('SIGKILL');
    return { command, exitCode: null, stdout: '', stderr: '', timedOut: true };
  }
  const failure = result.failed && result.exitCode === undefined && !result.timedOut
    ? spawnFailure(result.code ?? '', file)
    : undefined;
  return {
    command,
    exitCode: result.exitCode ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: Boolean(result.timedOut),
    ...(failure ? { failure } : {}),
  };
}

function spawnFailure(code: string, file: string): string {
  if (code === 'ENOENT') return `${file} was not found`;
  if (code === 'EACCES') return `${file} is not executable`;
  return `${file} could not be started (${code || 'unknown error'})`;
}

async function readCapped(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_OUTPUT * 8) {
    await response.body?.cancel();
    throw new Error(`response too large (${length} bytes)`);
  }
  return response.text();
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name could not be resolved';
  if (code) return `${code}`;
  return (error as Error).message || 'network error';
}

import type { PlatformPath } from 'node:path';
import type { Policy } from './config/schema.js';
import { proxyFor } from './net/proxy.js';
import type { NetResult } from './net/request.js';
import { cacheBaseFrom, CACHE_NAME } from './platform/paths.js';
import { registerEnvSecrets, runSecrets, Secret } from './redact.js';
import { MAX_OUTPUT } from './world/exec.js';
import { MB, type ReadFailure } from './world/files.js';
import { randomHex } from './world/hash.js';
import type { User } from './world/private-dir.js';
import {
  nodeWorld,
  type Env,
  type ExecResult,
  type FileStat,
  type Platform,
  type World,
  type WorldInit,
} from './world/world.js';

export type { Env, ExecResult, FileStat, Platform, World } from './world/world.js';
export type ExpectOption = 'subscription' | 'api' | 'auto';

export interface RunOptions {
  expect: ExpectOption;
  offline: boolean;
  /** Bounds every single subprocess and network request, and so the whole run. */
  timeoutMs: number;
  verbose: boolean;
  /**
   * A registry set in the configuration; it wins over what npm's config would give. From an
   * untrusted project file (`fromProject`), it is asked without a token.
   */
  registry?: { url: string; source: string; fromProject?: boolean };
  /** Policy options from the configuration, for the `policy` check. */
  policy?: Policy;
  /** Run `claude auth status` (it writes Claude Code's files, so only when asked). */
  askClaude?: boolean;
  /** Send the effective credential to the API once (`--verify`, check `verify-credential`). */
  verify?: boolean;
  /** How a new terminal starts the user's shell, when the platform's convention is wrong. */
  shellMode?: 'login' | 'interactive';
  /** Run the user's own shell startup once, traced, to learn where variables are set. */
  traceShell?: boolean;
  /** `--verify-base-url`: an ANTHROPIC_BASE_URL from a project file the user approved for --verify. */
  verifyBaseUrl?: string;
  /** How to run the doctor again, the way it was started (src/invocation.ts). */
  rerun?: string;
}

/** A run on this machine (src/world/world.ts, nodeWorld). */
export type ContextInit = WorldInit & { options: RunOptions };
/** A run on any world (one built in memory, in tests). */
export interface WorldRun {
  world: World;
  options: RunOptions;
}

export type FileText = { ok: true; text: string } | { ok: false; code: string; message: string };

export type HttpResult = NetResult | { ok: false; kind: 'offline'; message: string };

export interface HttpOptions {
  method?: 'GET' | 'HEAD';
  /** Secret values (tokens) are revealed only here, on the wire. */
  headers?: Record<string, string | Secret>;
  /** Overrides the proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY; null for none. */
  proxy?: URL | null;
  /** Trusted CA certificates (PEM) instead of Node's own (which include NODE_EXTRA_CA_CERTS). */
  ca?: string[];
  /** Certificates (PEM) trusted on top of Node's own, as NODE_EXTRA_CA_CERTS adds them. */
  extraCa?: string[];
}

/** Settings and startup files are small; anything this big is not one the doctor should parse. */
const MAX_TEXT_BYTES = 16 * MB;
const MAX_SCAN_BYTES = 512 * MB;

/** What one run shares between the Context of the built-in checks and each plugin's. */
interface RunState {
  /** Memoized probes (files, commands, requests), keyed by what they asked. */
  probes: Map<string, Promise<unknown>>;
  notes: string[];
  answers: Promise<string | null>[];
  deadline: number;
  plugins: Map<string, Context>;
}

/**
 * Everything a check may know about the world: the World (this machine, or one built in
 * memory) with the run's memoized probes on top, so a file is read once and a command is
 * spawned once per run however many checks ask, plus the run's options, secrets and deadline.
 */
export class Context {
  /** Private: a plugin sees the world only through the probes (no writes, no unbounded calls). */
  readonly #world: World;
  readonly env: Env;
  readonly cwd: string;
  readonly platform: Platform;
  /** The platform's path flavour (path.win32 on Windows); every path of this run is in it. */
  readonly path: PlatformPath;
  readonly arch: string;
  readonly nodeVersion: string;
  readonly options: RunOptions;
  readonly home: string;
  readonly managedDir: string;
  readonly systemRoot: string;
  readonly osRelease: string | null;
  readonly hostname: string | null;
  readonly execPath: string | null;
  /** Where the doctor may keep its cache; null when there is no home to put it in. */
  readonly cacheDir: string | null;
  readonly uid: number | null;
  /** Who the run is, for what counts as private (src/world/private-dir.ts); null on Windows. */
  readonly user: User | null;
  /** The run's secrets, which the output sink scrubs (shared by every Context of the process). */
  readonly secrets = runSecrets;
  readonly #cacheBase: string | null;
  #run: RunState;
  /** The memo `memo()` offers: the built-in sources' own, or a plugin's private one. */
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(init: ContextInit | WorldRun) {
    const world = 'world' in init ? init.world : nodeWorld(init);
    this.#world = world;
    this.env = world.env;
    this.cwd = world.cwd;
    registerEnvSecrets(world.env);
    this.platform = world.platform;
    this.path = world.path;
    this.arch = world.arch;
    this.nodeVersion = world.nodeVersion;
    this.options = init.options;
    this.home = world.home;
    this.systemRoot = world.systemRoot;
    this.managedDir = world.managedDir;
    this.osRelease = world.osRelease;
    this.hostname = world.hostname;
    this.execPath = world.execPath;
    this.#cacheBase = cacheBaseFrom(world.env, world.platform, world.home, world.path);
    this.cacheDir = this.#cacheBase && world.path.join(this.#cacheBase, CACHE_NAME);
    this.uid = world.uid;
    this.user = world.user;
    this.#run = {
      probes: new Map(),
      notes: [],
      answers: [],
      deadline: Date.now() + init.options.timeoutMs,
      plugins: new Map(),
    };
  }

  /**
   * The Context a plugin's checks get: the same world, probes, options and deadline, but a
   * memo of its own, so a plugin's keys can neither collide with nor read the built-in ones.
   */
  forPlugin(name: string): Context {
    let view = this.#run.plugins.get(name);
    if (!view) {
      view = new Context({ world: this.#world, options: this.options });
      view.#run = this.#run;
      this.#run.plugins.set(name, view);
    }
    return view;
  }

  /** Things the run chose to do without (an untrusted cache directory), shown under --verbose. */
  get notes(): string[] {
    return this.#run.notes;
  }

  /** Says, once, under --verbose, what the run did without. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  now(): Date {
    return this.#world.now();
  }

  /** Run-wide memo: sources use it so each fact is computed once (a plugin's is its own). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let hit = this.#memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = compute();
      this.#memo.set(key, hit);
    }
    return hit;
  }

  /** The run's memo of what the world answered, shared by every view of the run. */
  #probe<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const probes = this.#run.probes;
    let hit = probes.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = compute();
      probes.set(key, hit);
    }
    return hit;
  }

  secret(value: string): Secret {
    return new Secret(value, this.secrets);
  }

  /** Home-relative path for output (`~/.zshrc`), with forward slashes on every platform. */
  display(file: string): string {
    if (!this.home) return file;
    if (file === this.home) return '~';
    const p = this.path;
    const rel = p.relative(this.home, file);
    // `..` or `../x` leaves home; `..x` is a file in it.
    const outside = rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel);
    return rel && !outside ? `~/${rel.split(p.sep).join('/')}` : file;
  }

  /** Text of a small file (settings, startup files): memoized, capped, UTF-8. */
  readText(file: string): Promise<FileText> {
    return this.#probe(`read:${file}`, async () => {
      const read = await this.#world.files.read(file, MAX_TEXT_BYTES);
      if (!read.ok) return read;
      const { bytes } = read;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        return { ok: false, code: 'EUTF16', message: 'is UTF-16 encoded; it must be UTF-8' };
      }
      return { ok: true, text: bytes.toString('utf8') };
    });
  }

  /**
   * Raw bytes, not memoized: for large files that a reader scans once and lets go of, so the
   * run does not hold them (a long-lived `.claude.json` can be 50 MB).
   */
  readBytes(
    file: string,
  ): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; code: string; message: string }> {
    return this.#world.files.read(file, MAX_SCAN_BYTES);
  }

  /**
   * A large file, chunk by chunk, not memoized: `sink` sees each chunk (valid only during the
   * call; copy what you keep) and returns false to stop. Memory stays at one chunk whatever
   * the file's size.
   */
  readChunks(
    file: string,
    sink: (chunk: Uint8Array) => boolean,
  ): Promise<{ ok: true } | ReadFailure> {
    return this.#world.files.readChunks(file, MAX_SCAN_BYTES, sink);
  }

  stat(file: string): Promise<FileStat | null> {
    return this.#probe(`stat:${file}`, () => this.#world.files.stat(file));
  }

  /**
   * A file's bytes as they are now, not memoized: fix mode backs files up byte for byte and
   * checks that a file did not change between planning an edit and writing it.
   */
  async readBytesNow(file: string): Promise<Buffer | null> {
    // The same guard as every other read: a named pipe must not hang fix mode either.
    const read = await this.#world.files.read(file, MAX_SCAN_BYTES);
    return read.ok ? read.bytes : null;
  }

  listDir(dir: string): Promise<string[]> {
    return this.#probe(`ls:${dir}`, async () => (await this.#world.files.list(dir)).sort());
  }

  realpath(file: string): Promise<string | null> {
    return this.#probe(`realpath:${file}`, () => this.#world.files.realpath(file));
  }

  /** Every executable called `name` on this context's PATH, in PATH order. */
  which(name: string): Promise<string[]> {
    return this.#probe(`which:${name}`, async () => {
      const p = this.path;
      // An empty or relative entry is the current (project) directory to a shell: not the
      // user's installed programs, so never searched.
      const dirs = (this.env.PATH ?? this.env.Path ?? '')
        .split(p.delimiter)
        .filter((dir) => dir !== '' && p.isAbsolute(dir));
      const exts = this.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
      const found: string[] = [];
      for (const dir of dirs) {
        for (const ext of exts) {
          const candidate = p.join(dir, name + ext);
          if (!found.includes(candidate) && (await this.#world.files.isExecutable(candidate)))
            found.push(candidate);
        }
      }
      return found;
    });
  }

  /** Milliseconds left for I/O: every request gets the full timeout, but none outlives the run. */
  remainingMs(): number {
    return Math.max(0, Math.min(this.options.timeoutMs, this.#run.deadline - Date.now()));
  }

  /**
   * Runs a command once per run (memoized), never interactively, with the auto-updater off
   * and a hard timeout. Output is capped so a runaway program cannot fill memory.
   */
  exec(file: string, args: readonly string[]): Promise<ExecResult> {
    const command = [file, ...args].join(' ');
    return this.#probe(`exec:${command}`, () =>
      this.#world.exec(file, args, {
        env: { ...this.env, DISABLE_AUTOUPDATER: '1' },
        cwd: this.cwd,
        timeoutMs: this.remainingMs(),
      }),
    );
  }

  /**
   * Runs a command every time it is asked (fix mode's `claude auth logout` and updates), with
   * its own timeout, never interactively and with the auto-updater off.
   */
  run(
    file: string,
    args: readonly string[],
    timeoutMs: number,
    { cwd = this.cwd }: { cwd?: string } = {},
  ): Promise<ExecResult> {
    return this.#world.exec(file, args, {
      env: { ...this.env, DISABLE_AUTOUPDATER: '1' },
      cwd,
      timeoutMs,
    });
  }

  /**
   * Runs the user's own shell once, as a new terminal would (stdin from /dev/null, no TTY), in
   * HOME, with exactly `env`, bounded by the run's time. Only for `--trace-shell`: its output
   * can hold secrets and must never be shown.
   */
  runShell(file: string, args: readonly string[], env: Env): Promise<ExecResult> {
    return this.#probe(`shell:${[file, ...args].join(' ')}`, () =>
      this.#world.exec(file, args, {
        env: { ...env, DISABLE_AUTOUPDATER: '1' },
        cwd: this.home || this.cwd,
        // Part of the time left: the check waiting for it must still finish within its bound.
        timeoutMs: Math.floor(this.remainingMs() * 0.6),
        maxOutput: 16 * MB,
      }),
    );
  }

  /**
   * Whether this user may run `file` as one of their own programs: owned (through any symbolic
   * link) by them or root. Someone else's executable, even on PATH, is never run.
   */
  async ownExecutable(file: string): Promise<boolean> {
    if (this.uid === null) return true;
    const info = await this.stat(file);
    return Boolean(info && (info.uid === this.uid || info.uid === 0));
  }

  /** Whether `file` is a regular file this user may execute. */
  isExecutable(file: string): Promise<boolean> {
    return this.#probe(`x:${file}`, () => this.#world.files.isExecutable(file));
  }

  /**
   * One bounded request, once per run per method and URL, through the proxy the environment
   * names; the body is capped like command output. Nothing goes out with --offline.
   */
  http(url: string, options: HttpOptions = {}): Promise<HttpResult> {
    const method = options.method ?? 'GET';
    const result = this.#request(url, method, options);
    this.#run.answers.push(result.then((r) => (r.ok ? new URL(url).host : null)));
    return result;
  }

  /**
   * Hosts that answered any request of this run (the registry, the API, ...), waiting for the
   * requests already under way: "the network works" is a fact only an answer proves.
   */
  async answeredHosts(): Promise<string[]> {
    const hosts = await Promise.all([...this.#run.answers]);
    return [...new Set(hosts.filter((h): h is string => h !== null))];
  }

  #request(url: string, method: 'GET' | 'HEAD', options: HttpOptions): Promise<HttpResult> {
    return this.#probe(`http:${method} ${url}`, async () => {
      if (this.options.offline) return { ok: false, kind: 'offline', message: 'offline mode' };
      let proxy = options.proxy;
      if (proxy === undefined) {
        try {
          proxy = proxyFor(new URL(url), this.env)?.url ?? null;
        } catch {
          proxy = null;
        }
      }
      const headers = Object.fromEntries(
        Object.entries(options.headers ?? {}).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : v.reveal(),
        ]),
      );
      return this.#world.request({
        url,
        method,
        headers,
        proxy,
        timeoutMs: this.remainingMs(),
        maxBytes: MAX_OUTPUT * 8,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.extraCa ? { extraCa: options.extraCa } : {}),
      });
    });
  }

  /** One bounded GET (see `http`). */
  httpGet(url: string, headers: Record<string, string | Secret> = {}): Promise<HttpResult> {
    return this.http(url, { headers });
  }

  /**
   * The doctor's cache directory when it is private (owned by the user, writable by nobody
   * else, no symbolic link: src/world/private-dir.ts), created when `create`; else null, and
   * a note says why the run goes without it.
   */
  #privateCache(create: boolean): string | null {
    if (!this.#cacheBase) return null;
    const checked = this.#world.files.privateDir(this.#cacheBase, [CACHE_NAME], create, this.user);
    if (checked.ok) return checked.dir;
    if (create || checked.reason !== 'does not exist')
      this.note(
        `Not using the cache directory: ${this.display(checked.path)} ${checked.reason}; working without it.`,
      );
    return null;
  }

  /**
   * `name` from the cache directory, when the directory and the file are private (a file
   * someone else could write might make the doctor lie); null otherwise.
   */
  readCacheFile(name: string): Promise<string | null> {
    return this.#probe(`cache:${name}`, async () => {
      const p = this.path;
      const dir = p.basename(name) === name ? this.#privateCache(false) : null;
      if (!dir) return null;
      const read = this.#world.files.readPrivate(p.join(dir, name), this.user, MAX_TEXT_BYTES);
      if (read.ok) return read.bytes.toString('utf8');
      if (!read.missing)
        this.note(`Not using the cached ${this.display(p.join(dir, name))}: it ${read.reason}.`);
      return null;
    });
  }

  /**
   * The one file the doctor writes outside fix mode: `name` in its cache directory, written
   * atomically (temporary file, then rename) so a concurrent run never reads half a file, and
   * only into a private directory. Failure is not an error: the cache only saves time.
   */
  async writeCacheFile(name: string, text: string): Promise<boolean> {
    const p = this.path;
    if (p.basename(name) !== name) return false;
    const dir = this.#privateCache(true);
    if (!dir) return false;
    const file = p.join(dir, name);
    const temp = `${file}.${await randomHex(6)}.tmp`;
    const files = this.#world.files;
    try {
      await files.writeNew(temp, text);
      await files.rename(temp, file);
      this.#run.probes.delete(`cache:${name}`);
      return true;
    } catch {
      await files.remove(temp).catch(() => undefined);
      return false;
    }
  }

  /**
   * `use` with a new file holding `text` in the private cache directory, removed afterwards
   * (--trace-shell's bash wrapper: nobody else can change it before the shell reads it); null,
   * without calling `use`, when there is no private cache directory to write it in.
   */
  async withTempFile<T>(name: string, text: string, use: (file: string) => Promise<T>) {
    const dir = this.#privateCache(true);
    if (!dir) return null;
    const file = this.path.join(dir, `${name}.${await randomHex(6)}.tmp`);
    const files = this.#world.files;
    const remove = () => files.remove(file).catch(() => undefined);
    try {
      await files.writeNew(file, text);
    } catch {
      await remove();
      return null;
    }
    try {
      return { value: await use(file) };
    } finally {
      await remove();
    }
  }
}

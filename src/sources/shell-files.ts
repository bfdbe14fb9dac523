import path from 'node:path';
import type { Context, FileText } from '../context.js';
import { isSecretName, WATCHED_VARS } from '../env-vars.js';
import { powershellProfileDirs, systemStartupFiles } from '../platform/paths.js';
import { Secret } from '../redact.js';
import { parseShell, type Dialect } from './shell-parse.js';
import type { Script, ScriptDialect } from './shell-script.js';
import { traceShell } from './shell-trace.js';
import {
  isShellName,
  newBudget,
  Walker,
  type Flavour,
  type Handoff,
  type WalkAssignment,
  type WalkBudget,
  type WalkIo,
  type WalkNote,
  type WrapperDef,
} from './shell-walk.js';

// Where a variable is set before Claude Code starts (facts file, section 8): the startup files
// the user's own shell reads in a new terminal, in order, as that shell would read them; the
// files a desktop session reads at login; the system-wide environment files; the project's
// direnv `.envrc`. Other shells' files are read too, but only to say "also set for fish".

export type StartupKind = 'shell' | 'system' | 'project';
export type ShellMode = 'login' | 'interactive';

export interface StartupFile {
  path: string;
  dialect: Dialect;
  kind: StartupKind;
  /** For env files: the `.envrc` line (`file:~/p/.envrc:1`) whose `dotenv` loads it. */
  loadedBy?: string;
  /** `~/.zshrc:3`: the line that sourced it. */
  via?: string;
}

export interface ShellAssignment {
  name: string;
  path: string;
  line: number;
  /** null when the value is computed (`$(cmd)`) or the line unsets the variable. */
  value: Secret | null;
  exported: boolean;
  unset: boolean;
  kind: StartupKind;
  dialect: Dialect;
  /** `file:~/.zshrc:12` */
  source: string;
  /** The file that `source`d this one, when it was reached that way. */
  via?: string;
  /** For env files: what loads them (direnv's `dotenv`); shells never read them. */
  loadedBy?: string;
  /** Under a condition (`if`, `&&`, a loop): it may not run. */
  conditional?: boolean;
  /** In a function body that a startup file calls (`~/.zshrc:9`). */
  calledFrom?: string;
  /** Read by the desktop session at login, not by the terminal's shell itself. */
  session?: boolean;
  /**
   * Read only by another shell than the user's (`fish`): evidence, never an origin, never in
   * restart-needed, never edited by fix.
   */
  foreign?: string;
  /**
   * With --trace-shell: the traced shell ran this line (`confirmed`), only the trace found it
   * (`traced-only`), or the static reading expected it but the shell did not run it (`not-run`).
   */
  trace?: 'confirmed' | 'traced-only' | 'not-run';
}

export interface ShellModel {
  /** `zsh`, `bash`, `fish`, `tcsh`, `pwsh`, `sh`, ...; `unknown` when nothing says. */
  shell: string;
  /** The program as `$SHELL` or the passwd entry names it, installed here or not; else null. */
  program: string | null;
  /** Where the shell came from: `$SHELL`, the passwd entry, the platform (Windows), or nowhere. */
  shellFrom: '$SHELL' | 'passwd' | 'platform' | 'none';
  mode: ShellMode;
  /** The flag, or the platform's terminal convention (`why` says which). */
  modeFrom: '--shell-mode' | 'platform';
  /** Why this mode, in words: `macOS terminals start login shells`. */
  why: string;
  /** A startup file that `exec`s another shell hands the terminal to it. */
  handoff?: { from: string; to: string; login: boolean; at: string };
}

export interface Wrapper {
  name: string;
  kind: 'alias' | 'function';
  path: string;
  line: number;
  /** `file:~/.zshrc:7` */
  source: string;
  injects: { name: string; value: Secret | null; line: number }[];
  /** Typing `claude` runs this. */
  isClaude: boolean;
}

/**
 * How --trace-shell went: the shell it ran, and where that start differed from a new
 * terminal's (bash as root reads its files through a wrapper); or why there is no trace.
 */
export type StartupTrace =
  | { ok: true; shell: string; deviations: string[] }
  | { ok: false; shell: string; reason: string; deviations: string[] };

export interface StartupChain {
  model: ShellModel;
  /** With --trace-shell: whether the traced run worked. */
  trace?: StartupTrace;
  /** The files a new terminal reads, in order. */
  files: StartupFile[];
  assignments: ShellAssignment[];
  wrappers: Wrapper[];
  notes: { source: string; text: string }[];
}

/** The user's login shell: `$SHELL` as given (even when not installed here), else passwd. */
async function loginShell(
  ctx: Context,
): Promise<Pick<ShellModel, 'shell' | 'program' | 'shellFrom'>> {
  const fromEnv = ctx.env.SHELL;
  if (fromEnv) return { shell: shellName(fromEnv), program: fromEnv, shellFrom: '$SHELL' };
  if (ctx.platform === 'win32') return { shell: 'pwsh', program: null, shellFrom: 'platform' };
  const passwd = await ctx.readText(path.join(ctx.systemRoot, 'etc', 'passwd'));
  if (passwd.ok) {
    const user = ctx.env.USER ?? ctx.env.LOGNAME;
    for (const line of passwd.text.split('\n')) {
      const fields = line.split(':');
      if (fields.length < 7) continue;
      if (
        (user && fields[0] === user) ||
        (!user && ctx.uid !== null && fields[2] === String(ctx.uid))
      ) {
        // An empty field means /bin/sh (login(1)).
        const program = fields[6]!.trim() || '/bin/sh';
        return { shell: shellName(program), program, shellFrom: 'passwd' };
      }
    }
  }
  // Unknown: every shell's files count (nothing is called another shell's).
  return { shell: 'unknown', program: null, shellFrom: 'none' };
}

function shellName(program: string): string {
  const base = path
    .basename(program.replace(/\\/g, '/'))
    .replace(/\.exe$/i, '')
    .replace(/^-/, '');
  if (base === 'powershell') return 'pwsh';
  if (base === 'dash' || base === 'ash') return 'sh';
  return base;
}

export function shellModel(ctx: Context): Promise<ShellModel> {
  return ctx.memo('shell-model', async () => {
    const shell = await loginShell(ctx);
    const flag = ctx.options.shellMode;
    const [mode, why]: [ShellMode, string] = flag
      ? [flag, 'set by --shell-mode']
      : ctx.platform === 'darwin'
        ? ['login', 'macOS terminals start login shells']
        : ctx.env.WSL_DISTRO_NAME || ctx.env.WSL_INTEROP
          ? ['login', 'WSL terminals start login shells']
          : ctx.env.SSH_CONNECTION || ctx.env.SSH_TTY
            ? ['login', 'SSH sessions start login shells']
            : ctx.platform === 'win32'
              ? ['interactive', 'PowerShell reads the same profiles either way']
              : ['interactive', 'Linux and IDE terminals start interactive non-login shells'];
    return { ...shell, mode, modeFrom: flag ? '--shell-mode' : 'platform', why };
  });
}

/** Every assignment to a watched variable in every startup file, the user's shell's first. */
export async function shellAssignments(ctx: Context): Promise<ShellAssignment[]> {
  return (await startupChain(ctx)).assignments;
}

/** The files a new terminal (and the session, and the project's direnv) reads. */
export async function startupFiles(ctx: Context): Promise<StartupFile[]> {
  return (await startupChain(ctx)).files;
}

export function startupChain(ctx: Context): Promise<StartupChain> {
  return ctx.memo('startup-chain', () => buildChain(ctx));
}

/** Of a large startup file, this much is kept; real ones are far shorter (bounds memory). */
const MAX_STARTUP_BYTES = 256 * 1024;
/** A longer line is kept empty (its number stays right): no real startup line is that long. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * The text of a startup file: all of it when small (memoized); of a large one, its lines in
 * order up to 256 KB, over-long lines emptied, so the lines after a 2 MB line are still read.
 */
async function readStartup(ctx: Context, file: string): Promise<FileText> {
  const stat = await ctx.stat(file);
  if (!stat || stat.size <= MAX_STARTUP_BYTES) return ctx.readText(file);
  const kept: Uint8Array[] = [];
  let total = 0;
  let lineLength = 0;
  let lineStart = 0; // index in `kept` where the current line begins
  const read = await ctx.readChunks(file, (chunk) => {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] !== 0x0a) continue;
      lineLength += i - start;
      if (lineLength > MAX_LINE_BYTES) kept.length = lineStart;
      kept.push(lineLength > MAX_LINE_BYTES ? new Uint8Array([0x0a]) : chunk.slice(start, i + 1));
      total += Math.min(lineLength, MAX_LINE_BYTES) + 1;
      lineLength = 0;
      start = i + 1;
      lineStart = kept.length;
      if (total >= MAX_STARTUP_BYTES) return false;
    }
    // The start of a line that goes on in the next chunk, while it is not too long.
    lineLength += chunk.length - start;
    if (lineLength <= MAX_LINE_BYTES) kept.push(chunk.slice(start));
    else kept.length = lineStart;
    return true;
  });
  if (!read.ok) return read;
  // A partial last line (cut, or over-long) is dropped.
  const text = Buffer.concat(kept).toString('utf8');
  return { ok: true, text: text.slice(0, text.lastIndexOf('\n') + 1) };
}

function walkIo(ctx: Context): WalkIo {
  return {
    parsed: parsedScripts(ctx),
    home: ctx.home,
    cwd: ctx.home,
    env: ctx.env,
    readText: (file) => readStartup(ctx, file),
    realpath: (file) => ctx.realpath(file),
    stat: (file) => ctx.stat(file),
    listDir: (dir) => ctx.listDir(dir),
    display: (file) => ctx.display(file),
    expired: () => ctx.remainingMs() <= 0,
  };
}

const parsedByContext = new WeakMap<Context, Map<string, Script>>();
function parsedScripts(ctx: Context): Map<string, Script> {
  let parsed = parsedByContext.get(ctx);
  if (!parsed) parsedByContext.set(ctx, (parsed = new Map()));
  return parsed;
}

/** direnv `dotenv` files followed from one `.envrc` chain. */
const MAX_DOTENV_FILES = 32;

const FLAVOURS: Record<string, Flavour> = {
  bash: 'bash',
  zsh: 'zsh',
  sh: 'sh',
  ksh: 'sh',
  mksh: 'sh',
  fish: 'fish',
  tcsh: 'csh',
  csh: 'csh',
};

interface ShellWalk {
  walker: Walker;
  /** fish universal variables and PowerShell profiles, read outside the walker. */
  extra: ShellAssignment[];
  extraFiles: StartupFile[];
}

async function buildChain(ctx: Context): Promise<StartupChain> {
  const model = await shellModel(ctx);
  const budget = newBudget();
  const files: StartupFile[] = [];
  const assignments: ShellAssignment[] = [];
  const notes: StartupChain['notes'] = [];
  const wrappers: Wrapper[] = [];
  const own = new Set<string>(); // file:line of the terminal's own lines
  const ownFiles = new Set<string>();

  const take = (walk: ShellWalk, tag: { session?: boolean; foreign?: string }) => {
    const { walker } = walk;
    for (const f of walker.files) {
      if (tag.foreign && ownFiles.has(f.path)) continue;
      if (!tag.foreign) {
        if (ownFiles.has(f.path)) continue;
        ownFiles.add(f.path);
        files.push({
          path: f.path,
          dialect: dialectOf(walker.flavour),
          kind: kindOf(ctx, f.path),
          ...(f.via ? { via: f.via } : {}),
        });
      }
    }
    for (const file of walk.extraFiles) {
      if (!tag.foreign && !ownFiles.has(file.path)) {
        ownFiles.add(file.path);
        files.push(file);
      }
    }
    const all = [
      ...walker.assignments.map((a) => toAssignment(ctx, a, walker.flavour)),
      ...walk.extra,
    ];
    for (const a of all) {
      const key = `${a.path}:${a.line}:${a.name}`;
      if (own.has(key)) continue;
      if (tag.foreign && ownFiles.has(a.path)) continue;
      if (!tag.foreign) own.add(key);
      assignments.push({
        ...a,
        ...(tag.session ? { session: true } : {}),
        ...(tag.foreign ? { foreign: tag.foreign } : {}),
      });
    }
    if (!tag.foreign) {
      for (const n of walker.notes) notes.push(noteOf(ctx, n));
      for (const w of walker.wrappers) wrappers.push(wrapperOf(ctx, w));
    }
  };

  if (model.shell === 'unknown') {
    for (const other of ['bash', 'zsh', 'fish', 'tcsh', 'pwsh'])
      for (const m of ['login', 'interactive'] as const)
        take(await walkShell(ctx, other, m, budget), {});
  }
  // The terminal's shell, and whatever it `exec`s.
  let shell = model.shell;
  let mode: ShellMode = model.mode;
  let inherited: Map<string, string | null> | undefined;
  for (let hops = 0; shell !== 'unknown' && hops < 3; hops++) {
    const walk = await walkShell(ctx, shell, mode, budget, inherited);
    take(walk, {});
    const handoff: Handoff | null = walk.walker.handoff;
    if (!handoff || handoff.shell === shell) break;
    model.handoff = {
      from: shell,
      to: shellName(handoff.shell),
      login: handoff.login,
      at: `${ctx.display(handoff.file)}:${handoff.line}`,
    };
    inherited = walk.walker.exportedVars();
    shell = shellName(handoff.shell);
    mode = handoff.login ? 'login' : 'interactive';
  }
  const trace = ctx.options.traceShell ? await applyTrace(ctx, model, assignments) : undefined;
  // A Linux desktop session runs the login shell once at sign-in (GNOME, Xsession): its
  // login files reach every terminal started from it.
  if (ctx.platform === 'linux' && model.mode === 'interactive' && FLAVOURS[model.shell]) {
    take(await walkShell(ctx, model.shell, 'login', budget, undefined, false), { session: true });
  }
  // Environment files every shell inherits.
  const envFiles = await environmentFiles(ctx);
  for (const file of envFiles) {
    files.push(file);
    assignments.push(...(await scanFlat(ctx, file)));
  }
  // Other shells: evidence only.
  for (const other of ['bash', 'zsh', 'fish', 'tcsh', 'pwsh']) {
    if (other === shell || other === model.shell || model.shell === 'unknown') continue;
    for (const m of ['login', 'interactive'] as const)
      take(await walkShell(ctx, other, m, budget), { foreign: other });
  }
  // The project's direnv files (data, never run).
  const project = await direnvFiles(ctx, budget);
  files.push(...project.files);
  assignments.push(...project.assignments);
  return { model, files, assignments, wrappers, notes, ...(trace ? { trace } : {}) };
}

/**
 * Marks the terminal's own lines with what the traced shell really did, and adds the lines
 * only the trace found. Values from the trace stay inside Secrets.
 */
async function applyTrace(
  ctx: Context,
  model: ShellModel,
  assignments: ShellAssignment[],
): Promise<StartupChain['trace']> {
  const result = await traceShell(ctx, model);
  if (!result.ok) return result;
  const dialect = result.shell === 'fish' ? 'fish' : 'posix';
  const own = assignments.filter((a) => !a.foreign && !a.session && a.dialect === dialect);
  const confirmed = new Set<ShellAssignment>();
  for (const set of result.sets) {
    const match = own.find(
      (a) =>
        !confirmed.has(a) &&
        a.name === set.name &&
        a.unset === set.unset &&
        (set.file === null || a.path === set.file) &&
        (set.line === null
          ? set.file !== null || a.value?.equals(set.value ?? '')
          : a.line === set.line),
    );
    if (match) {
      confirmed.add(match);
      match.trace = 'confirmed';
      continue;
    }
    if (set.file === null) continue;
    assignments.push({
      name: set.name,
      path: set.file,
      line: set.line ?? 0,
      value:
        set.unset || set.value === null
          ? null
          : isSecretName(set.name)
            ? ctx.secret(set.value)
            : new Secret(set.value),
      exported: true,
      unset: set.unset,
      kind: kindOf(ctx, set.file),
      dialect,
      source: `file:${ctx.display(set.file)}${set.line ? `:${set.line}` : ''}`,
      trace: 'traced-only',
    });
  }
  for (const a of own) if (!confirmed.has(a)) a.trace = 'not-run';
  return { ok: true, shell: result.shell, deviations: result.deviations };
}

function dialectOf(flavour: Flavour): Dialect {
  return flavour === 'fish' ? 'fish' : flavour === 'csh' ? 'csh' : 'posix';
}

function kindOf(ctx: Context, file: string): StartupKind {
  const rel = path.relative(ctx.home, file);
  const inHome = ctx.home !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return inHome ? 'shell' : 'system';
}

function toAssignment(ctx: Context, a: WalkAssignment, flavour: Flavour): ShellAssignment {
  return {
    name: a.name,
    path: a.file,
    line: a.line,
    value:
      a.value === null || a.unset
        ? null
        : isSecretName(a.name)
          ? ctx.secret(a.value)
          : new Secret(a.value),
    exported: a.exported,
    unset: a.unset,
    kind: kindOf(ctx, a.file),
    dialect: dialectOf(flavour),
    source: `file:${ctx.display(a.file)}:${a.line}`,
    ...(a.via ? { via: a.via } : {}),
    ...(a.conditional ? { conditional: true } : {}),
    ...(a.calledFrom ? { calledFrom: a.calledFrom } : {}),
  };
}

function noteOf(ctx: Context, n: WalkNote): StartupChain['notes'][number] {
  return { source: `file:${ctx.display(n.file)}${n.line ? `:${n.line}` : ''}`, text: n.text };
}

function wrapperOf(ctx: Context, w: WrapperDef): Wrapper {
  return {
    name: w.name,
    kind: w.kind,
    path: w.file,
    line: w.line,
    source: `file:${ctx.display(w.file)}:${w.line}`,
    injects: w.injects.map((i) => ({
      name: i.name,
      line: i.line,
      value:
        i.value === null ? null : isSecretName(i.name) ? ctx.secret(i.value) : new Secret(i.value),
    })),
    isClaude: w.name === 'claude',
  };
}

/** The files `shell` reads in `mode`, in order, walked statically. */
async function walkShell(
  ctx: Context,
  shell: string,
  mode: ShellMode,
  budget: WalkBudget,
  inherited?: Map<string, string | null>,
  interactive = true,
): Promise<ShellWalk> {
  const flavour = FLAVOURS[shell] ?? 'sh';
  const login = mode === 'login';
  const argv0 = login ? `-${shell}` : shell;
  const walker = new Walker(walkIo(ctx), flavour, WATCHED_VARS, budget, argv0);
  if (inherited) walker.inherit(inherited);
  const extra: ShellAssignment[] = [];
  const extraFiles: StartupFile[] = [];
  const home = ctx.home;
  const etc = path.join(ctx.systemRoot, 'etc');
  const posix = async (file: string) => walker.startupFile(file, 'posix');
  const exists = async (file: string) => (await ctx.stat(file))?.isFile ?? false;
  const first = async (...candidates: string[]) => {
    for (const c of candidates) if (await exists(c)) return c;
    return null;
  };
  const steps: (() => Promise<unknown>)[] = [];
  const step = (fn: () => Promise<unknown>) => steps.push(fn);
  if (!home || shell === 'pwsh') {
    if (shell === 'pwsh') await powershell(ctx, extra, extraFiles);
    return { walker, extra, extraFiles };
  }
  switch (flavour) {
    case 'bash':
    case 'sh':
      if (login) {
        step(() => posix(path.join(etc, 'profile')));
        // Most Linux /etc/profile files read /etc/profile.d/*.sh; followed or not, they count.
        if (ctx.platform !== 'darwin')
          step(() => sourceGlob(ctx, walker, path.join(etc, 'profile.d'), '.sh'));
        const names =
          flavour === 'bash' ? ['.bash_profile', '.bash_login', '.profile'] : ['.profile'];
        step(async () => {
          const file = await first(...names.map((n) => path.join(home, n)));
          if (file) await posix(file);
        });
        if (shell === 'ksh' && interactive)
          step(() => posix(walker.variable('ENV') || path.join(home, '.kshrc')));
      } else if (flavour === 'bash') {
        if (ctx.platform === 'linux') step(() => posix(path.join(etc, 'bash.bashrc')));
        step(() => posix(path.join(home, '.bashrc')));
      } else {
        const env = ctx.env.ENV;
        if (env) step(() => posix(path.resolve(home, env)));
      }
      break;
    case 'zsh': {
      const system = async (name: string) => {
        const file = await first(path.join(etc, 'zsh', name), path.join(etc, name));
        if (file) await posix(file);
      };
      // ZDOTDIR from the environment counts only when no zshenv sets it: a ZDOTDIR exported
      // inside ~/.zshenv is in this process's environment but not in a new terminal's.
      if (
        ctx.env.ZDOTDIR &&
        (await setsZdotdir(ctx, [
          path.join(etc, 'zsh', 'zshenv'),
          path.join(etc, 'zshenv'),
          path.join(home, '.zshenv'),
        ]))
      )
        walker.forget('ZDOTDIR');
      const zdot = () => walker.variable('ZDOTDIR') || home;
      step(() => system('zshenv'));
      step(() => posix(path.join(zdot(), '.zshenv')));
      if (login) {
        step(() => system('zprofile'));
        step(() => posix(path.join(zdot(), '.zprofile')));
      }
      if (interactive) {
        step(() => system('zshrc'));
        step(() => posix(path.join(zdot(), '.zshrc')));
      }
      if (login) {
        step(() => system('zlogin'));
        step(() => posix(path.join(zdot(), '.zlogin')));
      }
      break;
    }
    case 'fish': {
      const config = path.join(ctx.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'fish');
      const universal = path.join(config, 'fish_variables');
      if (await exists(universal)) {
        extraFiles.push({ path: universal, dialect: 'fish-variables', kind: 'shell' });
        extra.push(
          ...(await scanFlat(ctx, { path: universal, dialect: 'fish-variables', kind: 'shell' })),
        );
      }
      step(async () => {
        // fish's own config.fish: conf.d snippets by name, the user's first, then the system's
        const seen = new Set<string>();
        const dataDirs = (ctx.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share')
          .split(':')
          .filter(Boolean);
        const dirs = [
          path.join(config, 'conf.d'),
          path.join(etc, 'fish', 'conf.d'),
          ...dataDirs.map((d) => path.join(ctx.systemRoot, d, 'fish', 'vendor_conf.d')),
        ];
        for (const dir of dirs) {
          for (const name of (await ctx.listDir(dir))
            .filter((n) => n.endsWith('.fish'))
            .sort(fishOrder)) {
            if (seen.has(name)) continue;
            seen.add(name);
            await walker.startupFile(path.join(dir, name), 'fish');
          }
        }
      });
      step(() => walker.startupFile(path.join(etc, 'fish', 'config.fish'), 'fish'));
      step(() => walker.startupFile(path.join(config, 'config.fish'), 'fish'));
      break;
    }
    case 'csh': {
      const csh = (file: string) => walker.startupFile(file, 'csh');
      step(() => csh(path.join(etc, 'csh.cshrc')));
      if (login) step(() => csh(path.join(etc, 'csh.login')));
      step(async () => {
        const rc =
          shell === 'tcsh'
            ? await first(path.join(home, '.tcshrc'), path.join(home, '.cshrc'))
            : path.join(home, '.cshrc');
        if (rc) await csh(rc);
      });
      if (login) step(() => csh(path.join(home, '.login')));
      break;
    }
  }
  for (const run of steps) {
    if (walker.stopped) break;
    await run();
  }
  return { walker, extra, extraFiles };
}

/** Files /etc/profile reads on most Linux systems, in case it does so in a way not followed. */
async function sourceGlob(ctx: Context, walker: Walker, dir: string, ext: string): Promise<void> {
  const via = ctx.display(path.join(path.dirname(dir), 'profile'));
  for (const name of await ctx.listDir(dir))
    if (name.endsWith(ext)) await walker.startupFile(path.join(dir, name), 'posix', via);
}

/** Whether one of these files assigns ZDOTDIR at all. */
async function setsZdotdir(ctx: Context, files: string[]): Promise<boolean> {
  for (const file of files) {
    const read = await readStartup(ctx, file);
    if (read.ok && /(^|[\s;])(export\s+|typeset\s+-x\s+)?ZDOTDIR=/m.test(read.text)) return true;
  }
  return false;
}

const fishOrder = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

async function powershell(
  ctx: Context,
  out: ShellAssignment[],
  files: StartupFile[],
): Promise<void> {
  // CurrentUserAllHosts, then CurrentUserCurrentHost (about_Profiles)
  const names = ['profile.ps1', 'Microsoft.PowerShell_profile.ps1'];
  for (const dir of powershellProfileDirs(ctx)) {
    for (const name of names) {
      const file: StartupFile = {
        path: path.join(dir, name),
        dialect: 'powershell',
        kind: 'shell',
      };
      if (!(await ctx.stat(file.path))?.isFile) continue;
      files.push(file);
      out.push(...(await scanFlat(ctx, file)));
    }
  }
}

/** Session-wide environment files: /etc/environment, ~/.pam_environment, environment.d. */
async function environmentFiles(ctx: Context): Promise<StartupFile[]> {
  const files: StartupFile[] = [];
  const add = (kind: StartupKind, dialect: Dialect, file: string) =>
    files.push({ path: file, dialect, kind });
  if (ctx.home) {
    const config = ctx.env.XDG_CONFIG_HOME || path.join(ctx.home, '.config');
    add('shell', 'pam-environment', path.join(ctx.home, '.pam_environment'));
    const dir = path.join(config, 'environment.d');
    for (const name of await ctx.listDir(dir))
      if (name.endsWith('.conf')) add('shell', 'environment-d', path.join(dir, name));
  }
  for (const file of systemStartupFiles(ctx).environment) add('system', 'environment-d', file);
  const present = await Promise.all(
    files.map(async (file) => ((await ctx.stat(file.path))?.isFile ? file : null)),
  );
  return present.filter((file): file is StartupFile => file !== null);
}

/** Files read line by line, without sourcing: env files, fish universal variables, profiles. */
async function scanFlat(ctx: Context, file: StartupFile, via?: string): Promise<ShellAssignment[]> {
  const read = await readStartup(ctx, file.path);
  if (!read.ok) return [];
  const parsed = parseShell(read.text, file.dialect, WATCHED_VARS);
  return parsed.assignments.map((a) => ({
    name: a.name,
    path: file.path,
    line: a.line,
    value:
      a.value === null || a.unset
        ? null
        : isSecretName(a.name)
          ? ctx.secret(a.value)
          : new Secret(a.value),
    exported: a.exported,
    unset: Boolean(a.unset),
    kind: file.kind,
    dialect: file.dialect,
    source: `file:${ctx.display(file.path)}:${a.line}`,
    ...(via ? { via } : {}),
    ...(file.loadedBy ? { loadedBy: file.loadedBy } : {}),
  }));
}

// --- direnv ---

/**
 * direnv loads the nearest `.envrc` from the project directory up to `/` (direnv's
 * `find_up`), which may `source_up` the next one, `source_env` others and `dotenv` env files.
 * The project's files are data here: parsed, never run. `.env` files in the project and its
 * parents up to the git root are also listed (tools other than direnv load them).
 */
async function direnvFiles(
  ctx: Context,
  budget: WalkBudget,
): Promise<{ files: StartupFile[]; assignments: ShellAssignment[] }> {
  const files: StartupFile[] = [];
  const assignments: ShellAssignment[] = [];
  const envrc = await nearestEnvrc(ctx, path.resolve(ctx.cwd));
  const dotenvs = new Map<string, string>(); // env file -> loading line
  if (envrc) {
    const walker = new Walker(walkIo(ctx), 'bash', WATCHED_VARS, budget, 'bash');
    walker.direnv = {
      dotenv: (file, at) => {
        if (!dotenvs.has(file) && dotenvs.size < MAX_DOTENV_FILES) dotenvs.set(file, at);
      },
      up: (from) => nearestEnvrc(ctx, path.dirname(path.dirname(from))),
    };
    await walker.startupFile(envrc, 'posix');
    for (const f of walker.files)
      files.push({
        path: f.path,
        dialect: 'posix',
        kind: 'project',
        ...(f.via ? { via: f.via } : {}),
      });
    for (const a of walker.assignments)
      assignments.push({ ...toAssignment(ctx, a, 'bash'), kind: 'project' });
  }
  for (const [file, at] of dotenvs)
    files.push({ path: file, dialect: 'dotenv', kind: 'project', loadedBy: `file:${at}` });
  for (const dir of await projectDirs(ctx)) {
    const env = path.join(dir, '.env');
    if (!dotenvs.has(env)) files.push({ path: env, dialect: 'dotenv', kind: 'project' });
  }
  const present: StartupFile[] = [];
  for (const file of files) {
    if (file.dialect !== 'dotenv') present.push(file);
    else if ((await ctx.stat(file.path))?.isFile) {
      present.push(file);
      assignments.push(...(await scanFlat(ctx, file)));
    }
  }
  return { files: present, assignments };
}

async function nearestEnvrc(ctx: Context, start: string): Promise<string | null> {
  let dir = start;
  for (let i = 0; i < 64; i++) {
    const file = path.join(dir, '.envrc');
    if ((await ctx.stat(file))?.isFile) return file;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** The project directory and its parents up to the git root (or the home directory). */
async function projectDirs(ctx: Context): Promise<string[]> {
  const dirs: string[] = [];
  let dir = path.resolve(ctx.cwd);
  for (;;) {
    if (dir === ctx.home && dirs.length > 0) break;
    dirs.push(dir);
    if ((await ctx.stat(path.join(dir, '.git'))) !== null) break;
    const parent = path.dirname(dir);
    if (parent === dir || dirs.length >= 20) break;
    dir = parent;
  }
  // Without a git root, only the project directory itself counts.
  const hasGitRoot = await Promise.all(
    dirs.map(async (d) => (await ctx.stat(path.join(d, '.git'))) !== null),
  );
  return hasGitRoot.some(Boolean) ? dirs : dirs.slice(0, 1);
}

export { isShellName, readStartup };
export type { ScriptDialect };

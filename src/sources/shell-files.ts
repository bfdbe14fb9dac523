import path from 'node:path';
import type { Context } from '../context.js';
import { isSecretName, WATCHED_VARS } from '../env-vars.js';
import { powershellProfileDirs, systemStartupFiles } from '../platform/paths.js';
import { Secret } from '../redact.js';
import { parseShell, type Dialect } from './shell-parse.js';

// Places a variable can be set before Claude Code starts (facts file, section 8).

export type StartupKind = 'shell' | 'system' | 'project';

export interface StartupFile {
  path: string;
  dialect: Dialect;
  kind: StartupKind;
  /** For env files: the `.envrc` line (`file:~/p/.envrc:1`) whose `dotenv` loads it. */
  loadedBy?: string;
}

export interface ShellAssignment {
  name: string;
  path: string;
  line: number;
  /** null when the value is computed (`$OTHER`, `$(cmd)`) or the line unsets the variable. */
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
}

const MAX_SOURCE_DEPTH = 3;

/** Every assignment to a watched variable in every startup file that exists. */
export function shellAssignments(ctx: Context): Promise<ShellAssignment[]> {
  return ctx.memo('shell-assignments', async () => {
    const files = await startupFiles(ctx);
    const visited = new Set<string>();
    const perFile = await Promise.all(files.map((file) => scan(ctx, file, visited, 0)));
    return perFile.flat();
  });
}

async function scan(
  ctx: Context,
  file: StartupFile,
  visited: Set<string>,
  depth: number,
  via?: string,
): Promise<ShellAssignment[]> {
  const real = (await ctx.realpath(file.path)) ?? file.path;
  if (visited.has(real)) return [];
  visited.add(real);
  const read = await ctx.readText(file.path);
  if (!read.ok) return [];
  const parsed = parseShell(read.text, file.dialect, WATCHED_VARS);
  const found: ShellAssignment[] = parsed.assignments.map((a) => ({
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
  if (depth >= MAX_SOURCE_DEPTH) return found;
  const nested = await Promise.all(
    parsed.sources.map(async (ref) => {
      const target = resolveSourced(ctx, ref.path, path.dirname(file.path));
      if (!target) return [];
      const dialect =
        file.dialect === 'fish' || file.dialect === 'powershell' || file.dialect === 'csh'
          ? file.dialect
          : 'posix';
      return scan(
        ctx,
        { path: target, dialect, kind: file.kind },
        visited,
        depth + 1,
        `${ctx.display(file.path)}:${ref.line}`,
      );
    }),
  );
  return [...found, ...nested.flat()];
}

/** Only literal paths, `~` and `$HOME` can be followed without running the shell. */
function resolveSourced(ctx: Context, written: string, dir: string): string | null {
  const expanded = written
    .replace(/^~(?=\/|$)/, ctx.home)
    .replace(/^\$\{?HOME\}?(?=\/|$)/, ctx.home);
  if (expanded.includes('$') || expanded.includes('`') || expanded.includes('*')) return null;
  return path.resolve(dir, expanded);
}

export async function startupFiles(ctx: Context): Promise<StartupFile[]> {
  const home = ctx.home;
  const config = ctx.env.XDG_CONFIG_HOME || path.join(home, '.config');
  const zdot = ctx.env.ZDOTDIR || home;
  const files: StartupFile[] = [];
  const add = (kind: StartupKind, dialect: Dialect, ...paths: string[]) => {
    for (const file of paths) files.push({ path: file, dialect, kind });
  };
  const addDir = async (kind: StartupKind, dialect: Dialect, dir: string, ext: string) => {
    for (const name of await ctx.listDir(dir))
      if (name.endsWith(ext)) add(kind, dialect, path.join(dir, name));
  };

  if (home) {
    add(
      'shell',
      'posix',
      ...['.bashrc', '.bash_profile', '.bash_login', '.profile'].map((f) => path.join(home, f)),
    );
    add(
      'shell',
      'posix',
      ...['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((f) => path.join(zdot, f)),
    );
    add('shell', 'fish', path.join(config, 'fish', 'config.fish'));
    await addDir('shell', 'fish', path.join(config, 'fish', 'conf.d'), '.fish');
    add('shell', 'fish-variables', path.join(config, 'fish', 'fish_variables'));
    add('shell', 'csh', ...['.cshrc', '.tcshrc', '.login'].map((f) => path.join(home, f)));
    add('shell', 'powershell', ...powershellProfiles(ctx));
    add('shell', 'pam-environment', path.join(home, '.pam_environment'));
    await addDir('shell', 'environment-d', path.join(config, 'environment.d'), '.conf');
  }
  const system = systemStartupFiles(ctx);
  add('system', 'environment-d', ...system.environment);
  add('system', 'posix', ...system.posix);
  if (system.profileDir) await addDir('system', 'posix', system.profileDir, '.sh');
  for (const dir of await projectDirs(ctx)) {
    const envrc = path.join(dir, '.envrc');
    add('project', 'posix', envrc);
    const loaded = await direnvDotenv(ctx, envrc);
    if (!loaded.has('.env')) add('project', 'dotenv', path.join(dir, '.env'));
    for (const [name, line] of loaded) {
      files.push({
        path: path.resolve(dir, name),
        dialect: 'dotenv',
        kind: 'project',
        loadedBy: `file:${ctx.display(envrc)}:${line}`,
      });
    }
  }
  const present = await Promise.all(
    files.map(async (file) => ((await ctx.stat(file.path))?.isFile ? file : null)),
  );
  return present.filter((file): file is StartupFile => file !== null);
}

function powershellProfiles(ctx: Context): string[] {
  const names = ['Microsoft.PowerShell_profile.ps1', 'profile.ps1'];
  return powershellProfileDirs(ctx).flatMap((dir) => names.map((name) => path.join(dir, name)));
}

/**
 * Env files a direnv `.envrc` loads with `dotenv [file]` / `dotenv_if_exists [file]` (default
 * `.env`), with the line that loads each; only literal relative names are followed.
 */
async function direnvDotenv(ctx: Context, envrc: string): Promise<Map<string, number>> {
  const loaded = new Map<string, number>();
  const read = await ctx.readText(envrc);
  if (!read.ok) return loaded;
  read.text.split('\n').forEach((text, index) => {
    const match = /^\s*(?:dotenv|dotenv_if_exists)(?:\s+(["']?)([\w.\-/]+)\1)?\s*(?:#.*)?$/.exec(
      text,
    );
    if (match && !loaded.has(match[2] ?? '.env')) loaded.set(match[2] ?? '.env', index + 1);
  });
  return loaded;
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

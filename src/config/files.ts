// Finds and loads configuration files. This module reads the world directly (a lint exception,
// like src/context.ts) because the configuration is read before the run's Context exists: the
// Context's options come from it. Loading may also execute the user's .js/.ts config, which is
// not a memoizable read a check should ever see.
import { lstat, readdir, readFile, stat } from '../world/fs.js';
import path from 'node:path';
import { ConfigError } from './schema.js';
import { importFile } from '../world/import-module.js';

export const MODULE = 'claude-auth-doctor';

/** Project files in cosmiconfig's order; the first present in a directory wins. */
const PROJECT_NAMES = [
  'package.json',
  `.${MODULE}rc`,
  ...['json', 'yaml', 'yml', 'js', 'cjs', 'mjs'].map((ext) => `.${MODULE}rc.${ext}`),
  ...['js', 'cjs', 'mjs', 'ts'].map((ext) => `${MODULE}.config.${ext}`),
];
/** Files in the user's config directory (`$XDG_CONFIG_HOME/claude-auth-doctor/`). */
const USER_NAMES = [
  'config',
  ...['json', 'yaml', 'yml', 'js', 'cjs', 'mjs', 'ts'].map((ext) => `config.${ext}`),
];

export type Scope = 'user' | 'project' | 'explicit';

export interface FoundFile {
  path: string;
  scope: Scope;
}

export interface SearchWorld {
  env: Readonly<Record<string, string | undefined>>;
  /** The project directory the search starts from. */
  cwd: string;
  home: string;
  /**
   * The user the doctor runs as: a file or directory owned by anyone else (root aside) is never
   * read (git's `safe.directory` rule). Defaults to the real user; null turns it off (Windows).
   */
  uid?: number | null;
}

/** JavaScript and TypeScript configuration files: code, so only trusted ones load. */
export const CODE_FILE = /\.(c|m)?(j|t)s$/;

/**
 * The project directory up to the home directory. Outside home, only the project directory
 * itself: its parents (`/tmp`, `/srv`, `/`) are anybody's, not the user's.
 */
function searchDirs(cwd: string, home: string): string[] {
  const start = path.resolve(cwd);
  const rel = home === '' ? '..' : path.relative(home, start);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [start];
  const dirs: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (dir === home || dir === path.dirname(dir)) return dirs;
  }
}

export function userConfigDir(world: Pick<SearchWorld, 'env' | 'home'>): string {
  return path.join(world.env.XDG_CONFIG_HOME || path.join(world.home, '.config'), MODULE);
}

export function uidOf(world: Pick<SearchWorld, 'uid'>): number | null {
  return world.uid !== undefined ? world.uid : (process.getuid?.() ?? null);
}

/**
 * Whether `file` belongs to this user or root (a symbolic link and its target both); null
 * when it is missing.
 */
export async function ownedByUser(file: string, uid: number | null): Promise<boolean | null> {
  const [link, target] = await Promise.all([
    lstat(file).catch(() => null),
    stat(file).catch(() => null),
  ]);
  if (!link || !target) return null;
  const ok = (owner: number) => uid === null || owner === uid || owner === 0;
  return ok(link.uid) && ok(target.uid);
}

interface Probe {
  file: string | null;
  notices: string[];
}

/**
 * A cheap probe (one readdir per directory) so that cosmiconfig is only imported when a
 * configuration file really exists: most runs have none, and start-up time matters. A
 * directory or file owned by another user is not read.
 */
async function firstPresent(
  dir: string,
  names: readonly string[],
  uid: number | null,
  display: (file: string) => string,
): Promise<Probe> {
  const notices: string[] = [];
  if (!(await ownedByUser(dir, uid))) return { file: null, notices };
  let entries: Set<string>;
  try {
    entries = new Set(await readdir(dir));
  } catch {
    return { file: null, notices };
  }
  for (const name of names) {
    if (!entries.has(name)) continue;
    const file = path.join(dir, name);
    if ((await ownedByUser(file, uid)) === false) {
      notices.push(`${display(file)}: ignored, owned by another user`);
      continue;
    }
    if (name === 'package.json' && !(await hasPackageKey(file))) continue;
    return { file, notices };
  }
  return { file: null, notices };
}

async function hasPackageKey(file: string): Promise<boolean> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof data === 'object' && data !== null && Object.hasOwn(data, MODULE);
  } catch {
    return false; // a broken package.json is not ours to judge
  }
}

/**
 * The user file, then the nearest project file; later files override earlier ones. Notices
 * say what was passed over (a file owned by someone else).
 */
export async function findConfigFiles(
  world: SearchWorld,
  display: (file: string) => string = (file) => file,
): Promise<{ found: FoundFile[]; notices: string[] }> {
  const uid = uidOf(world);
  const [user, ...project] = await Promise.all([
    firstPresent(userConfigDir(world), USER_NAMES, uid, display),
    ...searchDirs(world.cwd, world.home).map((dir) =>
      firstPresent(dir, PROJECT_NAMES, uid, display),
    ),
  ]);
  const nearest = project.find((probe) => probe.file !== null)?.file;
  const found: FoundFile[] = [];
  if (user!.file) found.push({ path: user!.file, scope: 'user' });
  if (nearest && nearest !== user!.file) found.push({ path: nearest, scope: 'project' });
  // Only the notices up to the file that is used: a parent's file would not have counted anyway.
  const upTo = project.findIndex((probe) => probe.file !== null);
  const passed = upTo < 0 ? project : project.slice(0, upTo + 1);
  return { found, notices: [user!, ...passed].flatMap((probe) => probe.notices) };
}

export async function explicitFile(file: string, shown: string): Promise<FoundFile> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile())
    throw new ConfigError(
      shown,
      null,
      info ? 'is not a file (--config)' : 'does not exist (--config)',
    );
  return { path: file, scope: 'explicit' };
}

async function importTypeScript(file: string): Promise<unknown> {
  const problem = (await import('./typescript.js')).enableTypeScript(file);
  if (problem) throw new Error(problem);
  const loaded = (await importFile(file)) as { default?: unknown };
  return loaded.default;
}

/** The raw configuration in one file (cosmiconfig parses JSON, YAML and JS; `.ts` goes through our hook). */
export async function loadConfigFile(file: string, shown: string): Promise<unknown> {
  // A CommonJS package: its exports are `default` both in Node and in the esbuild bundle.
  const { cosmiconfig } = (await import('cosmiconfig')).default;
  const explorer = cosmiconfig(MODULE, { cache: false, loaders: { '.ts': importTypeScript } });
  try {
    const result = await explorer.load(file);
    return result?.config;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(shown, null, `could not be loaded: ${message.split('\n')[0]}`);
  }
}

// Finds and loads configuration files. This module reads the world directly (a lint exception,
// like src/context.ts) because the configuration is read before the run's Context exists: the
// Context's options come from it. Loading may also execute the user's .js/.ts config, which is
// not a memoizable read a check should ever see.
import { readdir, readFile, stat } from '../world/fs.js';
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
}

/** Project directory up to the home directory (or the root, outside home). */
function searchDirs(cwd: string, home: string): string[] {
  const dirs: string[] = [];
  const inHome =
    home !== '' &&
    !path.relative(home, cwd).startsWith('..') &&
    !path.isAbsolute(path.relative(home, cwd));
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if ((inHome && dir === home) || dir === path.dirname(dir)) return dirs;
  }
}

export function userConfigDir(world: Pick<SearchWorld, 'env' | 'home'>): string {
  return path.join(world.env.XDG_CONFIG_HOME || path.join(world.home, '.config'), MODULE);
}

/**
 * A cheap probe (one readdir per directory) so that cosmiconfig is only imported when a
 * configuration file really exists: most runs have none, and start-up time matters.
 */
async function firstPresent(dir: string, names: readonly string[]): Promise<string | null> {
  let entries: Set<string>;
  try {
    entries = new Set(await readdir(dir));
  } catch {
    return null;
  }
  for (const name of names) {
    if (!entries.has(name)) continue;
    if (name === 'package.json' && !(await hasPackageKey(path.join(dir, name)))) continue;
    return path.join(dir, name);
  }
  return null;
}

async function hasPackageKey(file: string): Promise<boolean> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof data === 'object' && data !== null && Object.hasOwn(data, MODULE);
  } catch {
    return false; // a broken package.json is not ours to judge
  }
}

/** The user file, then the nearest project file; later files override earlier ones. */
export async function findConfigFiles(world: SearchWorld): Promise<FoundFile[]> {
  const [user, ...project] = await Promise.all([
    firstPresent(userConfigDir(world), USER_NAMES),
    ...searchDirs(world.cwd, world.home).map((dir) => firstPresent(dir, PROJECT_NAMES)),
  ]);
  const nearest = project.find((file) => file !== null);
  const found: FoundFile[] = [];
  if (user) found.push({ path: user, scope: 'user' });
  if (nearest && nearest !== user) found.push({ path: nearest, scope: 'project' });
  return found;
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

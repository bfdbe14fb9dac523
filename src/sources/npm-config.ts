import type { Context } from '../context.js';

// npm's configuration as npm itself would read it, without spawning npm (`npm prefix -g`
// alone costs ~140 ms, more than the whole doctor): environment `npm_config_*` first, then the
// project `.npmrc`, the user `.npmrc`, the global `<prefix>/etc/npmrc`.
// https://docs.npmjs.com/cli/configuring-npm/npmrc
//
// The project directory is untrusted. Like npm, a project `.npmrc` cannot move the prefix or
// the other config files; it cannot name programs or certificate files either. What the doctor
// sends a credential to, or through, comes only from the user's own settings (`trusted`).

export interface NpmrcEntry {
  key: string;
  value: string;
  /** `file:~/.npmrc:3` */
  source: string;
  /** The project's `.npmrc`, or the user's and the global one. */
  scope: 'project' | 'user';
}

export interface NpmSetting {
  value: string;
  source: string;
  /** Set in the project's `.npmrc` (else the environment, the user's or the global file). */
  fromProject?: boolean;
}

/**
 * Keys npm refuses from a project `.npmrc` (prefix, globalconfig, userconfig), and others that
 * name a place or a program: never taken from a project file.
 */
const LOCATION_KEYS = new Set([
  'prefix',
  'globalconfig',
  'userconfig',
  'cache',
  'cafile',
  'ca',
  'script-shell',
  'shell',
  'git',
  'node-gyp',
  'init-module',
  'globalignorefile',
]);

/** Entries of every `.npmrc` npm reads, highest precedence first; `${VAR}` expanded. */
export function npmrcEntries(ctx: Context): Promise<NpmrcEntry[]> {
  return ctx.memo('npmrc', async () => {
    const userconfig =
      ctx.env.npm_config_userconfig ||
      ctx.env.NPM_CONFIG_USERCONFIG ||
      ctx.path.join(ctx.home, '.npmrc');
    const project = ctx.path.join(ctx.cwd, '.npmrc');
    const files = [project, ctx.path.resolve(ctx.cwd, expandHome(ctx, userconfig))];
    const nodePrefix = nodeInstallPrefix(ctx);
    if (nodePrefix) files.push(ctx.path.join(nodePrefix, 'etc', 'npmrc'));
    // npm's builtin configuration, lowest of all: on Windows it sets `prefix=${APPDATA}\npm`,
    // where global installs go (Node's own directory is only the fallback).
    if (nodePrefix && ctx.platform === 'win32')
      files.push(ctx.path.join(npmModulesDir(ctx, nodePrefix), 'npm', 'npmrc'));
    const entries: NpmrcEntry[] = [];
    for (const [index, file] of [...new Set(files)].entries()) {
      // HOME as the project directory: its .npmrc is the user's own.
      const scope = index === 0 && ctx.path.dirname(file) !== ctx.home ? 'project' : 'user';
      const read = await ctx.readText(file);
      if (!read.ok) continue;
      for (const entry of parseNpmrc(
        read.text,
        (line) => `file:${ctx.display(file)}:${line}`,
        ctx.env,
      ))
        if (scope === 'user' || !LOCATION_KEYS.has(entry.key)) entries.push({ ...entry, scope });
    }
    return entries;
  });
}

export function parseNpmrc(
  text: string,
  where: (line: number) => string,
  env: Context['env'],
): Omit<NpmrcEntry, 'scope'>[] {
  const entries: Omit<NpmrcEntry, 'scope'>[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^"[^"]*"$/.test(value) || /^'[^']*'$/.test(value)) value = value.slice(1, -1);
    // npm replaces ${VAR} with the environment's value (tokens are often kept there).
    value = value.replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? '');
    entries.push({ key: line.slice(0, eq).trim(), value, source: where(index + 1) });
  }
  return entries;
}

/**
 * One npm setting: `npm_config_<key>` (any case, `_` for `-`) over the `.npmrc` files. With
 * `trusted`, the project's `.npmrc` does not count: for what gets a credential.
 */
export async function npmSetting(
  ctx: Context,
  key: string,
  { trusted = false }: { trusted?: boolean } = {},
): Promise<NpmSetting | null> {
  const wanted = `npm_config_${key}`.toLowerCase().replace(/-/g, '_');
  for (const [name, value] of Object.entries(ctx.env)) {
    if (value && name.toLowerCase().replace(/-/g, '_') === wanted)
      return { value, source: `env:${name}` };
  }
  const entry = (await npmrcEntries(ctx)).find(
    (e) => e.key === key && !(trusted && e.scope === 'project'),
  );
  if (!entry) return null;
  return {
    value: entry.value,
    source: entry.source,
    ...(entry.scope === 'project' ? { fromProject: true } : {}),
  };
}

/** Node's own install prefix: `<prefix>/bin/node` on Unix, `<prefix>\node.exe` on Windows. */
export function nodeInstallPrefix(ctx: Context): string | null {
  if (!ctx.execPath) return null;
  const dir = ctx.path.dirname(ctx.execPath);
  return ctx.platform === 'win32' ? dir : ctx.path.dirname(dir);
}

/**
 * The global prefix `npm install -g` uses: `prefix` from the environment or an `.npmrc`,
 * else `PREFIX`, else Node's own install prefix (npm's defaults, @npmcli/config).
 */
export function npmGlobalPrefix(ctx: Context): Promise<NpmSetting | null> {
  return ctx.memo('npm-prefix', async () => {
    const setting = await npmSetting(ctx, 'prefix');
    if (setting)
      return {
        value: ctx.path.resolve(ctx.cwd, expandHome(ctx, setting.value)),
        source: setting.source,
      };
    if (ctx.env.PREFIX)
      return { value: ctx.path.resolve(ctx.cwd, ctx.env.PREFIX), source: 'env:PREFIX' };
    const nodePrefix = nodeInstallPrefix(ctx);
    return nodePrefix ? { value: nodePrefix, source: `node:${ctx.display(ctx.execPath!)}` } : null;
  });
}

/** Where npm puts global executables under a prefix. */
export function npmBinDir(ctx: Context, prefix: string): string {
  return ctx.platform === 'win32' ? prefix : ctx.path.join(prefix, 'bin');
}

/** Where npm puts global packages under a prefix. */
export function npmModulesDir(ctx: Context, prefix: string): string {
  return ctx.platform === 'win32'
    ? ctx.path.join(prefix, 'node_modules')
    : ctx.path.join(prefix, 'lib', 'node_modules');
}

function expandHome(ctx: Context, value: string): string {
  return value === '~' || value.startsWith('~/') ? ctx.path.join(ctx.home, value.slice(1)) : value;
}

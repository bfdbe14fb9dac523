// Resolves and imports plugin modules. Like files.ts it touches the world directly (a lint
// exception): plugins are found relative to a configuration file before any Context exists.
import { readFile, stat } from '../world/fs.js';
import path from 'node:path';
import { isObject, kindOf } from '../sources/json-file.js';
import type { RunnableCheck } from '../run.js';
import { ConfigError } from './schema.js';
import { importFile } from '../world/import-module.js';

export interface PluginRef {
  /** As written in the configuration: `./checks/team.js` or `@acme/doctor-checks`. */
  spec: string;
  /** The configuration file that names it; paths resolve from its directory. */
  from: string;
  /** That file for messages (`~/project/.claude-auth-doctorrc`). */
  fromShown: string;
}

export interface PluginModule {
  name: string;
  file: string;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PLUGIN_EXTENSIONS = /\.(m?js|cjs|m?ts)$/;

async function isFile(file: string): Promise<boolean> {
  return Boolean((await stat(file).catch(() => null))?.isFile());
}

async function readPackage(dir: string): Promise<Record<string, unknown> | null> {
  try {
    const data: unknown = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    return isObject(data) ? data : null;
  } catch {
    return null;
  }
}

/** The file `import(dir)` would load: `exports` (import/node/default conditions), then `main`. */
function packageEntry(pkg: Record<string, unknown>): string {
  let target: unknown = pkg.exports;
  if (isObject(target) && '.' in target) target = target['.'];
  while (isObject(target)) {
    const condition = ['import', 'node', 'default'].find((key) => key in (target as object));
    target = condition ? (target as Record<string, unknown>)[condition] : undefined;
  }
  if (typeof target === 'string') return target;
  return typeof pkg.main === 'string' ? pkg.main : 'index.js';
}

async function fromPackageDir(dir: string, fallbackName: string): Promise<PluginModule | null> {
  const pkg = await readPackage(dir);
  if (!pkg) return null;
  const file = path.resolve(dir, packageEntry(pkg));
  return (await isFile(file))
    ? { name: typeof pkg.name === 'string' ? pkg.name : fallbackName, file }
    : null;
}

/** A path (relative to the config file) or a package name (from the config file's node_modules up). */
export async function resolvePlugin(
  ref: PluginRef,
  display: (file: string) => string = (file) => file,
): Promise<PluginModule> {
  const base = path.dirname(ref.from);
  const missing = (looked: string) =>
    new ConfigError(
      ref.fromShown,
      'plugins',
      `names "${ref.spec}", which could not be found (${looked})`,
    );
  if (ref.spec.startsWith('.') || path.isAbsolute(ref.spec)) {
    const target = path.resolve(base, ref.spec);
    if (await isFile(target)) {
      if (!PLUGIN_EXTENSIONS.test(target))
        throw new ConfigError(
          ref.fromShown,
          'plugins',
          `names "${ref.spec}", which is not a .js, .mjs, .cjs or .ts module`,
        );
      return { name: path.basename(target).replace(PLUGIN_EXTENSIONS, ''), file: target };
    }
    const found = await fromPackageDir(target, path.basename(target));
    if (found) return found;
    throw missing(`looked for ${display(target)}`);
  }
  for (let dir = base; ; dir = path.dirname(dir)) {
    const found = await fromPackageDir(path.join(dir, 'node_modules', ref.spec), ref.spec);
    if (found) return found;
    if (dir === path.dirname(dir))
      throw missing(`no node_modules/${ref.spec} from ${display(base)} upward`);
  }
}

function problemWith(value: unknown, index: number | null): string | null {
  const which = index === null ? 'its default export' : `item ${index + 1} of its default export`;
  if (!isObject(value)) return `${which} is ${kindOf(value)}, not a check made with defineCheck()`;
  if (typeof value.id !== 'string' || !ID.test(value.id))
    return `${which} has no valid id (lower-case words joined by "-")`;
  for (const key of ['title', 'description'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '')
      return `check "${value.id}" has no ${key}`;
  }
  if (typeof value.run !== 'function') return `check "${value.id}" has no run(ctx) function`;
  if (value.outcomes !== undefined) {
    const bad = isObject(value.outcomes)
      ? Object.keys(value.outcomes).find((id) => !ID.test(id))
      : 'outcomes';
    if (bad !== undefined)
      return `check "${value.id}" declares outcomes that are not an object keyed by ids like "key-set" (${bad})`;
  }
  return null;
}

/** The checks a plugin module exports, or why it exports none. */
export function pluginChecks(name: string, exported: unknown): RunnableCheck[] | string {
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) return 'its default export is an empty list';
  const checks: RunnableCheck[] = [];
  for (const [index, value] of list.entries()) {
    const problem = problemWith(value, Array.isArray(exported) ? index : null);
    if (problem) return problem;
    const check = value as unknown as RunnableCheck;
    const id = `${name}/${check.id}`;
    if (checks.some((c) => c.id === id)) return `it exports two checks with the id "${check.id}"`;
    checks.push({
      id,
      title: check.title,
      description: check.description,
      plugin: name,
      ...(isObject(check.outcomes) ? { outcomes: check.outcomes } : {}),
      run: (ctx) => check.run(ctx),
    });
  }
  return checks;
}

function loadFailure(plugin: PluginModule, shown: string, reason: string): RunnableCheck {
  return {
    id: `${plugin.name}/load`,
    title: `Plugin ${plugin.name}`,
    description: 'Loads a configured plugin.',
    plugin: plugin.name,
    outcomes: {
      'load-failed': {
        status: 'error',
        summary: 'Plugin {plugin} could not be loaded: {reason}',
        fix: 'Fix or remove the plugin "{plugin}" in your claude-auth-doctor configuration.',
      },
    },
    run: async () => ({
      outcome: 'load-failed',
      values: { plugin: plugin.name, reason },
      evidence: [{ source: `file:${shown}`, detail: 'the plugin module' }],
    }),
  };
}

/**
 * Imports a plugin within the timeout. A plugin that throws, hangs or exports something that
 * is not a check becomes one `error` check naming it, so every other check still runs.
 */
export async function importPlugin(
  plugin: PluginModule,
  shown: string,
  timeoutMs: number,
): Promise<{ loaded: boolean; error?: string; checks: RunnableCheck[] }> {
  // `error` is printed by `config`, which has no run to scrub secrets with: the plugin's own
  // exception text only goes into the check result, which the doctor's output scrubs.
  const failed = (reason: string, publicReason = reason) => ({
    loaded: false,
    error: publicReason,
    checks: [loadFailure(plugin, shown, reason)],
  });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), timeoutMs);
  });
  try {
    if (/\.m?ts$/.test(plugin.file)) {
      const problem = (await import('./typescript.js')).enableTypeScript(plugin.file);
      if (problem) return failed(problem);
    }
    const loaded = await Promise.race([
      importFile(plugin.file) as Promise<{ default?: unknown }>,
      hung,
    ]);
    if (loaded === 'hung') return failed(`it did not finish loading within ${timeoutMs} ms`);
    const checks = pluginChecks(plugin.name, loaded.default);
    return typeof checks === 'string' ? failed(checks) : { loaded: true, checks };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(
      `importing it threw: ${message.split('\n')[0]}`,
      'importing it threw an exception (the doctor shows it)',
    );
  } finally {
    clearTimeout(timer);
  }
}

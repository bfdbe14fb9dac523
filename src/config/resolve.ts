import path from 'node:path';
import type { ExpectOption } from '../context.js';
import type { RunnableCheck } from '../run.js';
import {
  CODE_FILE,
  explicitFile,
  findConfigFiles,
  loadConfigFile,
  type FoundFile,
  type Scope,
  type SearchWorld,
} from './files.js';
import { trustOf } from './trust.js';
import { rerunCommand, withArgs } from '../invocation.js';
import { importPlugin, resolvePlugin, type PluginModule, type PluginRef } from './plugins.js';
import {
  ConfigError,
  validateConfig,
  type FileConfig,
  type Policy,
  type Severity,
} from './schema.js';

// Layers, lowest precedence first: defaults, user file, project file, flags (issue 7).

export const DEFAULTS = { expect: 'auto' as ExpectOption, timeoutMs: 3000, offline: false };

export interface ConfigFlags {
  /** `--config FILE`; false for `--no-config`. */
  config?: string | false;
  expect?: ExpectOption;
  timeout?: number;
  offline?: boolean;
}

export interface ConfigWorld extends SearchWorld {
  /** Where the doctor was started; `--config FILE` is relative to it. */
  invocationDir: string;
  /** Home-relative path for messages. */
  display(file: string): string;
}

export interface LoadedFile {
  path: string;
  shown: string;
  scope: Scope;
  config: FileConfig;
  /** A project file the user has not trusted: data only. */
  untrusted?: boolean;
}

export interface CheckSetting {
  setting: Severity;
  /** The file that says so. */
  source: string;
}

export interface PluginSummary {
  name: string;
  spec: string;
  file: string;
  source: string;
  loaded: boolean;
  /** Why it did not load. */
  error?: string;
  checks: string[];
}

export interface ResolvedConfig {
  files: LoadedFile[];
  expect: ExpectOption;
  timeoutMs: number;
  offline: boolean;
  registry?: { url: string; source: string; fromProject?: boolean };
  policy: Policy;
  checks: Record<string, CheckSetting>;
  plugins: PluginSummary[];
  pluginChecks: RunnableCheck[];
  /** Where each option's value came from: a file, a `--flag`, or `default`. */
  sources: Record<string, string>;
  /** One line each: what was not loaded (untrusted code, someone else's file) and why. */
  notices: string[];
}

/** A word the shell reads as this path (`~/` kept, so it stays short). */
function shellWord(shown: string): string {
  if (/^[\w@%+=:,./~-]+$/.test(shown)) return shown;
  const [head, rest] = shown.startsWith('~/') ? ['~/', shown.slice(2)] : ['', shown];
  return `${head}'${rest.replace(/'/g, `'\\''`)}'`;
}

/** The command that trusts the project holding `file`, the way the doctor was started. */
export function trustCommandFor(file: string, world: Pick<ConfigWorld, 'env' | 'display'>): string {
  return withArgs(rerunCommand(world.env), `trust ${shellWord(world.display(path.dirname(file)))}`);
}

async function loadFiles(
  world: ConfigWorld,
  flag: ConfigFlags['config'],
): Promise<{ files: LoadedFile[]; notices: string[] }> {
  if (flag === false) return { files: [], notices: [] };
  if (flag === '') throw new ConfigError('--config', null, 'needs a file name');
  const load = async (file: FoundFile) => {
    const shown = world.display(file.path);
    return {
      ...file,
      shown,
      config: validateConfig(await loadConfigFile(file.path, shown), shown),
    };
  };
  if (typeof flag === 'string') {
    // Named on the command line: the user's own choice, code or not.
    return {
      files: [await load(await explicitFile(path.resolve(world.invocationDir, flag), flag))],
      notices: [],
    };
  }
  const { found, notices } = await findConfigFiles(world, world.display);
  const files: LoadedFile[] = [];
  let trustedProjects: readonly string[] = [];
  for (const file of found) {
    if (file.scope !== 'project') {
      const loaded = await load(file);
      trustedProjects = loaded.config.trustedProjects ?? [];
      files.push(loaded);
      continue;
    }
    // The project directory is untrusted: its files are data unless the user trusted it.
    const shown = world.display(file.path);
    const trust = await trustOf(world, file.path, trustedProjects);
    const command = trustCommandFor(file.path, world);
    if (trust !== 'trusted' && CODE_FILE.test(file.path)) {
      notices.push(
        trust === 'changed'
          ? `${shown} not loaded: it changed since you trusted it. To trust it again: ${command}`
          : `${shown} not loaded: it is code in a project you have not trusted. To trust it: ${command}`,
      );
      continue;
    }
    const loaded = await load(file);
    if (trust !== 'trusted' && loaded.config.plugins?.length) {
      notices.push(
        `${shown}: plugins not loaded (${loaded.config.plugins.join(', ')}): a project you have not trusted. To trust it: ${command}`,
      );
      delete loaded.config.plugins;
    }
    if (loaded.config.trustedProjects) {
      notices.push(
        `${shown}: "trustedProjects" ignored: only your user configuration can trust projects`,
      );
      delete loaded.config.trustedProjects;
    }
    files.push(trust === 'trusted' ? loaded : { ...loaded, untrusted: true });
  }
  return { files, notices };
}

function merge(
  files: LoadedFile[],
  flags: ConfigFlags,
): { resolved: Omit<ResolvedConfig, 'plugins' | 'pluginChecks' | 'notices'>; refs: PluginRef[] } {
  const resolved: Omit<ResolvedConfig, 'plugins' | 'pluginChecks' | 'notices'> = {
    files,
    ...DEFAULTS,
    policy: {},
    checks: {},
    sources: { expect: 'default', timeout: 'default', offline: 'default' },
  };
  const refs: PluginRef[] = [];
  for (const file of files) {
    const { config, shown } = file;
    if (config.expect !== undefined)
      [resolved.expect, resolved.sources.expect] = [config.expect, shown];
    if (config.timeout !== undefined)
      [resolved.timeoutMs, resolved.sources.timeout] = [config.timeout, shown];
    if (config.offline !== undefined)
      [resolved.offline, resolved.sources.offline] = [config.offline, shown];
    if (config.registry !== undefined) {
      resolved.registry = {
        url: config.registry,
        source: `file:${shown}#registry`,
        ...(file.untrusted ? { fromProject: true } : {}),
      };
      resolved.sources.registry = shown;
    }
    for (const key of ['requireMethod', 'allowBaseUrl', 'allowedOrganizations'] as const) {
      if (config[key] === undefined) continue;
      (resolved.policy as Record<string, string[]>)[key] = config[key]!;
      resolved.sources[key] = shown;
    }
    for (const [id, setting] of Object.entries(config.checks ?? {}))
      resolved.checks[id] = { setting, source: shown };
    for (const spec of config.plugins ?? []) refs.push({ spec, from: file.path, fromShown: shown });
  }
  if (flags.expect !== undefined)
    [resolved.expect, resolved.sources.expect] = [flags.expect, '--expect'];
  if (flags.timeout !== undefined)
    [resolved.timeoutMs, resolved.sources.timeout] = [flags.timeout, '--timeout'];
  if (flags.offline !== undefined)
    [resolved.offline, resolved.sources.offline] = [
      flags.offline,
      flags.offline ? '--offline' : '--no-offline',
    ];
  return { resolved, refs };
}

async function loadPlugins(
  refs: PluginRef[],
  world: ConfigWorld,
  timeoutMs: number,
): Promise<{ plugins: PluginSummary[]; checks: RunnableCheck[] }> {
  const modules: (PluginModule & { ref: PluginRef })[] = [];
  for (const ref of refs) {
    const module = await resolvePlugin(ref, world.display);
    const same = modules.find((m) => m.name === module.name);
    if (same?.file === module.file) continue; // named by both the user and the project file
    if (same)
      throw new ConfigError(
        ref.fromShown,
        'plugins',
        `names "${ref.spec}", but a plugin called "${module.name}" is already loaded from ${world.display(same.file)}`,
      );
    modules.push({ ...module, ref });
  }
  const imported = await Promise.all(
    modules.map((m) => importPlugin(m, world.display(m.file), timeoutMs)),
  );
  return {
    plugins: modules.map((m, i) => {
      const { loaded, error, checks } = imported[i]!;
      return {
        name: m.name,
        spec: m.ref.spec,
        file: world.display(m.file),
        source: m.ref.fromShown,
        loaded,
        ...(error ? { error } : {}),
        checks: checks.map((c) => c.id),
      };
    }),
    checks: imported.flatMap((i) => i.checks),
  };
}

/** The configuration in effect: files found (or named), validated, merged with flags, plugins loaded. */
export async function resolveConfig(
  world: ConfigWorld,
  flags: ConfigFlags,
  builtInIds: readonly string[],
): Promise<ResolvedConfig> {
  const { files, notices } = await loadFiles(world, flags.config);
  const { resolved, refs } = merge(files, flags);
  const { plugins, checks } = refs.length
    ? await loadPlugins(refs, world, resolved.timeoutMs)
    : { plugins: [], checks: [] };
  const known = [...builtInIds, ...checks.map((c) => c.id)];
  const unloaded = plugins.filter((p) => !p.loaded).map((p) => `${p.name}/`);
  for (const [id, { source }] of Object.entries(resolved.checks)) {
    // A plugin that failed to load already reports an error; its check ids cannot be known.
    if (known.includes(id) || unloaded.some((prefix) => id.startsWith(prefix))) continue;
    throw new ConfigError(
      source,
      `checks.${id}`,
      `is not a check id; expected one of: ${known.join(', ')}`,
    );
  }
  return { ...resolved, plugins, pluginChecks: checks, notices };
}

import type { Context } from '../context.js';
import { shellWords, showName } from '../display.js';
import { runSecrets } from '../redact.js';
import { claudePaths } from '../platform/paths.js';
import {
  isObject,
  isString,
  readJsonFile,
  typedKey,
  type JsonFile,
  type JsonObject,
} from './json-file.js';

/** Lowest to highest precedence; `legacy` is the `env` block of `.claude.json`. */
export type SettingsScope = 'legacy' | 'user' | 'project' | 'local' | 'managed';

export interface SettingsFile {
  scope: SettingsScope;
  file: JsonFile;
  /** Everything wrong with the file: its own problems, then keys of the wrong type. */
  problems: string[];
  /** The file's `env` block, string values only (others are reported as problems). */
  env: Record<string, string>;
  apiKeyHelper?: string;
  forceLoginMethod?: string;
  forceLoginOrgUUID?: string;
  autoUpdatesChannel?: string;
}

/**
 * Every settings file Claude Code would apply in this project, lowest precedence first.
 * When the project directory is the home directory, the project settings file is the user
 * settings file; it is read once, as user settings.
 */
export function settingsFiles(ctx: Context): Promise<SettingsFile[]> {
  return ctx.memo('settings', async () => {
    const path = ctx.path;
    const paths = claudePaths(ctx);
    const locations: Array<[SettingsScope, string]> = [['user', paths.userSettings]];
    if (path.resolve(paths.projectSettings) !== path.resolve(paths.userSettings)) {
      locations.push(['project', paths.projectSettings]);
    }
    locations.push(['local', paths.localSettings], ['managed', paths.managedSettings]);
    for (const name of await ctx.listDir(paths.managedSettingsDir)) {
      if (name.endsWith('.json'))
        locations.push(['managed', path.join(paths.managedSettingsDir, name)]);
    }
    const files = await Promise.all(
      locations.map(async ([scope, file]) => fromJson(scope, await readJsonFile(ctx, file))),
    );
    return files.filter((settings) => settings.file.state !== 'missing');
  });
}

function fromJson(scope: SettingsScope, file: JsonFile): SettingsFile {
  const data = file.data;
  const problems = [...file.problems];
  const settings: SettingsFile = { scope, file, problems, env: envBlock(problems, data) };
  const keys = [
    'apiKeyHelper',
    'forceLoginMethod',
    'forceLoginOrgUUID',
    'autoUpdatesChannel',
  ] as const;
  for (const key of keys) {
    const value = typedKey(problems, data, key, isString, 'a string');
    if (value !== undefined) settings[key] = value;
  }
  // A helper's arguments and assignments are where keys get pasted: the sink must know them.
  if (settings.apiKeyHelper) {
    let program = true;
    for (const word of shellWords(settings.apiKeyHelper)) {
      const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
      if (program && !assignment) program = false;
      else runSecrets.add(word.replace(/^-{0,2}[A-Za-z_][A-Za-z0-9_-]*=/, ''));
    }
  }
  return settings;
}

/**
 * Reads an `env` block (settings files and legacy `.claude.json`), keeping string values;
 * the others go to `problems`.
 */
export function envBlock(problems: string[], data: JsonObject): Record<string, string> {
  const block = typedKey(problems, data, 'env', isObject, 'an object of strings');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(block ?? {})) {
    if (typeof value === 'string') env[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') env[name] = String(value);
    else
      problems.push(
        `env.${showName(name)} should be a string, found ${value === null ? 'null' : typeof value}`,
      );
  }
  return env;
}

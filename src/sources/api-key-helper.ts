// apiKeyHelper is read from settings files only; the last one that sets it wins. Its command is
// never run and never shown beyond its program name.
import type { Context } from '../context.js';
import { pastedSecret, showProgram } from '../display.js';
import type { Evidence, Location } from '../types.js';
import { globalConfig } from './claude-json.js';
import { settingsFiles, type SettingsFile } from './settings.js';

export interface ApiKeyHelpers {
  /** Settings files that set one, in precedence order: the last one is in effect. */
  helpers: SettingsFile[];
  /** Those whose command holds a pasted key, token or password. */
  pasted: SettingsFile[];
  evidence: Evidence[];
}

export async function apiKeyHelpers(ctx: Context): Promise<ApiKeyHelpers> {
  const [settings, config] = await Promise.all([settingsFiles(ctx), globalConfig(ctx)]);
  const evidence: Evidence[] = [];
  if (typeof config.file.data.apiKeyHelper === 'string') {
    evidence.push({
      source: `file:${ctx.display(config.file.path)}#apiKeyHelper`,
      detail:
        'apiKeyHelper in .claude.json is ignored: Claude Code reads it from settings files only',
    });
  }
  const helpers = settings.filter((s) => s.apiKeyHelper?.trim());
  const winner = helpers.at(-1);
  for (const s of helpers) {
    const role = s === winner ? 'in effect' : 'overridden by a later settings file';
    evidence.push({
      source: `file:${ctx.display(s.file.path)}#apiKeyHelper`,
      detail: `${s.scope} settings run \`${showProgram(s.apiKeyHelper!)}\` (${role})`,
    });
  }
  const pasted = helpers.filter((s) => pastedSecret(s.apiKeyHelper!));
  return { helpers, pasted, evidence };
}

/** Where to remove each one, managed ones for the administrator. */
export function helperRemoval(helpers: SettingsFile[]): Location[] {
  return helpers.map((s) => ({
    kind: 'settings-key',
    path: s.file.path,
    key: 'apiKeyHelper',
    ...(s.scope === 'managed' ? { managed: true as const } : {}),
  }));
}

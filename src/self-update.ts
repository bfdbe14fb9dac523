// Whether the `claude` that runs updates itself, read the way Claude Code 2.1.331 decides it
// (bundle): DISABLE_UPDATES or CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC with any value,
// DISABLE_AUTOUPDATER when truthy, or `autoUpdates: false` in .claude.json unless a native
// install has `autoUpdatesProtectedForNative`. Facts file, sections 2 and 4.
import type { Context } from './context.js';
import { envVariables } from './credentials.js';
import { isTruthy } from './env-vars.js';
import { globalConfig } from './sources/claude-json.js';
import type { ClaudeInstall } from './sources/claude-install.js';

export const UPDATE_SWITCHES: ReadonlyArray<[string, (value: string) => boolean]> = [
  ['DISABLE_UPDATES', (v) => v !== ''],
  ['DISABLE_AUTOUPDATER', isTruthy],
  ['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', (v) => v !== ''],
];

/** Installs Claude Code's own updater keeps current (the others go through a package manager). */
const SELF_UPDATING = new Set(['native', 'npm-global', 'npm-local']);

/** True when this install updates itself: its kind does, and nothing turns it off. */
export async function updatesItself(ctx: Context, install: ClaudeInstall): Promise<boolean> {
  if (!SELF_UPDATING.has(install.method) || install.windows) return false;
  const [vars, config] = await Promise.all([envVariables(ctx), globalConfig(ctx)]);
  for (const [name, isOn] of UPDATE_SWITCHES) {
    const variable = vars.get(name);
    if (variable && isOn(variable.effective.text ?? '')) return false;
  }
  const protectedNative =
    config.installMethod === 'native' && config.autoUpdatesProtectedForNative === true;
  return !(config.autoUpdates === false && !protectedNative);
}

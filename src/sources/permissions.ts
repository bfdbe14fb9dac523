import type { Context } from '../context.js';
import type { PlanRequest } from '../types.js';
import type { JsonFile } from './json-file.js';

/**
 * Owner and mode fixes for files the user may not read (textcortex/claude-code-sandbox#14,
 * anthropics/claude-code#2842: after `sudo claude` a file is root's). `chown` only when another
 * user owns it.
 */
export async function permissionFixes(
  ctx: Context,
  denied: JsonFile[],
): Promise<{ values: { unreadable: string; commands: string }; plan: PlanRequest[] }> {
  const commands: string[] = [];
  for (const file of denied) {
    const shown = ctx.display(file.path);
    const info = await ctx.stat(file.path);
    if (info && ctx.uid !== null && info.uid !== ctx.uid)
      commands.push(`sudo chown "$(id -un)" ${shown}`);
    commands.push(`chmod u+rw ${shown}`);
  }
  return {
    values: {
      unreadable: denied.map((f) => ctx.display(f.path)).join(', '),
      commands: commands.map((c) => `\`${c}\``).join(', then '),
    },
    plan: [
      { step: 'fix-permissions', locations: commands.map((text) => ({ kind: 'by-hand', text })) },
    ],
  };
}

import type { Context } from './context.js';
import type { SettingsFile } from './sources/settings.js';
import type { PlanRequest } from './types.js';

/**
 * The `remove-forced-login` step for the file that forces the login method: an edit `fix` can
 * apply to the user's own settings, an instruction for managed ones (issue 19: removed before
 * `login`, or the new login is forced the wrong way again).
 */
export function unforcePlan(ctx: Context, forcing: SettingsFile): PlanRequest {
  const file = ctx.display(forcing.file.path);
  if (forcing.scope === 'managed') {
    const text = `${file}: managed settings force the login method; ask your administrator`;
    return { step: 'remove-forced-login', details: [text], edits: [{ kind: 'manual', text }] };
  }
  return {
    step: 'remove-forced-login',
    details: [`${file}: remove "forceLoginMethod"`],
    edits: [{ kind: 'settings-key', path: forcing.file.path, key: 'forceLoginMethod' }],
  };
}

import type { SettingsFile } from './sources/settings.js';
import type { PlanRequest } from './types.js';

/**
 * The `remove-forced-login` step for the file that forces the login method: an edit `fix` can
 * apply to the user's own settings, an instruction for managed ones (issue 19: removed before
 * `login`, or the new login is forced the wrong way again).
 */
export function unforcePlan(forcing: SettingsFile): PlanRequest {
  const managed = forcing.scope === 'managed' ? { managed: true as const } : {};
  return {
    step: 'remove-forced-login',
    locations: [
      { kind: 'settings-key', path: forcing.file.path, key: 'forceLoginMethod', ...managed },
    ],
  };
}

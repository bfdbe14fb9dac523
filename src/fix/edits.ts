import path from 'node:path';
import { locationText } from '../location.js';
import type { Location, ShellDialect } from '../types.js';

/** One place a credential is removed from, as `fix` applies it. */
export type RemovalEdit =
  | { kind: 'shell-line'; path: string; line: number; name: string; dialect: ShellDialect }
  | { kind: 'settings-env'; path: string; name: string }
  | { kind: 'settings-key'; path: string; key: string }
  /** What cannot be edited safely: the exact instruction for the user. */
  | { kind: 'manual'; text: string };

const EDITABLE_DIALECTS: ReadonlySet<string> = new Set<ShellDialect>([
  'posix',
  'fish',
  'powershell',
  'csh',
  'pam-environment',
  'environment-d',
]);

/**
 * The edit `fix` makes at a location, or what the user does by hand: a computed value may not be
 * where the key comes from, system files belong to root, project files are shared or
 * tool-managed, fish universal variables live outside any line, wrappers and managed settings
 * are left to their owners.
 */
export function editOf(location: Location, display: (file: string) => string): RemovalEdit {
  const manual = (text: string): RemovalEdit => ({ kind: 'manual', text });
  switch (location.kind) {
    case 'shell-line': {
      const { name, dialect } = location;
      const at = `${display(location.path)}:${location.line}`;
      if (dialect === 'dotenv') return manual(locationText(location, display));
      if (dialect === 'fish-variables')
        return manual(
          `${at}: ${name} is a fish universal variable; run \`set -e -U ${name}\` in fish`,
        );
      if (location.computed)
        return manual(
          `${at}: sets ${name} from other variables or commands; if that is where the key comes from, comment the line out by hand`,
        );
      if (location.owner === 'system')
        return manual(
          `${at}: a system-wide file; comment out the line that sets ${name} as root (\`sudoedit ${location.path}\`)`,
        );
      if (location.owner === 'project')
        return manual(
          `${at}: a project file; comment out the line that sets ${name}${path.basename(location.path) === '.envrc' ? ', then run `direnv allow`' : ''}`,
        );
      if (!EDITABLE_DIALECTS.has(dialect)) return manual(locationText(location, display));
      return { kind: 'shell-line', path: location.path, line: location.line, name, dialect };
    }
    case 'settings-env':
      return location.managed
        ? manual(locationText(location, display))
        : { kind: 'settings-env', path: location.path, name: location.name };
    case 'settings-key':
      return location.managed
        ? manual(locationText(location, display))
        : { kind: 'settings-key', path: location.path, key: location.key };
    case 'shell-wrapper':
    case 'by-hand':
      return manual(locationText(location, display));
  }
}

/** Whether `fix` can edit the location itself (the plan marks such a step automatic). */
export function editable(location: Location): boolean {
  return editOf(location, (file) => file).kind !== 'manual';
}

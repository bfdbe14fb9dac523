import type { Location } from './types.js';

// A location in words, as the fix plan shows it: the one place this text is made. Checks quote
// it too (auto-updates names where a switch is set), so it lives below them.

/** `~/.zshrc:4: delete or comment out the line that sets ANTHROPIC_API_KEY` */
export function locationText(location: Location, display: (file: string) => string): string {
  switch (location.kind) {
    case 'shell-line': {
      const { name, loadedBy } = location;
      const at = `${display(location.path)}:${location.line}`;
      if (location.dialect === 'dotenv')
        return `${at}: remove ${name} (${loadedBy ? `direnv loads this file through ${loadedBy}` : 'a tool loading .env puts it in the environment'})`;
      return `${at}: delete or comment out the line that sets ${name}`;
    }
    case 'shell-wrapper': {
      const { name, wrapper } = location;
      return `${display(location.path)}:${location.line}: the \`claude\` ${wrapper} sets ${name}; remove ${name} from it (or remove the ${wrapper}) yourself: fix leaves wrappers to you`;
    }
    case 'settings-env':
      return location.managed
        ? `${display(location.path)}: managed settings set ${location.name}; ask your administrator to remove it`
        : `${display(location.path)}: remove "${location.name}" from the "env" block`;
    case 'settings-key':
      if (!location.managed) return `${display(location.path)}: remove "${location.key}"`;
      return location.key === 'forceLoginMethod'
        ? `${display(location.path)}: managed settings force the login method; ask your administrator`
        : `${display(location.path)}: managed settings set "${location.key}"; ask your administrator to remove it`;
    case 'by-hand':
      return location.text;
  }
}

import path, { type PlatformPath } from 'node:path';
import { sha256Hex } from '../world/hash.js';
import type { Env, Place, Platform } from '../world/world.js';

// Locations follow the facts file, section 2 (measured on Claude Code 2.1.197 and 2.1.331).
// Each function takes the run's Place (a Context is one) and joins with its path flavour, so
// a Windows place gets Windows paths wherever the doctor runs.

export interface ClaudePaths {
  configDir: string;
  /** Whether CLAUDE_CONFIG_DIR moved the config directory. */
  configDirFromEnv: boolean;
  /** `.claude.json` (or the legacy `.config.json` when that exists). */
  globalConfigCandidates: string[];
  credentials: string;
  userSettings: string;
  projectSettings: string;
  localSettings: string;
  managedSettings: string;
  managedSettingsDir: string;
  lastUpdateResult: string;
}

export function claudePaths(ctx: Place): ClaudePaths {
  const path = ctx.path;
  // Set at all counts, even empty (then it is the current directory), as on the real CLI.
  const fromEnv = ctx.env.CLAUDE_CONFIG_DIR;
  const set = fromEnv !== undefined;
  const configDir = set ? path.resolve(ctx.cwd, fromEnv) : path.join(ctx.home, '.claude');
  const secureDir = ctx.env.CLAUDE_SECURESTORAGE_CONFIG_DIR
    ? path.resolve(ctx.cwd, ctx.env.CLAUDE_SECURESTORAGE_CONFIG_DIR)
    : configDir;
  const globalConfig = set
    ? path.join(configDir, '.claude.json')
    : path.join(ctx.home, '.claude.json');
  return {
    configDir,
    configDirFromEnv: set,
    globalConfigCandidates: [path.join(configDir, '.config.json'), globalConfig],
    credentials: path.join(secureDir, '.credentials.json'),
    userSettings: path.join(configDir, 'settings.json'),
    projectSettings: path.join(ctx.cwd, '.claude', 'settings.json'),
    localSettings: path.join(ctx.cwd, '.claude', 'settings.local.json'),
    managedSettings: path.join(ctx.managedDir, 'managed-settings.json'),
    managedSettingsDir: path.join(ctx.managedDir, 'managed-settings.d'),
    lastUpdateResult: path.join(configDir, '.last-update-result.json'),
  };
}

/**
 * macOS Keychain service names. With CLAUDE_CONFIG_DIR set at all, Claude Code appends the
 * first 8 hex characters of sha256 of the variable exactly as given (trailing slash included).
 */
export async function keychainServices(
  ctx: Pick<Place, 'env'>,
): Promise<{ subscription: string; consoleKey: string }> {
  const dir = ctx.env.CLAUDE_CONFIG_DIR;
  const suffix = dir !== undefined ? `-${(await sha256Hex(dir)).slice(0, 8)}` : '';
  return { subscription: `Claude Code-credentials${suffix}`, consoleKey: 'Claude Code' };
}

/**
 * The doctor's own state (fix backups): `$XDG_STATE_HOME/claude-auth-doctor`, else
 * `~/.local/state/...` on Linux, `~/Library/Application Support/...` on macOS, `%LOCALAPPDATA%\\...` on Windows.
 */
export function toolStateDir(ctx: Place): string {
  const path = ctx.path;
  if (ctx.env.XDG_STATE_HOME) return path.join(ctx.env.XDG_STATE_HOME, 'claude-auth-doctor');
  if (ctx.platform === 'darwin')
    return path.join(ctx.home, 'Library', 'Application Support', 'claude-auth-doctor');
  if (ctx.platform === 'win32')
    return path.join(
      ctx.env.LOCALAPPDATA || path.join(ctx.home, 'AppData', 'Local'),
      'claude-auth-doctor',
    );
  return path.join(ctx.home, '.local', 'state', 'claude-auth-doctor');
}

/**
 * PowerShell profile directories (facts file, section 8): PowerShell 7 keeps profiles under
 * `~/.config/powershell` on Linux and macOS; Windows has `Documents\PowerShell` (7) and
 * `Documents\WindowsPowerShell` (5.1).
 */
export function powershellProfileDirs(ctx: Place): string[] {
  const path = ctx.path;
  if (ctx.platform === 'win32') {
    const documents = path.join(ctx.home, 'Documents');
    return [path.join(documents, 'PowerShell'), path.join(documents, 'WindowsPowerShell')];
  }
  return [path.join(ctx.env.XDG_CONFIG_HOME || path.join(ctx.home, '.config'), 'powershell')];
}

/** System-wide startup files (facts file, section 8); Windows keeps these in the registry. */
export function systemStartupFiles(ctx: Place): {
  environment: string[];
  posix: string[];
  profileDir: string | null;
} {
  const path = ctx.path;
  if (ctx.platform === 'win32') return { environment: [], posix: [], profileDir: null };
  const etc = path.join(ctx.systemRoot, 'etc');
  return {
    environment: [path.join(etc, 'environment')],
    posix: ['profile', 'bash.bashrc', 'zshenv', 'zsh/zshenv', 'zsh/zprofile', 'zsh/zshrc'].map(
      (f) => path.join(etc, f),
    ),
    profileDir: path.join(etc, 'profile.d'),
  };
}

/** Where the default (unmoved) config directory and `.claude.json` are. */
export function defaultClaudePaths(ctx: Place): {
  configDir: string;
  globalConfig: string;
  credentials: string;
} {
  const path = ctx.path;
  const configDir = path.join(ctx.home, '.claude');
  return {
    configDir,
    globalConfig: path.join(ctx.home, '.claude.json'),
    credentials: path.join(configDir, '.credentials.json'),
  };
}

// Defaults the Context is built with.

const defaultPath = path;

/** The user's home: HOME (USERPROFILE on Windows), else `fallback` (os.homedir(), as Node and Claude Code do). */
export function homeFrom(env: Env, platform: Platform, fallback = ''): string {
  return (platform === 'win32' ? env.USERPROFILE || env.HOME : env.HOME) || fallback;
}

/**
 * `$XDG_CACHE_HOME` when set (any platform), else the platform's own cache directory; `path`
 * is the place's flavour (this machine's by default, as src/boot.ts and the guard want).
 */
export function cacheBaseFrom(
  env: Env,
  platform: Platform,
  home: string,
  path: PlatformPath = defaultPath,
): string | null {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return xdg;
  if (platform === 'darwin') return home ? path.join(home, 'Library', 'Caches') : null;
  if (platform === 'win32')
    return env.LOCALAPPDATA || (home ? path.join(home, 'AppData', 'Local') : null);
  return home ? path.join(home, '.cache') : null;
}

/** The doctor's cache directory, `claude-auth-doctor` in the cache base. */
export function cacheDirFrom(env: Env, platform: Platform, home: string): string | null {
  const base = cacheBaseFrom(env, platform, home);
  return base ? path.join(base, CACHE_NAME) : null;
}

export const CACHE_NAME = 'claude-auth-doctor';

export function managedDirIn(platform: Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Library/Application Support/ClaudeCode';
    case 'win32':
      return 'Program Files/ClaudeCode';
    default:
      return 'etc/claude-code';
  }
}

import path from 'node:path';
import semver from '../semver.js';
import type { Context, Env } from '../context.js';
import { claudePaths } from '../platform/paths.js';
import type { ClaudeInstallReport, Report } from '../types.js';
import { describeInstall, type ClaudeInstall } from './claude-install.js';

// The machine around Claude Code, for support reports: what support staff ask first. Nothing
// here spawns a process except `claude --version` for each `claude` on PATH.

export type EnvironmentFacts = Required<
  Pick<Report['environment'], 'os' | 'terminal' | 'npm' | 'detected' | 'claudeInstalls'>
>;

/**
 * The machine as a report shows it (`environment`): platform, shell, where Claude Code's
 * files are, the `claude` that runs, and the facts above; paths written as `~/...`.
 */
export function environmentSnapshot(
  ctx: Context,
  claude: ClaudeInstall | null,
  facts?: EnvironmentFacts,
): Report['environment'] {
  const shell = ctx.env.SHELL ?? (ctx.platform === 'win32' ? ctx.env.ComSpec : undefined);
  return {
    platform: ctx.platform,
    arch: ctx.arch,
    node: ctx.nodeVersion,
    shell: shell ? ctx.path.basename(shell) : null,
    configDir: ctx.display(claudePaths(ctx).configDir),
    cwd: ctx.display(ctx.cwd),
    claude: claude
      ? { path: ctx.display(claude.path), version: claude.version, installMethod: claude.method }
      : null,
    ...facts,
  };
}

export function environmentFacts(ctx: Context): Promise<EnvironmentFacts> {
  return ctx.memo('environment-facts', async () => {
    const [os, npm, wsl, container, claudeInstalls] = await Promise.all([
      osOf(ctx),
      npmVersion(ctx),
      isWsl(ctx),
      isContainer(ctx),
      installsOnPath(ctx),
    ]);
    return {
      os,
      terminal: terminalOf(ctx.env),
      npm,
      detected: {
        wsl,
        container,
        ci: ciOf(ctx.env),
        ssh: Boolean(ctx.env.SSH_CONNECTION || ctx.env.SSH_CLIENT || ctx.env.SSH_TTY),
      },
      claudeInstalls,
    };
  });
}

async function osOf(ctx: Context): Promise<EnvironmentFacts['os']> {
  const kernel = ctx.osRelease;
  if (ctx.platform === 'win32') return { name: 'Windows', version: kernel, kernel: null };
  if (ctx.platform === 'darwin') {
    const plist = await ctx.readText(
      path.join(ctx.systemRoot, 'System/Library/CoreServices/SystemVersion.plist'),
    );
    const version = plist.ok
      ? (/<key>ProductVersion<\/key>\s*<string>([^<]{1,32})<\/string>/.exec(plist.text)?.[1] ??
        null)
      : null;
    return { name: 'macOS', version, kernel };
  }
  const release = await ctx.readText(path.join(ctx.systemRoot, 'etc/os-release'));
  const field = (name: string) => {
    const match = release.ok
      ? new RegExp(`^${name}=(.{1,100})$`, 'm').exec(release.text)?.[1]
      : undefined;
    return match?.replace(/^(["'])(.*)\1$/, '$2') || null;
  };
  return { name: field('NAME') ?? 'Linux', version: field('VERSION_ID'), kernel };
}

/** npm's version without spawning npm (~140 ms): from npx's user agent, else npm's own package.json beside Node. */
async function npmVersion(ctx: Context): Promise<string | null> {
  const agent = /(?:^|\s)npm\/(\S+)/.exec(ctx.env.npm_config_user_agent ?? '')?.[1];
  if (agent && semver.valid(agent)) return agent;
  if (!ctx.execPath) return null;
  const dir = path.dirname(ctx.execPath);
  const file =
    ctx.platform === 'win32'
      ? path.join(dir, 'node_modules', 'npm', 'package.json')
      : path.join(dir, '..', 'lib', 'node_modules', 'npm', 'package.json');
  const read = await ctx.readText(file);
  if (!read.ok) return null;
  try {
    const version = (JSON.parse(read.text) as { version?: unknown }).version;
    return typeof version === 'string' && semver.valid(version) ? version : null;
  } catch {
    return null;
  }
}

/** Common terminals and IDEs announce themselves in these variables. */
export function terminalOf(env: Env): string | null {
  if (env.TERM_PROGRAM)
    return `${env.TERM_PROGRAM}${env.TERM_PROGRAM_VERSION ? ` ${env.TERM_PROGRAM_VERSION}` : ''}`;
  if (env.TERMINAL_EMULATOR) return env.TERMINAL_EMULATOR; // JetBrains IDEs: "JetBrains-JediTerm"
  const named = TERMINALS.find(([name]) => env[name])?.[1];
  return named ?? (env.TERM ? `TERM=${env.TERM}` : null);
}

const TERMINALS: readonly (readonly [string, string])[] = [
  ['WT_SESSION', 'Windows Terminal'],
  ['KITTY_WINDOW_ID', 'kitty'],
  ['ALACRITTY_WINDOW_ID', 'Alacritty'],
  ['WEZTERM_PANE', 'WezTerm'],
  ['KONSOLE_VERSION', 'Konsole'],
  ['GNOME_TERMINAL_SCREEN', 'GNOME Terminal'],
];

const CI_NAMES: readonly (readonly [string, string])[] = [
  ['GITHUB_ACTIONS', 'GitHub Actions'],
  ['GITLAB_CI', 'GitLab CI'],
  ['CIRCLECI', 'CircleCI'],
  ['BUILDKITE', 'Buildkite'],
  ['JENKINS_URL', 'Jenkins'],
  ['TF_BUILD', 'Azure Pipelines'],
  ['BITBUCKET_BUILD_NUMBER', 'Bitbucket Pipelines'],
  ['CODEBUILD_BUILD_ID', 'AWS CodeBuild'],
  ['TRAVIS', 'Travis CI'],
];

export function ciOf(env: Env): string | null {
  const named = CI_NAMES.find(([name]) => env[name])?.[1];
  if (named) return named;
  const ci = env.CI?.trim().toLowerCase();
  return ci && ci !== 'false' && ci !== '0' ? 'CI' : null;
}

async function isWsl(ctx: Context): Promise<boolean> {
  if (ctx.platform !== 'linux') return false;
  if (ctx.env.WSL_DISTRO_NAME || ctx.env.WSL_INTEROP) return true;
  const version = await ctx.readText(path.join(ctx.systemRoot, 'proc/version'));
  return version.ok && /microsoft/i.test(version.text);
}

async function isContainer(ctx: Context): Promise<boolean> {
  if (ctx.env.container || ctx.env.REMOTE_CONTAINERS === 'true' || ctx.env.CODESPACES === 'true')
    return true;
  const markers = await Promise.all(
    ['.dockerenv', 'run/.containerenv'].map((file) => ctx.stat(path.join(ctx.systemRoot, file))),
  );
  return markers.some(Boolean);
}

/** Every `claude` on PATH, in PATH order; the first is the one that runs. */
async function installsOnPath(ctx: Context): Promise<ClaudeInstallReport[]> {
  const files = await ctx.which('claude');
  const installs = await Promise.all(files.map((file) => describeInstall(ctx, file)));
  return installs.map((install, index) => ({
    path: ctx.display(install.path),
    ...(install.realPath !== install.path ? { realPath: ctx.display(install.realPath) } : {}),
    version: install.version,
    installMethod: install.method,
    runs: index === 0,
  }));
}

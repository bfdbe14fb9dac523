import path from 'node:path';
import semver from 'semver';
import type { Context } from '../context.js';

// Install methods and their files (facts file, section 1).

export type InstallMethod =
  | 'npm-global' | 'npm-local' | 'native' | 'bun' | 'homebrew' | 'winget' | 'package-manager' | 'unknown';

export interface ClaudeInstall {
  path: string;
  realPath: string;
  method: InstallMethod;
  version: string | null;
  /** Why the version could not be read, naming the command. */
  versionProblem?: string;
}

/** The `claude` that runs: the first on PATH. */
export function runningClaude(ctx: Context): Promise<ClaudeInstall | null> {
  return ctx.memo('running-claude', async () => {
    const [first] = await ctx.which('claude');
    return first ? describeInstall(ctx, first) : null;
  });
}

export async function describeInstall(ctx: Context, file: string): Promise<ClaudeInstall> {
  const realPath = (await ctx.realpath(file)) ?? file;
  const install: ClaudeInstall = { path: file, realPath, method: installMethodOf(ctx, file, realPath), version: null };
  // `--version` is the one read-only command; never anything that starts a session.
  const result = await ctx.exec(file, ['--version']);
  const version = parseClaudeVersion(result.stdout);
  if (version && result.exitCode === 0) {
    install.version = version;
  } else {
    install.versionProblem = result.failure
      ?? (result.timedOut ? `\`${file} --version\` did not answer within ${ctx.options.timeoutMs} ms`
        : result.exitCode !== 0 ? `\`${file} --version\` exited with code ${result.exitCode}`
          : `\`${file} --version\` printed no version`);
  }
  return install;
}

/** `2.1.197 (Claude Code)`; tolerant of extra text around it. */
export function parseClaudeVersion(output: string): string | null {
  const head = output.slice(0, 4096);
  const match = /(?:^|\s|v)(\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,64})?)(?=\s|$|\))/m.exec(head);
  return match?.[1] && semver.valid(match[1]) ? match[1] : null;
}

export function installMethodOf(ctx: Context, file: string, realPath: string): InstallMethod {
  const norm = (p: string) => p.split(path.sep).join('/').toLowerCase();
  const real = norm(realPath);
  const link = norm(file);
  const home = norm(ctx.home);
  const data = norm(ctx.env.XDG_DATA_HOME || path.join(ctx.home, '.local', 'share'));
  if (real.includes('/node_modules/@anthropic-ai/claude-code')) {
    return real.startsWith(`${home}/.claude/local/`) ? 'npm-local' : 'npm-global';
  }
  if (real.startsWith(`${data}/claude/versions/`) || link === `${home}/.local/bin/claude`) return 'native';
  if (real.includes('/.bun/')) return 'bun';
  if (real.includes('/caskroom/') || real.includes('/cellar/') || real.includes('/homebrew/')) return 'homebrew';
  if (real.includes('/winget/')) return 'winget';
  if (/^\/usr\/(s?bin|lib|share)\//.test(real) || real.startsWith('/opt/')) return 'package-manager';
  return 'unknown';
}

export function updateCommand(method: InstallMethod): string {
  switch (method) {
    case 'npm-global':
      return 'npm install -g @anthropic-ai/claude-code@latest';
    case 'bun':
      return 'bun add -g @anthropic-ai/claude-code@latest';
    case 'homebrew':
      return 'brew upgrade --cask claude-code';
    case 'winget':
      return 'winget upgrade Anthropic.ClaudeCode';
    case 'package-manager':
      return 'sudo apt-get update && sudo apt-get install --only-upgrade claude-code';
    default:
      return 'claude update';
  }
}

export const INSTALL_ADVICE = 'Install Claude Code with the native installer (see https://code.claude.com/docs/en/setup) or `npm install -g @anthropic-ai/claude-code@latest`.';

import path from 'node:path';
import semver from '../semver.js';
import type { Context } from '../context.js';
import type { Evidence } from '../types.js';
import { npmBinDir, npmGlobalPrefix } from './npm-config.js';

// Install methods and their files (facts file, section 1).

export type InstallMethod =
  | 'npm-global'
  | 'npm-local'
  | 'native'
  | 'bun'
  | 'homebrew'
  | 'winget'
  | 'package-manager'
  | 'unknown';

export interface ClaudeInstall {
  path: string;
  realPath: string;
  method: InstallMethod;
  version: string | null;
  /** For npm installs: the prefix the package lives under (may differ from npm's configured one). */
  prefix?: string;
  /**
   * Under WSL, a Windows `claude` reached through WSL's imported Windows PATH (`/mnt/c/...`):
   * Windows' own install, not an extra copy to delete (anthropics/claude-code#107, #1298).
   */
  windows?: true;
  /** Why the version could not be read, naming the command. */
  versionProblem?: string;
  /** Owned by another user (not root): never run. */
  foreign?: boolean;
}

export interface FoundInstall extends ClaudeInstall {
  /** Every path that leads to this install: a symlink seen twice is still one install. */
  paths: string[];
  /** Position among the `claude` executables on PATH (0 runs); null when only in a known location. */
  pathIndex: number | null;
}

/** The `claude` that runs: the first on PATH. */
export function runningClaude(ctx: Context): Promise<ClaudeInstall | null> {
  return ctx.memo('running-claude', async () => {
    const [first] = await ctx.which('claude');
    return first ? describeInstall(ctx, first) : null;
  });
}

/**
 * Every installation that can run as `claude`: the executables on PATH, in order, then the
 * known install locations. Paths that lead to the same file (symlinks, hard links) are one
 * install, which avoids Claude Code's own false "multiple installations" when the npm prefix
 * is ~/.local (anthropics/claude-code#53432). The versions the native installer keeps in
 * ~/.local/share/claude/versions are not installs: only the launcher runs.
 */
export function claudeInstalls(ctx: Context): Promise<FoundInstall[]> {
  return ctx.memo('claude-installs', async () => {
    const onPath = await ctx.which('claude');
    const known: string[] = [];
    for (const file of await knownLocations(ctx)) {
      if (!onPath.includes(file) && (await ctx.isExecutable(file))) known.push(file);
    }
    const byIdentity = new Map<
      string,
      { file: string; paths: string[]; pathIndex: number | null }
    >();
    for (const [index, file] of [...onPath, ...known].entries()) {
      const identity = await identityOf(ctx, file);
      const seen = byIdentity.get(identity);
      if (seen) {
        if (!seen.paths.includes(file)) seen.paths.push(file);
      } else {
        byIdentity.set(identity, {
          file,
          paths: [file],
          pathIndex: index < onPath.length ? index : null,
        });
      }
    }
    return Promise.all(
      [...byIdentity.values()].map(async (entry) => ({
        ...(await describeInstall(ctx, entry.file)),
        paths: entry.paths,
        pathIndex: entry.pathIndex,
      })),
    );
  });
}

/**
 * The install to keep when there are several: the newest version; on a tie, the one that
 * runs (else the earliest on PATH).
 */
export function chooseInstall(installs: FoundInstall[]): FoundInstall | undefined {
  const rank = (i: FoundInstall) => i.pathIndex ?? Number.MAX_SAFE_INTEGER;
  return [...installs].sort((a, b) => {
    if (a.version && b.version && a.version !== b.version)
      return semver.rcompare(a.version, b.version);
    if (Boolean(a.version) !== Boolean(b.version)) return a.version ? -1 : 1;
    return rank(a) - rank(b);
  })[0];
}

async function identityOf(ctx: Context, file: string): Promise<string> {
  const info = await ctx.stat(file);
  // Windows reports no useful inode numbers; the real path is enough there.
  if (info && info.ino && ctx.platform !== 'win32') return `inode:${info.dev}:${info.ino}`;
  return `path:${(await ctx.realpath(file)) ?? file}`;
}

/** Where installers put a `claude` that runs (facts file, section 1). */
async function knownLocations(ctx: Context): Promise<string[]> {
  const home = ctx.home;
  const files: string[] = [];
  const prefix = await npmGlobalPrefix(ctx);
  if (ctx.platform === 'win32') {
    const exe = (dir: string) => [
      ctx.path.join(dir, 'claude.exe'),
      ctx.path.join(dir, 'claude.cmd'),
    ];
    if (prefix) files.push(...exe(npmBinDir(ctx, prefix.value)));
    if (ctx.env.APPDATA) files.push(...exe(ctx.path.join(ctx.env.APPDATA, 'npm')));
    if (ctx.env.LOCALAPPDATA)
      files.push(ctx.path.join(ctx.env.LOCALAPPDATA, 'Microsoft', 'WinGet', 'Links', 'claude.exe'));
    if (home)
      files.push(
        ...exe(ctx.path.join(home, '.local', 'bin')),
        ...exe(ctx.path.join(home, '.bun', 'bin')),
        ctx.path.join(home, '.claude', 'local', 'claude.cmd'),
      );
    return [...new Set(files)];
  }
  if (prefix) files.push(ctx.path.join(npmBinDir(ctx, prefix.value), 'claude'));
  if (home) {
    files.push(
      ctx.path.join(home, '.local', 'bin', 'claude'),
      ctx.path.join(home, '.claude', 'local', 'claude'),
      ctx.path.join(home, '.claude', 'local', 'node_modules', '.bin', 'claude'),
      ctx.path.join(home, '.bun', 'bin', 'claude'),
    );
  }
  for (const dir of ['opt/homebrew/bin', 'usr/local/bin', 'home/linuxbrew/.linuxbrew/bin']) {
    files.push(ctx.path.join(ctx.systemRoot, dir, 'claude'));
  }
  return [...new Set(files)];
}

export function describeInstall(ctx: Context, file: string): Promise<ClaudeInstall> {
  return ctx.memo(`install:${file}`, async () => {
    const own = await ctx.ownExecutable(file);
    // `--version` is the one read-only command; never anything that starts a session. Started
    // first: a real claude takes longer to answer than the rest of the run.
    const versionRun = own ? ctx.exec(file, ['--version']) : null;
    const realPath = (await ctx.realpath(file)) ?? file;
    const prefix = await npmGlobalPrefix(ctx);
    const install: ClaudeInstall = {
      path: file,
      realPath,
      method: installMethodOf(ctx, file, realPath, prefix?.value),
      version: null,
    };
    if (install.method === 'npm-global') {
      const own = npmPrefixOf(ctx, realPath) ?? npmPrefixOf(ctx, file);
      if (own) install.prefix = own;
    }
    if (await isWindowsFromWsl(ctx, file)) install.windows = true;
    if (!versionRun) {
      install.foreign = true;
      install.versionProblem = `${ctx.display(file)} is owned by another user, so the doctor did not run it (it runs only programs owned by you or root)`;
      return install;
    }
    const result = await versionRun;
    const version = parseClaudeVersion(result.stdout);
    if (version && result.exitCode === 0) {
      install.version = version;
    } else {
      install.versionProblem =
        result.failure ??
        (result.timedOut
          ? `\`${file} --version\` did not answer within ${ctx.options.timeoutMs} ms`
          : result.exitCode !== 0
            ? `\`${file} --version\` exited with code ${result.exitCode}`
            : `\`${file} --version\` printed no version`);
    }
    return install;
  });
}

/** `2.1.197 (Claude Code)`; tolerant of extra text around it. */
export function parseClaudeVersion(output: string): string | null {
  const head = output.slice(0, 4096);
  const match = /(?:^|\s|v)(\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,64})?)(?=\s|$|\))/m.exec(
    head,
  );
  return match?.[1] && semver.valid(match[1]) ? match[1] : null;
}

export function installMethodOf(
  ctx: Context,
  file: string,
  realPath: string,
  npmPrefix?: string,
): InstallMethod {
  const norm = (p: string) => p.split(ctx.path.sep).join('/').toLowerCase();
  const real = norm(realPath);
  const link = norm(file);
  const home = norm(ctx.home);
  const data = norm(ctx.env.XDG_DATA_HOME || ctx.path.join(ctx.home, '.local', 'share'));
  // bun keeps global packages in its own node_modules (<BUN_INSTALL>/install/global), so look
  // for it first: anywhere BUN_INSTALL points, not only ~/.bun.
  const bunHome = ctx.env.BUN_INSTALL ? norm(ctx.env.BUN_INSTALL) : null;
  if (
    real.includes('/.bun/') ||
    link.includes('/.bun/bin/') ||
    real.includes('/install/global/node_modules/') ||
    (bunHome && (real.startsWith(`${bunHome}/`) || link.startsWith(`${bunHome}/`)))
  )
    return 'bun';
  if (real.includes('/node_modules/@anthropic-ai/claude-code')) {
    return real.startsWith(`${home}/.claude/local/`) ? 'npm-local' : 'npm-global';
  }
  if (real.startsWith(`${home}/.claude/local/`)) return 'npm-local';
  // The native launcher; Windows has no link to the versions, only ~\.local\bin\claude.exe.
  const launcher = `${home}/.local/bin/claude${ctx.platform === 'win32' ? '.exe' : ''}`;
  if (real.startsWith(`${data}/claude/versions/`) || link === launcher) return 'native';
  // Windows npm shims are small scripts next to the prefix's node_modules, not symlinks.
  if (
    npmPrefix &&
    norm(ctx.path.dirname(file)) === norm(npmBinDir(ctx, npmPrefix)) &&
    /\.(cmd|ps1)$/.test(link)
  )
    return 'npm-global';
  if (real.includes('/caskroom/') || real.includes('/cellar/') || real.includes('/homebrew/'))
    return 'homebrew';
  if (real.includes('/winget/')) return 'winget';
  if (/^\/usr\/(s?bin|lib|share)\//.test(real) || real.startsWith('/opt/'))
    return 'package-manager';
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

/**
 * The update command for this very install: npm with the prefix it lives under (a plain
 * `npm install -g` updates npm's configured prefix, which may be another copy), bun, Homebrew,
 * winget, the native updater. Under WSL, Windows' own copy is updated from Windows.
 */
export async function updateCommandFor(ctx: Context, install: ClaudeInstall): Promise<string> {
  if (install.windows)
    return 'claude update (in a Windows terminal: this claude is the Windows install)';
  if (install.method !== 'npm-global') return updateCommand(install.method);
  const configured = await npmGlobalPrefix(ctx);
  const own = install.prefix;
  if (!own || (configured && samePath(configured.value, own))) return updateCommand('npm-global');
  return `npm install -g @anthropic-ai/claude-code@latest --prefix "${ctx.display(own)}"`;
}

/** How to remove one install, as a command for the user to run. */
export function removeCommand(ctx: Context, install: ClaudeInstall): string {
  if (install.windows)
    return `leave ${ctx.display(install.path)} alone: it is the Windows install, seen through WSL's Windows PATH; uninstall it from Windows if you do not use it there`;
  switch (install.method) {
    case 'npm-global': {
      const prefix = install.prefix ?? npmPrefixOf(ctx, install.realPath);
      return `npm uninstall -g @anthropic-ai/claude-code${prefix ? ` --prefix "${ctx.display(prefix)}"` : ''}`;
    }
    case 'npm-local':
      return `rm -rf ${ctx.display(ctx.path.join(ctx.home, '.claude', 'local'))}`;
    case 'native': {
      const data = ctx.env.XDG_DATA_HOME || ctx.path.join(ctx.home, '.local', 'share');
      return `rm ${ctx.display(install.path)} && rm -rf ${ctx.display(ctx.path.join(data, 'claude'))}`;
    }
    case 'bun':
      return 'bun remove -g @anthropic-ai/claude-code';
    case 'homebrew':
      return 'brew uninstall --cask claude-code';
    case 'winget':
      return 'winget uninstall Anthropic.ClaudeCode';
    case 'package-manager':
      return 'sudo apt-get remove claude-code';
    default:
      return `rm ${ctx.display(install.path)}`;
  }
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => path.resolve(p).replace(/[\\/]+$/, '');
  return norm(a) === norm(b);
}

/** WSL imports the Windows PATH; a `claude` under /mnt/<drive>/ there is Windows' own. */
async function isWindowsFromWsl(ctx: Context, file: string): Promise<boolean> {
  // Relative to the system root, so fixtures can lay out a drive too.
  const fromRoot = `/${ctx.path.relative(ctx.systemRoot, file)}`;
  if (ctx.platform !== 'linux' || !/^\/mnt\/[a-z]\//i.test(fromRoot)) return false;
  if (ctx.env.WSL_DISTRO_NAME || ctx.env.WSL_INTEROP) return true;
  const version = await ctx.readText(ctx.path.join(ctx.systemRoot, 'proc/version'));
  return version.ok && /microsoft/i.test(version.text);
}

/** The npm prefix a package path lives under (`<prefix>/lib/node_modules/...`). */
function npmPrefixOf(ctx: Context, realPath: string): string | null {
  const marker =
    ctx.platform === 'win32'
      ? `${ctx.path.sep}node_modules${ctx.path.sep}`
      : `${ctx.path.sep}lib${ctx.path.sep}node_modules${ctx.path.sep}`;
  const at = realPath.indexOf(marker);
  return at > 0 ? realPath.slice(0, at) : null;
}

/** The package directory of an npm install, whose package.json names its engines. */
export function npmPackageDir(realPath: string): string | null {
  const marker = `${path.sep}node_modules${path.sep}@anthropic-ai${path.sep}claude-code${path.sep}`;
  const at = realPath.indexOf(marker);
  return at > 0 ? realPath.slice(0, at + marker.length - 1) : null;
}

export const INSTALL_ADVICE =
  'Install Claude Code with the native installer (see https://code.claude.com/docs/en/setup) or `npm install -g @anthropic-ai/claude-code@latest`.';

/** The `installMethod` value Claude Code records for each method it manages itself. */
export const RECORDED_METHOD: Partial<Record<InstallMethod, string>> = {
  native: 'native',
  'npm-global': 'global',
  'npm-local': 'local',
};

/** Each install method in sentences. */
export const INSTALL_LABEL: Record<InstallMethod, string> = {
  'npm-global': 'an npm global install',
  'npm-local': 'a local npm install (~/.claude/local)',
  native: 'a native install',
  bun: 'a bun global install',
  homebrew: 'a Homebrew install',
  winget: 'a winget install',
  'package-manager': 'a system package',
  unknown: 'an install of unknown kind',
};

/** The claude that runs, as evidence. */
export function runsEvidence(ctx: Context, install: ClaudeInstall): Evidence {
  return {
    source: `file:${ctx.display(install.path)}`,
    detail: `runs ${install.version ? `version ${install.version}` : 'an unknown version'} (${install.method} install)`,
  };
}

/**
 * A newer copy than the one that runs, the one multiple-installs says to keep: updating the
 * one that runs would only refresh a copy about to be removed.
 */
export async function newerCopy(
  ctx: Context,
  install: ClaudeInstall,
): Promise<(FoundInstall & { version: string }) | null> {
  const kept = chooseInstall(await claudeInstalls(ctx));
  if (!kept?.version || !install.version || kept.realPath === install.realPath) return null;
  return semver.gt(kept.version, install.version) ? { ...kept, version: kept.version } : null;
}

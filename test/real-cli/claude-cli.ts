import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

// The real Claude Code, pinned, installed once into a cache outside the repository (~250 MB):
// CI and developers reuse it across runs.
export const CLI_VERSION = '2.1.331';

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'claude-auth-doctor-test', `cli-${CLI_VERSION}`);
}

function binaryIn(dir: string): string | null {
  const modules = path.join(dir, 'node_modules', '@anthropic-ai');
  const candidates = [
    path.join(modules, 'claude-code', 'bin', 'claude.exe'),
    path.join(modules, `claude-code-${process.platform}-${process.arch}`, 'claude'),
  ];
  return candidates.find((file) => existsSync(file) && versionOf(file) === CLI_VERSION) ?? null;
}

function versionOf(file: string): string | null {
  const run = spawnSync(file, ['--version'], {
    env: { PATH: '/usr/bin:/bin', DISABLE_AUTOUPDATER: '1' },
    timeout: 20_000,
    encoding: 'utf8',
  });
  return /^(\d+\.\d+\.\d+) \(Claude Code\)/.exec(run.stdout ?? '')?.[1] ?? null;
}

/** The cached binary, installing it first when missing. */
export function installedClaude(): string {
  const dir = cacheDir();
  const found = binaryIn(dir);
  if (found) return found;
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefix',
      dir,
      `@anthropic-ai/claude-code@${CLI_VERSION}`,
    ],
    {
      env: { ...process.env, DISABLE_AUTOUPDATER: '1' },
      stdio: 'inherit',
      timeout: 14 * 60_000,
    },
  );
  const installed = binaryIn(dir);
  if (!installed)
    throw new Error(
      `@anthropic-ai/claude-code@${CLI_VERSION} installed into ${dir}, but no runnable claude binary was found there`,
    );
  return installed;
}

export interface AuthStatus {
  exitCode: number | null;
  authMethod?: string;
  apiKeySource?: string;
  apiProvider?: string;
}

/** `claude auth status --json` with only the given environment, as the harness does (env -i). */
export function authStatus(binary: string, env: Record<string, string>, cwd: string): AuthStatus {
  const run = spawnSync(binary, ['auth', 'status', '--json'], {
    env: { PATH: '/usr/bin:/bin', ...env, DISABLE_AUTOUPDATER: '1' },
    cwd,
    timeout: 30_000,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(
      `claude auth status printed no JSON (exit ${run.status}): ${run.stderr.slice(0, 200)}`,
    );
  }
  const pick = (key: string) =>
    typeof data[key] === 'string' ? { [key]: data[key] as string } : {};
  return {
    exitCode: run.status,
    ...pick('authMethod'),
    ...pick('apiKeySource'),
    ...pick('apiProvider'),
  };
}

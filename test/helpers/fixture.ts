import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import {
  Context,
  type ContextInit,
  type Env,
  type Platform,
  type RunOptions,
} from '../../src/context.js';
import { nodeWorld, type World } from '../../src/world/world.js';
import { KEYS } from './secrets.js';

export type FileSpec = string | object;

export interface FixtureSpec {
  /** Files under HOME; objects are written as JSON. */
  home?: Record<string, FileSpec>;
  /** Files under the project directory (HOME/project). */
  project?: Record<string, FileSpec>;
  /** Files under the fake system root (managed settings, /etc/environment). */
  system?: Record<string, FileSpec>;
  /** Extra environment, on top of HOME and PATH. */
  env?: Record<string, string>;
  /** A fake `claude` on PATH printing this version; null for none. */
  claude?: FakeClaude | null;
}

export interface FakeClaude {
  version?: string;
  /** Raw shell body instead of printing the version. */
  script?: string;
}

export type FixtureOptions = Partial<RunOptions> & {
  platform?: Platform;
  env?: Env;
  now?: Date;
  nodeVersion?: string;
  uid?: number | null;
};

export interface Fixture {
  root: string;
  home: string;
  project: string;
  bin: string;
  system: string;
  env: Record<string, string>;
  context(options?: FixtureOptions): Context;
  /** The world that context looks at (this machine, the fixture home), to change in a test. */
  world(options?: FixtureOptions): World;
}

const created: string[] = [];
afterEach(() => {
  while (created.length) rmSync(created.pop()!, { recursive: true, force: true });
});

/** Every host of the network check at a local port nothing listens on (port 9, discard). */
export const NO_HOSTS =
  'api=http://127.0.0.1:9/api,sign-in=http://127.0.0.1:9/sign-in,console=http://127.0.0.1:9/console';

const PRIVATE_FILES = new Set(['.credentials.json', '.claude.json']);

export function writeFiles(base: string, files: Record<string, FileSpec>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(base, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    // Claude Code writes its credential files private (0600); so do fixtures.
    const mode = PRIVATE_FILES.has(path.basename(file)) ? 0o600 : 0o644;
    writeFileSync(
      file,
      typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
      { mode },
    );
    chmodSync(file, mode);
  }
}

export function writeFakeClaude(bin: string, fake: FakeClaude, name = 'claude'): string {
  mkdirSync(bin, { recursive: true });
  const file = path.join(bin, name);
  const body = fake.script ?? `echo "${fake.version ?? '2.1.331'} (Claude Code)"`;
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

export function makeFixture(spec: FixtureSpec = {}): Fixture {
  const root = mkdtempSync(path.join(tmpdir(), 'cad-'));
  created.push(root);
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  const bin = path.join(root, 'bin');
  const system = path.join(root, 'system');
  for (const dir of [home, project, bin, system]) mkdirSync(dir, { recursive: true });
  writeFiles(home, spec.home ?? {});
  writeFiles(project, spec.project ?? {});
  writeFiles(system, spec.system ?? {});
  if (spec.claude !== null) writeFakeClaude(bin, spec.claude ?? {});
  // The npm prefix and system root point into the fixture, so no run (in-process or the
  // built bin) ever looks at this machine's global installs.
  // Online runs (the network check) go to a closed local port, never to Anthropic.
  const env = {
    HOME: home,
    PATH: bin,
    npm_config_prefix: path.join(root, 'npm-global'),
    CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT: system,
    CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: NO_HOSTS,
    ...spec.env,
  };
  return {
    root,
    home,
    project,
    bin,
    system,
    env,
    context(options = {}) {
      return new Context(init(options));
    },
    world(options = {}) {
      return nodeWorld(init(options));
    },
  };

  function init(options: FixtureOptions): ContextInit {
    return {
      env: options.env ?? env,
      cwd: project,
      platform: options.platform ?? 'linux',
      arch: 'x64',
      nodeVersion: options.nodeVersion ?? '20.20.2',
      systemRoot: system,
      execPath: path.join(root, 'node', 'bin', 'node'),
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.now ? { now: () => options.now! } : {}),
      options: {
        expect: options.expect ?? 'auto',
        offline: options.offline ?? true,
        timeoutMs: options.timeoutMs ?? 3000,
        verbose: options.verbose ?? false,
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.registry ? { registry: options.registry } : {}),
        askClaude: options.askClaude ?? false,
        verify: options.verify ?? false,
        ...(options.shellMode ? { shellMode: options.shellMode } : {}),
        ...(options.traceShell ? { traceShell: true } : {}),
        ...(options.verifyBaseUrl ? { verifyBaseUrl: options.verifyBaseUrl } : {}),
      },
    };
  }
}

// Building blocks for fixture homes.

export const FUTURE = Date.parse('2099-01-01T00:00:00Z');
export const PAST = Date.parse('2020-01-01T00:00:00Z');

export function credentialsFile(overrides: Record<string, unknown> = {}): object {
  return {
    claudeAiOauth: {
      accessToken: KEYS.accessToken,
      refreshToken: KEYS.refreshToken,
      expiresAt: FUTURE,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_20x',
      ...overrides,
    },
  };
}

export const SUBSCRIPTION_ACCOUNT = {
  emailAddress: 'ada@example.com',
  organizationUuid: '11111111-2222-3333-4444-555555555555',
  organizationName: 'Ada Org',
  billingType: 'stripe_subscription',
};

/** A home with a Max 20x login, as `/login` leaves it. */
export function subscriptionHome(extra: Record<string, FileSpec> = {}): Record<string, FileSpec> {
  return {
    '.claude/.credentials.json': credentialsFile(),
    '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, installMethod: 'native' },
    ...extra,
  };
}

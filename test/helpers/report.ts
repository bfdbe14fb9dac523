import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { collectReport } from '../../src/doctor.js';
import type { CheckSetting } from '../../src/config/resolve.js';
import type { ExpectOption } from '../../src/context.js';
import type { Report } from '../../src/types.js';
import {
  credentialsFile,
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  writeFakeClaude,
  type Fixture,
} from './fixture.js';
import { KEYS } from './secrets.js';

export const NOW = new Date('2026-11-25T09:12:44.120Z');

export interface ReportWorld {
  hostname?: string;
  osRelease?: string;
  execPath?: string;
  expect?: ExpectOption;
  /** The configuration's `checks` settings. */
  checkSettings?: Record<string, CheckSetting>;
  /** --trace-shell and --shell-mode. */
  traceShell?: boolean;
  shellMode?: 'login' | 'interactive';
}

/** A report built in-process against a fixture, with a fixed clock and machine, so output is stable. */
export async function reportFor(fixture: Fixture, world: ReportWorld = {}): Promise<Report> {
  const { report } = await collectReport(
    {
      env: fixture.env,
      cwd: fixture.project,
      platform: 'linux',
      arch: 'x64',
      nodeVersion: '20.20.2',
      systemRoot: fixture.system,
      now: () => NOW,
      osRelease: world.osRelease ?? '6.8.0-49-generic',
      hostname: world.hostname ?? 'fixture-host',
      ...(world.execPath ? { execPath: world.execPath } : {}),
    },
    {
      expect: world.expect ?? 'auto',
      offline: true,
      timeoutMs: 3000,
      verbose: false,
      only: [],
      skip: [],
      live: false,
      ...(world.checkSettings ? { checkSettings: world.checkSettings } : {}),
      ...(world.traceShell ? { traceShell: true } : {}),
      ...(world.shellMode ? { shellMode: world.shellMode } : {}),
    },
  );
  return report;
}

/**
 * A fixture that fills every optional field of the report: WSL in a container over SSH under
 * CI in a VS Code terminal, two `claude`s on PATH (one through a symlink), an env key from
 * .zshrc and a login without the inference scope.
 */
export function richFixture(): Fixture {
  const fixture = makeFixture({
    home: {
      '.claude/.credentials.json': credentialsFile({ scopes: ['user:profile'] }),
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT },
      '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
    },
    system: {
      'etc/os-release': 'NAME="Ubuntu"\nVERSION_ID="24.04"\nPRETTY_NAME="Ubuntu 24.04.1 LTS"\n',
      'proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@1234) #1 SMP\n',
      '.dockerenv': '',
    },
    env: {
      ANTHROPIC_API_KEY: KEYS.apiKey,
      SHELL: '/usr/bin/zsh',
      TERM_PROGRAM: 'vscode',
      TERM_PROGRAM_VERSION: '1.95.3',
      SSH_CONNECTION: '203.0.113.7 52144 198.51.100.2 22',
      GITHUB_ACTIONS: 'true',
      npm_config_user_agent: 'npm/10.9.2 node/v20.20.2 linux x64 workspaces/false',
    },
  });
  const old = writeFakeClaude(path.join(fixture.root, 'opt', 'claude-old'), { version: '2.1.197' });
  const linkDir = path.join(fixture.root, 'bin2');
  mkdirSync(linkDir, { recursive: true });
  symlinkSync(old, path.join(linkDir, 'claude'));
  fixture.env.PATH = `${fixture.bin}:${linkDir}`;
  return fixture;
}

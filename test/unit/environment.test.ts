import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Context, type Platform } from '../../src/context.js';
import { ciOf, environmentFacts, terminalOf } from '../../src/sources/environment.js';
import { makeFixture, type FixtureSpec } from '../helpers/fixture.js';
import { richFixture } from '../helpers/report.js';

function contextFor(
  spec: FixtureSpec,
  init: { platform?: Platform; osRelease?: string; execPath?: (root: string) => string } = {},
) {
  const fixture = makeFixture(spec);
  return new Context({
    env: fixture.env,
    cwd: fixture.project,
    platform: init.platform ?? 'linux',
    arch: 'x64',
    nodeVersion: '20.20.2',
    systemRoot: fixture.system,
    ...(init.osRelease ? { osRelease: init.osRelease } : {}),
    ...(init.execPath ? { execPath: init.execPath(fixture.root) } : {}),
    options: { expect: 'auto', offline: true, timeoutMs: 3000, verbose: false },
  });
}

describe('environment facts for reports', () => {
  it.each([
    [
      { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.4', TERM: 'xterm-256color' },
      'iTerm.app 3.5.4',
    ],
    [{ TERM_PROGRAM: 'vscode' }, 'vscode'],
    [{ TERMINAL_EMULATOR: 'JetBrains-JediTerm', TERM: 'xterm' }, 'JetBrains-JediTerm'],
    [{ WT_SESSION: 'b3c1', TERM: 'xterm' }, 'Windows Terminal'],
    [{ TERM: 'xterm-256color' }, 'TERM=xterm-256color'],
    [{}, null],
  ])('terminal from %j is %j', (env, terminal) => {
    expect(terminalOf(env)).toBe(terminal);
  });

  it.each([
    [{ GITHUB_ACTIONS: 'true', CI: 'true' }, 'GitHub Actions'],
    [{ GITLAB_CI: 'true' }, 'GitLab CI'],
    [{ CI: '1' }, 'CI'],
    [{ CI: 'false' }, null],
    [{}, null],
  ])('CI from %j is %j', (env, ci) => {
    expect(ciOf(env)).toBe(ci);
  });

  it.each([
    [
      'linux',
      { 'etc/os-release': 'PRETTY_NAME="Fedora Linux 41"\nNAME="Fedora Linux"\nVERSION_ID=41\n' },
      { name: 'Fedora Linux', version: '41', kernel: '6.11.4' },
    ],
    ['linux', {}, { name: 'Linux', version: null, kernel: '6.11.4' }],
    [
      'darwin',
      {
        'System/Library/CoreServices/SystemVersion.plist':
          '<dict>\n\t<key>ProductVersion</key>\n\t<string>14.5</string>\n</dict>',
      },
      { name: 'macOS', version: '14.5', kernel: '6.11.4' },
    ],
    ['win32', {}, { name: 'Windows', version: '6.11.4', kernel: null }],
  ] as const)('reads the OS on %s from %j', async (platform, system, os) => {
    const facts = await environmentFacts(contextFor({ system }, { platform, osRelease: '6.11.4' }));
    expect(facts.os).toEqual(os);
  });

  it("reads npm's version without running npm: npx's user agent first, then npm beside Node", async () => {
    const agent = contextFor({
      env: { npm_config_user_agent: 'npm/10.9.2 node/v20.20.2 linux x64 workspaces/false' },
    });
    expect((await environmentFacts(agent)).npm).toBe('10.9.2');
    const besideNode = contextFor(
      {
        home: { 'node/lib/node_modules/npm/package.json': { name: 'npm', version: '10.8.1' } },
        env: { npm_config_user_agent: 'pnpm/9.1.0 npm/? node/v20' },
      },
      { execPath: (root) => path.join(root, 'home', 'node', 'bin', 'node') },
    );
    expect((await environmentFacts(besideNode)).npm).toBe('10.8.1');
    expect((await environmentFacts(contextFor({}))).npm).toBeNull();
  });

  it.each([
    ['nothing', {}, {}, { wsl: false, container: false, ci: null, ssh: false }],
    [
      '/proc/version naming Microsoft',
      { 'proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2' },
      {},
      { wsl: true, container: false, ci: null, ssh: false },
    ],
    [
      'WSL_DISTRO_NAME, /run/.containerenv and SSH_CLIENT',
      { 'run/.containerenv': '' },
      { WSL_DISTRO_NAME: 'Ubuntu', SSH_CLIENT: '10.0.0.1 5000 22' },
      { wsl: true, container: true, ci: null, ssh: true },
    ],
    [
      '/.dockerenv and CI',
      { '.dockerenv': '' },
      { CI: 'true' },
      { wsl: false, container: true, ci: 'CI', ssh: false },
    ],
  ])('detects WSL, containers, CI and SSH from %s', async (_, system, env, detected) => {
    expect((await environmentFacts(contextFor({ system, env }))).detected).toEqual(detected);
  });

  it('lists every claude on PATH in order, the first one running, with where symlinks lead', async () => {
    const fixture = richFixture();
    const facts = await environmentFacts(fixture.context());
    expect(facts.claudeInstalls).toEqual([
      {
        path: path.join(fixture.bin, 'claude'),
        version: '2.1.331',
        installMethod: 'unknown',
        runs: true,
      },
      {
        path: path.join(fixture.root, 'bin2', 'claude'),
        realPath: path.join(fixture.root, 'opt', 'claude-old', 'claude'),
        version: '2.1.197',
        installMethod: 'unknown',
        runs: false,
      },
    ]);
  });
});

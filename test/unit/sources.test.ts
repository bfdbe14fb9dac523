import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/context.js';
import { keychainServices } from '../../src/platform/paths.js';
import { shellAssignments, startupFiles } from '../../src/sources/shell-files.js';
import { storedLogins } from '../../src/sources/stored-login.js';
import { whereSet } from '../../src/where-set.js';
import { makeFixture, writeFakeClaude } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Sources per platform; every platform runs here on Linux by injecting it into the context.

const PS_SET = `[Environment]::SetEnvironmentVariable("ANTHROPIC_API_KEY", "${KEYS.apiKey}", "User")\n`;
const PS_ENV = `# profile\n$env:ANTHROPIC_AUTH_TOKEN = "${KEYS.authToken}"\n`;

async function found(
  platform: Platform,
  home: Record<string, string>,
  system: Record<string, string> = {},
) {
  const fixture = makeFixture({ home, system });
  const assignments = await shellAssignments(fixture.context({ platform }));
  expectNoSecret(JSON.stringify(assignments));
  return assignments.map((a) => `${a.name} ${a.source}`);
}

describe('startup files per platform', () => {
  it('reads PowerShell 7 profiles under ~/.config/powershell on Linux and macOS', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(
        await found(platform, {
          '.config/powershell/Microsoft.PowerShell_profile.ps1': PS_ENV,
          'Documents/PowerShell/profile.ps1': PS_SET,
        }),
      ).toEqual([
        'ANTHROPIC_AUTH_TOKEN file:~/.config/powershell/Microsoft.PowerShell_profile.ps1:2',
      ]);
    }
  });

  it('reads Documents\\PowerShell and Documents\\WindowsPowerShell on Windows, and no /etc files', async () => {
    const result = await found(
      'win32',
      {
        'Documents/PowerShell/Microsoft.PowerShell_profile.ps1': PS_ENV,
        'Documents/WindowsPowerShell/profile.ps1': PS_SET,
        '.config/powershell/profile.ps1': PS_SET,
      },
      { 'etc/environment': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` },
    );
    expect(result).toEqual([
      'ANTHROPIC_AUTH_TOKEN file:~/Documents/PowerShell/Microsoft.PowerShell_profile.ps1:2',
      'ANTHROPIC_API_KEY file:~/Documents/WindowsPowerShell/profile.ps1:1',
    ]);
  });

  it('reads /etc/environment, pam and systemd files on Linux', async () => {
    const result = await found(
      'linux',
      {
        '.pam_environment': `ANTHROPIC_API_KEY DEFAULT="${KEYS.apiKey}"\n`,
        '.config/environment.d/50-claude.conf': `ANTHROPIC_BASE_URL=https://proxy.example.com\n`,
      },
      {
        'etc/environment': `CLAUDE_CODE_USE_BEDROCK=1\n`,
        'etc/profile.d/claude.sh': `export ANTHROPIC_API_KEY=${KEYS.apiKey2}\n`,
      },
    );
    // Shell files first (in the order shells read them), then the session's environment files.
    expect(result.map((r) => r.replace(/file:\/.*\/system\//, 'file:/'))).toEqual([
      'ANTHROPIC_API_KEY file:/etc/profile.d/claude.sh:1',
      'ANTHROPIC_API_KEY file:~/.pam_environment:1',
      'ANTHROPIC_BASE_URL file:~/.config/environment.d/50-claude.conf:1',
      'CLAUDE_CODE_USE_BEDROCK file:/etc/environment:1',
    ]);
  });

  it('honours ZDOTDIR and XDG_CONFIG_HOME', async () => {
    const fixture = makeFixture({
      home: {
        'zdot/.zshenv': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
        'xdg/fish/config.fish': 'set -Ux CLAUDE_CODE_USE_VERTEX 1\n',
      },
    });
    const ctx = fixture.context({
      env: {
        ...fixture.env,
        ZDOTDIR: `${fixture.home}/zdot`,
        XDG_CONFIG_HOME: `${fixture.home}/xdg`,
      },
    });
    expect((await shellAssignments(ctx)).map((a) => a.source).sort()).toEqual([
      'file:~/xdg/fish/config.fish:1',
      'file:~/zdot/.zshenv:1',
    ]);
  });
});

describe('project env files', () => {
  it('reads .env only beside the .envrc that loads it, with the loading line, up to the git root', async () => {
    const fixture = makeFixture({
      home: { 'project/.git/HEAD': 'ref: main\n' },
      project: {
        'app/.envrc': 'use node\ndotenv .env.app\n',
        'app/.env.app': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
        '.env': `ANTHROPIC_AUTH_TOKEN=${KEYS.authToken}\n`,
      },
    });
    const ctx = fixture.context();
    const cwd = `${fixture.project}/app`;
    const { Context } = await import('../../src/context.js');
    const inApp = new Context({
      env: ctx.env,
      cwd,
      platform: 'linux',
      arch: 'x64',
      nodeVersion: '20.20.2',
      systemRoot: fixture.system,
      options: ctx.options,
    });
    const files = await startupFiles(inApp);
    expect(
      files
        .filter((f) => f.kind === 'project')
        .map((f) => [inApp.display(f.path), f.dialect, f.loadedBy ?? null]),
    ).toEqual([
      ['~/project/app/.envrc', 'posix', null],
      ['~/project/app/.env.app', 'dotenv', 'file:~/project/app/.envrc:2'],
      ['~/project/.env', 'dotenv', null],
    ]);
  });
});

describe('whereSet and env files', () => {
  it('counts a direnv-loaded .env with a computed value, and an unloaded one only on an exact match', async () => {
    const env = { ANTHROPIC_API_KEY: KEYS.apiKey };
    const loaded = makeFixture({
      project: { '.envrc': 'dotenv\n', '.env': 'ANTHROPIC_API_KEY=${SECRET_FROM_VAULT}\n' },
      env,
    });
    const where = await whereSet(loaded.context(), 'ANTHROPIC_API_KEY');
    expect(where.evidence.map((e) => [e.source, e.detail])).toEqual([
      ['env:ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY is set in this shell (value ending in AK01)'],
      [
        'file:~/project/.env:1',
        'sets ANTHROPIC_API_KEY (computed value), loaded by ~/project/.envrc:1',
      ],
    ]);
    expect(where.removal.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${loaded.project}/.env`,
        line: 1,
        name: 'ANTHROPIC_API_KEY',
        dialect: 'dotenv',
        computed: true,
        owner: 'project',
        loadedBy: '~/project/.envrc:1',
      },
    ]);
    const unloaded = makeFixture({
      project: { '.env': 'ANTHROPIC_API_KEY=${SECRET_FROM_VAULT}\n' },
      env,
    });
    expect(
      (await whereSet(unloaded.context(), 'ANTHROPIC_API_KEY')).evidence.map((e) => e.source),
    ).toEqual(['env:ANTHROPIC_API_KEY', 'env:ANTHROPIC_API_KEY']);
  });
});

describe('Claude Code paths per platform', () => {
  // Paths per platform, with each platform's own path rules: test/unit/world-paths.test.ts.
  it('suffixes the Keychain service whenever CLAUDE_CONFIG_DIR is set, trailing slash included', async () => {
    const fixture = makeFixture();
    const service = async (dir?: string) =>
      (
        await keychainServices(
          fixture.context({
            platform: 'darwin',
            env: { ...fixture.env, ...(dir === undefined ? {} : { CLAUDE_CONFIG_DIR: dir }) },
          }),
        )
      ).subscription;
    expect(await service()).toBe('Claude Code-credentials');
    // The first 8 hex digits of sha256('/Users/a/.claude'), as Claude Code names the entry.
    expect(await service('/Users/a/.claude')).toBe('Claude Code-credentials-523c3e50');
    expect(await service('/Users/a/.claude')).not.toBe(await service('/Users/a/.claude/'));
  });

  it('on macOS prefers the Keychain and reports a stale plaintext file; elsewhere reads the file', async () => {
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': {
          claudeAiOauth: { accessToken: KEYS.accessToken, scopes: ['user:inference'] },
        },
      },
    });
    writeFakeClaude(
      fixture.bin,
      { script: '[ "$3" = "Claude Code-credentials" ] && exit 0\nexit 44' },
      'security',
    );
    const mac = await storedLogins(fixture.context({ platform: 'darwin' }));
    expect(mac.subscription?.source).toBe('keychain:Claude Code-credentials');
    expect(mac.staleFile).toBe(`${fixture.home}/.claude/.credentials.json`);
    const linux = await storedLogins(fixture.context({ platform: 'linux' }));
    expect(linux.subscription?.source).toBe('file:~/.claude/.credentials.json#claudeAiOauth');
    const windows = await storedLogins(
      fixture.context({ platform: 'win32', env: { USERPROFILE: fixture.home, PATH: fixture.bin } }),
    );
    expect(windows.subscription?.source).toBe('file:~/.claude/.credentials.json#claudeAiOauth');
  });
});

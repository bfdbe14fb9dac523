import { describe, expect, it } from 'vitest';
import type { Env, Platform } from '../../src/context.js';
import {
  claudePaths,
  defaultClaudePaths,
  powershellProfileDirs,
  systemStartupFiles,
  toolStateDir,
} from '../../src/platform/paths.js';
import { settingsFiles } from '../../src/sources/settings.js';
import { storedLogins } from '../../src/sources/stored-login.js';
import { memoryContext, type MemoryWorldSpec } from '../helpers/memory-world.js';
import { credentialsFile } from '../helpers/fixture.js';

// Platform paths over in-memory worlds, table-driven: each case is a platform, an environment
// and what the doctor must conclude, with that platform's own path rules (path.win32 for
// Windows: drive letters, backslashes, case-insensitive names), on whatever machine runs this.

const WIN_HOME = 'C:\\Users\\ada';
const WIN: Env = { USERPROFILE: WIN_HOME, LOCALAPPDATA: `${WIN_HOME}\\AppData\\Local` };
const MAC: Env = { HOME: '/Users/ada' };
const LINUX: Env = { HOME: '/home/ada' };

interface Case {
  name: string;
  platform: Platform;
  env: Env;
  cwd?: string;
  homedir?: string;
  want: string | string[] | null;
}

const ctxFor = (c: Omit<Case, 'want' | 'name'>, spec: Partial<MemoryWorldSpec> = {}) =>
  memoryContext({
    platform: c.platform,
    env: c.env,
    ...(c.cwd ? { cwd: c.cwd } : {}),
    ...(c.homedir ? { homedir: c.homedir } : {}),
    ...spec,
  });

describe('home directory', () => {
  const cases: Case[] = [
    {
      name: 'Windows: USERPROFILE over HOME',
      platform: 'win32',
      env: { ...WIN, HOME: '/h' },
      want: WIN_HOME,
    },
    {
      name: 'Windows: HOME without USERPROFILE',
      platform: 'win32',
      env: { HOME: 'D:\\home' },
      want: 'D:\\home',
    },
    {
      name: 'Windows: neither, the OS home',
      platform: 'win32',
      env: {},
      homedir: 'C:\\Users\\os',
      want: 'C:\\Users\\os',
    },
    {
      name: 'macOS: HOME, never USERPROFILE',
      platform: 'darwin',
      env: { ...MAC, USERPROFILE: 'C:\\x' },
      want: '/Users/ada',
    },
    {
      name: 'Linux: empty HOME, the OS home',
      platform: 'linux',
      env: { HOME: '' },
      homedir: '/home/os',
      want: '/home/os',
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(ctxFor(c).home).toBe(c.want);
  });
});

describe('Claude Code config directory and files', () => {
  const cases: Array<
    Case & {
      file:
        | 'configDir'
        | 'credentials'
        | 'userSettings'
        | 'projectSettings'
        | 'managedSettings'
        | 'globalConfig';
    }
  > = [
    {
      name: 'Windows default',
      platform: 'win32',
      env: WIN,
      file: 'configDir',
      want: 'C:\\Users\\ada\\.claude',
    },
    {
      name: 'Windows credentials file',
      platform: 'win32',
      env: WIN,
      file: 'credentials',
      want: 'C:\\Users\\ada\\.claude\\.credentials.json',
    },
    {
      name: 'Windows .claude.json beside the config dir',
      platform: 'win32',
      env: WIN,
      file: 'globalConfig',
      want: 'C:\\Users\\ada\\.claude.json',
    },
    {
      name: 'Windows CLAUDE_CONFIG_DIR on another drive',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: 'D:\\claude' },
      file: 'credentials',
      want: 'D:\\claude\\.credentials.json',
    },
    {
      name: 'Windows CLAUDE_CONFIG_DIR with forward slashes',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: 'C:/Users/ada/cfg' },
      file: 'userSettings',
      want: 'C:\\Users\\ada\\cfg\\settings.json',
    },
    {
      name: 'Windows CLAUDE_CONFIG_DIR relative to the project',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: '..\\cfg' },
      cwd: 'C:\\work\\app',
      file: 'configDir',
      want: 'C:\\work\\cfg',
    },
    {
      name: 'Windows CLAUDE_CONFIG_DIR empty: the project directory',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: '' },
      cwd: 'C:\\work\\app',
      file: 'configDir',
      want: 'C:\\work\\app',
    },
    {
      name: 'Windows moved config dir keeps .claude.json in it',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: 'D:\\claude' },
      file: 'globalConfig',
      want: 'D:\\claude\\.claude.json',
    },
    {
      name: 'Windows CLAUDE_SECURESTORAGE_CONFIG_DIR moves credentials only',
      platform: 'win32',
      env: { ...WIN, CLAUDE_SECURESTORAGE_CONFIG_DIR: 'E:\\secure' },
      file: 'credentials',
      want: 'E:\\secure\\.credentials.json',
    },
    {
      name: 'Windows project settings',
      platform: 'win32',
      env: WIN,
      cwd: 'C:\\work\\app',
      file: 'projectSettings',
      want: 'C:\\work\\app\\.claude\\settings.json',
    },
    {
      name: 'Windows managed settings',
      platform: 'win32',
      env: WIN,
      file: 'managedSettings',
      want: 'C:\\Program Files\\ClaudeCode\\managed-settings.json',
    },
    {
      name: 'macOS default',
      platform: 'darwin',
      env: MAC,
      file: 'credentials',
      want: '/Users/ada/.claude/.credentials.json',
    },
    {
      name: 'macOS managed settings',
      platform: 'darwin',
      env: MAC,
      file: 'managedSettings',
      want: '/Library/Application Support/ClaudeCode/managed-settings.json',
    },
    {
      name: 'macOS CLAUDE_CONFIG_DIR relative',
      platform: 'darwin',
      env: { ...MAC, CLAUDE_CONFIG_DIR: 'cfg' },
      cwd: '/Users/ada/app',
      file: 'configDir',
      want: '/Users/ada/app/cfg',
    },
    {
      name: 'Linux managed settings',
      platform: 'linux',
      env: LINUX,
      file: 'managedSettings',
      want: '/etc/claude-code/managed-settings.json',
    },
  ];
  it.each(cases)('$name', (c) => {
    const paths = claudePaths(ctxFor(c));
    const got = c.file === 'globalConfig' ? paths.globalConfigCandidates[1] : paths[c.file];
    expect(got).toBe(c.want);
  });

  it.each<Case>([
    {
      name: 'Windows',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: 'D:\\x' },
      want: [
        'C:\\Users\\ada\\.claude',
        'C:\\Users\\ada\\.claude.json',
        'C:\\Users\\ada\\.claude\\.credentials.json',
      ],
    },
    {
      name: 'macOS',
      platform: 'darwin',
      env: MAC,
      want: [
        '/Users/ada/.claude',
        '/Users/ada/.claude.json',
        '/Users/ada/.claude/.credentials.json',
      ],
    },
  ])('default (unmoved) paths on $name', (c) => {
    expect(Object.values(defaultClaudePaths(ctxFor(c)))).toEqual(c.want);
  });
});

describe("the doctor's cache and state directories", () => {
  const state: Case[] = [
    {
      name: 'Windows: LOCALAPPDATA',
      platform: 'win32',
      env: WIN,
      want: 'C:\\Users\\ada\\AppData\\Local\\claude-auth-doctor',
    },
    {
      name: 'Windows: no LOCALAPPDATA',
      platform: 'win32',
      env: { USERPROFILE: WIN_HOME },
      want: 'C:\\Users\\ada\\AppData\\Local\\claude-auth-doctor',
    },
    {
      name: 'Windows: XDG_STATE_HOME wins',
      platform: 'win32',
      env: { ...WIN, XDG_STATE_HOME: 'D:\\state' },
      want: 'D:\\state\\claude-auth-doctor',
    },
    {
      name: 'macOS',
      platform: 'darwin',
      env: MAC,
      want: '/Users/ada/Library/Application Support/claude-auth-doctor',
    },
    {
      name: 'Linux',
      platform: 'linux',
      env: LINUX,
      want: '/home/ada/.local/state/claude-auth-doctor',
    },
    {
      name: 'Linux: XDG_STATE_HOME',
      platform: 'linux',
      env: { ...LINUX, XDG_STATE_HOME: '/xdg/state' },
      want: '/xdg/state/claude-auth-doctor',
    },
  ];
  it.each(state)('state: $name', (c) => {
    expect(toolStateDir(ctxFor(c))).toBe(c.want);
  });

  const cache: Case[] = [
    {
      name: 'Windows: LOCALAPPDATA',
      platform: 'win32',
      env: WIN,
      want: 'C:\\Users\\ada\\AppData\\Local\\claude-auth-doctor',
    },
    {
      name: 'Windows: no LOCALAPPDATA',
      platform: 'win32',
      env: { USERPROFILE: WIN_HOME },
      want: 'C:\\Users\\ada\\AppData\\Local\\claude-auth-doctor',
    },
    {
      name: 'Windows: an absolute XDG_CACHE_HOME with a drive letter',
      platform: 'win32',
      env: { ...WIN, XDG_CACHE_HOME: 'D:\\cache' },
      want: 'D:\\cache\\claude-auth-doctor',
    },
    {
      name: 'Windows: a relative XDG_CACHE_HOME is ignored',
      platform: 'win32',
      env: { ...WIN, XDG_CACHE_HOME: 'cache' },
      want: 'C:\\Users\\ada\\AppData\\Local\\claude-auth-doctor',
    },
    {
      name: 'macOS',
      platform: 'darwin',
      env: MAC,
      want: '/Users/ada/Library/Caches/claude-auth-doctor',
    },
    { name: 'Linux', platform: 'linux', env: LINUX, want: '/home/ada/.cache/claude-auth-doctor' },
    { name: 'Linux without a home', platform: 'linux', env: {}, want: null },
  ];
  it.each(cache)('cache: $name', (c) => {
    expect(ctxFor(c).cacheDir).toBe(c.want);
  });
});

describe('PowerShell profiles and system startup files', () => {
  it.each<Case>([
    {
      name: 'Windows: Documents\\PowerShell (7) and WindowsPowerShell (5.1)',
      platform: 'win32',
      env: WIN,
      want: [
        'C:\\Users\\ada\\Documents\\PowerShell',
        'C:\\Users\\ada\\Documents\\WindowsPowerShell',
      ],
    },
    {
      name: 'macOS: ~/.config/powershell',
      platform: 'darwin',
      env: MAC,
      want: ['/Users/ada/.config/powershell'],
    },
    {
      name: 'Linux: XDG_CONFIG_HOME',
      platform: 'linux',
      env: { ...LINUX, XDG_CONFIG_HOME: '/xdg' },
      want: ['/xdg/powershell'],
    },
  ])('$name', (c) => {
    expect(powershellProfileDirs(ctxFor(c))).toEqual(c.want);
  });

  it.each<Case>([
    { name: 'Windows keeps them in the registry', platform: 'win32', env: WIN, want: [] },
    { name: 'macOS', platform: 'darwin', env: MAC, want: ['/etc/environment'] },
  ])('/etc/environment: $name', (c) => {
    expect(systemStartupFiles(ctxFor(c)).environment).toEqual(c.want);
  });
});

describe('home-relative display of paths', () => {
  const cases: Array<Case & { file: string }> = [
    {
      name: 'Windows: a file in home',
      platform: 'win32',
      env: WIN,
      file: 'C:\\Users\\ada\\.claude\\settings.json',
      want: '~/.claude/settings.json',
    },
    { name: 'Windows: home itself', platform: 'win32', env: WIN, file: WIN_HOME, want: '~' },
    {
      name: 'Windows: names differ only in case',
      platform: 'win32',
      env: WIN,
      file: 'c:\\users\\ADA\\.claude.json',
      want: '~/.claude.json',
    },
    {
      name: 'Windows: forward slashes',
      platform: 'win32',
      env: WIN,
      file: 'C:/Users/ada/Documents/PowerShell/profile.ps1',
      want: '~/Documents/PowerShell/profile.ps1',
    },
    {
      name: 'Windows: another drive',
      platform: 'win32',
      env: WIN,
      file: 'D:\\Users\\ada\\x',
      want: 'D:\\Users\\ada\\x',
    },
    {
      name: 'Windows: a sibling whose name starts like home',
      platform: 'win32',
      env: WIN,
      file: 'C:\\Users\\adam\\x',
      want: 'C:\\Users\\adam\\x',
    },
    {
      name: 'macOS: a file in home',
      platform: 'darwin',
      env: MAC,
      file: '/Users/ada/.zshrc',
      want: '~/.zshrc',
    },
    {
      name: 'macOS: outside home',
      platform: 'darwin',
      env: MAC,
      file: '/Users/other/.zshrc',
      want: '/Users/other/.zshrc',
    },
    {
      name: 'Linux: a dot-dot name inside home',
      platform: 'linux',
      env: LINUX,
      file: '/home/ada/..hidden',
      want: '~/..hidden',
    },
    {
      name: 'Linux: the parent of home',
      platform: 'linux',
      env: LINUX,
      file: '/home',
      want: '/home',
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(ctxFor(c).display(c.file)).toBe(c.want);
  });
});

describe('programs on PATH', () => {
  it.each<Case & { path: string; executables: string[] }>([
    {
      name: 'Windows: ; separated, extensions tried, relative entries skipped',
      platform: 'win32',
      env: WIN,
      path: 'C:\\Tools;bin;D:\\npm',
      executables: ['C:\\Tools\\claude.exe', 'C:\\work\\bin\\claude.exe', 'D:\\npm\\claude.cmd'],
      want: ['C:\\Tools\\claude.exe', 'D:\\npm\\claude.cmd'],
    },
    {
      name: 'macOS: : separated',
      platform: 'darwin',
      env: MAC,
      path: '/opt/homebrew/bin:/usr/local/bin',
      executables: ['/usr/local/bin/claude'],
      want: ['/usr/local/bin/claude'],
    },
  ])('$name', async (c) => {
    const files = Object.fromEntries(
      c.executables.map((file) => [file, { text: '', executable: true }]),
    );
    const ctx = ctxFor({ ...c, env: { ...c.env, PATH: c.path }, cwd: 'C:\\work' }, { files });
    expect(await ctx.which('claude')).toEqual(c.want);
  });
});

describe('sources on an in-memory world', () => {
  it.each<Case & { files: Record<string, string> }>([
    {
      name: 'Windows',
      platform: 'win32',
      env: WIN,
      files: { 'C:\\Users\\ada\\.claude\\.credentials.json': JSON.stringify(credentialsFile()) },
      want: 'file:~/.claude/.credentials.json#claudeAiOauth',
    },
    {
      name: 'Windows with CLAUDE_CONFIG_DIR on another drive',
      platform: 'win32',
      env: { ...WIN, CLAUDE_CONFIG_DIR: 'D:\\claude' },
      files: { 'D:\\claude\\.credentials.json': JSON.stringify(credentialsFile()) },
      want: 'file:D:\\claude\\.credentials.json#claudeAiOauth',
    },
  ])('finds the stored login on $name', async (c) => {
    const logins = await storedLogins(ctxFor(c, { files: c.files }));
    expect(logins.subscription?.source).toBe(c.want);
  });

  it('reads Windows managed settings and the managed-settings.d drop-ins', async () => {
    const ctx = ctxFor(
      { platform: 'win32', env: WIN },
      {
        files: {
          'C:\\Program Files\\ClaudeCode\\managed-settings.json': '{"forceLoginMethod":"claudeai"}',
          'C:\\Program Files\\ClaudeCode\\managed-settings.d\\10-team.json': '{"env":{"A":"1"}}',
        },
      },
    );
    const settings = await settingsFiles(ctx);
    expect(settings.map((s) => [s.scope, ctx.display(s.file.path)])).toEqual([
      ['managed', 'C:\\Program Files\\ClaudeCode\\managed-settings.json'],
      ['managed', 'C:\\Program Files\\ClaudeCode\\managed-settings.d\\10-team.json'],
    ]);
  });
});

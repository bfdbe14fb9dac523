import { describe, expect, it } from 'vitest';
import type { Env, Platform } from '../../src/context.js';
import { claudeInstalls, updateCommandFor } from '../../src/sources/claude-install.js';
import { npmGlobalPrefix } from '../../src/sources/npm-config.js';
import { memoryContext } from '../helpers/memory-world.js';

// Where each installer puts a `claude` that runs, and what the doctor calls it, per platform,
// over in-memory worlds with that platform's path rules.

const HOME = 'C:\\Users\\ada';
const WIN: Env = {
  USERPROFILE: HOME,
  APPDATA: `${HOME}\\AppData\\Roaming`,
  LOCALAPPDATA: `${HOME}\\AppData\\Local`,
};
const NODE = 'C:\\Program Files\\nodejs\\node.exe';
// npm's own builtin configuration on Windows: global installs go to %APPDATA%\npm.
const BUILTIN_NPMRC = 'C:\\Program Files\\nodejs\\node_modules\\npm\\npmrc';

interface Case {
  name: string;
  platform: Platform;
  env: Env;
  /** The executable, and any other files of the world. */
  file: string;
  files?: Record<string, string>;
  onPath?: boolean;
  method: string;
  update?: string;
}

const cases: Case[] = [
  {
    name: 'Windows native installer (~\\.local\\bin\\claude.exe)',
    platform: 'win32',
    env: WIN,
    file: `${HOME}\\.local\\bin\\claude.exe`,
    method: 'native',
    update: 'claude update',
  },
  {
    name: "Windows npm global, the default prefix from npm's builtin npmrc",
    platform: 'win32',
    env: WIN,
    file: `${HOME}\\AppData\\Roaming\\npm\\claude.cmd`,
    files: { [BUILTIN_NPMRC]: 'prefix=${APPDATA}\\npm\n' },
    method: 'npm-global',
    update: 'npm install -g @anthropic-ai/claude-code@latest',
  },
  {
    name: 'Windows winget link',
    platform: 'win32',
    env: WIN,
    file: `${HOME}\\AppData\\Local\\Microsoft\\WinGet\\Links\\claude.exe`,
    method: 'winget',
    update: 'winget upgrade Anthropic.ClaudeCode',
  },
  {
    name: 'Windows bun global',
    platform: 'win32',
    env: WIN,
    file: `${HOME}\\.bun\\bin\\claude.exe`,
    method: 'bun',
  },
  {
    name: 'Windows, found on PATH in another case',
    platform: 'win32',
    env: { ...WIN, PATH: 'c:\\users\\ADA\\.local\\bin' },
    file: `${HOME}\\.local\\bin\\claude.exe`,
    onPath: true,
    method: 'native',
  },
  {
    name: 'macOS native installer',
    platform: 'darwin',
    env: { HOME: '/Users/ada' },
    file: '/Users/ada/.local/bin/claude',
    method: 'native',
  },
  {
    name: 'macOS Homebrew',
    platform: 'darwin',
    env: { HOME: '/Users/ada' },
    file: '/opt/homebrew/bin/claude',
    method: 'homebrew',
    update: 'brew upgrade --cask claude-code',
  },
];

describe('claude installs per platform', () => {
  it.each(cases)('$name', async (c) => {
    const ctx = memoryContext({
      platform: c.platform,
      env: c.env,
      execPath: c.platform === 'win32' ? NODE : '/usr/local/bin/node',
      files: { ...c.files, [c.file]: { text: '', executable: true } },
      exec: (file, args) =>
        args[0] === '--version' ? { stdout: '2.1.331 (Claude Code)\n' } : undefined,
    });
    const installs = await claudeInstalls(ctx);
    expect(installs.map((i) => [i.path.toLowerCase(), i.method, i.version])).toEqual([
      [c.file.toLowerCase(), c.method, '2.1.331'],
    ]);
    expect(installs[0]!.pathIndex).toBe(c.onPath ? 0 : null);
    if (c.update) expect(await updateCommandFor(ctx, installs[0]!)).toBe(c.update);
  });

  it.each([
    ["Windows without a builtin npmrc: Node's own directory", {}, 'C:\\Program Files\\nodejs'],
    [
      "Windows: npm's builtin npmrc",
      { [BUILTIN_NPMRC]: 'prefix=${APPDATA}\\npm\n' },
      `${HOME}\\AppData\\Roaming\\npm`,
    ],
    [
      "Windows: the user's .npmrc over the builtin one",
      { [BUILTIN_NPMRC]: 'prefix=${APPDATA}\\npm\n', [`${HOME}\\.npmrc`]: 'prefix=D:\\npm\n' },
      'D:\\npm',
    ],
  ])('npm global prefix: %s', async (_, files, want) => {
    const ctx = memoryContext({ platform: 'win32', env: WIN, execPath: NODE, files });
    expect((await npmGlobalPrefix(ctx))?.value).toBe(want);
  });
});

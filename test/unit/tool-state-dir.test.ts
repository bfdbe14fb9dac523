import { describe, expect, it } from 'vitest';
import { Context, type Env, type Platform } from '../../src/context.js';
import { toolStateDir } from '../../src/platform/paths.js';

function ctx(platform: Platform, env: Env): Context {
  return new Context({
    env,
    cwd: '/',
    platform,
    arch: 'x64',
    nodeVersion: '20.20.2',
    options: { expect: 'auto', offline: true, timeoutMs: 1000, verbose: false },
  });
}

describe('toolStateDir', () => {
  it.each<[Platform, Env, string]>([
    ['linux', { HOME: '/home/a', XDG_STATE_HOME: '/xdg/state' }, '/xdg/state/claude-auth-doctor'],
    ['linux', { HOME: '/home/a' }, '/home/a/.local/state/claude-auth-doctor'],
    ['darwin', { HOME: '/Users/a' }, '/Users/a/Library/Application Support/claude-auth-doctor'],
    [
      'win32',
      { USERPROFILE: 'C:/Users/a', LOCALAPPDATA: 'C:/Users/a/AppData/Local' },
      'C:/Users/a/AppData/Local/claude-auth-doctor',
    ],
  ])('%s %j', (platform, env, expected) => {
    expect(toolStateDir(ctx(platform, env))).toBe(expected);
  });
});

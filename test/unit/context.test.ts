import { describe, expect, it } from 'vitest';
import { Context, type ContextInit } from '../../src/context.js';

const base: ContextInit = {
  env: {},
  cwd: '/p',
  platform: 'linux',
  arch: 'x64',
  nodeVersion: '20.0.0',
  options: { expect: 'auto', offline: true, timeoutMs: 1000, verbose: false },
};

describe('Context', () => {
  it.each([
    ['HOME wins', { HOME: '/h' }, 'linux', '/h'],
    ['HOME unset: the OS home, as Claude Code would use', {}, 'linux', '/os-home'],
    ['HOME empty: the OS home', { HOME: '' }, 'linux', '/os-home'],
    ['Windows: USERPROFILE', { USERPROFILE: 'C:\\Users\\a', HOME: '/h' }, 'win32', 'C:\\Users\\a'],
  ] as const)('%s', (_, env, platform, home) => {
    expect(new Context({ ...base, env, platform, homedir: '/os-home' }).home).toBe(home);
  });

  it('writes the home directory as ~ and leaves other paths alone', () => {
    const ctx = new Context({ ...base, env: { HOME: '/home/a' } });
    expect(ctx.display('/home/a/.zshrc')).toBe('~/.zshrc');
    expect(ctx.display('/home/a')).toBe('~');
    expect(ctx.display('/home/ab/.zshrc')).toBe('/home/ab/.zshrc');
    expect(ctx.display('/etc/claude-code/managed-settings.json')).toBe(
      '/etc/claude-code/managed-settings.json',
    );
  });

  it('computes each memoized fact once', async () => {
    const ctx = new Context(base);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([ctx.memo('k', compute), ctx.memo('k', compute)])).toEqual([1, 1]);
  });
});

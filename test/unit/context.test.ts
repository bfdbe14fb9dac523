import { describe, expect, it } from 'vitest';
import { Context, type ContextInit } from '../../src/context.js';
import { runChecks, type RunnableCheck } from '../../src/run.js';
import { memoryContext, memoryWorld, OPTIONS } from '../helpers/memory-world.js';

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

describe('a plugin memo', () => {
  it("is the plugin's own: its keys neither collide with nor read the built-in ones", async () => {
    const ctx = memoryContext({ platform: 'linux', env: { HOME: '/home/a' } });
    await ctx.memo('settings', async () => 'built-in');
    const plugin = ctx.forPlugin('team');
    expect(await plugin.memo('settings', async () => 'plugin')).toBe('plugin');
    expect(await ctx.memo('settings', async () => 'never')).toBe('built-in');
    // One memo per plugin, shared by its checks; another plugin has its own.
    expect(ctx.forPlugin('team')).toBe(plugin);
    expect(await ctx.forPlugin('other').memo('settings', async () => 'other')).toBe('other');
  });

  it('is what a plugin check gets from the run, while files are still read once', async () => {
    let reads = 0;
    const world = memoryWorld({
      platform: 'linux',
      env: { HOME: '/home/a' },
      files: { '/home/a/.zshrc': 'export A=1\n' },
    });
    const counted = {
      ...world,
      files: {
        ...world.files,
        read: (file: string, limit: number) => (reads++, world.files.read(file, limit)),
      },
    };
    const ctx = new Context({ world: counted, options: OPTIONS });
    await ctx.memo('settings', async () => 'built-in');
    const seen: unknown[] = [];
    const check = (plugin?: string): RunnableCheck => ({
      id: plugin ? `${plugin}/peek` : 'peek',
      title: 'Peek',
      description: 'Reads the memo',
      ...(plugin ? { plugin } : {}),
      async run(c) {
        seen.push(await c.memo('settings', async () => 'fresh'));
        await c.readText('/home/a/.zshrc');
        return { status: 'pass', summary: 'ok' };
      },
    });
    await runChecks(ctx, [check(), check('team')]);
    expect(seen.sort()).toEqual(['built-in', 'fresh']);
    expect(reads).toBe(1);
  });
});

import { Context } from '../context.js';
import { keyAsker, lineAsker, type KeyInput } from '../fix/prompt.js';
import { guardStatus, installOrUninstall, type GuardScope } from '../guard/install.js';
import type { Command, Io } from './command.js';
import { OUTPUT_OPTIONS } from './options.js';
import { loadRunConfig, runOptionsFrom, worldFrom } from './doctor.js';

const shQuote = (text: string) =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * How Claude Code should start this doctor: its name when that name on PATH is this very
 * copy, else Node and this bin by absolute path (Claude Code's PATH may differ from this shell's).
 */
async function invocation(ctx: Context): Promise<{ invoke: string; temporary: boolean }> {
  // eslint-disable-next-line no-restricted-globals -- the bin that is running, to be run again
  const script = process.argv[1] ?? '';
  const real = (await ctx.realpath(script)) ?? script;
  for (const found of await ctx.which('claude-auth-doctor')) {
    if ((await ctx.realpath(found)) === real)
      return { invoke: 'claude-auth-doctor', temporary: false };
  }
  return {
    // eslint-disable-next-line no-restricted-globals -- the Node that runs the doctor now
    invoke: `${shQuote(process.execPath)} ${shQuote(real)}`,
    temporary: /[\\/]_npx[\\/]/.test(real),
  };
}

export const guardCommand: Command = {
  name: 'guard <action>',
  describe:
    'Install, remove or inspect the guard: a status line and a SessionStart hook that warn inside Claude Code when a session bills the wrong account',
  options: [
    {
      name: 'scope',
      choices: ['user', 'project', 'local'],
      default: 'user',
      describe:
        'Which settings file: ~/.claude/settings.json (user), .claude/settings.json (project, shared with the team), .claude/settings.local.json (local)',
    },
    { name: 'yes', alias: 'y', type: 'boolean', default: false, describe: 'Do not ask' },
    {
      name: 'dry-run',
      type: 'boolean',
      default: false,
      describe: 'Show the edit as a diff; change nothing',
    },
    {
      name: 'expect',
      type: 'string',
      choices: ['subscription', 'api'],
      describe:
        'What the guard should expect (default: your configuration file, else inferred like the doctor)',
    },
    { name: 'cwd', type: 'string', describe: 'Project directory (default: current directory)' },
    ...OUTPUT_OPTIONS,
  ],
  examples: [
    ['claude-auth-doctor guard install', 'Shows the edit to ~/.claude/settings.json and asks'],
    ['claude-auth-doctor guard status', 'What is installed where, and whether Claude Code runs it'],
    [
      'claude-auth-doctor guard uninstall',
      'Removes both; a wrapped status line comes back as it was',
    ],
  ],
  build: (yargs) =>
    yargs.positional('action', { choices: ['install', 'uninstall', 'status'] as const }),
  async run(args, io: Io) {
    const world = worldFrom(args, io);
    const options = runOptionsFrom(
      args,
      io,
      await loadRunConfig({ ...args, expect: undefined }, io),
    );
    const ctx = new Context({ ...world, options });
    if (args.action === 'status') return guardStatus(ctx, io);
    const { invoke, temporary } = await invocation(ctx);
    const dryRun = Boolean(args['dry-run']);
    const input = dryRun || args.yes ? null : (io.terminalInput?.() ?? null);
    // A terminal answers with one key; anything else line by line (as fix does).
    const keys = input as KeyInput | null;
    const asker = keys?.setRawMode
      ? keyAsker(keys, io.stdout)
      : input
        ? lineAsker(input, io.stdout)
        : null;
    try {
      return await installOrUninstall(
        ctx,
        args.action as 'install' | 'uninstall',
        {
          scope: args.scope as GuardScope,
          yes: Boolean(args.yes),
          dryRun,
          invoke,
          temporaryInvoke: temporary,
          ...(typeof args.expect === 'string' ? { expect: args.expect } : {}),
        },
        { stdout: io.stdout, ask: asker?.ask ?? null },
      );
    } finally {
      asker?.close();
    }
  },
};

/** Listed for --help; real runs take the small bundle (bin/claude-auth-doctor.cjs, src/guard/main.ts). */
export const statuslineCommand: Command = {
  name: 'statusline',
  describe:
    "For Claude Code's statusLine: prints the credential in use and who pays (reads the status-line JSON on stdin)",
  options: [
    { name: 'expect', type: 'string', choices: ['subscription', 'api', 'auto'] },
    { name: 'wrap', type: 'string', describe: 'Your own status-line command, run first' },
  ],
  async run(args, io) {
    const { statusline } = await import('../guard/main.js');
    io.stdout(
      await statusline({
        kind: 'statusline',
        ...(typeof args.expect === 'string' ? { expect: args.expect as 'api' } : {}),
        ...(typeof args.wrap === 'string' ? { wrap: args.wrap } : {}),
      }),
    );
    return 0;
  },
};

export const hookCommand: Command = {
  name: 'hook <event>',
  describe:
    'For Claude Code hooks: `hook session-start` warns (as hook JSON) when the session bills the wrong account, else prints nothing',
  options: [{ name: 'expect', type: 'string', choices: ['subscription', 'api', 'auto'] }],
  build: (yargs) => yargs.positional('event', { choices: ['session-start'] as const }),
  async run(args, io) {
    const { sessionStart } = await import('../guard/main.js');
    io.stdout(
      await sessionStart({
        kind: 'session-start',
        ...(typeof args.expect === 'string' ? { expect: args.expect as 'api' } : {}),
      }),
    );
    return 0;
  },
};

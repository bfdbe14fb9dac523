import { Context } from '../context.js';
import { runFix } from './fix-run.js';
import { keyAsker, lineAsker, type KeyInput } from '../fix/prompt.js';
import { realOps } from '../fix/atomic.js';
import { undoLastFix } from '../fix/undo.js';
import { toolStateDir } from '../platform/paths.js';
import { crashCheckpoint } from '../world/crash.js';
import type { Command } from './command.js';
import { loadRunConfig, runOptionsFrom, terminalOf, worldFrom } from './doctor.js';
import { CHECK_RUN_OPTIONS, OUTPUT_OPTIONS, VERBOSE_OPTION } from './options.js';

const DEFAULT_UPDATE_TIMEOUT_MS = 5 * 60_000;

export const fixCommand: Command = {
  name: 'fix',
  describe:
    'Apply the fix plan step by step, asking before each step (edits are backed up; --undo restores them)',
  options: [
    ...CHECK_RUN_OPTIONS,
    {
      name: 'yes',
      alias: 'y',
      type: 'boolean',
      default: false,
      describe: 'Answer yes to every step',
    },
    {
      name: 'dry-run',
      type: 'boolean',
      default: false,
      describe: 'Print the edits as diffs (values masked) and the commands; change nothing',
    },
    {
      name: 'undo',
      type: 'boolean',
      default: false,
      describe: 'Restore the files of the last fix that changed something',
    },
    {
      name: 'force',
      type: 'boolean',
      default: false,
      describe: 'With --undo: overwrite files changed since that fix',
    },
    {
      name: 'update-timeout',
      type: 'number',
      default: DEFAULT_UPDATE_TIMEOUT_MS,
      describe: 'Bound for the update command, in ms',
    },
    { ...VERBOSE_OPTION, describe: 'Full errors, and notes on what the run did not use' },
    ...OUTPUT_OPTIONS,
  ],
  examples: [
    ['claude-auth-doctor fix', 'Asks before each step (y/n/a/q, one key)'],
    ['claude-auth-doctor fix --dry-run', 'Shows the edits and commands; changes nothing'],
    ['claude-auth-doctor fix --yes', 'Does every step without asking'],
    ['claude-auth-doctor fix --undo', 'Restores the files of the last fix'],
  ],
  build: (yargs) =>
    yargs.check((args) => {
      if (args.help || args.version) return true;
      const timeout = args['update-timeout'] as number;
      if (!Number.isFinite(timeout) || timeout <= 0)
        throw new Error('--update-timeout must be a positive number of milliseconds');
      if (args.force && !args.undo) throw new Error('--force only goes with --undo');
      return true;
    }),
  async run(args, io) {
    const world = worldFrom(args, io);
    const options = runOptionsFrom(args, io, await loadRunConfig(args, io));
    if (args.undo) {
      const ctx = new Context({ ...world, options: { ...options } });
      const result = await undoLastFix(ctx, toolStateDir(ctx), Boolean(args.force));
      io.stdout(`${result.lines.join('\n')}\n`);
      return result.code;
    }
    const input = args['dry-run'] || args.yes ? null : (io.terminalInput?.() ?? null);
    const crash = crashCheckpoint(io.env);
    // A terminal answers with one key; anything else (a test's stream) line by line.
    const keys = input as KeyInput | null;
    const asker = keys?.setRawMode
      ? keyAsker(keys, io.stdout)
      : input
        ? lineAsker(input, io.stdout)
        : null;
    try {
      return await runFix(
        world,
        {
          ...options,
          terminal: terminalOf(args, io),
          yes: Boolean(args.yes),
          dryRun: Boolean(args['dry-run']),
          updateTimeoutMs: Number(args['update-timeout']),
        },
        {
          stdout: io.stdout,
          ask: asker?.ask ?? null,
          ...(crash ? { writeOps: { ...realOps, checkpoint: crash } } : {}),
        },
      );
    } finally {
      asker?.close();
    }
  },
};

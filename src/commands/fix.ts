import { Context } from '../context.js';
import { runFix } from '../fix/fix.js';
import { lineAsker } from '../fix/prompt.js';
import { realOps } from '../fix/atomic.js';
import { undoLastFix } from '../fix/undo.js';
import { toolStateDir } from '../platform/paths.js';
import { crashCheckpoint } from '../world/crash.js';
import type { Command } from './command.js';
import { checkRunOptions, loadRunConfig, runOptionsFrom, worldFrom } from './doctor.js';

const DEFAULT_UPDATE_TIMEOUT_MS = 5 * 60_000;

export const fixCommand: Command = {
  name: 'fix',
  describe:
    'Apply the fix plan step by step, asking before each step (edits are backed up; --undo restores them)',
  build: (yargs) =>
    checkRunOptions(yargs)
      .option('yes', {
        alias: 'y',
        type: 'boolean',
        default: false,
        describe: 'Answer yes to every step',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'Print the edits as diffs (values masked) and the commands; change nothing',
      })
      .option('undo', {
        type: 'boolean',
        default: false,
        describe: 'Restore the files of the last fix that changed something',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'With --undo: overwrite files changed since that fix',
      })
      .option('update-timeout', {
        type: 'number',
        default: DEFAULT_UPDATE_TIMEOUT_MS,
        describe: 'Bound for the update command, in ms',
      })
      .check((args) => {
        if (args.help || args.version) return true;
        if (!Number.isFinite(args['update-timeout']) || args['update-timeout'] <= 0)
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
    const asker = input ? lineAsker(input, io.stdout) : null;
    try {
      return await runFix(
        world,
        {
          ...options,
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

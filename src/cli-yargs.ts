import yargs from 'yargs';
import type { Command, Io } from './commands/command.js';
import { configCommand } from './commands/config.js';
import { doctorCommand } from './commands/doctor.js';
import { explainCommand } from './commands/explain.js';
import { fixCommand } from './commands/fix.js';
import { listCommand } from './commands/list.js';
import { GLOBAL_OPTIONS, addOptions } from './commands/options.js';
import { reportCommand } from './commands/report.js';
import { trustCommand } from './commands/trust.js';
import { viewCommand } from './commands/view.js';
import { UsageError } from './doctor.js';
import { VERSION } from './version.js';

// The full command line: help, subcommands and usage errors. The plain doctor run takes a
// fast path in cli.ts and never loads this module (or yargs).

const COMMANDS: Command[] = [
  doctorCommand,
  reportCommand,
  fixCommand,
  viewCommand,
  explainCommand,
  listCommand,
  configCommand,
  trustCommand,
];

const EXIT_CODES = `Exit codes:
  0  nothing failed
  1  at least one check failed or could not finish (or warned, with --strict)
  2  usage error or internal error`;

export async function main(argv: string[], io: Io): Promise<number> {
  let usageFailure: string | null = null;
  let pending: Promise<number> | undefined;
  const parser = addOptions(yargs(argv), GLOBAL_OPTIONS)
    .scriptName('claude-auth-doctor')
    .usage(
      'Usage: $0 [command] [options]\n\nFinds out which credential Claude Code really uses, why, what it costs, and prints the exact fix.',
    )
    .epilogue(EXIT_CODES)
    .version(VERSION)
    .alias('h', 'help')
    .strict()
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((message, error) => {
      usageFailure = message ?? error?.message ?? 'invalid arguments';
    });
  for (const command of COMMANDS) {
    parser.command(command.name, command.describe, command.build, (args) => {
      pending = command.run(args as Record<string, unknown>, io);
    });
  }
  await parser.parseAsync();
  if (usageFailure)
    throw new UsageError(`${usageFailure}\nRun \`claude-auth-doctor --help\` for usage.`);
  return pending ?? 0;
}

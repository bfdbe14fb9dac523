import yargs from 'yargs';
import type { Command, Io } from './commands/command.js';
import { completionCommand } from './commands/completion.js';
import { configCommand } from './commands/config.js';
import { doctorCommand, terminalOf } from './commands/doctor.js';
import { explainCommand } from './commands/explain.js';
import { fixCommand } from './commands/fix.js';
import { guardCommand, hookCommand, statuslineCommand } from './commands/guard.js';
import { listCommand } from './commands/list.js';
import { addOptions } from './commands/options.js';
import { reportCommand } from './commands/report.js';
import { trustCommand } from './commands/trust.js';
import { viewCommand } from './commands/view.js';
import { UsageError } from './doctor.js';
import { COMMAND_NAME } from './invocation.js';
import { makeStyle, wrapText } from './render/style.js';
import { didYouMean } from './suggest.js';
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
  guardCommand,
  statuslineCommand,
  hookCommand,
];
COMMANDS.push(completionCommand(() => COMMANDS));

const EXIT_CODES = `Exit codes:
  0  nothing failed
  1  at least one check failed or could not finish (or warned, with --strict)
  2  usage error or internal error`;

const word = (command: Command) => command.name.split(' ')[0]!;

export async function main(argv: string[], io: Io): Promise<number> {
  const command = commandOf(argv);
  let usageFailure: string | null = null;
  let pending: Promise<number> | undefined;
  const width = io.isTTY ? Math.min(100, io.columns ?? 80) : null;
  const parser = yargs(argv)
    .scriptName(COMMAND_NAME)
    .usage(
      `Usage: $0 [command] [options]\n\nFinds out which credential Claude Code really uses, why, what it costs, and prints the exact fix.`,
    )
    .version(VERSION)
    .alias('h', 'help')
    .strict()
    .wrap(width)
    .exitProcess(false)
    .fail((message, error) => {
      usageFailure = message ?? error?.message ?? 'invalid arguments';
    });
  for (const each of COMMANDS) {
    parser.command(
      each.name,
      each.describe,
      (y) => {
        const built = addOptions(y, each.options);
        // --version belongs to the program, not to each subcommand's help.
        if (each.name !== '$0') built.hide('version');
        return each.build ? each.build(built) : built;
      },
      (args) => {
        pending = each.run(args as Record<string, unknown>, io);
      },
    );
  }
  let output = '';
  await parser.parseAsync(argv, {}, (_error, _args, text) => {
    output = text;
  });
  if (usageFailure) throw new UsageError(explainFailure(usageFailure, argv, command));
  if (output) {
    const help = argv.includes('--help') || argv.includes('-h');
    io.stdout(help ? helpText(output, command, io, width) : `${output}\n`);
    return 0;
  }
  return pending ?? 0;
}

/** The subcommand the arguments name, or the doctor itself. */
function commandOf(argv: readonly string[]): Command {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return COMMANDS.find((c) => c.name !== '$0' && word(c) === first) ?? doctorCommand;
}

/** yargs' help, then the command's examples (never broken inside a command) and exit codes. */
function helpText(output: string, command: Command, io: Io, width: number | null): string {
  const style = makeStyle(terminalOf({}, io));
  const lines = [output.trimEnd()];
  const examples = command.examples ?? [];
  if (examples.length) {
    lines.push('', 'Examples:');
    for (const [line, what] of examples)
      lines.push(`  ${line}`, wrapText(`      ${style.dim(what)}`, width));
  }
  if (command === doctorCommand) {
    const others = COMMANDS.filter((c) => c !== doctorCommand).map(word);
    lines.push('', `Each command has its own help: ${COMMAND_NAME} <${others.join('|')}> --help`);
    lines.push('', EXIT_CODES);
  }
  return style.finish(`${lines.join('\n')}\n`).replace(/\n{3,}/g, '\n\n');
}

/** The usage error, with the nearest command or flag when one was mistyped. */
function explainFailure(message: string, argv: readonly string[], command: Command): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  const hints: string[] = [];
  if (unknown) {
    for (const name of unknown[1]!.split(', ')) {
      const given = argv.find((a) => a.replace(/^-+/, '').split('=')[0] === name) ?? name;
      if (!given.startsWith('-')) {
        const names = COMMANDS.filter((c) => c !== doctorCommand).map(word);
        const hint = didYouMean(given, names, (w) => `\`${COMMAND_NAME} ${w}\``);
        hints.push(
          command === doctorCommand
            ? `Unknown command: ${given}.${hint}`
            : `Unexpected argument: ${given}.`,
        );
        continue;
      }
      const flags = [...command.options.map((o) => o.name), 'help', 'version'];
      const bare = name.replace(/^no-/, '');
      const hint = didYouMean(bare, flags, (w) => `--${name.startsWith('no-') ? 'no-' : ''}${w}`);
      const elsewhere = hint
        ? ''
        : COMMANDS.filter((c) => c.options.some((o) => o.name === bare)).map(word);
      hints.push(
        `Unknown option: ${given}.${hint}${
          elsewhere && elsewhere.length
            ? ` It belongs to ${elsewhere.map((w) => (w === '$0' ? `the plain run` : `\`${w}\``)).join(', ')}.`
            : ''
        }`,
      );
    }
  }
  const help =
    command === doctorCommand
      ? `${COMMAND_NAME} --help`
      : `${COMMAND_NAME} ${word(command)} --help`;
  return `${hints.length ? hints.join('\n') : message}\nRun \`${help}\` for usage.`;
}

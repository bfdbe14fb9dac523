import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Command, FileRead, FileWrite, Io } from './commands/command.js';
import { configCommand } from './commands/config.js';
import { doctorCommand } from './commands/doctor.js';
import { explainCommand } from './commands/explain.js';
import { fixCommand } from './commands/fix.js';
import { listCommand } from './commands/list.js';
import { reportCommand } from './commands/report.js';
import { viewCommand } from './commands/view.js';
import { ConfigError } from './config/schema.js';
import { UsageError } from './doctor.js';
import { VERSION } from './version.js';

const COMMANDS: Command[] = [doctorCommand, reportCommand, fixCommand, viewCommand, explainCommand, listCommand, configCommand];

const EXIT_CODES = `Exit codes:
  0  nothing failed
  1  at least one check failed or could not finish (or warned, with --strict)
  2  usage error or internal error`;

async function main(argv: string[], io: Io): Promise<number> {
  let usageFailure: string | null = null;
  let pending: Promise<number> | undefined;
  const parser = yargs(argv)
    .scriptName('claude-auth-doctor')
    .usage('Usage: $0 [command] [options]\n\nFinds out which credential Claude Code really uses, why, what it costs, and prints the exact fix.')
    .option('verbose', { type: 'boolean', default: false, describe: 'Show evidence for passing checks and full errors' })
    .option('color', { type: 'boolean', describe: 'Colour output (--no-color, NO_COLOR or FORCE_COLOR=0 turn it off)' })
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
  if (usageFailure) throw new UsageError(`${usageFailure}\nRun \`claude-auth-doctor --help\` for usage.`);
  return pending ?? 0;
}

function finish(code: number): void {
  // Exit explicitly: a killed subprocess's stray handle must not keep the doctor alive.
  process.stdout.write('', () => process.exit(code));
}

// A saved report is a few hundred kB at most; refuse to load anything absurd.
const MAX_READ = 16 * 1024 * 1024;

function readFile(file: string): FileRead {
  try {
    if (statSync(file).size > MAX_READ) return { ok: false, message: `it is larger than ${MAX_READ / 1024 / 1024} MB` };
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, message: fsMessage(error) };
  }
}

function writeFile(file: string, text: string, overwrite: boolean): FileWrite {
  try {
    // `wx` fails if the file exists, atomically: no window between a check and the write.
    writeFileSync(file, text, { flag: overwrite ? 'w' : 'wx' });
    return { ok: true };
  } catch (error) {
    return { ok: false, exists: (error as NodeJS.ErrnoException).code === 'EEXIST', message: fsMessage(error) };
  }
}

function fsMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
    EEXIST: 'it already exists',
    ENOTDIR: 'a parent is not a directory',
  };
  return known[code] ?? (code || 'unknown error');
}

const io: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  homedir: homedir(),
  isTTY: Boolean(process.stdout.isTTY),
  terminalInput: () => (process.stdin.isTTY ? process.stdin : null),
  readFile,
  writeFile,
};
const verbose = process.argv.includes('--verbose');
main(hideBin(process.argv), io).then(finish, (error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr(`claude-auth-doctor: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`claude-auth-doctor: internal error: ${message.split('\n')[0]}\nPlease report it at https://github.com/claude-auth-doctor/claude-auth-doctor/issues${verbose ? '' : ' (run with --verbose for details)'}.\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  }
  finish(2);
});

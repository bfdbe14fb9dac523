import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { FileRead, FileWrite, Io } from './commands/command.js';
import { doctorCommand } from './commands/doctor.js';
import { parseFast } from './commands/fast-args.js';
import { argsProblem, DOCTOR_OPTIONS } from './commands/options.js';
import { ConfigError } from './config/schema.js';
import { UsageError } from './doctor.js';
import { VERSION } from './version.js';

/** The plain doctor run and --version skip yargs; everything else (help, subcommands, errors) gets it. */
async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const args = parseFast(argv, DOCTOR_OPTIONS);
  if (args && !argsProblem(args)) return doctorCommand.run(args, io);
  return (await import('./cli-yargs.js')).main(argv, io);
}

function finish(code: number): void {
  // Exit explicitly: a killed subprocess's stray handle must not keep the doctor alive.
  process.stdout.write('', () => process.exit(code));
}

// A saved report is a few hundred kB at most; refuse to load anything absurd.
const MAX_READ = 16 * 1024 * 1024;

function readFile(file: string): FileRead {
  try {
    if (statSync(file).size > MAX_READ)
      return { ok: false, message: `it is larger than ${MAX_READ / 1024 / 1024} MB` };
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
    return {
      ok: false,
      exists: (error as NodeJS.ErrnoException).code === 'EEXIST',
      message: fsMessage(error),
    };
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
  ...(process.stdout.isTTY
    ? { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 }
    : {}),
  terminalInput: () => (process.stdin.isTTY ? process.stdin : null),
  readFile,
  writeFile,
};
const verbose = process.argv.includes('--verbose');
main(process.argv.slice(2), io).then(finish, (error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr(`claude-auth-doctor: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `claude-auth-doctor: internal error: ${message.split('\n')[0]}\nPlease report it at https://github.com/claude-auth-doctor/claude-auth-doctor/issues${verbose ? '' : ' (run with --verbose for details)'}.\n`,
    );
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  }
  finish(2);
});

import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import type { FileRead, FileWrite, Io } from './commands/command.js';
import { doctorCommand } from './commands/doctor.js';
import { parseFast } from './commands/fast-args.js';
import { argsProblem, DOCTOR_OPTIONS } from './commands/options.js';
import { ConfigError } from './config/schema.js';
import { UsageError } from './doctor.js';
import { clean } from './display.js';
import { installSink, scrubOutput } from './output/sink.js';
import { lazyStdStreams, stdStreamMade, writeStd } from './world/std-streams.js';
import { registerEnvSecrets } from './redact.js';
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
  // Exit explicitly: a killed subprocess's stray handle must not keep the doctor alive. A
  // stream that was made may still hold output for a terminal or a full pipe: wait for it.
  if (stdStreamMade('stdout')) process.stdout.write('', () => process.exit(code));
  else process.exit(code);
}

// A saved report is a few hundred kB at most; refuse to load anything absurd.
const MAX_READ = 16 * 1024 * 1024;

/**
 * A file the user named, through the same guard as every other read: opened without blocking
 * (a FIFO with no writer would hang the open), refused unless it is a regular file (a pipe or
 * /dev/zero never ends), and never read past the cap, even if it grows meanwhile.
 */
function readFile(file: string): FileRead {
  let fd: number | undefined;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, message: 'it is a directory' };
    if (!info.isFile())
      return { ok: false, message: 'it is not a regular file (a pipe, socket or device)' };
    const tooBig = {
      ok: false as const,
      message: `it is larger than ${MAX_READ / 1024 / 1024} MB`,
    };
    if (info.size > MAX_READ) return tooBig;
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > MAX_READ) return tooBig;
    }
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    return { ok: false, message: fsMessage(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeFile(file: string, text: string, overwrite: boolean): FileWrite {
  try {
    // `wx` fails if the file exists, atomically: no window between a check and the write.
    // The report file leaves the process like stdout does: through the sink.
    writeFileSync(file, scrubOutput(text), { flag: overwrite ? 'w' : 'wx' });
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

// Every byte written to stdout and stderr, by any module, passes through the output sink.
lazyStdStreams((stream) => installSink(stream));
registerEnvSecrets(process.env);

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** The directory the doctor was started in; null when it has been deleted under the shell. */
function currentDir(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
}

const cwd = currentDir();
// Only a character device can be a terminal: a pipe or a file is answered without making
// process.stdout (src/world/std-streams.ts).
const stdoutIsTTY = isCharacterDevice(1) && Boolean(process.stdout.isTTY);
const io: Io = {
  stdout: (text) => writeStd('stdout', scrubOutput(text)),
  stderr: (text) => writeStd('stderr', scrubOutput(text)),
  env: process.env,
  cwd: cwd ?? '',
  homedir: homedir(),
  isTTY: stdoutIsTTY,
  ...(stdoutIsTTY
    ? { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 }
    : {}),
  terminalInput: () => (process.stdin.isTTY ? process.stdin : null),
  isDirectory: (file) => {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
  readFile,
  writeFile,
};
const verbose = process.argv.includes('--verbose');

/** One line for any error: the message's first line, cleaned; the stack only with --verbose. */
function crashed(error: unknown): void {
  const message = clean(error instanceof Error ? error.message : String(error));
  io.stderr(
    `claude-auth-doctor: internal error: ${message.split('\n')[0]}\nPlease report it at https://github.com/claude-auth-doctor/claude-auth-doctor/issues${verbose ? '' : ' (run with --verbose for details)'}.\n`,
  );
  if (verbose && error instanceof Error && error.stack) io.stderr(`${clean(error.stack)}\n`);
  finish(2);
}
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

if (cwd === null) {
  io.stderr(
    'claude-auth-doctor: the current directory no longer exists (it was deleted or moved); change to an existing directory and run it again.\n',
  );
  finish(2);
} else {
  main(process.argv.slice(2), io).then(finish, (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`claude-auth-doctor: ${clean(error.message)}\n`);
      finish(2);
    } else crashed(error);
  });
}

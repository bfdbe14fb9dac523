import type { Argv } from 'yargs';
import type { OptionSpec } from './options.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** os.homedir(): where HOME-less runs look, like Claude Code. */
  homedir: string;
  isTTY: boolean;
  /** The terminal's size when stdout is one. */
  columns?: number;
  rows?: number;
  /** Standard input when it is a terminal, else null (read lazily: only `fix` asks questions). */
  terminalInput?(): NodeJS.ReadableStream | null;
  /** Whether a path the user named (`--cwd`) is a directory. */
  isDirectory(file: string): boolean;
  /** A file the user named (`view`), read whole. */
  readFile(file: string): FileRead;
  /** A file the user named (`report --output`); without `overwrite` an existing file is kept. */
  writeFile(file: string, text: string, overwrite: boolean): FileWrite;
}

export type FileRead = { ok: true; text: string } | { ok: false; message: string };
export type FileWrite = { ok: true } | { ok: false; exists: boolean; message: string };

/** A subcommand: its options, examples and what it does; returns the exit code. */
export interface Command {
  /** yargs command string, e.g. `report` or `$0` for the default. */
  name: string;
  describe: string;
  /** Only the options that apply to this command (its help lists these and no others). */
  options: readonly OptionSpec[];
  /** `[command line, what it does]`, for the help's Examples section. */
  examples?: readonly (readonly [string, string])[];
  /** Positionals and cross-option checks, beyond `options`. */
  // yargs' builder types do not compose across modules; each command narrows its own args.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  build?(yargs: Argv): Argv<any>;
  run(args: Record<string, unknown>, io: Io): Promise<number>;
}

import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../bin/claude-auth-doctor.cjs',
);

let portable: string | null = null;
afterAll(() => {
  if (portable) rmSync(path.dirname(path.dirname(portable)), { recursive: true, force: true });
  portable = null;
});

/**
 * A copy of the built bin in a world-readable temporary directory, for runs as another user
 * (`nobody`): the clone itself may live where that user cannot enter (a private home), and a
 * test must not depend on where the repository lives.
 */
export function portableBin(): string {
  if (portable) return portable;
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-bin-'));
  const root = path.resolve(path.dirname(BIN), '..');
  for (const part of ['bin', 'dist', 'package.json'])
    cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  chmodSync(dir, 0o755);
  portable = path.join(dir, 'bin', path.basename(BIN));
  return portable;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  timeoutMs?: number;
  /** Run as another user (root only), e.g. to see permission errors. */
  user?: { uid: number; gid: number };
  /** Another copy of the bin, e.g. an installed package. */
  bin?: string;
  /** Another command line altogether (the bin wrapped in script(1)). */
  argv?: string[];
  /** Typed into stdin as the output grows: called with the output so far, returns keys or ''. */
  typist?: (stdout: string) => string;
}

/**
 * Runs the built bin with exactly the given environment (no inherited variables), so the
 * developer's HOME, PATH and credentials can never leak into a test.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  options: CliOptions = {},
): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const [command, ...commandArgs] = options.argv ?? [
      process.execPath,
      options.bin ?? BIN,
      ...args,
    ];
    const child = spawn(command!, commandArgs, {
      // A UTF-8 locale, as most terminals have; tests of the C locale set LANG themselves.
      env: { NO_COLOR: '1', LANG: 'C.UTF-8', ...env },
      cwd,
      stdio: [options.typist ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ...options.user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const keys = options.typist?.(stdout);
      if (keys) child.stdin!.write(keys);
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`claude-auth-doctor ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** A system tool by absolute path, so the doctor's PATH stays exactly the fixture's. */
function systemTool(name: string): string {
  const found = ['/usr/bin', '/bin']
    .map((dir) => path.join(dir, name))
    .find((file) => existsSync(file));
  if (!found)
    throw new Error(`${name} (util-linux / coreutils) is needed to run the doctor in a terminal`);
  return found;
}

/**
 * Runs the built bin in a pseudo-terminal of the given width, through script(1) (util-linux),
 * so the doctor sees a terminal and draws its live list. The output is what the terminal got,
 * escape sequences included; stderr lands in it too.
 */
export function runCliInTerminal(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  columns: number,
  typist?: (stdout: string) => string,
): Promise<CliResult> {
  const command = `${systemTool('stty')} cols ${columns} rows 60 && exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  return runCli([], env, cwd, {
    argv: [systemTool('script'), '-qec', command, '/dev/null'],
    ...(typist ? { typist } : {}),
  });
}

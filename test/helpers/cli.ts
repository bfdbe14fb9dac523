import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/claude-auth-doctor.cjs');

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
}

/**
 * Runs the built bin with exactly the given environment (no inherited variables), so the
 * developer's HOME, PATH and credentials can never leak into a test.
 */
export function runCli(args: string[], env: Record<string, string>, cwd: string, options: CliOptions = {}): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { env: { NO_COLOR: '1', ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'], ...options.user });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
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

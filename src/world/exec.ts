import type { ExecResult } from './world.js';
import { MB } from './files.js';

// The one way the doctor starts a process, behind the Context; nothing else calls it.

/** Output cap: a runaway program cannot fill memory. */
export const MAX_OUTPUT = MB;

export interface BoundedOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  timeoutMs: number;
  /** Output cap when MAX_OUTPUT is too small (a traced shell start-up). */
  maxOutput?: number;
}

export async function runBounded(
  file: string,
  args: readonly string[],
  options: BoundedOptions,
): Promise<ExecResult> {
  const command = [file, ...args].join(' ');
  if (options.timeoutMs <= 0)
    return { command, exitCode: null, stdout: '', stderr: '', timedOut: true };
  const { execa } = await import('execa');
  const child = execa(file, args, {
    env: options.env,
    extendEnv: false,
    cwd: options.cwd,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 100,
    maxBuffer: options.maxOutput ?? MAX_OUTPUT,
    windowsHide: true,
  });
  // A grandchild can keep the pipes open after the child is killed; do not wait for it.
  let timer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<'stuck'>((resolve) => {
    timer = setTimeout(() => resolve('stuck'), options.timeoutMs + 300);
  });
  const result = await Promise.race([child, hardStop]);
  clearTimeout(timer);
  if (result === 'stuck') {
    child.kill('SIGKILL');
    return { command, exitCode: null, stdout: '', stderr: '', timedOut: true };
  }
  const failure = result.isMaxBuffer
    ? `\`${command}\` printed more than ${(options.maxOutput ?? MAX_OUTPUT) / MB} MB`
    : result.failed && result.exitCode === undefined && !result.timedOut
      ? spawnFailure(result.code ?? '', file)
      : undefined;
  return {
    command,
    exitCode: result.exitCode ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: Boolean(result.timedOut),
    ...(failure ? { failure } : {}),
  };
}

function spawnFailure(code: string, file: string): string {
  if (code === 'ENOENT') return `${file} was not found`;
  if (code === 'EACCES') return `${file} is not executable`;
  return `${file} could not be started (${code || 'unknown error'})`;
}

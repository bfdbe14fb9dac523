import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, runCli, type CliResult } from './cli.js';

/** GNU time: measures the child from outside (wall time, and peak RSS from wait4's rusage). */
const TIME = '/usr/bin/time';

export interface Measured extends CliResult {
  seconds: number;
  peakMb: number;
}

/**
 * Runs the built bin under GNU time, so the figures come from the kernel's accounting of the
 * child, not from the process itself (.ci/run installs `time`).
 */
export async function measured(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  scratch: string,
  timeoutMs = 20_000,
): Promise<Measured> {
  if (!existsSync(TIME))
    throw new Error('GNU time (/usr/bin/time) is needed: apt-get install time');
  const out = path.join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const result = await runCli(args, env, cwd, {
    timeoutMs,
    argv: [TIME, '-f', '%e %M', '-o', out, process.execPath, BIN, ...args],
  });
  // The last line: GNU time puts "Command exited with non-zero status N" before it.
  const [seconds, kb] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ...result, seconds: seconds!, peakMb: kb! / 1024 };
}

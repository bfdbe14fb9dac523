import type { Env } from './world.js';

/**
 * For the test suite only: with CLAUDE_AUTH_DOCTOR_TEST_CRASH_AT=<step> (a checkpoint of
 * `fix`, src/fix/apply.ts), the process is killed at that step as a power cut would stop it:
 * SIGKILL, so no clean-up, no finally block and no exit handler runs. Setting it needs the
 * same access to the process as NODE_OPTIONS does, so it gives nobody anything new.
 */
export function crashCheckpoint(env: Env): ((step: string) => void) | undefined {
  const at = env.CLAUDE_AUTH_DOCTOR_TEST_CRASH_AT;
  if (!at) return undefined;
  return (step) => {
    if (step === at) process.kill(process.pid, 'SIGKILL');
  };
}

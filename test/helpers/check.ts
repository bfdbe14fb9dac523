import type { Context } from '../../src/context.js';
import type { Check, CheckResult } from '../../src/types.js';
import { expectNoSecret } from './secrets.js';

/** Runs one check and asserts its result holds no planted secret. */
export async function runCheck(check: Check, ctx: Context): Promise<CheckResult> {
  const result = await check.run(ctx);
  expectNoSecret(JSON.stringify(result));
  return result;
}

export function planSteps(result: CheckResult): string[] {
  return (result.plan ?? []).map((p) => p.step);
}

export function sources(result: CheckResult): string[] {
  return (result.evidence ?? []).map((e) => e.source);
}

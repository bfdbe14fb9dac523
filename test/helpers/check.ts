import { afterAll, expect } from 'vitest';
import { applyOutcome } from '../../src/check.js';
import type { Context } from '../../src/context.js';
import type { Check, CheckResult } from '../../src/types.js';
import { expectNoSecret } from './secrets.js';

/** Outcome ids each check returned in this test file (vitest isolates files). */
const reached = new Map<string, Set<string>>();

/** Runs one check, applies its declared outcome and asserts the result holds no planted secret. */
export async function runCheck(check: Check, ctx: Context): Promise<CheckResult> {
  const finding = await check.run(ctx);
  if (!('outcome' in finding)) throw new Error(`${check.id} returned no declared outcome`);
  const result = applyOutcome(check, finding);
  const seen = reached.get(check.id) ?? new Set<string>();
  reached.set(check.id, seen.add(result.outcome));
  expectNoSecret(JSON.stringify(result));
  return result;
}

/**
 * Call once at the top of a check's test file: after its tests, every outcome the check
 * declares must have been returned by one of them (the conformance test requires the call).
 */
export function coversEveryOutcome(check: Check): void {
  afterAll(() => {
    const missing = Object.keys(check.outcomes ?? {}).filter(
      (id) => !reached.get(check.id)?.has(id),
    );
    expect(missing, `${check.id}: declared outcomes no test reaches`).toEqual([]);
  });
}

export function planSteps(result: CheckResult): string[] {
  return (result.plan ?? []).map((p) => p.step);
}

export function sources(result: CheckResult): string[] {
  return (result.evidence ?? []).map((e) => e.source);
}

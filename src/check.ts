import type { Check } from './types.js';

export type { Check, CheckResult, Evidence, PlanRequest, Status } from './types.js';
export type { Context } from './context.js';

/** Typed identity: the same shape for built-in and third-party checks. */
export function defineCheck(check: Check): Check {
  return check;
}

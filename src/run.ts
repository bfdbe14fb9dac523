import type { Context } from './context.js';
import type { Check, CheckReport, CheckResult, PlanRequest, Status } from './types.js';
import { PLAN_STEP_IDS } from './types.js';
import { clean } from './display.js';
import { stopwatch } from './world/clock.js';

export interface CheckOutcome {
  report: CheckReport;
  plan: PlanRequest[];
}

/** A check as the run sees it: plugin checks name their plugin, configuration may recount a status. */
export interface RunnableCheck extends Check {
  /** Set for third-party checks, so their errors name the plugin. */
  plugin?: string;
  override?: { setting: 'warn' | 'error'; source: string };
}

export interface RunHooks {
  onStart?(check: Check): void;
  onDone?(check: Check, outcome: CheckOutcome): void;
}

const STATUSES: readonly Status[] = ['pass', 'warn', 'fail', 'skip', 'error'];

/**
 * Runs checks concurrently. Each is isolated: a crash, a hang past the run's time budget or a
 * malformed result becomes that check's `error`, and every other check still reports.
 */
export async function runChecks(
  ctx: Context,
  checks: readonly RunnableCheck[],
  hooks: RunHooks = {},
): Promise<CheckOutcome[]> {
  // I/O is bounded by the timeout already; the margin covers the computing around it.
  const budgetMs = ctx.options.timeoutMs + 1000;
  return Promise.all(
    checks.map(async (check) => {
      hooks.onStart?.(check);
      const elapsed = stopwatch();
      const result = shown(await guarded(check, ctx, budgetMs));
      const status = recounted(result.status, check.override?.setting);
      const outcome: CheckOutcome = {
        report: {
          id: check.id,
          title: check.title,
          status,
          ...(status !== result.status
            ? {
                statusOverride: {
                  original: result.status,
                  setting: check.override!.setting,
                  source: check.override!.source,
                },
              }
            : {}),
          summary: result.summary,
          evidence: result.evidence ?? [],
          fix: result.fix ?? [],
          durationMs: Math.round(elapsed()),
        },
        plan: status === 'fail' || status === 'warn' ? (result.plan ?? []) : [],
      };
      hooks.onDone?.(check, outcome);
      return outcome;
    }),
  );
}

/** Items of one list in a check's result (evidence, fixes, a plan step's details) shown at most. */
export const MAX_ITEMS = 20;

/**
 * A check's result as every renderer will get it: each string from data cleaned of control
 * characters and bidirectional overrides (the one place this happens for check results,
 * built-in and plugin alike), and each list capped with a last "and N more" item, so 2e5
 * assignments in a startup file make a short report. Plan edits keep their raw paths: `fix`
 * writes to them and never prints them.
 */
function shown(result: CheckResult): CheckResult {
  const more = (n: number) => `and ${n} more`;
  const evidence = result.evidence?.map((e) => ({
    source: clean(e.source),
    detail: clean(e.detail),
  }));
  return {
    status: result.status,
    summary: clean(result.summary),
    ...(evidence
      ? { evidence: capped(evidence, (n) => ({ source: 'doctor', detail: more(n) })) }
      : {}),
    ...(result.fix ? { fix: capped(result.fix.map(clean), more) } : {}),
    ...(result.plan
      ? {
          plan: result.plan.map((request) => ({
            ...request,
            ...(request.command !== undefined ? { command: clean(request.command) } : {}),
            ...(request.details ? { details: capped(request.details.map(clean), more) } : {}),
          })),
        }
      : {}),
  };
}

function capped<T>(items: T[], more: (n: number) => T): T[] {
  return items.length <= MAX_ITEMS
    ? items
    : [...items.slice(0, MAX_ITEMS - 1), more(items.length - MAX_ITEMS + 1)];
}

/** Configuration `warn` counts a `fail` as `warn`; `error` counts a `warn` as `fail`; nothing else changes. */
export function recounted(status: Status, setting: 'warn' | 'error' | undefined): Status {
  if (setting === 'warn' && status === 'fail') return 'warn';
  if (setting === 'error' && status === 'warn') return 'fail';
  return status;
}

async function guarded(check: RunnableCheck, ctx: Context, budgetMs: number): Promise<CheckResult> {
  const who = check.plugin ? `Plugin ${check.plugin}: the check` : 'The check';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'error', summary: `${who} did not finish within ${budgetMs} ms.` }),
      budgetMs,
    );
  });
  try {
    const result: unknown = await Promise.race([
      Promise.resolve().then(() => check.run(ctx)),
      timeout,
    ]);
    return (
      validResult(result) ?? { status: 'error', summary: `${who} returned a malformed result.` }
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'error',
      summary: `${who} crashed: ${message.split('\n')[0] ?? ''}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function validResult(value: unknown): CheckResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const result = value as Partial<CheckResult>;
  if (!STATUSES.includes(result.status as Status) || typeof result.summary !== 'string')
    return null;
  const evidenceOk =
    result.evidence === undefined ||
    (Array.isArray(result.evidence) &&
      result.evidence.every((e) => typeof e?.source === 'string' && typeof e?.detail === 'string'));
  const fixOk =
    result.fix === undefined ||
    (Array.isArray(result.fix) && result.fix.every((f) => typeof f === 'string'));
  const planOk =
    result.plan === undefined ||
    (Array.isArray(result.plan) && result.plan.every((p) => PLAN_STEP_IDS.includes(p?.step)));
  return evidenceOk && fixOk && planOk ? (result as CheckResult) : null;
}

import type { Context } from './context.js';
import type { Check, CheckReport, CheckResult, PlanRequest, Status } from './types.js';
import { PLAN_STEP_IDS } from './types.js';

export interface CheckOutcome {
  report: CheckReport;
  plan: PlanRequest[];
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
export async function runChecks(ctx: Context, checks: readonly Check[], hooks: RunHooks = {}): Promise<CheckOutcome[]> {
  // I/O is bounded by the timeout already; the margin covers the computing around it.
  const budgetMs = ctx.options.timeoutMs + 1000;
  return Promise.all(checks.map(async (check) => {
    hooks.onStart?.(check);
    const started = performance.now();
    const result = await guarded(check, ctx, budgetMs);
    const outcome: CheckOutcome = {
      report: {
        id: check.id,
        title: check.title,
        status: result.status,
        summary: result.summary,
        evidence: result.evidence ?? [],
        fix: result.fix ?? [],
        durationMs: Math.round(performance.now() - started),
      },
      plan: result.status === 'fail' || result.status === 'warn' ? result.plan ?? [] : [],
    };
    hooks.onDone?.(check, outcome);
    return outcome;
  }));
}

async function guarded(check: Check, ctx: Context, budgetMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'error', summary: `The check did not finish within ${budgetMs} ms.` }), budgetMs);
  });
  try {
    const result: unknown = await Promise.race([Promise.resolve().then(() => check.run(ctx)), timeout]);
    return validResult(result) ?? { status: 'error', summary: 'The check returned a malformed result.' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'error', summary: `The check crashed: ${ctx.secrets.scrub(message.split('\n')[0] ?? '')}` };
  } finally {
    clearTimeout(timer);
  }
}

function validResult(value: unknown): CheckResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const result = value as Partial<CheckResult>;
  if (!STATUSES.includes(result.status as Status) || typeof result.summary !== 'string') return null;
  const evidenceOk = result.evidence === undefined || (Array.isArray(result.evidence)
    && result.evidence.every((e) => typeof e?.source === 'string' && typeof e?.detail === 'string'));
  const fixOk = result.fix === undefined || (Array.isArray(result.fix) && result.fix.every((f) => typeof f === 'string'));
  const planOk = result.plan === undefined || (Array.isArray(result.plan)
    && result.plan.every((p) => PLAN_STEP_IDS.includes(p?.step)));
  return evidenceOk && fixOk && planOk ? (result as CheckResult) : null;
}

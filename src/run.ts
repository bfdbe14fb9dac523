import type { Context } from './context.js';
import { applyOutcome } from './check.js';
import type {
  Check,
  CheckReport,
  CheckResult,
  Location,
  PlainResult,
  PlanRequest,
  Status,
} from './types.js';
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
          outcome: result.outcome,
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

/** Items of one list in a check's result (evidence, fixes, a plan step's locations) shown at most. */
export const MAX_ITEMS = 20;

/**
 * A check's result as every renderer will get it: each string from data cleaned of control
 * characters and bidirectional overrides (the one place this happens for check results,
 * built-in and plugin alike), and each list capped with a last "and N more" item, so 2e5
 * assignments in a startup file make a short report. Plan locations keep their raw paths and
 * every item: `fix` edits them, and the plan (src/plan.ts) cleans and caps them as it shows them.
 */
function shown(result: CheckResult): CheckResult {
  const more = (n: number) => `and ${n} more`;
  const evidence = result.evidence?.map((e) => ({
    source: clean(e.source),
    detail: clean(e.detail),
  }));
  return {
    outcome: clean(result.outcome),
    status: result.status,
    summary: clean(result.summary),
    ...(evidence
      ? { evidence: capped(evidence, (n) => ({ source: 'doctor', detail: more(n) })) }
      : {}),
    ...(result.fix ? { fix: capped(result.fix.map(clean), more) } : {}),
    ...(result.plan
      ? {
          plan: result.plan.map((request) => ({
            ...legacyDetails(request),
            ...(request.command !== undefined ? { command: clean(request.command) } : {}),
          })),
        }
      : {}),
  };
}

/**
 * A plugin written for an earlier version may still give a step `details` (plain text):
 * instructions by hand, as locations.
 */
function legacyDetails(request: PlanRequest): PlanRequest {
  const { details, ...rest } = request as PlanRequest & { details?: unknown };
  if (!Array.isArray(details)) return rest;
  const text = details.filter((d): d is string => typeof d === 'string');
  const byHand = text.map((t) => ({ kind: 'by-hand' as const, text: t }));
  return { ...rest, locations: [...(rest.locations ?? []), ...byHand] };
}

/** The first MAX_ITEMS - 1 items and a last one saying how many more there are. */
export function capped<T>(items: T[], more: (n: number) => T): T[] {
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
  const TIMED_OUT = Symbol('timed out');
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), budgetMs);
  });
  try {
    const result: unknown = await Promise.race([
      // A plugin's check gets its plugin's own memo (same world and probes), never the built-ins'.
      Promise.resolve().then(() => check.run(check.plugin ? ctx.forPlugin(check.plugin) : ctx)),
      timeout,
    ]);
    if (result === TIMED_OUT)
      return {
        outcome: 'timed-out',
        status: 'error',
        summary: `${who} did not finish within ${budgetMs} ms.`,
      };
    const declared = isFinding(result) && Object.hasOwn(check.outcomes ?? {}, result.outcome);
    return (
      (declared ? applyOutcome(check, result) : plainResult(result)) ?? {
        outcome: 'malformed',
        status: 'error',
        summary: `${who} returned a malformed result.`,
      }
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'crashed',
      status: 'error',
      summary: `${who} crashed: ${message.split('\n')[0] ?? ''}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A declared outcome (a built-in check, or a plugin that declares its own). */
function isFinding(value: unknown): value is Parameters<typeof applyOutcome>[1] {
  if (typeof value !== 'object' || value === null || !('outcome' in value)) return false;
  const finding = value as { outcome: unknown; evidence?: unknown; plan?: unknown };
  return (
    typeof finding.outcome === 'string' && evidenceOk(finding.evidence) && planOk(finding.plan)
  );
}

/** A plain `{status, summary}` result, as plugins may return; its outcome id is its status. */
function plainResult(value: unknown): CheckResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const result = value as Partial<PlainResult>;
  if (!STATUSES.includes(result.status as Status) || typeof result.summary !== 'string')
    return null;
  const fixOk =
    result.fix === undefined ||
    (Array.isArray(result.fix) && result.fix.every((f) => typeof f === 'string'));
  return evidenceOk(result.evidence) && fixOk && planOk(result.plan)
    ? { ...(result as PlainResult), outcome: result.status! }
    : null;
}

function evidenceOk(evidence: unknown): boolean {
  return (
    evidence === undefined ||
    (Array.isArray(evidence) &&
      evidence.every((e) => typeof e?.source === 'string' && typeof e?.detail === 'string'))
  );
}

function planOk(plan: unknown): boolean {
  return (
    plan === undefined ||
    (Array.isArray(plan) &&
      plan.every(
        (p: PlanRequest) =>
          PLAN_STEP_IDS.includes(p?.step) &&
          (p.locations === undefined ||
            (Array.isArray(p.locations) && p.locations.every(locationOk))),
      ))
  );
}

/** The fields each kind of location needs, so the plan and `fix` can rely on them. */
const LOCATION_FIELDS: Record<Location['kind'], Record<string, 'string' | 'number'>> = {
  'shell-line': { path: 'string', line: 'number', name: 'string', dialect: 'string' },
  'shell-wrapper': { path: 'string', line: 'number', name: 'string', wrapper: 'string' },
  'settings-env': { path: 'string', name: 'string' },
  'settings-key': { path: 'string', key: 'string' },
  'by-hand': { text: 'string' },
};

function locationOk(location: unknown): boolean {
  if (typeof location !== 'object' || location === null) return false;
  const { kind } = location as { kind?: unknown };
  if (typeof kind !== 'string' || !Object.hasOwn(LOCATION_FIELDS, kind)) return false;
  const fields = LOCATION_FIELDS[kind as Location['kind']];
  return Object.entries(fields).every(
    ([field, type]) => typeof (location as Record<string, unknown>)[field] === type,
  );
}

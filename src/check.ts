import { METHOD_LABEL } from './labels.js';
import type {
  Check,
  Method,
  CheckResult,
  Finding,
  OutcomeSpec,
  OutcomeValues,
  PlainResult,
  PlanRequest,
  PlanStepId,
} from './types.js';

export type {
  Check,
  CheckResult,
  Evidence,
  Finding,
  OutcomeSpec,
  PlainResult,
  PlanRequest,
  Status,
} from './types.js';
export type { Context } from './context.js';

/**
 * Typed identity: the same shape for built-in and third-party checks. With `outcomes` declared,
 * `run` may only name one of them (tsc enforces it); without, it returns a plain result.
 */
export function defineCheck<const O extends string = never>(
  check: Omit<Check<O>, 'run'> & {
    run(ctx: Parameters<Check['run']>[0]): Promise<Finding<NoInfer<O>> | PlainResult>;
  },
): Check<O> {
  return check;
}

const PLACEHOLDER = /\{(\w+)(:method)?\}/g;

/**
 * `{name}` in a template is replaced by `values.name`, `{name:method}` by the sentence name of
 * that auth method (values stay data: `api-key`, not prose). A missing value is the check's bug.
 */
export function fill(template: string, values: OutcomeValues = {}, where = 'template'): string {
  return template.replace(PLACEHOLDER, (_, name: string, method?: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${where} needs the value "${name}"`);
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    return method ? (METHOD_LABEL[text as Method] ?? text) : text;
  });
}

/** A fix line per item of the first list it names; otherwise one line. */
function fillLine(template: string, values: OutcomeValues = {}, where: string): string[] {
  const list = [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .find((name) => Array.isArray(values[name]));
  if (!list) return [fill(template, values, where)];
  return (values[list] as readonly string[]).map((item) =>
    fill(template, { ...values, [list]: item }, where),
  );
}

export function fixLines(spec: OutcomeSpec): readonly string[] {
  return spec.fix === undefined ? [] : typeof spec.fix === 'string' ? [spec.fix] : spec.fix;
}

/**
 * A finding with its declaration applied: the summary and fix filled in, and the declared plan
 * steps carrying the finding's specifics (a step named by the finding but not declared is a bug).
 */
export function applyOutcome(check: Check, finding: Finding): CheckResult {
  const where = `${check.id}: outcome "${finding.outcome}"`;
  const spec = Object.hasOwn(check.outcomes ?? {}, finding.outcome)
    ? check.outcomes![finding.outcome as never]
    : undefined;
  if (!spec) throw new Error(`${check.id} returned the undeclared outcome "${finding.outcome}"`);
  const extra = finding.plan ?? [];
  const declared = (spec.plan ?? []).map((step) => ({
    step: step.replace('?', '') as PlanStepId,
    optional: step.endsWith('?'),
  }));
  const stray = extra.find((p) => !declared.some((d) => d.step === p.step));
  if (stray) throw new Error(`${where} does not declare the plan step "${stray.step}"`);
  const plan: PlanRequest[] = declared.flatMap(({ step, optional }) => {
    const given = extra.filter((p) => p.step === step);
    return given.length || optional ? given : [{ step }];
  });
  const fix = fixLines(spec).flatMap((line) => fillLine(line, finding.values, where));
  return {
    outcome: finding.outcome,
    status: spec.status,
    summary: fill(spec.summary, finding.values, where),
    ...(finding.values ? { values: finding.values } : {}),
    ...(finding.evidence ? { evidence: finding.evidence } : {}),
    ...(fix.length ? { fix } : {}),
    ...(plan.length ? { plan } : {}),
  };
}

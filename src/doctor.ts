import { checks as builtIn } from '../checks/index.js';
import { Context, type ContextInit, type RunOptions } from './context.js';
import { authModel } from './credentials.js';
import { renderHuman } from './render/human.js';
import { renderJson } from './render/json.js';
import { makeStyle } from './render/style.js';
import { buildReport, exitCodeOf } from './report.js';
import { runChecks, type CheckOutcome, type RunHooks } from './run.js';
import { runningClaude } from './sources/claude-install.js';
import type { Check, Report } from './types.js';

export interface DoctorOptions extends RunOptions {
  json: boolean;
  strict: boolean;
  color: boolean;
  /** Show a live list (a terminal that is not CI). */
  live: boolean;
  only: string[];
  skip: string[];
}

export interface Output {
  stdout(text: string): void;
}

export class UsageError extends Error {}

export function selectChecks(all: readonly Check[], only: string[], skip: string[]): Check[] {
  const known = new Set(all.map((c) => c.id));
  const unknown = [...only, ...skip].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(`Unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`);
  }
  return all.filter((c) => (only.length === 0 || only.includes(c.id)) && !skip.includes(c.id));
}

export interface Diagnosis {
  outcomes: CheckOutcome[];
  report: Report;
}

/** Runs the checks on one context and builds the report (the doctor, and fix before and after). */
export async function diagnose(ctx: Context, selected: readonly Check[], hooks: RunHooks = {}): Promise<Diagnosis> {
  const outcomes = await runChecks(ctx, selected, hooks);
  const [auth, claude] = await Promise.all([authModel(ctx), runningClaude(ctx)]);
  return { outcomes, report: buildReport(ctx, outcomes, auth, claude) };
}

/** One doctor run: gather, check, report. Returns the exit code. */
export async function runDoctor(world: Omit<ContextInit, 'options'>, options: DoctorOptions, out: Output): Promise<number> {
  const selected = selectChecks(builtIn, options.only, options.skip);
  const ctx = new Context({ ...world, options });
  const run = (hooks: RunHooks) => diagnose(ctx, selected, hooks);
  const { report } = options.live && !options.json
    ? await (await import('./render/live.js')).runWithLiveList(selected, (onDone) => run({ onDone }))
    : await run({});
  const text = options.json
    ? renderJson(report)
    : renderHuman(report, { style: makeStyle(options.color), verbose: options.verbose, checkList: !options.live });
  // Last line of defence: no value the run saw as a secret leaves the process.
  out.stdout(ctx.secrets.scrub(text));
  return exitCodeOf(report, options.strict);
}

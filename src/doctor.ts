import { checks as builtIn } from '../checks/index.js';
import { Context, type ContextInit, type RunOptions } from './context.js';
import { authModel } from './credentials.js';
import { renderHuman } from './render/human.js';
import { renderJson } from './render/json.js';
import { makeStyle } from './render/style.js';
import { buildReport, exitCodeOf } from './report.js';
import type { CheckSetting } from './config/resolve.js';
import { runChecks, type CheckOutcome, type RunHooks, type RunnableCheck } from './run.js';
import { runningClaude, updateCommandFor } from './sources/claude-install.js';
import { environmentFacts } from './sources/environment.js';
import type { Check, Report } from './types.js';

export interface DoctorOptions extends RunOptions {
  json: boolean;
  strict: boolean;
  color: boolean;
  /** Show a live list (a terminal that is not CI). */
  live: boolean;
  only: string[];
  skip: string[];
  /** Checks from configured plugins, run after the built-in ones. */
  pluginChecks?: readonly RunnableCheck[];
  /** `checks` from the configuration: `off` removes a check (unless --only names it), others recount. */
  checkSettings?: Readonly<Record<string, CheckSetting>>;
}

export interface Output {
  stdout(text: string): void;
  /** Notes under --verbose (what the run did without), kept off stdout for --json. */
  stderr?(text: string): void;
}

export class UsageError extends Error {}

export function selectChecks(all: readonly Check[], only: string[], skip: string[]): Check[] {
  const known = new Set(all.map((c) => c.id));
  const unknown = [...only, ...skip].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(
      `Unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`,
    );
  }
  return all.filter((c) => (only.length === 0 || only.includes(c.id)) && !skip.includes(c.id));
}

export function configureChecks(
  selected: readonly RunnableCheck[],
  settings: Readonly<Record<string, CheckSetting>>,
  only: string[],
): RunnableCheck[] {
  return selected.flatMap((check) => {
    const setting = settings[check.id];
    if (!setting) return [check];
    if (setting.setting === 'off') return only.includes(check.id) ? [check] : [];
    return [{ ...check, override: { setting: setting.setting, source: setting.source } }];
  });
}

/** Built-in and plugin checks, narrowed by --only/--skip and the configuration's `checks`. */
export function checksFor(
  options: Pick<DoctorOptions, 'only' | 'skip' | 'pluginChecks' | 'checkSettings'>,
): RunnableCheck[] {
  const all = [...builtIn, ...(options.pluginChecks ?? [])];
  return configureChecks(
    selectChecks(all, options.only, options.skip),
    options.checkSettings ?? {},
    options.only,
  );
}

export interface Diagnosis {
  outcomes: CheckOutcome[];
  report: Report;
}

/** Runs the checks on one context and builds the report (the doctor, report, and fix before and after). */
export async function diagnose(
  ctx: Context,
  selected: readonly RunnableCheck[],
  hooks: RunHooks = {},
): Promise<Diagnosis> {
  // Started before the checks: `claude --version` is the slowest input of a run, and what the
  // checks ask for is memoized, so they share these answers and the run's time budget.
  const running = runningClaude(ctx);
  const facts = environmentFacts(ctx);
  const outcomes = await runChecks(ctx, selected, hooks);
  const [auth, claude] = await Promise.all([authModel(ctx), running]);
  const update = claude ? await updateCommandFor(ctx, claude) : undefined;
  return { outcomes, report: buildReport(ctx, outcomes, auth, claude, await facts, update) };
}

export type CollectOptions = RunOptions &
  Pick<DoctorOptions, 'only' | 'skip' | 'live' | 'pluginChecks' | 'checkSettings'>;

/** Gathers, checks and builds the report; every command that runs the checks starts here. */
export async function collectReport(
  world: Omit<ContextInit, 'options'>,
  options: CollectOptions,
): Promise<{ ctx: Context; report: Report }> {
  const selected = checksFor(options);
  const ctx = new Context({ ...world, options });
  const run = (hooks: RunHooks) => diagnose(ctx, selected, hooks);
  const { report } = options.live
    ? await (
        await import('./render/live.js')
      ).runWithLiveList(selected, (onDone) => run({ onDone }))
    : await run({});
  return { ctx, report };
}

/** One doctor run: gather, check, report. Returns the exit code. */
export async function runDoctor(
  world: Omit<ContextInit, 'options'>,
  options: DoctorOptions,
  out: Output,
): Promise<number> {
  const { ctx, report } = await collectReport(world, {
    ...options,
    live: options.live && !options.json,
  });
  const text = options.json
    ? renderJson(report)
    : renderHuman(report, {
        style: makeStyle(options.color),
        verbose: options.verbose,
        checkList: !options.live,
      });
  // Last line of defence: no value the run saw as a secret leaves the process.
  out.stdout(ctx.secrets.scrub(text));
  if (options.verbose && ctx.notes.length)
    out.stderr?.(ctx.secrets.scrub(ctx.notes.map((note) => `note: ${note}\n`).join('')));
  return exitCodeOf(report, options.strict);
}

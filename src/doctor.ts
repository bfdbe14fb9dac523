import { checks as builtIn } from '../checks/index.js';
import { Context, type ContextInit, type RunOptions } from './context.js';
import { authModel } from './credentials.js';
import type { Terminal } from './render/style.js';
import { buildReport } from './report.js';
import type { CheckSetting } from './config/resolve.js';
import { runChecks, type CheckOutcome, type RunHooks, type RunnableCheck } from './run.js';
import { runningClaude, updateCommandFor } from './sources/claude-install.js';
import { environmentFacts, environmentSnapshot } from './sources/environment.js';
import { didYouMean } from './suggest.js';
import { assumedShell } from './where-set.js';
import type { Check, Report } from './types.js';

export interface DoctorOptions extends RunOptions {
  json: boolean;
  strict: boolean;
  color: boolean;
  /** What the terminal shows (colour, Unicode, width); plain text with `color` alone. */
  terminal?: Terminal;
  /** --quiet: only the exit code (and errors). */
  quiet?: boolean;
  /** Show a live list (a terminal that is not CI). */
  live: boolean;
  only: string[];
  skip: string[];
  /** Checks from configured plugins, run after the built-in ones. */
  pluginChecks?: readonly RunnableCheck[];
  /** `checks` from the configuration: `off` removes a check (unless --only names it), others recount. */
  checkSettings?: Readonly<Record<string, CheckSetting>>;
}

/** What a run needs from the world, besides its options. */
export type ContextWorld = Omit<ContextInit, 'options'>;

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
    const hints = unknown.map((id) => didYouMean(id, [...known], (w) => `\`${w}\``)).join('');
    throw new UsageError(
      `Unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.${hints} \`claude-auth-doctor list\` shows them all.`,
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
  // Reused from the checks (memoized): a new cost only when no check looked at startup files.
  const shell = await assumedShell(ctx);
  const report = buildReport({
    outcomes,
    auth,
    environment: { ...environmentSnapshot(ctx, claude, await facts), assumedShell: shell },
    generatedAt: ctx.now(),
    ...(update !== undefined ? { updateCommand: update } : {}),
    ...(ctx.options.rerun ? { rerun: ctx.options.rerun } : {}),
    display: (file) => ctx.display(file),
  });
  return { outcomes, report };
}

export type CollectOptions = RunOptions &
  Pick<DoctorOptions, 'only' | 'skip' | 'live' | 'pluginChecks' | 'checkSettings' | 'terminal'>;

/**
 * Runs the checks and builds the report, every command that runs the checks starts here.
 * `live` shows the checks as they finish (a renderer the command passes in, for a terminal).
 */
export async function collectReport(
  world: Omit<ContextInit, 'options'>,
  options: CollectOptions,
  live?: LiveView,
): Promise<{ ctx: Context; report: Report }> {
  const selected = checksFor(options);
  const ctx = new Context({ ...world, options });
  const run = (hooks: RunHooks) => diagnose(ctx, selected, hooks);
  const { report } =
    options.live && live ? await live(selected, (onDone) => run({ onDone })) : await run({});
  return { ctx, report };
}

/** Shows checks while they run; `run` reports each finished one to `onDone`. */
export type LiveView = (
  selected: readonly Check[],
  run: (onDone: NonNullable<RunHooks['onDone']>) => Promise<Diagnosis>,
) => Promise<Diagnosis>;

import { checks as builtIn } from '../checks/index.js';
import { Context, type ContextInit, type RunOptions } from './context.js';
import { authModel } from './credentials.js';
import { renderHuman } from './render/human.js';
import { renderJson } from './render/json.js';
import { makeStyle } from './render/style.js';
import { buildReport, exitCodeOf } from './report.js';
import { runChecks, type RunHooks } from './run.js';
import { runningClaude } from './sources/claude-install.js';
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

export type CollectOptions = RunOptions & Pick<DoctorOptions, 'only' | 'skip' | 'live'>;

/** Gathers, checks and builds the report; every command that runs the checks starts here. */
export async function collectReport(world: Omit<ContextInit, 'options'>, options: CollectOptions): Promise<{ ctx: Context; report: Report }> {
  const selected = selectChecks(builtIn, options.only, options.skip);
  const ctx = new Context({ ...world, options });
  // Started beside the checks, so its `claude --version` calls share the run's time budget.
  const facts = environmentFacts(ctx);
  const run = (hooks: RunHooks) => runChecks(ctx, selected, hooks);
  const outcomes = options.live
    ? await (await import('./render/live.js')).runWithLiveList(selected, (onDone) => run({ onDone }))
    : await run({});
  const [auth, claude] = await Promise.all([authModel(ctx), runningClaude(ctx)]);
  return { ctx, report: buildReport(ctx, outcomes, auth, claude, await facts) };
}

/** One doctor run: gather, check, report. Returns the exit code. */
export async function runDoctor(world: Omit<ContextInit, 'options'>, options: DoctorOptions, out: Output): Promise<number> {
  const { ctx, report } = await collectReport(world, { ...options, live: options.live && !options.json });
  const text = options.json
    ? renderJson(report)
    : renderHuman(report, { style: makeStyle(options.color), verbose: options.verbose, checkList: !options.live });
  // Last line of defence: no value the run saw as a secret leaves the process.
  out.stdout(ctx.secrets.scrub(text));
  return exitCodeOf(report, options.strict);
}

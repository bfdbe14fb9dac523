import { Context, type ContextInit, type RunOptions } from '../context.js';
import { originsOf } from '../credentials.js';
import { checksFor, diagnose, type DoctorOptions, type Diagnosis } from '../doctor.js';
import { toolStateDir } from '../platform/paths.js';
import { clean, maskKeyShaped } from '../display.js';
import { COMMAND_NAME, withArgs } from '../invocation.js';
import { rerunCommand } from '../plan.js';
import { exitCodeOf } from '../report.js';
import type { FixStep, Location } from '../types.js';
import { applyChanges } from './apply.js';
import type { WriteOps } from './atomic.js';
import { commandArgvs, runPlanCommand } from './commands.js';
import { unifiedDiff } from './diff.js';
import type { FixEvent, Question } from './events.js';
import { planEdits, type EditPlan } from './plan-edits.js';
import type { Answer } from './prompt.js';

export interface FixEngineOptions
  extends RunOptions, Pick<DoctorOptions, 'pluginChecks' | 'checkSettings'> {
  only: string[];
  skip: string[];
  yes: boolean;
  dryRun: boolean;
  /** Bound for the update command; logout gets LOGOUT_TIMEOUT_MS. */
  updateTimeoutMs: number;
  /** Where backups go; the platform's state directory by default. */
  stateDir?: string;
}

export interface FixEngineIo {
  /** Asks before a step; null when there is no terminal to ask on. The command words it. */
  ask: ((question: Question) => Promise<Answer>) | null;
  /** Tests replace the final rename to fail a write in the middle. */
  writeOps?: WriteOps;
}

const LOGOUT_TIMEOUT_MS = 30_000;

type Prepared =
  | { kind: 'files'; step: FixStep; edits: EditPlan }
  | {
      kind: 'command';
      step: FixStep;
      argvs: string[][] | null;
      timeoutMs: number;
      /** It needs the network, and this run is --offline: left to the user. */
      offline?: boolean;
    }
  | { kind: 'final'; step: FixStep };

/**
 * `claude-auth-doctor fix` as events: runs the checks, walks the fix plan asking before each
 * step, applies what can be applied safely, and runs the checks again. Nothing is printed here;
 * the generator's return value is the exit code.
 */
export async function* fixEvents(
  world: Omit<ContextInit, 'options'>,
  options: FixEngineOptions,
  io: FixEngineIo,
): AsyncGenerator<FixEvent, number, undefined> {
  const selected = checksFor(options);
  const ctx = new Context({ ...world, options });
  const before = await diagnose(ctx, selected);
  yield { type: 'before', report: before.report };
  const rerun = rerunCommand(before.report.fixPlan);
  const problems = before.report.checks.filter((c) =>
    ['warn', 'fail', 'error'].includes(c.status),
  ).length;
  const close = (
    result: Extract<FixEvent, { type: 'summary' }>['result'],
    exitCode: number,
    rest: Partial<Extract<FixEvent, { type: 'summary' }>> = {},
  ): FixEvent => ({
    type: 'summary',
    result,
    problems,
    manual: [],
    newTerminal: false,
    finals: [],
    rerun,
    exitCode,
    ...rest,
  });
  if (before.report.fixPlan.length === 0) {
    const code = exitCodeOf(before.report, false);
    yield close('nothing-to-fix', code);
    return code;
  }

  // Steps that edit files: each gets the locations its requests carry.
  const requests = before.outcomes.flatMap((o) => o.plan);
  const locationsOf = (id: string) =>
    requests.flatMap((r) => (r.step === id ? (r.locations ?? []) : []));
  const steps = await Promise.all(
    before.report.fixPlan.map((step) => prepare(ctx, step, locationsOf(step.id), options)),
  );
  const preview = options.dryRun || (!options.yes && !io.ask);
  if (preview) yield { type: 'preview', reason: options.dryRun ? 'dry-run' : 'no-terminal' };

  let answerAll = options.yes;
  let quit = false;
  let failed = false;
  let acted = false;
  const appliedShellNames = new Set<string>();
  const manual: string[] = [];
  const actionable = steps.filter((s) => s.kind !== 'final');
  for (const [index, prepared] of actionable.entries()) {
    const { id, title } = prepared.step;
    yield { type: 'step', step: id, index: index + 1, total: actionable.length, title };
    const planned = [...describeStep(prepared)];
    for (const event of planned) {
      if (event.type === 'by-hand') manual.push(event.text);
      yield event;
    }
    const edits = prepared.kind === 'files';
    if (!doable(prepared)) {
      yield { type: 'skipped', step: id, reason: 'nothing-automatic', edits };
      continue;
    }
    if (preview) {
      yield {
        type: 'skipped',
        step: id,
        reason: options.dryRun ? 'dry-run' : 'no-terminal',
        edits,
      };
      continue;
    }
    let answer: Answer = quit ? 'quit' : 'yes';
    if (!quit && !answerAll) {
      const question: Question = edits ? 'apply-edits' : 'run-command';
      answer = await io.ask!(question);
      yield { type: 'asked', step: id, question, answer };
    }
    if (answer === 'quit' || answer === 'no') {
      const reason = answer === 'no' ? 'declined' : quit ? 'stopped' : 'quit';
      yield { type: 'skipped', step: id, reason, edits };
      quit ||= answer === 'quit';
      manual.push(...leftUndone(prepared));
      continue;
    }
    if (answer === 'all') answerAll = true;
    acted = true;
    const outcome =
      prepared.kind === 'files'
        ? applyFiles(ctx, prepared, options, io, appliedShellNames)
        : runCommands(ctx, prepared);
    let ok = true;
    for await (const event of outcome) {
      if (event.type === 'failed') ok = false;
      yield event;
    }
    if (!ok && prepared.kind === 'command') manual.push(...leftUndone(prepared));
    failed ||= !ok;
    yield { type: 'step-done', step: id, ok };
  }

  const removal = steps.find((s) => s.step.id === 'remove-env-credential');
  const finish = {
    manual,
    ...(removal?.step.command ? { unset: removal.step.command } : {}),
    newTerminal: appliedShellNames.size > 0,
    finals: steps.filter((s) => s.kind === 'final').map((s) => s.step),
  };
  if (preview) {
    const code = options.dryRun ? 0 : 1;
    yield close('preview', code, finish);
    return code;
  }
  if (!acted) {
    yield close('unchanged', 1, finish);
    return 1;
  }
  const { after, note } = await diagnoseAfter(world, options, selected, appliedShellNames);
  yield { type: 'after', before: before.report, after: after.report, note };
  const code = failed ? 1 : exitCodeOf(after.report, false);
  yield close('changed', code, { ...finish, verdict: { report: after.report, note } });
  return code;
}

async function prepare(
  ctx: Context,
  step: FixStep,
  locations: Location[],
  options: FixEngineOptions,
): Promise<Prepared> {
  switch (step.id) {
    case 'remove-env-credential':
    case 'remove-forced-login':
      return { kind: 'files', step, edits: await planEdits(ctx, locations) };
    case 'logout':
    case 'update':
      return {
        kind: 'command',
        step,
        argvs: commandArgvs(step.command ?? ''),
        timeoutMs: step.id === 'update' ? options.updateTimeoutMs : LOGOUT_TIMEOUT_MS,
        // Every update command downloads; under --offline nothing that needs the network runs.
        ...(step.id === 'update' && options.offline ? { offline: true } : {}),
      };
    default:
      return { kind: 'final', step };
  }
}

/** What a step would do: diffs, commands, and what is left to do by hand. */
function* describeStep(prepared: Prepared): Generator<FixEvent> {
  const step = prepared.step.id;
  if (prepared.kind === 'files') {
    for (const change of prepared.edits.changes) {
      const diff = unifiedDiff(
        `${change.targetShown} (before)`,
        `${change.targetShown} (after)`,
        change.before,
        change.after,
      );
      yield {
        type: 'planned-edit',
        step,
        file: change.shown,
        target: change.targetShown,
        symlink: change.symlink,
        links: change.links,
        diff,
      };
    }
    for (const text of prepared.edits.manual) yield { type: 'by-hand', step, text };
    return;
  }
  if (prepared.kind === 'command') {
    const command = prepared.step.command;
    if (prepared.offline) {
      const text = `run \`${command}\` yourself when online (it needs the network; this run is --offline)`;
      yield { type: 'by-hand', step, text };
      return;
    }
    if (!prepared.argvs) {
      yield {
        type: 'by-hand',
        step,
        text: `run \`${command}\` yourself (it needs a shell or sudo)`,
      };
      return;
    }
    for (const argv of prepared.argvs) yield { type: 'planned-command', step, argv };
  }
}

/** Whether any of the step can be done by fix itself. */
function doable(prepared: Prepared): boolean {
  if (prepared.kind === 'files') return prepared.edits.changes.length > 0;
  return prepared.kind === 'command' && !prepared.offline && prepared.argvs !== null;
}

/** A skipped or failed step, for the list of what is left to do by hand. */
function leftUndone(prepared: Prepared): string[] {
  if (prepared.kind === 'files')
    return prepared.edits.changes.map(
      (c) => `${c.targetShown}: make the edit shown above (not applied)`,
    );
  if (prepared.kind === 'command')
    return (prepared.argvs ?? []).map((argv) => `run \`${argv.join(' ')}\` (not done)`);
  return [];
}

async function* applyFiles(
  ctx: Context,
  prepared: Extract<Prepared, { kind: 'files' }>,
  options: FixEngineOptions,
  io: FixEngineIo,
  shellNames: Set<string>,
): AsyncGenerator<FixEvent> {
  const step = prepared.step.id;
  const { changes } = prepared.edits;
  const result = await applyChanges(
    ctx,
    changes,
    options.stateDir ?? toolStateDir(ctx),
    io.writeOps,
  );
  for (const change of result.written) {
    yield {
      type: 'applied',
      step,
      file: change.targetShown,
      ...(change.symlink ? { symlinkOf: change.shown } : {}),
    };
    for (const name of change.shellNames) shellNames.add(name);
  }
  if (result.backupDir)
    yield {
      type: 'backup',
      step,
      dir: ctx.display(result.backupDir),
      undo: withArgs(ctx.options.rerun ?? COMMAND_NAME, 'fix --undo'),
    };
  if (result.failure) {
    const { change, message } = result.failure;
    const left = changes.filter((c) => !result.written.includes(c) && c !== change);
    yield {
      type: 'failed',
      step,
      kind: 'file',
      subject: change.targetShown,
      reason: message,
      ...(left.length ? { notAttempted: left.map((c) => c.targetShown) } : {}),
    };
  }
}

async function* runCommands(
  ctx: Context,
  prepared: Extract<Prepared, { kind: 'command' }>,
): AsyncGenerator<FixEvent> {
  const step = prepared.step.id;
  for (const argv of prepared.argvs ?? []) {
    yield { type: 'command-started', step, argv, timeoutMs: prepared.timeoutMs };
    const result = await runPlanCommand(ctx, argv, prepared.timeoutMs);
    // The command's output is data: cleaned, anything key-shaped masked, the sink scrubs the rest.
    const text = maskKeyShaped(clean(`${result.stdout}${result.stderr}`)).trimEnd();
    if (text) yield { type: 'command-output', step, argv, text };
    const problem =
      result.failure ??
      (result.timedOut
        ? `did not finish within ${duration(prepared.timeoutMs)}`
        : result.exitCode !== 0
          ? `exited with code ${result.exitCode}`
          : null);
    if (problem) {
      yield { type: 'failed', step, kind: 'command', subject: argv.join(' '), reason: problem };
      return;
    }
    yield { type: 'command-finished', step, argv };
  }
}

/**
 * The checks again, on a fresh context. A variable whose every startup line was commented out
 * is still in this process's environment, but a new terminal will not have it: the after-run
 * leaves it out, and says so.
 */
async function diagnoseAfter(
  world: Omit<ContextInit, 'options'>,
  options: FixEngineOptions,
  selected: Parameters<typeof diagnose>[1],
  shellNames: Set<string>,
): Promise<{ after: Diagnosis; note: string }> {
  const probe = new Context({ ...world, options });
  const env = { ...world.env };
  const gone: string[] = [];
  for (const name of shellNames) {
    if (env[name] !== undefined && (await originsOf(probe, name)).length === 0) {
      delete env[name];
      gone.push(name);
    }
  }
  const after = await diagnose(new Context({ ...world, env, options }), selected);
  return {
    after,
    note: gone.length ? `as a new terminal will see it, without ${gone.join(', ')}` : '',
  };
}

export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

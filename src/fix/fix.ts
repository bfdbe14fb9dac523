import { Context, type ContextInit, type RunOptions } from '../context.js';
import { originsOf } from '../credentials.js';
import { checksFor, diagnose, type DoctorOptions, type Diagnosis } from '../doctor.js';
import { toolStateDir } from '../platform/paths.js';
import { clean, maskKeyShaped } from '../display.js';
import { renderBeforeAfter } from '../render/fix.js';
import { COMMAND_NAME, withArgs } from '../invocation.js';
import { checkLine, effectiveSentence, rerunOf } from '../render/human.js';
import { makeStyle, PLAIN, type Style, type Terminal } from '../render/style.js';
import { exitCodeOf } from '../report.js';
import type { FixStep, Location } from '../types.js';
import { applyChanges } from './apply.js';
import type { WriteOps } from './atomic.js';
import { commandArgvs, runPlanCommand } from './commands.js';
import { unifiedDiff } from './diff.js';
import { planEdits, type EditPlan } from './plan-edits.js';
import type { Answer, Ask } from './prompt.js';

export interface FixOptions
  extends RunOptions, Pick<DoctorOptions, 'pluginChecks' | 'checkSettings'> {
  only: string[];
  skip: string[];
  yes: boolean;
  dryRun: boolean;
  color: boolean;
  /** What the terminal shows (colour, Unicode, width); plain text with `color` alone. */
  terminal?: Terminal;
  /** Bound for the update command; logout gets LOGOUT_TIMEOUT_MS. */
  updateTimeoutMs: number;
  /** Where backups go; the platform's state directory by default. */
  stateDir?: string;
}

export interface FixIo {
  stdout(text: string): void;
  /** null when there is no terminal to ask on. */
  ask: Ask | null;
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
 * `claude-auth-doctor fix`: runs the checks, walks the fix plan asking before each step,
 * applies what can be applied safely, and shows each check before and after.
 */
export async function runFix(
  world: Omit<ContextInit, 'options'>,
  options: FixOptions,
  io: FixIo,
): Promise<number> {
  const selected = checksFor(options);
  const ctx = new Context({ ...world, options });
  const style = makeStyle(options.terminal ?? options.color);
  const out = (text: string) => io.stdout(style.finish(text));
  // Diffs and command output keep their lines as they are (ASCII when needed, never wrapped).
  const verbatim = (text: string) =>
    io.stdout(makeStyle({ ...(options.terminal ?? PLAIN), width: null }).finish(text));
  const before = await diagnose(ctx, selected);
  // The problems only: the full list is the doctor's (--verbose).
  const problems = before.report.checks.filter((c) => ['warn', 'fail', 'error'].includes(c.status));
  out(
    `${style.bold(effectiveSentence(before.report))}\n\n${problems.map((c) => `${checkLine(c, style)}\n`).join('')}${problems.length ? '\n' : ''}`,
  );
  if (before.report.fixPlan.length === 0) {
    out(
      `Nothing to fix: ${problems.length ? 'no step of a plan applies.' : 'no check found a problem.'}\n`,
    );
    return exitCodeOf(before.report, false);
  }

  // Steps that edit files: each gets the locations its requests carry.
  const requests = before.outcomes.flatMap((o) => o.plan);
  const locationsOf = (id: string) =>
    requests.flatMap((r) => (r.step === id ? (r.locations ?? []) : []));
  const steps = await Promise.all(
    before.report.fixPlan.map((step) => prepare(ctx, step, locationsOf(step.id), options)),
  );
  const preview = options.dryRun || (!options.yes && !io.ask);
  if (preview && !options.dryRun)
    out('No terminal to ask on, and no --yes: this is the plan; nothing was changed.\n\n');

  let answerAll = options.yes;
  let quit = false;
  let failed = false;
  let acted = false;
  const appliedShellNames = new Set<string>();
  const manual: string[] = [];
  const actionable = steps.filter((s) => s.kind !== 'final');
  for (const [index, prepared] of actionable.entries()) {
    out(`${style.bold(`Step ${index + 1}/${actionable.length}: ${prepared.step.title}`)}\n`);
    const doable = describeStep(prepared, ctx, out, manual, verbatim);
    if (!doable) {
      out('  Nothing here can be done automatically.\n\n');
      continue;
    }
    if (preview) {
      out(
        `  (${options.dryRun ? 'dry run: ' : ''}${prepared.kind === 'files' ? 'not written' : 'not run'})\n\n`,
      );
      continue;
    }
    const answer: Answer = quit
      ? 'quit'
      : answerAll
        ? 'yes'
        : await io.ask!(prepared.kind === 'files' ? '  Apply these edits?' : '  Run it?');
    if (answer === 'quit' || answer === 'no') {
      out(answer === 'quit' && !quit ? '  Skipped; stopping here.\n\n' : '  Skipped.\n\n');
      quit ||= answer === 'quit';
      manual.push(...leftUndone(prepared));
      continue;
    }
    if (answer === 'all') answerAll = true;
    acted = true;
    const ok =
      prepared.kind === 'files'
        ? await applyFiles(ctx, prepared.edits, options, io, out, appliedShellNames)
        : await runCommands(ctx, prepared, out, verbatim);
    if (!ok && prepared.kind === 'command') manual.push(...leftUndone(prepared));
    failed ||= !ok;
    out('\n');
  }

  const rerun = rerunOf(before.report);
  if (preview) {
    out(finalSteps(steps, manual, appliedShellNames, style, rerun));
    return options.dryRun ? 0 : 1;
  }
  if (!acted) {
    out(`Nothing was changed.\n\n${finalSteps(steps, manual, appliedShellNames, style, rerun)}`);
    return 1;
  }
  const { after, note } = await diagnoseAfter(world, options, selected, appliedShellNames);
  out(`${renderBeforeAfter(before.report, after.report, style, note)}\n`);
  // What is left for the user comes last, then the verdict a new terminal will see.
  out(finalSteps(steps, manual, appliedShellNames, style, rerun));
  out(
    `\n${style.bold(`${note ? 'In a new terminal: ' : ''}${effectiveSentence(after.report)}`)}\n`,
  );
  return failed ? 1 : exitCodeOf(after.report, false);
}

async function prepare(
  ctx: Context,
  step: FixStep,
  locations: Location[],
  options: FixOptions,
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

/** Prints what a step would do; returns whether any of it can be done automatically. */
function describeStep(
  prepared: Prepared,
  ctx: Context,
  out: (text: string) => void,
  manual: string[],
  verbatim: (text: string) => void,
): boolean {
  if (prepared.kind === 'files') {
    for (const change of prepared.edits.changes) {
      if (change.symlink)
        out(`  ${change.shown} is a symbolic link: editing its target, ${change.targetShown}\n`);
      if (change.links > 1)
        out(
          `  ${change.targetShown} has ${change.links} names (hard links): editing it in place, so every name changes\n`,
        );
      const diff = unifiedDiff(
        `${change.targetShown} (before)`,
        `${change.targetShown} (after)`,
        change.before,
        change.after,
      );
      verbatim(indent(diff, '    '));
    }
    for (const text of prepared.edits.manual) out(`  By hand: ${text}\n`);
    manual.push(...prepared.edits.manual);
    return prepared.edits.changes.length > 0;
  }
  if (prepared.kind === 'command') {
    if (prepared.offline) {
      const text = `run \`${prepared.step.command}\` yourself when online (it needs the network; this run is --offline)`;
      out(`  By hand: ${text}\n`);
      manual.push(text);
      return false;
    }
    if (!prepared.argvs) {
      const text = `run \`${prepared.step.command}\` yourself (it needs a shell or sudo)`;
      out(`  By hand: ${text}\n`);
      manual.push(text);
      return false;
    }
    for (const argv of prepared.argvs) out(`  $ ${argv.join(' ')}\n`);
    return true;
  }
  return false;
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

async function applyFiles(
  ctx: Context,
  edits: EditPlan,
  options: FixOptions,
  io: FixIo,
  out: (text: string) => void,
  shellNames: Set<string>,
): Promise<boolean> {
  const result = await applyChanges(
    ctx,
    edits.changes,
    options.stateDir ?? toolStateDir(ctx),
    io.writeOps,
  );
  for (const change of result.written) {
    out(
      `  ✔ edited ${change.targetShown}${change.symlink ? ` (the target of ${change.shown})` : ''}\n`,
    );
    for (const name of change.shellNames) shellNames.add(name);
  }
  if (result.backupDir)
    out(
      `  Backups: ${ctx.display(result.backupDir)} (undo with \`${withArgs(ctx.options.rerun ?? COMMAND_NAME, 'fix --undo')}\`)\n`,
    );
  if (result.failure) {
    out(`  ✖ ${result.failure.change.targetShown}: ${result.failure.message}\n`);
    const left = edits.changes.filter(
      (c) => !result.written.includes(c) && c !== result.failure!.change,
    );
    if (left.length) out(`  Not attempted: ${left.map((c) => c.targetShown).join(', ')}\n`);
    return false;
  }
  return true;
}

async function runCommands(
  ctx: Context,
  prepared: Extract<Prepared, { kind: 'command' }>,
  out: (text: string) => void,
  verbatim: (text: string) => void,
): Promise<boolean> {
  for (const argv of prepared.argvs ?? []) {
    out(`  Running \`${argv.join(' ')}\` (up to ${duration(prepared.timeoutMs)})…\n`);
    const result = await runPlanCommand(ctx, argv, prepared.timeoutMs);
    // The command's output is data: cleaned, anything key-shaped masked, the sink scrubs the rest.
    const output = maskKeyShaped(clean(`${result.stdout}${result.stderr}`)).trimEnd();
    if (output) verbatim(indent(`${output}\n`, '    | '));
    const problem =
      result.failure ??
      (result.timedOut
        ? `did not finish within ${duration(prepared.timeoutMs)}`
        : result.exitCode !== 0
          ? `exited with code ${result.exitCode}`
          : null);
    if (problem) {
      out(`  ✖ \`${argv.join(' ')}\` ${problem}\n`);
      return false;
    }
    out(`  ✔ \`${argv.join(' ')}\` finished\n`);
  }
  return true;
}

function finalSteps(
  steps: Prepared[],
  manual: string[],
  shellNames: Set<string>,
  style: Style,
  rerun: string,
): string {
  const lines = [style.bold('Still to do yourself')];
  for (const text of manual) lines.push(`  - ${text}`);
  const removal = steps.find((s) => s.step.id === 'remove-env-credential');
  if (removal?.step.command)
    lines.push(`  - In this terminal, until you open a new one: $ ${removal.step.command}`);
  const finals = steps.filter((s) => s.kind === 'final').map((s) => s.step);
  if (shellNames.size && !finals.some((s) => s.id === 'restart-terminal')) {
    lines.push('  - Open a new terminal: the edited startup files only apply to new ones');
  }
  for (const step of finals)
    lines.push(`  - ${step.title}${step.command ? `\n      $ ${step.command}` : ''}`);
  if (!finals.some((s) => s.id === 'verify'))
    lines.push(`  - Run the doctor again to confirm the fix\n      $ ${rerun}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The checks again, on a fresh context. A variable whose every startup line was commented out
 * is still in this process's environment, but a new terminal will not have it: the after-run
 * leaves it out, and says so.
 */
async function diagnoseAfter(
  world: Omit<ContextInit, 'options'>,
  options: FixOptions,
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

function indent(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

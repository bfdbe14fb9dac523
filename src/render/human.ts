import type { CandidateReport, CheckReport, FixStep, Report, Resolution } from '../types.js';
import { METHOD_LABEL } from '../labels.js';
import { withArgs } from '../invocation.js';
import { rerunCommand } from '../plan.js';
import type { Style } from './style.js';

// The doctor's answer for a person: the verdict first (what Claude Code uses, from where, who
// pays), then only the problems, then the plan, then one line about the rest. --verbose lists
// every check. The text is finished by style.finish (ASCII when needed, wrapped in terminals).

export interface HumanOptions {
  style: Style;
  /** Every check with its evidence, not only the problems. */
  verbose: boolean;
}

const BILLING_TEXT: Record<string, string> = {
  subscription: 'billed to your plan',
  'api-credits': 'billed as API credits',
  'third-party': 'billed by that provider',
  unknown: 'billed by whoever runs that endpoint',
};

const PROBLEM = new Set(['warn', 'fail', 'error']);

export function renderHuman(report: Report, options: HumanOptions): string {
  const { style, verbose } = options;
  const lines: string[] = [];
  if (verbose) lines.push(style.dim(`claude-auth-doctor ${report.tool.version}`), '');
  lines.push(...verdictLines(report).map((line) => style.bold(line)));

  const shown = report.checks.filter((c) => verbose || PROBLEM.has(c.status));
  if (shown.length) lines.push('');
  for (const [index, check] of shown.entries()) {
    // Problems stand apart; the full list (--verbose) stays compact.
    if (index > 0 && !verbose) lines.push('');
    lines.push(checkLine(check, style));
    for (const item of check.evidence)
      lines.push(`    ${style.dim(shortSource(item.source))}  ${item.detail}`);
    for (const fix of check.fix) lines.push(`    ${style.arrow} ${fix}`);
  }
  // What the startup-file lines above rest on; a healthy run shows none of them.
  const shell = assumedShellLine(report);
  if (shell && startupShown(report, shown))
    lines.push('', ...[shell, traceLine(report)].flatMap((l) => (l ? [style.dim(l)] : [])));
  if (report.fixPlan.length) lines.push('', ...planLines(report, style));
  lines.push('', countsLine(report, style, verbose));
  // A healthy run: the verdict and the all-clear, nothing between.
  return style.finish(`${lines.join('\n').replace(/^\n+/, '')}\n`);
}

/**
 * Which shell a new terminal runs, and how, in one line: `Assumed a new terminal runs zsh
 * (/bin/zsh, from $SHELL) as a login shell: macOS terminals start login shells; --shell-mode
 * changes it.`
 */
export function assumedShellLine(report: Report): string | null {
  const shell = report.environment.assumedShell;
  if (!shell) return null;
  if (shell.name === 'unknown')
    return "Could not tell which shell a new terminal runs (no $SHELL and no passwd entry): every shell's startup files count.";
  const from =
    shell.from === '$SHELL'
      ? ` (${shell.program}, from $SHELL)`
      : shell.from === 'passwd'
        ? ` (${shell.program}, from your passwd entry)`
        : shell.from === 'platform'
          ? ' (the platform default)'
          : '';
  const how = shell.mode === 'login' ? 'a login shell' : 'an interactive shell';
  const why =
    shell.modeFrom === '--shell-mode'
      ? ', as --shell-mode says'
      : `: ${shell.why}; --shell-mode changes it`;
  const handoff = shell.handoff
    ? ` Then ${shell.handoff.at} hands the terminal to ${shell.handoff.to} (\`exec\`).`
    : '';
  return `Assumed a new terminal runs ${shell.name}${from} as ${how}${why}.${handoff}`;
}

/** Where --trace-shell's start differed from a new terminal's (bash as root), when it did. */
export function traceLine(report: Report): string | null {
  const trace = report.environment.assumedShell?.trace;
  if (!trace?.ok || !trace.deviations.length) return null;
  return `--trace-shell: ${trace.deviations.join('; ')}.`;
}

/**
 * Whether the output names a startup-file line (`file:~/.zshrc:4`) or tells the user to open a
 * new terminal: both rest on the assumed shell.
 */
function startupShown(report: Report, shown: CheckReport[]): boolean {
  return (
    report.fixPlan.some((step) => step.id === 'restart-terminal') ||
    shown.some((check) => check.evidence.some((e) => /^file:[^#]*:\d+$/.test(e.source)))
  );
}

/**
 * When the doctor inferred API billing from a Console login alone, the user may hold a Pro or
 * Max plan and have picked the Console option at `/login` (the support article's central case).
 */
export function expectationNote(report: Report): string | null {
  if (report.expectBasis !== 'console-login') return null;
  return 'You are logged in with a Console account, billed as API credits. Have a Pro or Max plan? Log out and run `claude auth login --claudeai`, or run the doctor with `--expect subscription`.';
}

/** One row per check, the same in the live list, plain output and `fix`. */
export function checkLine(check: CheckReport, style: Style): string {
  const override = check.statusOverride
    ? style.dim(
        ` (${check.statusOverride.original}, counted as ${check.status} by ${check.statusOverride.source})`,
      )
    : '';
  return `${style.icon(check.status)} ${style.bold(check.title)}  ${check.summary}${override}`;
}

/** The plan, numbered; first what `fix` can do for the user, then each step by hand. */
export function planLines(report: Report, style: Style): string[] {
  const rerun = rerunOf(report);
  const auto = report.fixPlan.flatMap((step, index) => (step.automatic ? [index + 1] : []));
  const lines = [style.bold('Fix plan')];
  if (auto.length)
    lines.push(
      `  \`${withArgs(rerun, 'fix')}\` does ${stepNumbers(auto)} for you, asking first. By hand:`,
    );
  report.fixPlan.forEach((step, index) => lines.push(...stepLines(step, index + 1)));
  return lines;
}

function stepLines(step: FixStep, number: number): string[] {
  const lines = [`  ${number}. ${step.title}`];
  for (const detail of step.details ?? []) lines.push(`     - ${detail}`);
  if (step.command && step.id === 'remove-env-credential')
    // Not the fix itself: the running shell keeps a removed variable until it is closed.
    lines.push(
      `     - This terminal keeps it until you close it; to drop it here: \`${step.command}\``,
    );
  else if (step.command) lines.push(`     $ ${step.command}`);
  return lines;
}

/** "step 1", "steps 1-2", "steps 1, 3 and 4". */
function stepNumbers(numbers: number[]): string {
  if (numbers.length === 1) return `step ${numbers[0]}`;
  const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (consecutive) return `steps ${numbers[0]}-${numbers[numbers.length - 1]}`;
  return `steps ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** How the report says to run the doctor again (the plan's last step), else the plain name. */
export function rerunOf(report: Report): string {
  return rerunCommand(report.fixPlan);
}

function countsLine(report: Report, style: Style, verbose: boolean): string {
  const { pass, warn, fail, skip, error } = report.summary;
  if (verbose) {
    return [
      `${pass} passed`,
      warn && style.status('warn', `${warn} warning${warn === 1 ? '' : 's'}`),
      fail && style.status('fail', `${fail} failed`),
      error && style.status('error', `${error} error${error === 1 ? '' : 's'}`),
      skip && `${skip} skipped`,
    ]
      .filter(Boolean)
      .join(', ');
  }
  const rest = `${pass} ${warn + fail + error ? 'other ' : ''}check${pass === 1 ? '' : 's'} passed${skip ? `, ${skip} skipped` : ''} (--verbose lists ${pass + skip === 1 ? 'it' : 'them'})`;
  if (warn + fail + error === 0) return style.status('pass', `All clear: ${rest}.`);
  return `${rest}.`;
}

/**
 * What Claude Code uses, from where, and who pays: one line when scripts and interactive
 * sessions agree, one for each when they do not.
 */
export function verdictLines(report: Report): string[] {
  // An expectation inferred from a Console login alone may be wrong: say so right after.
  const doubt = expectationNote(report);
  const lines = usageLines(report);
  return doubt ? [...lines, doubt] : lines;
}

function usageLines(report: Report): string[] {
  const { effective, interactive } = report.auth;
  if (effective.method === 'none')
    return ['Claude Code has no usable credential: it will ask you to log in.'];
  if (effective.method === 'third-party')
    return [
      `Claude Code will use a third-party provider (${shortSource(effective.source ?? '')}); your subscription and Anthropic credentials are ignored.`,
    ];
  if (sameResolution(effective, interactive))
    return [`Claude Code will use ${usage(report, effective)}.`];
  return [
    `Scripts, \`claude -p\` and the SDK will use ${usage(report, effective)}.`,
    `Interactive sessions will use ${usage(report, interactive)}.`,
  ];
}

/** "ANTHROPIC_API_KEY from ~/.zshrc:4, billed as API credits, not your Max 20x plan" */
function usage(report: Report, resolution: Resolution): string {
  if (resolution.method === 'none') return 'no credential: they ask you to log in';
  const { candidates } = report.auth;
  const used = candidates.find(
    (c) => c.source === resolution.source && c.method === resolution.method,
  );
  const subscription = candidates.find((c) => c.method === 'subscription');
  let text =
    resolution.method === 'subscription' && used?.plan
      ? `your claude.ai ${used.plan} login, billed to your plan`
      : `${describe(used, resolution.method)}, ${BILLING_TEXT[resolution.billing] ?? 'billed in an unknown way'}`;
  if (subscription && resolution.method !== 'subscription' && resolution.billing !== 'subscription')
    text += `, not your ${subscription.plan ?? 'subscription'} plan`;
  return text;
}

function sameResolution(a: Resolution, b: Resolution): boolean {
  return a.method === b.method && a.source === b.source;
}

/** The verdict as one sentence (Markdown headline, `fix`'s closing line). */
export function effectiveSentence(report: Report): string {
  return verdictLines(report).join(' ');
}

function describe(candidate: CandidateReport | undefined, method: string): string {
  const name = METHOD_LABEL[method as keyof typeof METHOD_LABEL] ?? method;
  if (!candidate) return name;
  if (candidate.origins?.length)
    return `${name} from ${candidate.origins.map(shortSource).join(' and ')}`;
  if (candidate.source.startsWith('env:')) return `${name} from the environment`;
  if (method === 'subscription' || method === 'console-key') return name;
  return `${name} from ${shortSource(candidate.source)}`;
}

function shortSource(source: string): string {
  return source.replace(/^file:/, '');
}

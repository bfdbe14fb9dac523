import type { CandidateReport, CheckReport, Report } from '../types.js';
import { METHOD_LABEL } from '../labels.js';
import { ICON, type Style } from './style.js';

export interface HumanOptions {
  style: Style;
  verbose: boolean;
  /** False when a live list already showed each check's line. */
  checkList: boolean;
}

const BILLING_TEXT: Record<string, string> = {
  subscription: 'billed to your plan',
  'api-credits': 'billed as API credits',
  'third-party': 'billed by that provider',
  unknown: 'billed by whoever runs that endpoint',
};

export function renderHuman(report: Report, options: HumanOptions): string {
  const { style } = options;
  const lines: string[] = [];
  if (options.checkList) lines.push(style.bold(`claude-auth-doctor ${report.tool.version}`), '');
  // An inferred expectation that may be wrong goes first: it decides what every check says.
  const doubt = expectationNote(report);
  if (doubt) lines.push(style.bold(doubt), '');
  if (options.checkList) {
    for (const check of report.checks) lines.push(checkLine(check, style));
  }
  lines.push('');
  const detailed = report.checks.filter(
    (c) => options.verbose || c.status === 'warn' || c.status === 'fail' || c.status === 'error',
  );
  for (const check of detailed) {
    if (!check.evidence.length && !check.fix.length) continue;
    lines.push(
      style.status(check.status, `${ICON[check.status]} ${check.title}`) +
        style.dim(` [${check.id}]`),
    );
    for (const item of check.evidence)
      lines.push(`    ${style.dim(shortSource(item.source))}  ${item.detail}`);
    for (const fix of check.fix) lines.push(`    → ${fix}`);
    lines.push('');
  }
  lines.push(style.bold(effectiveSentence(report)), '');

  if (report.fixPlan.length) {
    lines.push(style.bold('Fix plan'));
    report.fixPlan.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${step.title}`);
      for (const detail of step.details ?? []) lines.push(`       - ${detail}`);
      if (step.command) lines.push(`       $ ${step.command}`);
    });
    lines.push('');
  }
  const { pass, warn, fail, skip, error } = report.summary;
  const counts = [
    `${pass} passed`,
    warn && style.status('warn', `${warn} warning${warn === 1 ? '' : 's'}`),
    fail && style.status('fail', `${fail} failed`),
    error && style.status('error', `${error} error${error === 1 ? '' : 's'}`),
    skip && `${skip} skipped`,
  ].filter(Boolean);
  lines.push(counts.join(', '));
  return `${lines.join('\n')}\n`;
}

/**
 * When the doctor inferred API billing from a Console login alone, the user may hold a Pro or
 * Max plan and have picked the Console option at `/login` (the support article's central case).
 */
export function expectationNote(report: Report): string | null {
  if (report.expectBasis !== 'console-login') return null;
  return 'You are logged in with a Console account, billed as API credits. Have a Pro or Max plan? Log out and run `claude auth login --claudeai`, or run the doctor with `--expect subscription`.';
}

export function checkLine(check: CheckReport, style: Style): string {
  const override = check.statusOverride
    ? style.dim(
        ` (${check.statusOverride.original}, counted as ${check.status} by ${check.statusOverride.source})`,
      )
    : '';
  return `${style.status(check.status, ICON[check.status])} ${style.bold(check.title)}  ${check.summary}${override}`;
}

/** "Claude Code will use ANTHROPIC_API_KEY from ~/.zshrc:12, billed as API credits, not your Max plan." */
export function effectiveSentence(report: Report): string {
  const { effective, candidates } = report.auth;
  if (effective.method === 'none')
    return 'Claude Code has no usable credential: it will ask you to log in.';
  if (effective.method === 'third-party') {
    return `Claude Code will use a third-party provider (${shortSource(effective.source ?? '')}); your subscription and Anthropic credentials are ignored.`;
  }
  const active = candidates.find((c) => c.active);
  const subscription = candidates.find((c) => c.method === 'subscription');
  let sentence = `Claude Code will use ${describe(active, effective.method)}, ${BILLING_TEXT[effective.billing] ?? 'billed in an unknown way'}`;
  if (effective.method === 'subscription' && active?.plan)
    sentence = `Claude Code will use your claude.ai ${active.plan} login, billed to your plan`;
  if (subscription && !subscription.active && effective.billing !== 'subscription') {
    sentence += `, not your ${subscription.plan ?? 'subscription'} plan`;
  }
  const interactive = report.auth.interactive;
  if (interactive.method !== effective.method) {
    sentence += `. Interactive sessions use ${describe(
      candidates.find((c) => c.source === interactive.source),
      interactive.method,
    )} instead`;
  }
  return `${sentence}.`;
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

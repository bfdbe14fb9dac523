import type { KnownMessage } from '../known-messages.js';
import { fixLines } from '../check.js';
import { stepTitle } from '../plan.js';
import type { Check, OutcomeSpec } from '../types.js';
import { COMMAND_NAME } from '../invocation.js';
import type { Style } from './style.js';

const RUN = COMMAND_NAME;

/** `explain <id>`: what a check looks at, why it matters, how it can end and what then. */
export function renderExplanation(
  check: Check,
  style: Style,
  messages: readonly KnownMessage[],
): string {
  const lines = [
    style.bold(`${check.id} · ${check.title}`),
    '',
    style.bold('What it looks at'),
    `  ${check.description}`,
    '',
  ];
  const explain = check.explain;
  if (!explain) {
    lines.push('This check has no further documentation.', '', `Run it: ${RUN} --only ${check.id}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(style.bold('Why it matters'), `  ${explain.why}`, '', style.bold('Outcomes'));
  for (const [id, outcome] of Object.entries<OutcomeSpec>(check.outcomes ?? {})) {
    lines.push(
      `  ${style.icon(outcome.status)} ${style.status(outcome.status, outcome.status)}  ${id}: ${outcome.when ?? shown(outcome.summary)}`,
    );
    for (const fix of fixLines(outcome)) lines.push(`          → ${shown(fix)}`);
  }
  lines.push(
    `  ${style.icon('error')} ${style.status('error', 'error')}  crashed, timed-out: the check crashed or did not finish within --timeout (any check can); run with --verbose and report it.`,
    '',
  );
  const explained = messages.filter(
    (m) => explain.messages?.includes(m.id) || m.checks.includes(check.id),
  );
  if (explained.length) {
    lines.push(
      style.bold('Claude Code messages it explains'),
      ...explained.map((m) => `  "${m.text}"`),
      '',
    );
  }
  lines.push(`Docs: ${explain.docs}`, `Run it: ${RUN} --only ${check.id}`);
  return `${lines.join('\n')}\n`;
}

export interface MessageMatch {
  message: KnownMessage;
  checks: readonly Check[];
}

/**
 * `explain --error`: each known message found in the pasted text, what it means, the checks
 * that explain it and the fix steps it usually takes; with no match, what to run instead.
 */
export function renderMessageMatches(matches: readonly MessageMatch[], style: Style): string {
  if (!matches.length) {
    return [
      'No Claude Code sign-in or billing message the doctor knows is in that text.',
      `Run the diagnosis in the terminal (and directory) where Claude Code showed it: ${RUN}`,
      `If it mentions a rejected key or token, also send the credential in use once to the API: ${RUN} --verify`,
      `For a support ticket: ${RUN} report --anonymize --output claude-auth-report.md`,
      `Every check the doctor has: ${RUN} list`,
      '',
    ].join('\n');
  }
  const lines: string[] = [];
  for (const { message, checks } of matches) {
    lines.push(style.bold(`"${message.text}"`), `  ${message.meaning}`);
    if (checks.length) {
      lines.push(
        `  Checks that explain it: ${checks.map((c) => `${c.id} (${c.title})`).join(', ')}`,
      );
    }
    if (message.steps.length) {
      lines.push('  Fix steps it usually takes (the doctor plans only those your setup needs):');
      message.steps.forEach((step, index) =>
        lines.push(`    ${index + 1}. ${stepTitle(step)} [${step}]`),
      );
    }
    lines.push(
      checks.length ? `  Run: ${RUN} --only ${checks.map((c) => c.id).join(',')}` : `  Run: ${RUN}`,
    );
    if (checks.length) lines.push(`  More: ${RUN} explain ${checks[0]!.id}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** A template as explain shows it: each value it names in angle brackets. */
export function shown(template: string): string {
  return template.replace(/\{(\w+)(:method)?\}/g, '<$1>');
}

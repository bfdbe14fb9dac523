import type { KnownMessage } from '../known-messages.js';
import { fixLines } from '../check.js';
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
  const explained = messages.filter((m) => explain.messages?.includes(m.id));
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

/** `explain --error`: each known message found in the pasted text, the checks that explain it, what to run. */
export function renderMessageMatches(
  matches: readonly MessageMatch[],
  style: Style,
  known: readonly KnownMessage[],
): string {
  if (!matches.length) {
    return [
      'No known Claude Code message matches that text. Messages the doctor knows:',
      ...known.map((m) => `  "${m.text}"`),
      '',
      `Run the full diagnosis anyway: ${RUN}`,
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
      lines.push(`  Run: ${RUN} --only ${checks.map((c) => c.id).join(',')}`);
      lines.push(`  More: ${checks.map((c) => `${RUN} explain ${c.id}`).join('; ')}`);
    } else {
      lines.push(`  Run: ${RUN}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** A template as explain shows it: each value it names in angle brackets. */
export function shown(template: string): string {
  return template.replace(/\{(\w+)(:method)?\}/g, '<$1>');
}

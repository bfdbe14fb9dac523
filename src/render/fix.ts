import { duration } from '../fix/fix.js';
import type { FixEvent, Question } from '../fix/events.js';
import type { FixStep, Report } from '../types.js';
import { checkLine, effectiveSentence } from './human.js';
import { makeStyle, PLAIN, type Style, type Terminal } from './style.js';

// Fix mode's events as text: what `claude-auth-doctor fix` prints, step by step.

export interface FixView {
  style: Style;
  /** Diffs and command output keep their lines as they are (ASCII when needed, never wrapped). */
  verbatim: Style;
}

export function fixView(terminal: Terminal | boolean): FixView {
  const base = typeof terminal === 'boolean' ? PLAIN : terminal;
  return { style: makeStyle(terminal), verbatim: makeStyle({ ...base, width: null }) };
}

/** The words of a question before a step; the asker adds the answers it takes. */
export function questionText(question: Question): string {
  return question === 'apply-edits' ? '  Apply these edits?' : '  Run it?';
}

/** One event as the text to print ('' for events that print nothing). */
export function renderFixEvent(event: FixEvent, { style, verbatim }: FixView): string {
  const out = (text: string) => style.finish(text);
  switch (event.type) {
    case 'before': {
      // The problems only: the full list is the doctor's (--verbose).
      const problems = event.report.checks.filter((c) =>
        ['warn', 'fail', 'error'].includes(c.status),
      );
      return out(
        `${style.bold(effectiveSentence(event.report))}\n\n${problems.map((c) => `${checkLine(c, style)}\n`).join('')}${problems.length ? '\n' : ''}`,
      );
    }
    case 'preview':
      return event.reason === 'no-terminal'
        ? out('No terminal to ask on, and no --yes: this is the plan; nothing was changed.\n\n')
        : '';
    case 'step':
      return out(`${style.bold(`Step ${event.index}/${event.total}: ${event.title}`)}\n`);
    case 'planned-edit': {
      let text = '';
      if (event.symlink)
        text += out(`  ${event.file} is a symbolic link: editing its target, ${event.target}\n`);
      if (event.links > 1)
        text += out(
          `  ${event.target} has ${event.links} names (hard links): editing it in place, so every name changes\n`,
        );
      return text + verbatim.finish(indent(event.diff, '    '));
    }
    case 'planned-command':
      return out(`  $ ${event.argv.join(' ')}\n`);
    case 'by-hand':
      return out(`  By hand: ${event.text}\n`);
    // The asker has already shown the question and the answer.
    case 'asked':
      return '';
    case 'skipped':
      return out(skipped(event));
    case 'applied':
      return out(
        `  ✔ edited ${event.file}${event.symlinkOf ? ` (the target of ${event.symlinkOf})` : ''}\n`,
      );
    case 'backup':
      return out(`  Backups: ${event.dir} (undo with \`${event.undo}\`)\n`);
    case 'command-started':
      return out(`  Running \`${event.argv.join(' ')}\` (up to ${duration(event.timeoutMs)})…\n`);
    case 'command-output':
      return verbatim.finish(indent(`${event.text}\n`, '    | '));
    case 'command-finished':
      return out(`  ✔ \`${event.argv.join(' ')}\` finished\n`);
    case 'failed':
      if (event.kind === 'command') return out(`  ✖ \`${event.subject}\` ${event.reason}\n`);
      return (
        out(`  ✖ ${event.subject}: ${event.reason}\n`) +
        (event.notAttempted ? out(`  Not attempted: ${event.notAttempted.join(', ')}\n`) : '')
      );
    case 'step-done':
      return out('\n');
    case 'after':
      return out(`${renderBeforeAfter(event.before, event.after, style, event.note)}\n`);
    case 'summary':
      return summary(event, style);
  }
}

function skipped(event: Extract<FixEvent, { type: 'skipped' }>): string {
  const notDone = event.edits ? 'not written' : 'not run';
  switch (event.reason) {
    case 'nothing-automatic':
      return '  Nothing here can be done automatically.\n\n';
    case 'dry-run':
      return `  (dry run: ${notDone})\n\n`;
    case 'no-terminal':
      return `  (${notDone})\n\n`;
    case 'quit':
      return '  Skipped; stopping here.\n\n';
    case 'declined':
    case 'stopped':
      return '  Skipped.\n\n';
  }
}

function summary(event: Extract<FixEvent, { type: 'summary' }>, style: Style): string {
  const out = (text: string) => style.finish(text);
  switch (event.result) {
    case 'nothing-to-fix':
      return out(
        `Nothing to fix: ${event.problems ? 'no step of a plan applies.' : 'no check found a problem.'}\n`,
      );
    case 'preview':
      return out(stillToDo(event, style));
    case 'unchanged':
      return out(`Nothing was changed.\n\n${stillToDo(event, style)}`);
    case 'changed': {
      // What is left for the user comes last, then the verdict a new terminal will see.
      const verdict = event.verdict!;
      return (
        out(stillToDo(event, style)) +
        out(
          `\n${style.bold(`${verdict.note ? 'In a new terminal: ' : ''}${effectiveSentence(verdict.report)}`)}\n`,
        )
      );
    }
  }
}

function stillToDo(event: Extract<FixEvent, { type: 'summary' }>, style: Style): string {
  const lines = [style.bold('Still to do yourself')];
  for (const text of event.manual) lines.push(`  - ${text}`);
  if (event.unset) lines.push(`  - In this terminal, until you open a new one: $ ${event.unset}`);
  const finals: FixStep[] = event.finals;
  if (event.newTerminal && !finals.some((s) => s.id === 'restart-terminal')) {
    lines.push('  - Open a new terminal: the edited startup files only apply to new ones');
  }
  for (const step of finals)
    lines.push(`  - ${step.title}${step.command ? `\n      $ ${step.command}` : ''}`);
  if (!finals.some((s) => s.id === 'verify'))
    lines.push(`  - Run the doctor again to confirm the fix\n      $ ${event.rerun}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

/** The checks whose status the fix changed, before and after; the rest as one count. */
export function renderBeforeAfter(
  before: Report,
  after: Report,
  style: Style,
  note: string,
): string {
  const changed = after.checks.filter(
    (check) => before.checks.find((c) => c.id === check.id)?.status !== check.status,
  );
  const unchanged = after.checks.length - changed.length;
  const rest = unchanged ? `${unchanged} unchanged` : '';
  const lines = [
    style.bold(`Before ${style.arrow} after`) +
      style.dim(`  (${[rest, note].filter(Boolean).join('; ') || 'every check changed'})`),
  ];
  if (!changed.length) lines.push('  No check changed.');
  for (const check of changed) {
    const old = before.checks.find((c) => c.id === check.id);
    const from = old ? `${style.icon(old.status)} ${pad(old.status)}` : `- ${pad('-')}`;
    const to = `${style.icon(check.status)} ${pad(check.status)}`;
    lines.push(`  ${from} ${style.arrow} ${to} ${check.title}${style.dim(` [${check.id}]`)}`);
  }
  return `${lines.join('\n')}\n`;
}

function pad(status: string): string {
  return status.padEnd(5);
}

import type { Report } from '../types.js';
import { ICON, type Style } from './style.js';

/** Each check's status before and after the fix, one line per check. */
export function renderBeforeAfter(
  before: Report,
  after: Report,
  style: Style,
  note: string,
): string {
  const lines = [style.bold('Before → after') + (note ? style.dim(`  (${note})`) : '')];
  for (const check of after.checks) {
    const old = before.checks.find((c) => c.id === check.id);
    const from = old ? style.status(old.status, `${ICON[old.status]} ${old.status}`) : '-';
    const to = style.status(check.status, `${ICON[check.status]} ${check.status}`);
    lines.push(
      `  ${pad(from, old?.status ?? '-')} → ${pad(to, check.status)}  ${check.title}${style.dim(` [${check.id}]`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// Pads by the visible width (colour codes take none).
function pad(text: string, status: string): string {
  return text + ' '.repeat(Math.max(0, 7 - (status.length + 2)));
}

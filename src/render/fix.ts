import type { Report } from '../types.js';
import type { Style } from './style.js';

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

import type { Check } from '../types.js';
import { shown } from './explain.js';

export const TABLE_START =
  '<!-- check-table: generated from checks/*.ts by test/conformance.test.ts -->\n';
export const TABLE_END = '<!-- check-table end -->';

/** The README's check table: each check's id, what it looks at, and its declared outcomes. */
export function checkTable(checks: readonly Check[]): string {
  const rows = checks.map((check) => {
    const outcomes = Object.entries(check.outcomes ?? {})
      .map(([id, o]) => `\`${id}\` (${o.status})`)
      .join(', ');
    return `| \`${check.id}\` | ${cell(check.description)} | ${outcomes} |`;
  });
  return ['| id | what it looks at | outcomes |', '|---|---|---|', ...rows, ''].join('\n');
}

function cell(text: string): string {
  return shown(text).replace(/\|/g, '\\|');
}

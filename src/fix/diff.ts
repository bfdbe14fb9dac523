import { isSecretName } from '../env-vars.js';
import { maskKeyLike } from '../redact.js';
import { splitLines } from './text.js';

// Unified diffs of planned edits, with every value that could be a secret masked: the lines
// being commented out or removed hold the very keys the doctor never prints.

const CONTEXT = 3;
// Above this many cells the middle of the file is shown as one replaced block.
const MAX_LCS_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

const VALUE = `("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,;]+)`;
/** `NAME=value`, `"NAME": "value"`, `$env:NAME = 'value'`, pam's `NAME DEFAULT=value` */
const ASSIGNED = new RegExp(
  `([A-Za-z_][A-Za-z0-9_]*)("\\s*:\\s*|\\s*=\\s*|\\s+(?:DEFAULT|OVERRIDE)=)${VALUE}`,
  'g',
);
/** fish `set -gx NAME value`, csh `setenv NAME value` */
const SET_WORD = new RegExp(
  `(\\b(?:setenv|set)(?:\\s+-{1,2}[\\w-]+)*\\s+)([A-Za-z_][A-Za-z0-9_]*)(\\s+)${VALUE}`,
  'g',
);

// Keeps the quotes, so a masked line still reads like the file.
function masked(value: string): string {
  const quote = value.charAt(0);
  return quote === '"' || quote === "'" ? `${quote}[redacted]${quote}` : '[redacted]';
}

export function maskLine(line: string, scrub: (text: string) => string): string {
  const text = scrub(line)
    .replace(ASSIGNED, (all, name: string, sep: string, value: string) =>
      isSecretName(name) ? `${name}${sep}${masked(value)}` : all,
    )
    .replace(SET_WORD, (all, set: string, name: string, sep: string, value: string) =>
      isSecretName(name) ? `${set}${name}${sep}${masked(value)}` : all,
    );
  return maskKeyLike(text);
}

export function unifiedDiff(
  oldName: string,
  newName: string,
  before: string,
  after: string,
  scrub: (text: string) => string,
): string {
  const a = splitLines(before).map((l) => l.text);
  const b = splitLines(after).map((l) => l.text);
  const ops = diffLines(a, b);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const changed = ops.map((op, i) => (op.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * CONTEXT + 1) j++;
    const from = Math.max(0, changed[i]! - CONTEXT);
    const to = Math.min(ops.length, changed[j]! + CONTEXT + 1);
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const first = hunk[0]!;
    out.push(
      `@@ -${oldCount ? first.oldLine : first.oldLine - 1},${oldCount} +${newCount ? first.newLine : first.newLine - 1},${newCount} @@`,
    );
    for (const op of hunk) out.push(`${op.kind}${maskLine(op.text, scrub)}`);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

/** Line edit script: common prefix and suffix, then an LCS over what is left. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle: Array<{ kind: Op['kind']; text: string }> = [];
  if (midA.length * midB.length > MAX_LCS_CELLS) {
    middle.push(
      ...midA.map((text) => ({ kind: '-' as const, text })),
      ...midB.map((text) => ({ kind: '+' as const, text })),
    );
  } else {
    const lcs: number[][] = Array.from({ length: midA.length + 1 }, () =>
      new Array<number>(midB.length + 1).fill(0),
    );
    for (let x = midA.length - 1; x >= 0; x--) {
      for (let y = midB.length - 1; y >= 0; y--) {
        lcs[x]![y] =
          midA[x] === midB[y]
            ? lcs[x + 1]![y + 1]! + 1
            : Math.max(lcs[x + 1]![y]!, lcs[x]![y + 1]!);
      }
    }
    let x = 0;
    let y = 0;
    while (x < midA.length || y < midB.length) {
      if (x < midA.length && y < midB.length && midA[x] === midB[y]) {
        middle.push({ kind: ' ', text: midA[x]! });
        x++;
        y++;
      } else if (x < midA.length && (y >= midB.length || lcs[x + 1]![y]! >= lcs[x]![y + 1]!)) {
        middle.push({ kind: '-', text: midA[x++]! });
      } else {
        middle.push({ kind: '+', text: midB[y++]! });
      }
    }
  }
  const ops: Op[] = [];
  let oldLine = 1;
  let newLine = 1;
  const push = (kind: Op['kind'], text: string) => {
    ops.push({ kind, text, oldLine, newLine });
    if (kind !== '+') oldLine++;
    if (kind !== '-') newLine++;
  };
  for (const text of a.slice(0, start)) push(' ', text);
  for (const op of middle) push(op.kind, op.text);
  for (const text of a.slice(endA)) push(' ', text);
  return ops;
}

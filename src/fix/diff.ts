import { clean, isShowableName, MASKED } from '../display.js';
import { splitLines } from './text.js';

// Unified diffs of planned edits. Every value on every shown line is masked, context lines
// included: the lines around a key hold other secrets (a proxy password, a DATABASE_URL, an
// alias with a token) as often as not. Names, assignment syntax and comment markers stay, so
// the user still sees which line is commented out or removed.

const CONTEXT = 3;
// Above this many cells the middle of the file is shown as one replaced block.
const MAX_LCS_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

/** The doctor's own marker line (shell-line.ts), shown as it is. */
const MARKER =
  /^\s*# claude-auth-doctor [0-9T:.Z-]+: commented out the next line, it set [A-Za-z_][A-Za-z0-9_]*; undo: claude-auth-doctor fix --undo\s*$/;
const COMMENT = String.raw`(\s*(?:#\s*)?)`;
const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
/** `"key": value` in JSON settings. */
const JSON_MEMBER = new RegExp(String.raw`^${COMMENT}"((?:[^"\\]|\\.)*)"(\s*:\s*)(.*?)(,?)\s*$`);
/** `export NAME=value`, `alias name=value`, `$env:NAME = value`, pam's `NAME DEFAULT=value`. */
const SHELL_ASSIGNMENT = new RegExp(
  String.raw`^${COMMENT}((?:(?:export|declare|local|readonly|typeset|alias|setenv|set)(?:\s+-{1,2}[\w-]+)*\s+)*)(\$env:)?(${NAME}(?:-[\w-]+)?)(\s*=\s*|\s+(?:DEFAULT|OVERRIDE)=|\s+)(.*)$`,
);
/** Words a line of shell or JSON structure may show. */
const STRUCTURE =
  /^(?:[{}[\](),;]+|#+|if|then|else|elif|fi|for|while|do|done|case|esac|function|return|source|\.)$/;

function maskedValue(value: string): string {
  if (/^[{[]\s*[}\]]?$/.test(value.trim())) return value.trim();
  const quote = value.charAt(0);
  return quote === '"' || quote === "'" ? `${quote}${MASKED}${quote}` : MASKED;
}

/** A line as a diff may show it: names and structure kept, every value masked. */
export function maskLine(raw: string): string {
  const line = clean(raw);
  if (MARKER.test(line)) return line;
  const member = JSON_MEMBER.exec(line);
  if (member) {
    const [, lead, key, colon, value, comma] = member;
    const name = isShowableName(key!) || /^[A-Za-z_][\w.-]{0,63}$/.test(key!) ? key : MASKED;
    return `${lead}"${name}"${colon}${maskedValue(value!)}${comma}`;
  }
  const assignment = SHELL_ASSIGNMENT.exec(line);
  if (assignment && (assignment[5]!.trim() !== '' || assignment[2] || assignment[3])) {
    const [, lead, keywords, env, name, operator, value] = assignment;
    if (value!.trim() !== '' && (isShowableName(name!.replace(/-/g, '_')) || keywords))
      return `${lead}${keywords}${env ?? ''}${name}${operator}${maskedValue(value!)}`;
  }
  return maskWords(line);
}

/**
 * A line with no assignment: structure, lower-case words (commands) and upper-case names kept,
 * anything else (paths, URLs, mixed-case or numbered words) masked.
 */
function maskWords(line: string): string {
  return line
    .split(/(\s+)/)
    .map((word) =>
      /^\s*$/.test(word) ||
      STRUCTURE.test(word) ||
      /^(?:[a-z]{1,12}|[A-Z_][A-Z0-9_]{0,63})$/.test(word)
        ? word
        : MASKED,
    )
    .join('')
    .replace(new RegExp(String.raw`\[masked\](?:\s+\[masked\])+`, 'g'), MASKED);
}

export function unifiedDiff(
  oldName: string,
  newName: string,
  before: string,
  after: string,
): string {
  const a = splitLines(before).map((l) => l.text);
  const b = splitLines(after).map((l) => l.text);
  const ops = diffLines(a, b);
  const out = [`--- ${clean(oldName)}`, `+++ ${clean(newName)}`];
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
    for (const op of hunk) out.push(`${op.kind}${maskLine(op.text)}`);
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

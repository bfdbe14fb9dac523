import { parseShell, type Assignment } from '../sources/shell-parse.js';
import { markerLine } from '../marker.js';
import type { ShellDialect } from '../types.js';
import { splitLines, type TextEdit } from './text.js';

export { markerLine, markerText } from '../marker.js';

// Comments out (never deletes) the one line that sets a variable, with a marker line above it.
// A line is only touched when it is a plain assignment of that variable and nothing else, and
// the file parses to the same assignments afterwards, minus that one.

const SQ = `'[^']*'`;
const DQ = `"(?:[^"\\\\]|\\\\.)*"`;
const POSIX_WORD = `(?:${SQ}|${DQ}|[^\\s'"\\\\;&|<>()\`#]|\\\\.)+`;
const FISH_WORD = `(?:'(?:[^'\\\\]|\\\\.)*'|${DQ}|[^\\s'"\\\\;&|<>()#]|\\\\.)+`;
const PS_WORD = `(?:'(?:[^']|'')*'|"[^"\`$]*"|[^\\s'"#;|&(){}$\`]+)`;
const TAIL = `\\s*(?:#.*)?$`;

function simpleAssignment(dialect: ShellDialect, name: string): RegExp {
  switch (dialect) {
    case 'posix':
      return new RegExp(
        `^\\s*(?:export\\s+|(?:declare|typeset)\\s+-[a-zA-Z]*x[a-zA-Z]*\\s+)?${name}=(?:${POSIX_WORD})?\\s*;?${TAIL}`,
      );
    case 'fish':
      return new RegExp(
        `^\\s*(?:set\\s+(?:(?:-[a-zA-Z]+|--[a-z-]+)\\s+)*${name}(?:\\s+${FISH_WORD})+|export\\s+${name}=${FISH_WORD})${TAIL}`,
      );
    case 'csh':
      return new RegExp(`^\\s*setenv\\s+${name}\\s+${POSIX_WORD}${TAIL}`);
    case 'powershell':
      return new RegExp(`^\\s*\\$(?:env:${name}|\\{env:${name}\\})\\s*=\\s*${PS_WORD}${TAIL}`, 'i');
    case 'environment-d':
      return new RegExp(`^\\s*${name}\\s*=`);
    case 'pam-environment':
      return new RegExp(`^\\s*${name}(?:=|\\s)`);
  }
}

// fish keeps universal variables in fish_variables: commenting the line would not remove them.
const FISH_UNIVERSAL = /^\s*set\s+(?:\S+\s+)*?(?:-[a-zA-Z]*U[a-zA-Z]*|--universal)\s/;

const BLOCK_OPENER = /(?:^|[\s;])(?:then|do|else|\{)\s*(?:#.*)?$/;
const BLOCK_CLOSER = /^\s*(?:(?:fi|done|else|elif|esac)\b|\})/;
const isCode = (line: string) => line.trim() !== '' && !line.trim().startsWith('#');

/** The edit for line `line` (1-based), or why it is not safe. */
export function commentOutLine(
  text: string,
  line: number,
  name: string,
  dialect: ShellDialect,
  date: string,
): TextEdit {
  const lines = splitLines(text);
  const index = line - 1;
  const current = lines[index];
  if (!current) return { ok: false, reason: 'the file no longer has that line' };
  const body = current.text;
  if (!simpleAssignment(dialect, name).test(body)) {
    return { ok: false, reason: `the line does more than set ${name}` };
  }
  if (dialect === 'fish' && FISH_UNIVERSAL.test(body)) {
    return {
      ok: false,
      reason: `it sets a fish universal variable, which outlives the line: run \`set -e -U ${name}\` in fish too`,
    };
  }
  const continues = (s: string) =>
    dialect === 'powershell' ? /`$/.test(s) : /(?:^|[^\\])(?:\\\\)*\\$/.test(s);
  if (continues(body) || (index > 0 && continues(lines[index - 1]!.text))) {
    return { ok: false, reason: 'the line is part of a longer command' };
  }
  if (dialect === 'posix') {
    const previous = lines
      .slice(0, index)
      .reverse()
      .find((l) => isCode(l.text));
    const next = lines.slice(index + 1).find((l) => isCode(l.text));
    if (previous && next && BLOCK_OPENER.test(previous.text) && BLOCK_CLOSER.test(next.text)) {
      return {
        ok: false,
        reason: 'it is the only command in its block, which would be left empty (a syntax error)',
      };
    }
  }

  const indent = /^\s*/.exec(body)![0];
  const eol = current.eol || (text.includes('\r\n') ? '\r\n' : '\n');
  const replacement = `${indent}${markerLine(name, date)}${eol}${indent}# ${body.slice(indent.length)}${current.eol}`;
  const edited = lines.map((l, i) => (i === index ? replacement : l.text + l.eol)).join('');
  return sameApartFrom(text, edited, dialect, name, line)
    ? { ok: true, text: edited }
    : { ok: false, reason: 'the file would not parse the same way afterwards' };
}

/** Every assignment and `source` but the one removed is still there, one line further down. */
function sameApartFrom(
  before: string,
  after: string,
  dialect: ShellDialect,
  name: string,
  line: number,
): boolean {
  const old = parseShell(before, dialect);
  const now = parseShell(after, dialect);
  // PowerShell variable names are case-insensitive.
  const key = (n: string) => (dialect === 'powershell' ? n.toUpperCase() : n);
  const same = (a: Assignment) => key(a.name) === key(name) && a.line === line;
  const removed = old.assignments.filter(same);
  if (removed.length === 0) return false;
  const shift = (n: number) => (n > line ? n + 1 : n);
  const expected = old.assignments
    .filter((a) => !same(a))
    .map((a) => ({ ...a, line: shift(a.line) }));
  const expectedSources = old.sources.map((s) => ({ ...s, line: shift(s.line) }));
  return (
    JSON.stringify(expected) === JSON.stringify(now.assignments) &&
    JSON.stringify(expectedSources) === JSON.stringify(now.sources)
  );
}

import type { Status } from '../types.js';

/** What the terminal the human text goes to can show. */
export interface Terminal {
  color: boolean;
  /** False when the locale is not UTF-8, or with --ascii: then every character is ASCII. */
  unicode: boolean;
  /** Columns to wrap at; null when piped or redirected (never wrap there). */
  width: number | null;
  /** Cursor control (the live list): a terminal that is not TERM=dumb. */
  cursor: boolean;
  /** The terminal's height, for the live list. */
  rows?: number;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  status(status: Status, text: string): string;
  /** The status symbol, coloured: warn is a yellow `!` everywhere. */
  icon(status: Status): string;
  /** `→` or `->`, `…` or `...`. */
  arrow: string;
  ellipsis: string;
  unicode: boolean;
  width: number | null;
  /** The last pass over human text: ASCII only when needed, then wrapped to the width. */
  finish(text: string): string;
}

const CODES: Record<Status | 'bold' | 'dim', [number, number]> = {
  pass: [32, 39],
  warn: [33, 39],
  fail: [31, 39],
  error: [35, 39],
  skip: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
};

const ICONS: Record<'unicode' | 'ascii', Record<Status, string>> = {
  unicode: { pass: '✔', warn: '!', fail: '✖', skip: '-', error: '✖' },
  ascii: { pass: '+', warn: '!', fail: 'x', skip: '-', error: 'x' },
};

/** Plain text, for tests and callers without a terminal: no colour, Unicode, no wrapping. */
export const PLAIN: Terminal = { color: false, unicode: true, width: null, cursor: false };

export function makeStyle(terminal: Terminal | boolean): Style {
  const term = typeof terminal === 'boolean' ? { ...PLAIN, color: terminal } : terminal;
  const paint = (key: keyof typeof CODES) => (text: string) => {
    const [open, close] = CODES[key];
    return term.color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  };
  const icons = ICONS[term.unicode ? 'unicode' : 'ascii'];
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    status: (status, text) => paint(status)(text),
    icon: (status) => paint(status)(icons[status]),
    arrow: term.unicode ? '→' : '->',
    ellipsis: term.unicode ? '…' : '...',
    unicode: term.unicode,
    width: term.width,
    finish: (text) => wrapText(term.unicode ? text : toAscii(text), term.width),
  };
}

/** The status symbols as plain characters (Unicode). */
export const ICON = ICONS.unicode;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Colour: `--color` forces it, `--no-color` and NO_COLOR (any value) and FORCE_COLOR=0 turn it
 * off, another FORCE_COLOR turns it on; otherwise only in a terminal that is not TERM=dumb.
 */
export function wantsColor(flag: boolean | undefined, env: Env, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if ((env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.FORCE_COLOR === '0') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * UTF-8 when the locale says so (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them).
 * No locale at all is the C locale on Unix; Windows terminals take Unicode.
 */
export function localeIsUtf8(env: Env, platform: string): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((value) => value);
  if (!locale) return platform === 'win32';
  return /utf-?8/i.test(locale);
}

export interface TerminalFlags {
  color?: boolean | undefined;
  ascii?: boolean | undefined;
}

export interface TerminalInfo {
  env: Env;
  isTTY: boolean;
  /** The terminal's size, when stdout is one. */
  columns?: number | undefined;
  rows?: number | undefined;
  platform: string;
}

export function detectTerminal(flags: TerminalFlags, io: TerminalInfo): Terminal {
  const dumb = io.env.TERM === 'dumb';
  return {
    color: wantsColor(flags.color, io.env, io.isTTY),
    unicode: !flags.ascii && localeIsUtf8(io.env, io.platform),
    width: io.isTTY && io.columns && io.columns > 0 ? io.columns : null,
    cursor: io.isTTY && !dumb,
    ...(io.rows ? { rows: io.rows } : {}),
  };
}

const ASCII: Record<string, string> = {
  '✔': '+',
  '✓': '+',
  '✖': 'x',
  '✗': 'x',
  '×': 'x',
  '→': '->',
  '←': '<-',
  '↓': 'v',
  '↑': '^',
  '›': '>',
  '‹': '<',
  '»': '>>',
  '«': '<<',
  '…': '...',
  '—': '-',
  '–': '-',
  '·': '-',
  '•': '*',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '\u00a0': ' ',
};

/** Every character ASCII: known symbols spelled out, anything else a `?`. */
export function toAscii(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\u0000-\u007f]/gu, (char) => ASCII[char] ?? '?');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Columns a string takes: escape sequences take none. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Where continuation lines start: after the leading spaces and a list marker (a status symbol,
 * `-`, `$`, an arrow, `1.`), so wrapped text lines up under the first word.
 */
function hangingIndent(line: string): number {
  const plain = line.replace(ANSI, '');
  const match = /^( *)((?:[\u2714\u2716!+x\-*$\u203a\u2022\u2192]|->|\d+\.) +)?/.exec(plain)!;
  const indent = [...match[0]].length;
  // A line that is nearly all indent would leave no room.
  return indent > 40 ? match[1]!.length : indent;
}

/**
 * Wraps each line to `width` at spaces with a hanging indent; a word longer than the line
 * (a path, a command) stays whole. Null width: unchanged.
 */
export function wrapText(text: string, width: number | null): string {
  if (!width) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (visibleWidth(line) <= width) return line;
  // A command line (`$ ...`) stays whole: a pasted command must not hold a line break.
  if (/^ *\$ /.test(line.replace(ANSI, ''))) return line;
  const hang = hangingIndent(line);
  const cut = markerEnd(line, hang);
  const lines: string[] = [];
  let current = line.slice(0, cut);
  let used = hang;
  let empty = true;
  let carry = '';
  let gap = 1;
  for (const part of codeSpansWhole(line.slice(cut).split(' '))) {
    const word = carry + part;
    const w = visibleWidth(word);
    // Escape sequences alone go with the next word; empty parts are runs of spaces.
    if (w === 0) {
      carry = word;
      if (part === '') gap += 1;
      continue;
    }
    carry = '';
    const space = empty ? 0 : gap;
    gap = 1;
    if (!empty && used + space + w > width) {
      lines.push(current);
      current = ' '.repeat(hang) + word;
      used = hang + w;
      continue;
    }
    current += ' '.repeat(space) + word;
    used += space + w;
    empty = false;
  }
  lines.push(current + carry);
  return lines.join('\n');
}

/** Joins the words of each `code span` back into one, so a command is never broken. */
function codeSpansWhole(parts: string[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const part of parts) {
    if (open) out[out.length - 1] += ` ${part}`;
    else out.push(part);
    if ((part.match(/`/g)?.length ?? 0) % 2 === 1) open = !open;
  }
  return out;
}

/** Index in `line` (escape sequences included) just past `hang` visible columns. */
function markerEnd(line: string, hang: number): number {
  let visible = 0;
  let index = 0;
  while (index < line.length && visible < hang) {
    const escape =
      // eslint-disable-next-line no-control-regex
      line[index] === '\u001b' ? /^\u001b\[[0-9;?]*[A-Za-z]/.exec(line.slice(index)) : null;
    if (escape) {
      index += escape[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(index)!);
    index += char.length;
    visible += 1;
  }
  return index;
}

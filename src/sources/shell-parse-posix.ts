// Word scanner for the shell-syntax dialects (sh/bash/zsh, csh, fish) and the interpreters that turn
// their commands into assignments. Nothing here executes or expands anything.
import type { Assignment, ParseResult, SourceRef } from './shell-parse.js';

export interface Word {
  text: string; // after quote removal, with expansions dropped
  raw: string; // after quote removal, with expansions kept as written
  line: number; // where the word starts
  literal: boolean; // nothing in it expands
  simple: boolean; // expansions, if any, are only $NAME, ${NAME} or a leading ~ (a caller can resolve those)
  assignAt: number; // index in text of an `=` preceded only by unquoted plain characters, else -1
}

interface Heredoc {
  delim: string;
  stripTabs: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DIGITS = /^[0-9]+$/;
const WORD_END = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>']);
// Runs of characters with no meaning to the scanner, skipped by the regular-expression engine:
// a startup run executes this code once, mostly before V8 optimises it, and a character-by-
// character loop in the interpreter cost ~60 ms on nvm.sh-sized files (200 kB).
/** In a word: anything but a word's end, quotes, `\\`, `$`, a backquote, `=` and `~`. */
const PLAIN_RUN = /[^ \t\r\n;&|()<>\\'"$`=~]+/y;
/** Inside double quotes: anything but `"`, `\`, `$` and a backquote. */
const QUOTED_RUN = /[^"\\$`]+/y;
/** Inside a nested construct: anything but quotes, comments, brackets, expansions and newlines. */
const NESTED_RUN = /[^\\'#(){}$`"\n]+/y;
const ESCAPES = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['e', '\x1b'],
  ['a', '\x07'],
  ['b', '\b'],
  ['f', '\f'],
  ['v', '\v'],
]);

export const isName = (s: string): boolean => NAME.test(s);
export const isNameStart = (c: string): boolean =>
  (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
const isNameChar = (c: string): boolean => isNameStart(c) || (c >= '0' && c <= '9');

export function lineEnd(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i < 0 ? s.length : i;
}

function add(w: Word, chars: string): void {
  w.text += chars;
  w.raw += chars;
}

class Scanner {
  pos = 0;
  line = 1;

  constructor(
    private readonly s: string,
    private readonly fish: boolean,
  ) {}

  /**
   * Calls `onCommand` with each simple command's words and `onSeparator` with each operator
   * between commands (`;`, `&&`, `||`, `|`, `&`, `(`, `)`, `;;`, newline), in order. Either
   * callback may return false to stop the scan (a bound was reached).
   */
  commands(
    onCommand: (words: Word[]) => boolean | void,
    onSeparator?: (text: string, line: number) => boolean | void,
  ): void {
    const s = this.s;
    let words: Word[] = [];
    let heredocs: Heredoc[] = [];
    let stopped = false;
    const finish = (): void => {
      if (words.length > 0 && onCommand(words) === false) stopped = true;
      words = [];
    };
    const separator = (text: string): void => {
      if (onSeparator && onSeparator(text, this.line) === false) stopped = true;
    };
    while (this.pos < s.length && !stopped) {
      const c = s.charAt(this.pos);
      const next = s.charAt(this.pos + 1);
      if (c === '\n') {
        finish();
        separator('\n');
        this.moveTo(this.pos + 1);
        this.skipHeredocs(heredocs);
        heredocs = [];
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '\\' && next === '\n') {
        this.moveTo(this.pos + 2);
      } else if (c === '#') {
        this.pos = lineEnd(s, this.pos);
      } else if (c === '(' && next === '(' && !this.fish) {
        // arithmetic command: its `<<` is a shift, not a heredoc
        finish();
        this.pos++;
        this.skipNested(')');
      } else if (c === '<' || c === '>') {
        const heredoc = this.redirection();
        if (heredoc) heredocs.push(heredoc);
      } else if (this.endsWord(c)) {
        finish();
        const pair = c + next;
        const op = pair === '&&' || pair === '||' || pair === ';;' || pair === '|&' ? pair : c;
        separator(op);
        this.pos += op.length;
      } else {
        const word = this.word();
        const after = s.charAt(this.pos);
        // In `2>file` the digits name a file descriptor, they are not an argument.
        if (!((after === '<' || after === '>') && word.literal && DIGITS.test(word.text)))
          words.push(word);
      }
    }
    finish();
  }

  private endsWord(c: string): boolean {
    return c === '' || (WORD_END.has(c) && !(c === '(' && this.fish));
  }

  private moveTo(end: number): void {
    if (end - this.pos > 32) {
      // A long jump: count the newlines natively.
      for (
        let nl = this.s.indexOf('\n', this.pos);
        nl >= 0 && nl < end;
        nl = this.s.indexOf('\n', nl + 1)
      )
        this.line++;
      this.pos = end;
      return;
    }
    for (; this.pos < end; this.pos++) if (this.s.charCodeAt(this.pos) === 10) this.line++;
  }

  private word(): Word {
    const s = this.s;
    const start = this.pos;
    const w: Word = {
      text: '',
      raw: '',
      line: this.line,
      literal: true,
      simple: true,
      assignAt: -1,
    };
    let plain = true;
    while (this.pos < s.length) {
      const c = s.charAt(this.pos);
      const next = s.charAt(this.pos + 1);
      if (c === '(' && !this.fish && w.assignAt >= 0 && w.text.length === w.assignAt + 1) {
        // array assignment: X=(a b)
        const open = this.pos++;
        this.skipNested(')');
        w.literal = w.simple = false;
        w.raw += s.slice(open, this.pos);
      } else if (c === '(' && !this.fish && this.pos > start && /[*?\]]/.test(w.raw)) {
        // zsh glob qualifiers: `*.zsh(N.)` is one word
        const open = this.pos++;
        this.skipNested(')');
        w.raw += s.slice(open, this.pos);
        w.text += s.slice(open, this.pos);
      } else if (this.endsWord(c)) {
        break;
      } else if (c === '\\') {
        plain = false;
        this.escape(w);
      } else if (c === "'") {
        plain = false;
        add(w, this.singleQuoted());
      } else if (c === '"' || (c === '$' && next === '"' && !this.fish)) {
        plain = false;
        this.doubleQuoted(w);
      } else if (c === '$' && next === "'" && !this.fish) {
        plain = false;
        add(w, this.ansiC());
      } else if ((c === '$' || c === '(' || (c === '`' && !this.fish)) && this.expansion(w)) {
        plain = false;
      } else if (c === '=') {
        if (plain && w.assignAt < 0) w.assignAt = w.text.length;
        add(w, c);
        this.pos++;
      } else if (c === '~') {
        const prev = s.charAt(this.pos - 1);
        if (this.pos === start || (w.assignAt >= 0 && (prev === '=' || prev === ':')))
          w.literal = false;
        add(w, c);
        this.pos++;
      } else {
        PLAIN_RUN.lastIndex = this.pos + 1;
        const end = PLAIN_RUN.test(s) ? PLAIN_RUN.lastIndex : this.pos + 1;
        add(w, s.slice(this.pos, end));
        this.pos = end;
      }
    }
    return w;
  }

  private escape(w: Word): void {
    const next = this.s.charAt(this.pos + 1);
    if (next === '\n') return this.moveTo(this.pos + 2);
    this.pos += next === '' ? 1 : 2;
    add(w, this.fish ? (ESCAPES.get(next) ?? next) : next);
  }

  private singleQuoted(): string {
    const s = this.s;
    if (!this.fish) {
      const close = s.indexOf("'", this.pos + 1);
      const body = s.slice(this.pos + 1, close < 0 ? s.length : close);
      this.moveTo(close < 0 ? s.length : close + 1);
      return body;
    }
    // fish allows \' and \\ inside single quotes
    let body = '';
    let i = this.pos + 1;
    for (; i < s.length && s.charAt(i) !== "'"; i++) {
      const next = s.charAt(i + 1);
      if (s.charAt(i) === '\\' && (next === "'" || next === '\\')) i++;
      body += s.charAt(i);
    }
    this.moveTo(Math.min(i + 1, s.length));
    return body;
  }

  private doubleQuoted(w: Word): void {
    const s = this.s;
    const escapable = this.fish ? '"$\\' : '"$`\\';
    this.pos += s.charAt(this.pos) === '$' ? 2 : 1;
    while (this.pos < s.length) {
      const c = s.charAt(this.pos);
      const next = s.charAt(this.pos + 1);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\' && next === '\n') {
        this.moveTo(this.pos + 2);
      } else if (c === '\\' && next !== '' && escapable.includes(next)) {
        add(w, next);
        this.pos += 2;
      } else if ((c === '$' || (c === '`' && !this.fish)) && this.expansion(w)) {
        // expansion already recorded in raw
      } else {
        // Up to the next special character (or the end): may span lines.
        QUOTED_RUN.lastIndex = this.pos + 1;
        const end = QUOTED_RUN.test(s) ? QUOTED_RUN.lastIndex : this.pos + 1;
        add(w, s.slice(this.pos, end));
        this.moveTo(end);
      }
    }
  }

  // bash $'...'; only the common escapes are decoded
  private ansiC(): string {
    const s = this.s;
    let body = '';
    let i = this.pos + 2;
    for (; i < s.length && s.charAt(i) !== "'"; i++) {
      if (s.charAt(i) !== '\\') {
        body += s.charAt(i);
        continue;
      }
      i++;
      body += ESCAPES.get(s.charAt(i)) ?? s.charAt(i);
    }
    this.moveTo(Math.min(i + 1, s.length));
    return body;
  }

  // Returns false when the `$` is just a character.
  private expansion(w: Word): boolean {
    const s = this.s;
    const start = this.pos;
    const c = s.charAt(start);
    const next = s.charAt(start + 1);
    let simple = false;
    if (c === '`' || c === '(') {
      this.pos++;
      this.skipNested(c === '`' ? '`' : ')');
    } else if (next === '(') {
      this.pos += 2;
      this.skipNested(')');
    } else if (next === '{' && !this.fish) {
      this.pos += 2;
      this.skipNested('}');
      simple = isName(s.slice(start + 2, this.pos - 1));
    } else if (isNameStart(next)) {
      this.pos += 2;
      while (isNameChar(s.charAt(this.pos))) this.pos++;
      simple = true;
    } else if (next !== '' && !this.fish && '0123456789@*#?$!-'.includes(next)) {
      this.pos += 2;
    } else {
      return false;
    }
    w.literal = false;
    if (!simple) w.simple = false;
    w.raw += s.slice(start, this.pos);
    return true;
  }

  // Moves past a construct whose opener is already consumed, honouring quotes and nesting inside it.
  // An explicit stack keeps deeply nested garbage from overflowing the call stack.
  private skipNested(close: string): void {
    const s = this.s;
    const stack = [close];
    while (this.pos < s.length && stack.length > 0) {
      NESTED_RUN.lastIndex = this.pos;
      if (NESTED_RUN.test(s)) this.pos = NESTED_RUN.lastIndex;
      if (this.pos >= s.length) break;
      const c = s.charAt(this.pos);
      const top = stack[stack.length - 1];
      if (c === '\\') {
        this.moveTo(Math.min(this.pos + 2, s.length));
        continue;
      }
      if (c === "'" && (top === ')' || top === '}')) {
        this.singleQuoted();
        continue;
      }
      // an apostrophe in a comment inside $( ... ) must not open a quote
      if (c === '#' && top === ')' && ' \t\n('.includes(s.charAt(this.pos - 1))) {
        this.pos = lineEnd(s, this.pos);
        continue;
      }
      this.moveTo(this.pos + 1);
      const next = s.charAt(this.pos);
      if (c === top) {
        stack.pop();
      } else if (top === '`') {
        continue;
      } else if (c === '$' && (next === '(' || next === '{')) {
        stack.push(next === '(' ? ')' : '}');
        this.pos++;
      } else if (c === '`' && !this.fish) {
        stack.push('`');
      } else if (c === '"') {
        stack.push('"');
      } else if (c === '(' && top === ')') {
        stack.push(')');
      }
    }
  }

  // Consumes a redirection and its target; returns the heredoc it opens, if any.
  private redirection(): Heredoc | null {
    const s = this.s;
    const start = this.pos;
    while (s.charAt(this.pos) === '<' || s.charAt(this.pos) === '>') this.pos++;
    const heredoc =
      !this.fish &&
      this.pos - start === 2 &&
      s.charAt(start) === '<' &&
      s.charAt(start + 1) === '<';
    if (s.charAt(this.pos) === '&' || s.charAt(this.pos) === '|') this.pos++;
    const stripTabs = heredoc && s.charAt(this.pos) === '-';
    if (stripTabs) this.pos++;
    while (s.charAt(this.pos) === ' ' || s.charAt(this.pos) === '\t') this.pos++;
    const c = s.charAt(this.pos);
    if (c === '#' || this.endsWord(c)) return null;
    const target = this.word();
    return heredoc ? { delim: target.raw, stripTabs } : null;
  }

  private skipHeredocs(heredocs: Heredoc[]): void {
    const s = this.s;
    for (const h of heredocs) {
      while (this.pos < s.length) {
        const end = lineEnd(s, this.pos);
        let from = this.pos;
        if (h.stripTabs) while (s.charAt(from) === '\t') from++;
        const found = end - from === h.delim.length && s.startsWith(h.delim, from);
        this.moveTo(Math.min(end + 1, s.length));
        if (found) break;
      }
    }
  }
}

// Tracks export attributes so that `X=v; export X` reports the line holding the value.
class EnvTracker {
  readonly assignments: Assignment[] = [];
  readonly sources: SourceRef[] = [];
  private readonly latest = new Map<string, Assignment>();
  private readonly exported = new Set<string>();

  // exported: true to export, false to un-export, undefined to keep the attribute the variable already has
  assign(name: string, value: string | null, line: number, exported?: boolean): void {
    if (exported === true) this.exported.add(name);
    if (exported === false) this.exported.delete(name);
    const a: Assignment = { name, line, value, exported: this.exported.has(name) };
    this.assignments.push(a);
    this.latest.set(name, a);
  }

  setExported(name: string, exported: boolean): void {
    if (exported) this.exported.add(name);
    else this.exported.delete(name);
    const a = this.latest.get(name);
    if (a) a.exported = exported;
  }

  unset(name: string, line: number): void {
    this.assignments.push({ name, line, value: null, exported: false, unset: true });
    this.latest.delete(name);
    this.exported.delete(name);
  }

  source(path: Word | undefined): void {
    if (path?.simple && path.raw !== '') this.sources.push({ line: path.line, path: path.raw });
  }
}

function skipKeywords(words: Word[], keywords: ReadonlySet<string>): number {
  let i = 0;
  while (i < words.length && words[i]!.literal && keywords.has(words[i]!.text)) i++;
  return i;
}

export const optionText = (w: Word | undefined): string => (w?.literal ? w.text : '');

// `unquotedName` demands a real shell assignment word; declaration builtins also accept `"X=v"`.
function splitAssignment(
  w: Word,
  unquotedName: boolean,
): { name: string; value: string | null } | null {
  const eq = unquotedName ? w.assignAt : w.text.indexOf('=');
  if (eq <= 0) return null;
  let name = w.text.slice(0, eq);
  const append = name.endsWith('+');
  if (append) name = name.slice(0, -1);
  if (!isName(name) || (!unquotedName && !w.raw.startsWith(w.text.slice(0, eq + 1)))) return null;
  return { name, value: w.literal && !append ? w.text.slice(eq + 1) : null };
}

export interface DeclarationOptions {
  /** Whether the names are exported (`export`, `-x`) or unexported (`export -n`, `+x`); undefined: unchanged. */
  exported: boolean | undefined;
  /** The words after the options: assignments and names. */
  operands: Word[];
}

/**
 * The options of `export`, `declare`/`typeset`, `local` and `readonly`; null when they act on
 * functions or only print (`-f`, `-F`, `-p`), not on variables. Shared by both shell readers.
 */
export function declarationOptions(
  args: Word[],
  builtin: 'export' | 'declare' | 'readonly' | 'local',
): DeclarationOptions | null {
  let exported = builtin === 'export' ? true : undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const opt = optionText(args[i]);
    if (opt === '--') {
      i++;
      break;
    }
    if (opt.length < 2 || (opt[0] !== '-' && opt[0] !== '+')) break;
    if (opt.includes('f') || opt.includes('F') || opt.includes('p')) return null;
    if (builtin === 'export' && opt.includes('n')) exported = false;
    // readonly takes no -x (bash refuses it)
    if ((builtin === 'declare' || builtin === 'local') && opt.includes('x'))
      exported = opt[0] === '-';
  }
  return { exported, operands: args.slice(i) };
}

function declaration(
  env: EnvTracker,
  args: Word[],
  builtin: 'export' | 'declare' | 'readonly',
): void {
  const options = declarationOptions(args, builtin);
  if (!options) return;
  const { exported, operands } = options;
  for (const w of operands) {
    const a = splitAssignment(w, false);
    if (a) env.assign(a.name, a.value, w.line, exported);
    else if (exported !== undefined && w.literal && isName(w.text))
      env.setExported(w.text, exported);
  }
}

const POSIX_KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '{',
  '!',
  'time',
  'builtin',
  'command',
]);

function posixCommand(env: EnvTracker, words: Word[]): void {
  let i = skipKeywords(words, POSIX_KEYWORDS);
  const first = i;
  while (i < words.length && splitAssignment(words[i]!, true)) i++;
  const command = words[i];
  // `X=v cmd` sets X for that one command only
  if (!command) {
    for (const w of words.slice(first)) {
      const a = splitAssignment(w, true);
      if (a) env.assign(a.name, a.value, w.line);
    }
    return;
  }
  const args = words.slice(i + 1);
  switch (optionText(command)) {
    case 'export':
      return declaration(env, args, 'export');
    case 'declare':
    case 'typeset':
      return declaration(env, args, 'declare');
    case 'readonly':
      return declaration(env, args, 'readonly');
    case 'unset':
      if (args.some((w) => optionText(w) === '-f')) return;
      for (const w of args) if (w.literal && isName(w.text)) env.unset(w.text, w.line);
      return;
    case 'source':
    case '.':
      return env.source(args[0]);
  }
}

const FISH_KEYWORDS = new Set([
  'if',
  'else',
  'while',
  'begin',
  'and',
  'or',
  'not',
  '!',
  'time',
  'builtin',
  'command',
]);

export interface FishSetOptions {
  exported?: boolean;
  erase: boolean;
  /** --append/--prepend build on the old value. */
  derived: boolean;
  /** -l, -f: the variable lives in a block or function, not the shell. */
  local: boolean;
  /** Index of the first word after the options (the name). */
  next: number;
}

/** The options of fish's `set`; null for the forms that only read (-q, -n, -S). */
export function fishSetOptions(args: Word[]): FishSetOptions | null {
  const o: FishSetOptions = { erase: false, derived: false, local: false, next: 0 };
  for (; o.next < args.length; o.next++) {
    const opt = optionText(args[o.next]);
    if (opt === '--') {
      o.next++;
      break;
    }
    if (opt.length < 2 || opt[0] !== '-') break;
    const flags = opt.startsWith('--') ? [opt.slice(2)] : [...opt.slice(1)];
    for (const f of flags) {
      if (f === 'x' || f === 'export') o.exported = true;
      else if (f === 'u' || f === 'unexport') o.exported = false;
      else if (f === 'e' || f === 'erase') o.erase = true;
      else if (f === 'l' || f === 'local' || f === 'f' || f === 'function') o.local = true;
      else if (f === 'a' || f === 'p' || f === 'append' || f === 'prepend') o.derived = true;
      else if (['q', 'n', 'S', 'query', 'names', 'show'].includes(f)) return null;
    }
  }
  return o;
}

function fishSet(env: EnvTracker, args: Word[]): void {
  const options = fishSetOptions(args);
  if (!options) return;
  const { exported, erase, derived, next: i } = options;
  const nameWord = args[i];
  if (!nameWord?.literal || !isName(nameWord.text)) return;
  const name = nameWord.text;
  if (erase) return env.unset(name, nameWord.line);
  const values = args.slice(i + 1);
  const value =
    derived || values.some((w) => !w.literal) ? null : values.map((w) => w.text).join(' ');
  env.assign(name, value, values[0]?.line ?? nameWord.line, exported);
}

function fishCommand(env: EnvTracker, words: Word[]): void {
  const i = skipKeywords(words, FISH_KEYWORDS);
  const args = words.slice(i + 1);
  switch (optionText(words[i])) {
    case 'set':
      return fishSet(env, args);
    case 'export': // fish ships an `export X=v` wrapper for sh compatibility
      return declaration(env, args, 'export');
    case 'source':
    case '.':
      return env.source(args[0]);
  }
}

const CSH_KEYWORDS = new Set(['if', 'then', 'else']);

function cshCommand(env: EnvTracker, words: Word[]): void {
  const i = skipKeywords(words, CSH_KEYWORDS);
  const [nameWord, valueWord] = words.slice(i + 1);
  switch (optionText(words[i])) {
    case 'setenv':
      if (nameWord?.literal && isName(nameWord.text)) {
        const value = valueWord ? (valueWord.literal ? valueWord.text : null) : '';
        env.assign(nameWord.text, value, valueWord?.line ?? nameWord.line, true);
      }
      return;
    case 'unsetenv':
      for (const w of words.slice(i + 1))
        if (w.literal && isName(w.text)) env.unset(w.text, w.line);
      return;
    case 'source':
      return env.source(nameWord);
  }
}

export function parseShellWords(text: string, dialect: 'posix' | 'fish' | 'csh'): ParseResult {
  const env = new EnvTracker();
  const handle = dialect === 'fish' ? fishCommand : dialect === 'csh' ? cshCommand : posixCommand;
  new Scanner(text, dialect === 'fish').commands((words) => handle(env, words));
  return { assignments: env.assignments, sources: env.sources };
}

/** The commands and separators of a script, in order, for callers that interpret structure. */
export function scanCommands(
  text: string,
  dialect: 'posix' | 'fish' | 'csh',
  onCommand: (words: Word[]) => boolean | void,
  onSeparator: (text: string, line: number) => boolean | void,
): void {
  // Only copy when needed: startup files can be large.
  const unix = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  new Scanner(unix, dialect === 'fish').commands(onCommand, onSeparator);
}

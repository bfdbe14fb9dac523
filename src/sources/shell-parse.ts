// Finds where environment variables are set in shell startup files and env files, without executing them.
// Values are secrets: they only ever leave through Assignment.value.
import { isName, isNameStart, lineEnd, parseShellWords } from './shell-parse-posix.js';

export type Dialect =
  | 'posix'
  | 'fish'
  | 'fish-variables'
  | 'powershell'
  | 'csh'
  | 'dotenv'
  | 'pam-environment'
  | 'environment-d';

export interface Assignment {
  name: string;
  line: number; // 1-based line holding the value
  value: string | null; // null when the value is built from other variables or commands
  exported: boolean; // the value reaches child processes
  unset?: boolean;
}

export interface SourceRef {
  line: number;
  path: string; // as written, unquoted; ~ and $HOME are left for the caller
}

export interface ParseResult {
  assignments: Assignment[];
  sources: SourceRef[];
}

export function parseShell(
  text: string,
  dialect: Dialect,
  names?: ReadonlySet<string>,
): ParseResult {
  const result = parseDialect(text.replace(/\r\n/g, '\n'), dialect);
  if (!names) return result;
  // Windows environment variable names are case-insensitive.
  const key = dialect === 'powershell' ? (n: string) => n.toUpperCase() : (n: string) => n;
  const wanted = new Set([...names].map(key));
  return {
    assignments: result.assignments.filter((a) => wanted.has(key(a.name))),
    sources: result.sources,
  };
}

function parseDialect(s: string, dialect: Dialect): ParseResult {
  switch (dialect) {
    case 'posix':
    case 'fish':
    case 'csh':
      return parseShellWords(s, dialect);
    case 'powershell':
      return parsePowerShell(s);
    case 'fish-variables':
      return { assignments: parseFishVariables(s), sources: [] };
    case 'dotenv':
    case 'environment-d':
      return { assignments: parseKeyValue(s, dialect), sources: [] };
    case 'pam-environment':
      return { assignments: parsePamEnvironment(s), sources: [] };
    default:
      return { assignments: [], sources: [] };
  }
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';

function skipBlanks(s: string, i: number): number {
  while (isBlank(s.charAt(i))) i++;
  return i;
}

function nextBlank(s: string, i: number): number {
  while (i < s.length && !isBlank(s.charAt(i))) i++;
  return i;
}

// $X, ${X} (and pam's @{X}) that are not backslash-escaped
function hasReference(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    const next = raw.charAt(i + 1);
    if (c === '\\') i++;
    else if ((c === '$' && (next === '{' || isNameStart(next))) || (c === '@' && next === '{'))
      return true;
  }
  return false;
}

function unquote(v: string): string {
  const q = v.charAt(0);
  return v.length >= 2 && (q === '"' || q === "'") && v.endsWith(q) ? v.slice(1, -1) : v;
}

// --- dotenv, /etc/environment, environment.d ---

function findClosingQuote(s: string, quote: string): number {
  if (quote !== '"') return s.indexOf(quote);
  for (let i = 0; i < s.length; i++) {
    if (s.charAt(i) === '\\') i++;
    else if (s.charAt(i) === '"') return i;
  }
  return -1;
}

function unescapeDoubleQuoted(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    const next = raw.charAt(i + 1);
    if (c !== '\\' || next === '') out += c;
    else {
      i++;
      out +=
        next === 'n'
          ? '\n'
          : next === 't'
            ? '\t'
            : next === 'r'
              ? '\r'
              : '"\\$'.includes(next)
                ? next
                : c + next;
    }
  }
  return out;
}

function stripInlineComment(v: string): string {
  for (let i = 0; i < v.length; i++)
    if (v.charAt(i) === '#' && (i === 0 || isBlank(v.charAt(i - 1)))) return v.slice(0, i);
  return v;
}

// Reads a quoted value whose closing quote may be on a later line; null when it is never closed.
function readQuoted(
  lines: string[],
  first: number,
  rest: string,
  quote: string,
): { body: string; last: number } | null {
  const parts = [rest.slice(1)];
  for (let i = first; ;) {
    const close = findClosingQuote(parts[parts.length - 1]!, quote);
    if (close >= 0) {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, close);
      return { body: parts.join('\n'), last: i };
    }
    if (++i >= lines.length) return null;
    parts.push(lines[i]!);
  }
}

function parseKeyValue(s: string, dialect: 'dotenv' | 'environment-d'): Assignment[] {
  const lines = s.split('\n');
  const out: Assignment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    let start = skipBlanks(text, 0);
    if (text.startsWith('export', start) && isBlank(text.charAt(start + 6)))
      start = skipBlanks(text, start + 6);
    const eq = text.indexOf('=', start);
    const name = eq < 0 ? '' : text.slice(start, eq).trimEnd();
    if (!isName(name)) continue;
    const line = i + 1;
    const rest = text.slice(skipBlanks(text, eq + 1));
    const quote = rest.charAt(0);
    const quoted = quote === '"' || quote === "'" || (quote === '`' && dialect === 'dotenv');
    const closed = quoted ? readQuoted(lines, i, rest, quote) : null;
    let value: string | null;
    if (closed) {
      value =
        quote !== '"'
          ? closed.body
          : hasReference(closed.body)
            ? null
            : unescapeDoubleQuoted(closed.body);
      i = closed.last;
    } else {
      const raw = (dialect === 'dotenv' ? stripInlineComment(rest) : rest).trimEnd();
      value = hasReference(raw) ? null : raw;
    }
    out.push({ name, line, value, exported: true });
  }
  return out;
}

// --- ~/.pam_environment ---

// `KEY=value` pairs separated by blanks; double quotes may protect blanks
function pamOptions(s: string): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = skipBlanks(s, 0); i < s.length; i = skipBlanks(s, i)) {
    const start = i;
    let quoted = false;
    for (; i < s.length && (quoted || !isBlank(s.charAt(i))); i++)
      if (s.charAt(i) === '"') quoted = !quoted;
    const token = s.slice(start, i);
    const eq = token.indexOf('=');
    if (eq > 0) options.set(token.slice(0, eq), token.slice(eq + 1));
  }
  return options;
}

function parsePamEnvironment(s: string): Assignment[] {
  const out: Assignment[] = [];
  s.split('\n').forEach((text, index) => {
    const start = skipBlanks(text, 0);
    let end = start;
    while (end < text.length && !isBlank(text.charAt(end)) && text.charAt(end) !== '=') end++;
    const name = text.slice(start, end);
    if (!isName(name)) return;
    let raw: string | undefined;
    if (text.charAt(end) === '=') {
      raw = text.slice(end + 1).trim();
    } else {
      // pam_env uses OVERRIDE when it is not empty, DEFAULT otherwise
      const options = pamOptions(text.slice(end));
      const override = options.get('OVERRIDE');
      raw = override !== undefined && unquote(override) !== '' ? override : options.get('DEFAULT');
    }
    if (raw === undefined) return;
    const value = unquote(raw);
    out.push({ name, line: index + 1, value: hasReference(value) ? null : value, exported: true });
  });
  return out;
}

// --- fish_variables ---

const HEX = /^[0-9a-fA-F]+$/;

// fish writes universal values with \xHH, \uHHHH and \UHHHHHHHH escapes; \x1e separates list items.
function decodeFishUniversal(v: string): string {
  let out = '';
  for (let i = 0; i < v.length;) {
    const c = v.charAt(i);
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const kind = v.charAt(i + 1);
    const digits = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    const hex = v.slice(i + 2, i + 2 + digits);
    if (digits > 0 && hex.length === digits && HEX.test(hex)) {
      const code = parseInt(hex, 16);
      out += code === 0x1e ? ' ' : code <= 0x10ffff ? String.fromCodePoint(code) : '';
      i += 2 + digits;
    } else {
      out += kind === '' ? c : kind;
      i += 2;
    }
  }
  return out;
}

function parseFishVariables(s: string): Assignment[] {
  const out: Assignment[] = [];
  s.split('\n').forEach((text, index) => {
    let i = skipBlanks(text, 0);
    const command = text.slice(i, (i = nextBlank(text, i)));
    // SET and SET_EXPORT are the fish 2 spellings
    if (command !== 'SETUVAR' && command !== 'SET' && command !== 'SET_EXPORT') return;
    let exported = command === 'SET_EXPORT';
    for (i = skipBlanks(text, i); text.startsWith('--', i); i = skipBlanks(text, i)) {
      const flagEnd = nextBlank(text, i);
      if (text.slice(i, flagEnd) === '--export') exported = true;
      i = flagEnd;
    }
    const colon = text.indexOf(':', i);
    const name = colon < 0 ? '' : text.slice(i, colon);
    if (isName(name))
      out.push({
        name,
        line: index + 1,
        value: decodeFishUniversal(text.slice(colon + 1)),
        exported,
      });
  });
  return out;
}

// --- PowerShell ---

interface PsToken {
  kind: 'word' | 'string' | 'op';
  text: string; // strings: the value after unescaping
  raw: string; // strings: unescaped but with $variables kept as written
  literal: boolean;
  line: number;
}

type PsString = Omit<PsToken, 'kind' | 'line'> & { end: number };

const PS_ESCAPES = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['e', '\x1b'],
  ['f', '\f'],
  ['v', '\v'],
]);
const PS_IN_DOUBLE_QUOTES_SPECIAL = new Set(['"', '`', '$']);
const PS_OPERATORS = new Set(['(', ')', ',', '=', '|']);
const PS_WORD_END = new Set([
  ' ',
  '\t',
  '\r',
  '\n',
  '\f',
  '\v',
  ';',
  '{',
  '}',
  "'",
  '"',
  ...PS_OPERATORS,
]);
const ENV_VARIABLE = /^\$(?:env:([A-Za-z_][A-Za-z0-9_]*)|\{env:([A-Za-z_][A-Za-z0-9_]*)\})$/i;
const ENV_DRIVE_PATH = /^env:[\\/]?([A-Za-z_][A-Za-z0-9_]*)$/i;
const SET_ENVIRONMENT_VARIABLE = /^\[(?:system\.)?environment\]::setenvironmentvariable$/i;
const REMOVE_ITEM = new Set(['remove-item', 'ri', 'rm', 'del', 'erase']);
const NUMBER = /^[0-9]+$/;

function psSingleQuoted(s: string, pos: number): PsString {
  let text = '';
  for (let i = pos + 1; ;) {
    const close = s.indexOf("'", i);
    if (close < 0)
      return { text: text + s.slice(i), raw: text + s.slice(i), literal: true, end: s.length };
    text += s.slice(i, close);
    if (s.charAt(close + 1) !== "'") return { text, raw: text, literal: true, end: close + 1 };
    text += "'";
    i = close + 2;
  }
}

function psDoubleQuoted(s: string, pos: number): PsString {
  let text = '';
  let raw = '';
  let literal = true;
  let i = pos + 1;
  while (i < s.length) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    let chars: string;
    if (c === '"' && next !== '"') {
      return { text, raw, literal, end: i + 1 };
    } else if (c === '"' || c === '`') {
      chars = c === '"' ? '"' : (PS_ESCAPES.get(next) ?? next);
      i += 2;
    } else if (c === '$' && next === '(') {
      // a subexpression may hold quotes of its own
      literal = false;
      const start = i;
      for (let depth = 0; i < s.length;) {
        const d = s.charAt(i++);
        if (d === '(') depth++;
        if (d === ')' && --depth === 0) break;
      }
      raw += s.slice(start, i);
      continue;
    } else {
      if (c === '$' && (isNameStart(next) || next === '{')) literal = false;
      let end = i + 1;
      while (end < s.length && !PS_IN_DOUBLE_QUOTES_SPECIAL.has(s.charAt(end))) end++;
      chars = s.slice(i, end);
      i = end;
    }
    text += chars;
    raw += chars;
  }
  return { text, raw, literal, end: i };
}

function psHereString(s: string, pos: number): PsString {
  const quote = s.charAt(pos + 1);
  const close = s.indexOf(`\n${quote}@`, pos + 2);
  const body = s.slice(pos + 3, close < 0 ? s.length : close);
  const literal = quote === "'" || !hasReference(body.replace(/`\$/g, ''));
  return { text: body, raw: body, literal, end: close < 0 ? s.length : close + 3 };
}

function psWordEnd(s: string, pos: number): number {
  if (s.startsWith('${', pos)) {
    const close = s.indexOf('}', pos);
    return close < 0 ? s.length : close + 1;
  }
  let i = pos + 1;
  while (
    i < s.length &&
    !PS_WORD_END.has(s.charAt(i)) &&
    !('+-*/'.includes(s.charAt(i)) && s.charAt(i + 1) === '=')
  )
    i++;
  return i;
}

// Splits a script into statements (newline, `;`, `{`, `}`), keeping newlines inside parentheses.
function psStatements(s: string, visit: (tokens: PsToken[]) => void): void {
  let pos = 0;
  let line = 1;
  let depth = 0;
  let tokens: PsToken[] = [];
  const finish = (): void => {
    if (tokens.length > 0) visit(tokens);
    tokens = [];
    depth = 0;
  };
  const moveTo = (end: number): void => {
    for (; pos < end; pos++) if (s.charCodeAt(pos) === 10) line++;
  };
  const push = (kind: PsToken['kind'], t: PsString): void => {
    tokens.push({ kind, text: t.text, raw: t.raw, literal: t.literal, line });
    moveTo(t.end);
  };
  while (pos < s.length) {
    const c = s.charAt(pos);
    const next = s.charAt(pos + 1);
    if (c === '\n') {
      if (depth === 0) finish();
      moveTo(pos + 1);
    } else if (
      c === ' ' ||
      c === '\t' ||
      c === '\r' ||
      c === '\f' ||
      c === '\v' ||
      c === '\u00a0' ||
      c === '\ufeff'
    ) {
      pos++;
    } else if (c === '`' && next === '\n') {
      moveTo(pos + 2);
    } else if (c === '<' && next === '#') {
      const close = s.indexOf('#>', pos + 2);
      moveTo(close < 0 ? s.length : close + 2);
    } else if (c === '#') {
      pos = lineEnd(s, pos);
    } else if (c === "'" || c === '"') {
      push('string', c === "'" ? psSingleQuoted(s, pos) : psDoubleQuoted(s, pos));
    } else if (c === '@' && (next === "'" || next === '"') && s.charAt(pos + 2) === '\n') {
      push('string', psHereString(s, pos));
    } else if (c === ';' || c === '{' || c === '}') {
      finish();
      pos++;
    } else if (PS_OPERATORS.has(c) || ('+-*/'.includes(c) && next === '=')) {
      if (c === '(') depth++;
      if (c === ')') depth = Math.max(0, depth - 1);
      const op = PS_OPERATORS.has(c) ? c : c + next;
      push('op', { text: op, raw: op, literal: true, end: pos + op.length });
    } else {
      const end = psWordEnd(s, pos);
      const text = s.slice(pos, end);
      push('word', { text, raw: text, literal: true, end });
    }
  }
  finish();
}

function psAssignment(
  name: string,
  value: PsToken | undefined,
  computed: boolean,
  line: number,
): Assignment {
  if (!computed && value?.kind === 'word' && value.text.toLowerCase() === '$null')
    return { name, line: value.line, value: null, exported: false, unset: true };
  const literal =
    !computed &&
    value !== undefined &&
    (value.kind === 'string' ? value.literal : value.kind === 'word' && NUMBER.test(value.text));
  return { name, line: value?.line ?? line, value: literal ? value.text : null, exported: true };
}

function psStatement(tokens: PsToken[], out: ParseResult): void {
  const [first, second] = tokens;
  if (
    first?.kind === 'word' &&
    first.text === '.' &&
    second &&
    second.kind !== 'op' &&
    !second.raw.includes('$(')
  ) {
    out.sources.push({ line: second.line, path: second.raw });
  }
  if (first?.kind === 'word' && REMOVE_ITEM.has(first.text.toLowerCase())) {
    for (const t of tokens) {
      const name = t.kind === 'op' ? undefined : ENV_DRIVE_PATH.exec(t.raw)?.[1];
      if (name)
        out.assignments.push({ name, line: t.line, value: null, exported: false, unset: true });
    }
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') continue;
    const variable = ENV_VARIABLE.exec(t.text);
    const op = tokens[k + 1];
    if (variable && op?.kind === 'op' && op.text.endsWith('=')) {
      // `+=` and anything longer than one token build the value at run time
      const computed = op.text !== '=' || tokens.length > k + 3;
      out.assignments.push(
        psAssignment((variable[1] ?? variable[2])!, tokens[k + 2], computed, t.line),
      );
      k += 2;
    } else if (SET_ENVIRONMENT_VARIABLE.test(t.text) && op?.kind === 'op' && op.text === '(') {
      const args: PsToken[][] = [[]];
      let depth = 1;
      for (k += 2; k < tokens.length; k++) {
        const a = tokens[k]!;
        if (a.kind === 'op' && a.text === '(') depth++;
        if (a.kind === 'op' && a.text === ')' && --depth === 0) break;
        if (a.kind === 'op' && a.text === ',' && depth === 1) args.push([]);
        else args[args.length - 1]!.push(a);
      }
      const [nameArg, valueArg] = args;
      const name = nameArg?.length === 1 ? nameArg[0] : undefined;
      if (name?.kind === 'string' && name.literal && name.text !== '' && valueArg) {
        out.assignments.push(
          psAssignment(name.text, valueArg[0], valueArg.length !== 1, name.line),
        );
      }
    }
  }
}

function parsePowerShell(s: string): ParseResult {
  const result: ParseResult = { assignments: [], sources: [] };
  psStatements(s, (tokens) => psStatement(tokens, result));
  return result;
}

/* eslint-disable no-control-regex -- matching control characters is what this module is for */
// The display model: how a value from a file, the environment, a subprocess or the network
// may appear in output. No renderer receives a raw value; checks and sources build what they
// show with these functions, so a secret cannot reach the screen by being "just a value".
// A value is shown as a fingerprint (redact.ts), a name, a label from a known list, a URL
// reduced to scheme://host[:port]/path, a program's base name, or masked.

/** What stands in for a value that is not shown. */
export const MASKED = '[masked]';

// Terminal escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte ESC sequences), then
// lone C0/C1 controls (tab and newline stay), then bidirectional overrides and isolates, which
// can make text read in another order than it is.
export const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * Text from data, made safe for any renderer: escape sequences and control characters
 * removed (tab and newline kept), bidirectional overrides removed. Idempotent.
 */
export function clean(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** The same JSON value with every string passed through `fn` (object keys are kept). */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, fn)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn)]),
    ) as T;
  }
  return value;
}

/** Every string of a JSON value cleaned (see `clean`). */
export function cleanDeep<T>(value: T): T {
  return mapStrings(value, clean);
}

/**
 * A URL as `scheme://host[:port]/path`: user-info, query and fragment (where gateways and
 * proxies carry credentials) are never shown. Text that is not such a URL is masked whole.
 */
export function showUrl(text: string): string {
  const url = parseUrl(text);
  if (!url) return MASKED;
  const path = url.pathname === '/' ? '' : url.pathname;
  return clean(`${url.protocol}//${url.host}${path}`);
}

/** Host name (with port) of a URL, or null when the text is not a URL with a host. */
export function urlHost(text: string): string | null {
  return parseUrl(text)?.host ?? null;
}

function parseUrl(text: string): URL | null {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.host && /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url : null;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether a word looks like a generated credential rather than something a person named:
 * a known key prefix, a long run of mixed letters and digits, or a long hex or base64 run.
 */
export function keyShaped(word: string): boolean {
  if (/^(?:sk|pk|rk)[-_]|^(?:ghp|gho|ghs|ghu|github_pat|glpat|xox[abpr]|AKIA|ASIA|eyJ)/.test(word))
    return true;
  for (const part of word.split(/[_.\-/]+/)) {
    const digits = /\d/.test(part);
    const mixedCase = /[a-z]/.test(part) && /[A-Z]/.test(part);
    if (part.length >= 12 && digits && mixedCase) return true;
    if (part.length >= 20 && (digits || mixedCase)) return true;
    if (part.length >= 32) return true;
  }
  return false;
}

/** Whether text may be shown as a name: `[A-Za-z_][A-Za-z0-9_]*`, not key-shaped, not absurdly long. */
export function isShowableName(text: string): boolean {
  return text.length <= 64 && NAME.test(text) && !keyShaped(text);
}

/** A variable or key name from data: itself when it looks like one, else masked. */
export function showName(text: string): string {
  return isShowableName(text) ? text : MASKED;
}

/** A value from data shown only when it is one of the labels the doctor knows, else masked. */
export function showLabel(text: string, known: Iterable<string>): string {
  for (const label of known) if (label === text) return label;
  return MASKED;
}

const PROGRAM = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}$/;

/**
 * What a command line runs, for `apiKeyHelper` and the like: the first word that is not a
 * `NAME=value` assignment, a path reduced to its base name. Arguments and assignments (where
 * keys and passwords get pasted) are never shown; a program name that looks like a key is masked.
 */
export function showProgram(command: string): string {
  for (const word of shellWords(command)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    const base = word.split(/[\\/]/).pop() ?? '';
    return PROGRAM.test(base) && !keyShaped(base) ? base : MASKED;
  }
  return MASKED;
}

/** Words of a command line, quotes removed; good enough to find the program, never run. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < command.length; i += 1) {
    const char = command[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && /[\s'"\\$`;|&]/.test(command[i + 1] ?? '')) {
      // An escape; before anything else a backslash is a Windows path separator.
      word += command[++i];
      started = true;
    } else if (/\s/.test(char) || char === ';' || char === '|' || char === '&') {
      if (started) words.push(word);
      word = '';
      started = false;
      if (char !== ' ' && char !== '\t' && words.length) break;
    } else {
      word += char;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

/** Words that turn a switch on or off, and small numbers: shown as they are. */
const SWITCH_WORD = /^(?:1|0|true|false|yes|no|on|off|\d{1,6})$/i;

/**
 * The value of a setting that is not a credential (ANTHROPIC_BASE_URL, a provider switch):
 * a URL reduced to scheme://host[:port]/path, a switch word, a short name; otherwise masked.
 */
export function showValue(text: string): string {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return showUrl(trimmed);
  if (SWITCH_WORD.test(trimmed)) return trimmed;
  return trimmed.length <= 32 && isShowableName(trimmed) ? trimmed : MASKED;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that should be a UUID (an organization): shown when it is one, else masked. */
export function showUuid(text: string): string {
  return UUID.test(text.trim()) ? text.trim() : MASKED;
}

/** Words of free text (a subprocess's output) that look like keys, masked. */
export function maskKeyShaped(text: string): string {
  return text.replace(/[^\s"'`=:,;()<>[\]{}]+/g, (word) => (keyShaped(word) ? MASKED : word));
}

/**
 * Whether a command line carries a credential itself: a key-shaped word, an assignment to a
 * KEY/TOKEN/SECRET/PASSWORD variable, `user:password` (curl -u) or a URL with user-info.
 */
export function pastedSecret(command: string): boolean {
  return shellWords(command).some((word) => {
    const assigned = /^(-{0,2}[A-Za-z_][A-Za-z0-9_-]*)=(.+)$/.exec(word);
    if (assigned && /KEY|TOKEN|SECRET|PASSWORD|PASS|AUTH/i.test(assigned[1]!)) return true;
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(word)) return true;
    if (/^[^\s:/@]+:[^\s/@]+$/.test(word) && !/:\d+$/.test(word)) return true;
    return keyShaped(assigned ? assigned[2]! : word);
  });
}

import { clean } from './display.js';
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential value. The raw value is held in a private field and every way of turning the
 * object into text yields `[redacted]`, so a secret cannot reach output by accident; only
 * `fingerprint` (last 4 characters of long values) is ever shown.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string, registry?: SecretRegistry) {
    this.#value = value;
    registry?.add(value);
  }

  get fingerprint(): string {
    return fingerprint(this.#value);
  }

  /** Compares without exposing the value. */
  equals(other: Secret | string): boolean {
    return this.#value === (typeof other === 'string' ? other : other.#value);
  }

  endsWith(suffix: string): boolean {
    return suffix.length > 0 && this.#value.endsWith(suffix);
  }

  get isBlank(): boolean {
    return this.#value.trim() === '';
  }

  /** A value built from this one (e.g. an HTTP header), still a Secret. */
  derive(build: (value: string) => string): Secret {
    return new Secret(build(this.#value));
  }

  /** For the few places that must hand the value to something else (never to output). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${this.fingerprint})`;
  }
}

/** Last 4 characters for values of 20+ characters, else just `set`; never more. */
export function fingerprint(value: string): string {
  return value.length >= 20 ? value.slice(-4) : 'set';
}

/** Values shorter than this are not scrubbed: "1" or "true" would garble ordinary words. */
const MIN_SCRUBBED = 8;
/**
 * Every secret value seen in a run, in each form it can take in output: raw, JSON-escaped,
 * HTML-escaped (Markdown reports), URL-encoded, and with control characters removed (what the
 * renderers show). `scrub` hides every occurrence, overlapping ones as one span, so a shorter
 * secret registered first (the 20-character suffix Claude Code stores) cannot leave the rest
 * of a longer one showing. The typed `Secret` and the display model (display.ts) keep values
 * out of output; this is the last line of defence, applied by the output sink.
 */
export class SecretRegistry {
  readonly #known = new Set<string>();
  /** All forms, longest first, as one expression; rebuilt after a new form is added. */
  #pattern: RegExp | null = null;

  add(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < MIN_SCRUBBED) return;
    for (const form of formsOf(trimmed)) {
      if (form.length < MIN_SCRUBBED || this.#known.has(form)) continue;
      this.#known.add(form);
      this.#pattern = null;
    }
  }

  get size(): number {
    return this.#known.size;
  }

  scrub(text: string): string {
    if (this.#known.size === 0 || text.length < MIN_SCRUBBED) return text;
    // The regular-expression engine finds each occurrence natively: the output is scanned once
    // per match, not once per character in JavaScript (which ran mostly unoptimised: ~1 ms of
    // a 50 ms run for a 13 kB report).
    const pattern = (this.#pattern ??= new RegExp(
      [...this.#known]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
        .join('|'),
      'g',
    ));
    const spans: Array<[number, number]> = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // The longest form that starts here; a later one may start inside it and reach further,
      // so the search goes on from the next character and overlapping spans merge.
      const start = m.index;
      const end = start + m[0].length;
      const last = spans.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else spans.push([start, end]);
      pattern.lastIndex = start + 1;
    }
    if (!spans.length) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of spans) {
      out += text.slice(at, start) + REDACTED;
      at = end;
    }
    return out + text.slice(at);
  }
}

function formsOf(value: string): Set<string> {
  const forms = new Set<string>();
  const visible = clean(value);
  for (const base of [value, visible]) {
    const html = base.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const text of [base, html, html.replace(/\|/g, '\\|')]) {
      forms.add(text);
      forms.add(JSON.stringify(text).slice(1, -1));
    }
    try {
      forms.add(encodeURIComponent(base));
    } catch {
      // A lone surrogate cannot be encoded, so it cannot appear encoded either.
    }
  }
  return forms;
}

/** Every secret of this run: what the output sink scrubs, whichever Context saw it. */
export const runSecrets = new SecretRegistry();

/**
 * Credentials inside URLs in `text` (a proxy's password, a gateway key in a query string, a
 * token as user name), registered as secrets of the run.
 */
export function registerUrlSecrets(text: string, registry: SecretRegistry = runSecrets): void {
  if (!text.includes('://') && !text.includes('?')) return;
  for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi)) {
    if (!URL.canParse(match[0])) continue;
    const url = new URL(match[0]);
    const parts = [url.username, url.password, url.hash.slice(1)];
    for (const [, value] of url.searchParams) parts.push(value);
    for (const part of parts) {
      if (!part) continue;
      registry.add(part);
      registry.add(safeDecode(part));
    }
  }
}

/** Names whose values are credentials (env-vars.ts `isSecretName`, kept here to stay a leaf). */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/i;

/**
 * The credentials in an environment (values of KEY/TOKEN/SECRET/PASSWORD variables, and those
 * inside URLs), registered before anything runs: a plugin that crashes with a key in its
 * message in the first millisecond must still find the sink knowing it.
 */
export function registerEnvSecrets(
  env: Readonly<Record<string, string | undefined>>,
  registry: SecretRegistry = runSecrets,
): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_NAME.test(name)) registry.add(value);
    registerUrlSecrets(value, registry);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

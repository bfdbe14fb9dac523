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

/**
 * Every secret value seen in a run. Output passes through `scrub` as a last line of defence:
 * the typed `Secret` keeps values out of output, this catches what a future bug lets through.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();

  add(value: string): void {
    // Short values ("1", "true") would scrub ordinary words and are not credentials.
    if (value.trim().length >= 8) this.#values.add(value.trim());
  }

  scrub(text: string): string {
    let out = text;
    for (const value of this.#values) {
      if (out.includes(value)) out = out.split(value).join(REDACTED);
    }
    return out;
  }
}

const KEY_LIKE = /\b(sk-ant-[a-z0-9]+-)[A-Za-z0-9_-]{8,}/g;
const LONG_TOKEN = /[A-Za-z0-9_\-+/=]{32,}/g;

/** Masks anything that looks like a key in free text, e.g. an `apiKeyHelper` command. */
export function maskKeyLike(text: string): string {
  return text.replace(KEY_LIKE, `$1${REDACTED}`).replace(LONG_TOKEN, REDACTED);
}

import { PrettyPicker } from './json-pretty.js';

// Pulls a few top-level members out of a JSON object without parsing the rest. A long-lived
// `.claude.json` holds tens of MB of `projects`; parsing all of it costs hundreds of ms and
// several times its size in memory, for the half-dozen keys the doctor reads. The scanner
// checks the structure it skips (strings, brackets, commas) but not the spelling of literals.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// Byte classes, looked up per byte in the hot loop.
const OTHER = 0;
const SPACE = 1;
const OPEN = 2; // { [
const CLOSE = 3; // } ]
const CLASS = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0a, 0x0d]) CLASS[byte] = SPACE;
for (const byte of [0x7b, 0x5b]) CLASS[byte] = OPEN;
for (const byte of [0x7d, 0x5d]) CLASS[byte] = CLOSE;
const isSpace = (byte: number) => CLASS[byte] === SPACE;

type Phase = 'start' | 'key' | 'in-key' | 'colon' | 'value' | 'after' | 'done' | 'error';

export type ScanResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; error: string };

export class TopLevelScanner {
  readonly #wanted: ReadonlySet<string>;
  // A Map: a key such as `__proto__` must stay data, as in JSON.parse.
  readonly #values = new Map<string, unknown>();
  #phase: Phase = 'start';
  #offset = 0;
  #error = '';
  // The member being read.
  #keyParts: Uint8Array[] = [];
  #key = '';
  #valueParts: Uint8Array[] | null = null;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #scalar = false;
  /** After a comma a key must follow; `}` is only allowed right after `{`. */
  #needKey = false;
  /** Position of the next backslash in the current chunk (-1: not searched yet). */
  #slashAt = -1;

  constructor(wanted: Iterable<string>) {
    this.#wanted = new Set(wanted);
  }

  /** Takes the next chunk (not kept: it may be reused); false once the text is not valid. */
  push(chunk: Uint8Array): boolean {
    let i =
      this.#offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    this.#slashAt = -1;
    while (i < chunk.length && this.#phase !== 'error') i = this.#step(chunk, i);
    this.#offset += chunk.length;
    return this.#phase !== 'error';
  }

  finish(): ScanResult {
    if (this.#phase === 'value' && this.#scalar && this.#depth === 0)
      this.#fail(this.#offset, 'ends inside a value');
    if (this.#phase === 'error') return { ok: false, error: this.#error };
    if (this.#phase !== 'done')
      return {
        ok: false,
        error: this.#offset === 0 ? 'is empty' : 'ends unexpectedly (truncated?)',
      };
    return { ok: true, values: Object.fromEntries(this.#values) };
  }

  #fail(at: number, message: string): number {
    this.#phase = 'error';
    this.#error = `${message} at byte ${at}`;
    return Number.MAX_SAFE_INTEGER;
  }

  /** Consumes from `i`; returns where to continue. */
  #step(chunk: Uint8Array, i: number): number {
    const byte = chunk[i]!;
    switch (this.#phase) {
      case 'start':
      case 'done':
        if (isSpace(byte)) return i + 1;
        if (this.#phase === 'start' && byte === 0x7b) {
          this.#phase = 'key';
          return i + 1;
        }
        return this.#fail(
          this.#offset + i,
          this.#phase === 'start'
            ? 'does not start with a JSON object'
            : 'has text after the object',
        );
      case 'key':
        if (isSpace(byte)) return i + 1;
        if (byte === 0x7d && !this.#needKey) {
          this.#phase = 'done';
          return i + 1;
        }
        if (byte !== QUOTE) return this.#fail(this.#offset + i, 'expected a key');
        this.#phase = 'in-key';
        this.#needKey = false;
        this.#keyParts = [];
        return i + 1;
      case 'in-key': {
        const end = this.#stringEnd(chunk, i);
        this.#keyParts.push(copy(chunk, i, end === -1 ? chunk.length : end));
        if (end === -1) return chunk.length;
        this.#key = decodeKey(this.#keyParts);
        this.#phase = 'colon';
        return end + 1;
      }
      case 'colon':
        if (isSpace(byte)) return i + 1;
        if (byte !== 0x3a) return this.#fail(this.#offset + i, 'expected ":"');
        this.#phase = 'value';
        this.#depth = 0;
        this.#scalar = false;
        this.#valueParts = null;
        return i + 1;
      case 'value':
        return this.#value(chunk, i);
      case 'after':
        if (isSpace(byte)) return i + 1;
        if (byte === 0x2c) {
          this.#phase = 'key';
          this.#needKey = true;
          return i + 1;
        }
        if (byte === 0x7d) {
          this.#phase = 'done';
          return i + 1;
        }
        return this.#fail(this.#offset + i, 'expected "," or "}"');
      default:
        return chunk.length;
    }
  }

  #value(chunk: Uint8Array, from: number): number {
    let i = from;
    const starting =
      this.#valueParts === null && this.#depth === 0 && !this.#inString && !this.#scalar;
    if (starting) {
      while (i < chunk.length && isSpace(chunk[i]!)) i += 1;
      if (i === chunk.length) return i;
      this.#valueParts = [];
      const first = chunk[i]!;
      if (CLASS[first] === CLOSE || first === 0x2c)
        return this.#fail(this.#offset + i, 'expected a value');
      if (CLASS[first] !== OPEN && first !== QUOTE) this.#scalar = true;
    }
    const start = i;
    const length = chunk.length;
    while (i < length) {
      if (this.#inString) {
        const end = this.#stringEnd(chunk, i);
        if (end === -1) {
          i = length;
          break;
        }
        this.#inString = false;
        i = end + 1;
        if (this.#depth === 0) return this.#endValue(chunk, start, i);
        continue;
      }
      const byte = chunk[i]!;
      const kind = CLASS[byte];
      if (this.#scalar) {
        if (byte === 0x2c || byte === 0x7d || kind === SPACE)
          return this.#endValue(chunk, start, i);
        if (kind !== OTHER || byte === QUOTE)
          return this.#fail(this.#offset + i, 'unexpected character in a value');
      } else if (byte === QUOTE) {
        this.#inString = true;
      } else if (kind === OPEN) {
        this.#depth += 1;
      } else if (kind === CLOSE) {
        this.#depth -= 1;
        if (this.#depth < 0) return this.#fail(this.#offset + i, 'unbalanced brackets');
        if (this.#depth === 0) return this.#endValue(chunk, start, i + 1);
      }
      i += 1;
    }
    if (this.#wanted.has(this.#key)) this.#valueParts!.push(copy(chunk, start, i));
    return i;
  }

  #endValue(chunk: Uint8Array, start: number, end: number): number {
    if (this.#wanted.has(this.#key)) {
      this.#valueParts!.push(chunk.subarray(start, end));
      try {
        this.#values.set(this.#key, JSON.parse(Buffer.concat(this.#valueParts!).toString('utf8')));
      } catch {
        return this.#fail(this.#offset + end, `the value of "${this.#key}" is not valid JSON`);
      }
    }
    this.#phase = 'after';
    this.#scalar = false;
    this.#valueParts = null;
    return end;
  }

  /** Index of the closing quote of a string that is open at `from`, or -1 past the chunk. */
  #stringEnd(chunk: Uint8Array, from: number): number {
    let i = from;
    if (this.#escaped) {
      this.#escaped = false;
      i += 1;
    }
    while (i < chunk.length) {
      const quote = chunk.indexOf(QUOTE, i);
      // The next backslash is searched once per chunk position, not once per string.
      if (this.#slashAt !== Infinity && this.#slashAt < i) {
        const found = chunk.indexOf(BACKSLASH, i);
        this.#slashAt = found === -1 ? Infinity : found;
      }
      const slash = this.#slashAt;
      if (slash === Infinity || (quote !== -1 && quote < slash)) return quote;
      if (slash + 1 >= chunk.length) {
        this.#escaped = true;
        return -1;
      }
      i = slash + 2;
    }
    return -1;
  }
}

function decodeKey(parts: Uint8Array[]): string {
  try {
    return JSON.parse(`"${Buffer.concat(parts).toString('utf8')}"`) as string;
  } catch {
    return Buffer.concat(parts).toString('utf8');
  }
}

/** Chunks are reused by the reader: what outlives a push is copied. */
function copy(chunk: Uint8Array, from: number, to: number): Uint8Array {
  return new Uint8Array(chunk.subarray(from, to));
}

/** Gives each chunk of the file to `sink` until it returns false; reads the file anew on each call. */
export type ChunkReader<Failure> = (
  sink: (chunk: Uint8Array) => boolean,
) => Promise<{ ok: true } | Failure>;

/**
 * The wanted top-level members of a JSON object file: first through the layout Claude Code
 * writes (json-pretty.ts), reading at memory speed; a file in any other layout is read again
 * by the scanner.
 */
export async function pickTopLevel<Failure extends { ok: false }>(
  read: ChunkReader<Failure>,
  wanted: Iterable<string>,
): Promise<ScanResult | Failure> {
  const keys = new Set(wanted);
  const pretty = new PrettyPicker(keys);
  const first = await read((chunk) => pretty.push(chunk));
  if (!first.ok) return first;
  const picked = pretty.finish();
  if (picked) return picked;
  const scanner = new TopLevelScanner(keys);
  const second = await read((chunk) => scanner.push(chunk));
  return second.ok ? scanner.finish() : second;
}

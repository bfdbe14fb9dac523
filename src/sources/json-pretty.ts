import type { ScanResult } from './json-scan.js';

// Claude Code writes `.claude.json` as JSON.stringify(config, null, 2). There every top-level
// key, and nothing else, starts a line with exactly two spaces (strings cannot hold raw
// newlines), so a native substring search finds the members chunk by chunk at memory speed,
// where the scanner in json-scan.ts looks at every byte: ~22 ms instead of 50-80 for 54 MB
// (three searches: keys and the two kinds of closer).
// Each member must still be whole: a one-line value must parse, a longer one must open with
// `{` or `[` and close on its last line, two spaces in, and no other line of it may look like
// a closer or a key. A hand edit that moves inner lines to two spaces therefore makes
// finish() return null, and the caller runs the scanner. What this cannot see without
// reading every line is indentation that hides a top-level key (indented deeper, or joined
// onto a deeper line): every tool that indents JSON (Claude Code, jq, Python, editors)
// indents by depth, so only a deliberate hand edit of a file over 1 MB can do that.

const SEPARATOR = Buffer.from('\n  "');
const CLOSE_OBJECT = Buffer.from('\n  }');
const CLOSE_ARRAY = Buffer.from('\n  ]');
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const CLOSER: Readonly<Record<number, number>> = { 0x7b: 0x7d, 0x5b: 0x5d }; // { } [ ]
/** The stream's last bytes, kept across chunks: a closing `\n  },`, or the file's end. */
const TAIL = 64;
/** A key and the start of its value are looked for in steps of this much of a member, up to the limit. */
const HEAD_STEP = 256;
const HEAD_LIMIT = 64 * 1024;

interface Member {
  /** Offset of the key's opening quote in the stream. */
  start: number;
  /** Copies of the member's bytes; null once it is a long value nobody asked for. */
  parts: Uint8Array[] | null;
  key?: string;
  /** Where the value starts, from `start`. */
  valueAt?: number;
  /** `{` or `[` for a value that spans lines. */
  opener?: number;
  /** Lines of two spaces and a closing bracket (`\n  }`, `\n  ]`) in the member, and the last one's offset. */
  closers: number;
  closerAt: number;
}

export class PrettyPicker {
  readonly #wanted: ReadonlySet<string>;
  readonly #values = new Map<string, unknown>();
  /** Stream offset of the chunk being pushed. */
  #base = 0;
  #chunk: Uint8Array = new Uint8Array(0);
  /** Copy of the bytes just before #base. */
  #tail: Uint8Array = new Uint8Array(0);
  /** The stream's first bytes: a byte order mark and the opening brace. */
  #first: number[] = [];
  #member: Member | null = null;
  #broken = false;

  constructor(wanted: Iterable<string>) {
    this.#wanted = new Set(wanted);
  }

  /** Takes the next chunk (not kept: it may be reused); false once the layout does not hold. */
  push(chunk: Uint8Array): boolean {
    if (this.#broken) return false;
    this.#chunk = chunk;
    for (let i = 0; this.#first.length < 4 && i < chunk.length; i += 1) this.#first.push(chunk[i]!);
    const closers = [...this.#find(CLOSE_OBJECT), ...this.#find(CLOSE_ARRAY)].sort((a, b) => a - b);
    let fed = 0;
    for (const at of this.#find(SEPARATOR)) {
      this.#feed(fed, at - this.#base);
      this.#count(closers, at);
      this.#boundary(at);
      if (this.#broken) break;
      fed = at + SEPARATOR.length - 1 - this.#base;
    }
    if (!this.#broken) {
      this.#feed(fed, chunk.length);
      this.#count(closers, Infinity);
    }
    if (!this.#member && this.#base + chunk.length > 8) this.#broken = true;
    this.#keepTail(chunk);
    this.#base += chunk.length;
    this.#chunk = new Uint8Array(0);
    return !this.#broken;
  }

  /** The wanted members, or null when the stream is not in the layout (run the scanner). */
  finish(): ScanResult | null {
    if (this.#broken || !this.#member) return null;
    // The object closes with `\n}` on a line of its own; only white space may follow.
    let end = this.#tail.length;
    while (end > 0 && isSpace(this.#tail[end - 1]!)) end -= 1;
    if (end < 2 || this.#tail[end - 1] !== 0x7d || this.#tail[end - 2] !== NEWLINE) return null;
    this.#close(this.#base - this.#tail.length + end - 2, true);
    return this.#broken ? null : { ok: true, values: Object.fromEntries(this.#values) };
  }

  /** Stream offsets where `needle` starts, ending in this chunk: one split across the previous chunk first. */
  #find(needle: Buffer): number[] {
    const found: number[] = [];
    const behind = Math.min(needle.length - 1, this.#tail.length);
    if (behind > 0) {
      const probe = Buffer.concat([
        this.#tail.subarray(this.#tail.length - behind),
        this.#chunk.subarray(0, needle.length - 1),
      ]);
      const at = probe.indexOf(needle);
      if (at !== -1 && at < behind) found.push(this.#base - behind + at);
    }
    const bytes = Buffer.from(this.#chunk.buffer, this.#chunk.byteOffset, this.#chunk.byteLength);
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1))
      found.push(this.#base + at);
    return found;
  }

  /** Counts the closers before stream offset `end` for the open member (a value spanning lines has one, at its end). */
  #count(closers: number[], end: number): void {
    while (closers.length > 0 && closers[0]! < end) {
      const at = closers.shift()!;
      if (!this.#member) {
        this.#broken = true;
        return;
      }
      this.#member.closers += 1;
      this.#member.closerAt = at;
    }
  }

  #keepTail(chunk: Uint8Array): void {
    const tail = new Uint8Array(Math.min(TAIL, this.#tail.length + chunk.length));
    const fromChunk = Math.min(chunk.length, tail.length);
    tail.set(this.#tail.subarray(this.#tail.length - (tail.length - fromChunk)));
    tail.set(chunk.subarray(chunk.length - fromChunk), tail.length - fromChunk);
    this.#tail = tail;
  }

  /** A separator starts at stream offset `at`: the member before it ends there. */
  #boundary(at: number): void {
    if (this.#member) {
      this.#close(at, false);
    } else {
      const bom =
        this.#first[0] === 0xef && this.#first[1] === 0xbb && this.#first[2] === 0xbf ? 3 : 0;
      if (at !== bom + 1 || this.#first[bom] !== 0x7b) this.#broken = true;
    }
    this.#member = { start: at + SEPARATOR.length - 1, parts: [], closers: 0, closerAt: -1 };
  }

  /** Keeps chunk[from, to) for the open member while its bytes are still needed. */
  #feed(from: number, to: number): void {
    const member = this.#member;
    if (!member?.parts || to <= from) return;
    let at = from;
    while (member.key === undefined && at < to && !this.#broken) {
      // Keys are short: look for the key in a little of the member before keeping the rest.
      const upto = Math.min(to, at + HEAD_STEP);
      member.parts.push(new Uint8Array(this.#chunk.subarray(at, upto)));
      at = upto;
      this.#readHead(member, false);
    }
    // A long value nobody asked for: only its last bytes will be checked, from the tail.
    if (member.opener !== undefined && !this.#wanted.has(member.key!)) member.parts = null;
    else if (at < to) member.parts.push(new Uint8Array(this.#chunk.subarray(at, to)));
  }

  /**
   * Reads the key and how the value starts, once enough of the member is kept (or all of it:
   * `complete`).
   */
  #readHead(member: Member, complete: boolean): void {
    const head = Buffer.concat(member.parts!);
    const quote = keyEnd(head);
    if (quote === -1 || head.length < quote + (complete ? 3 : 5)) {
      if (head.length > HEAD_LIMIT) this.#broken = true;
      return;
    }
    const key = parseJson(head.subarray(0, quote + 1));
    if (typeof key !== 'string' || head[quote + 1] !== 0x3a || head[quote + 2] !== 0x20) {
      this.#broken = true;
      return;
    }
    member.key = key;
    member.valueAt = quote + 3;
    const first = head[member.valueAt];
    if (first !== undefined && CLOSER[first] !== undefined && head[member.valueAt + 1] === NEWLINE)
      member.opener = first;
    member.parts = [head];
  }

  /** The member that started at member.start ends at stream offset `end` (before `\n  "` or `\n}`). */
  #close(end: number, last: boolean): void {
    const member = this.#member!;
    if (member.key === undefined && member.parts) this.#readHead(member, true);
    const length = end - member.start;
    if (member.key === undefined || length < member.valueAt! + 1) {
      this.#broken = true;
      return;
    }
    // Every member but the last ends with a comma.
    const valueEnd = length - (last ? 0 : 1);
    if (!last && this.#byteAt(end - 1) !== COMMA) {
      this.#broken = true;
      return;
    }
    // A value spanning lines closes on its last line, two spaces in, with its own bracket; no
    // other line of the member may look like that.
    const closing = member.start + valueEnd - CLOSE_OBJECT.length;
    if (
      member.opener === undefined
        ? member.closers !== 0
        : member.closers !== 1 ||
          member.closerAt !== closing ||
          this.#byteAt(closing + 3) !== CLOSER[member.opener]
    ) {
      this.#broken = true;
      return;
    }
    if (!member.parts) return;
    const value = Buffer.concat(member.parts).subarray(member.valueAt!, valueEnd);
    const parsed =
      member.opener === undefined && value.includes(NEWLINE) ? undefined : parseJson(value);
    if (parsed === undefined) this.#broken = true;
    else if (this.#wanted.has(member.key)) this.#values.set(member.key, parsed);
  }

  /** The byte at a stream offset within the tail or the chunk being pushed. */
  #byteAt(offset: number): number | undefined {
    return offset >= this.#base
      ? this.#chunk[offset - this.#base]
      : this.#tail[this.#tail.length - (this.#base - offset)];
  }
}

/** Index of the quote that closes the key starting at head[0], or -1 if it is not there yet. */
function keyEnd(head: Uint8Array): number {
  for (let i = 1; i < head.length; i += 1) {
    if (head[i] === 0x5c) i += 1;
    else if (head[i] === 0x22) return i;
  }
  return -1;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The value, or undefined when the bytes are not one JSON value. */
function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    );
  } catch {
    return undefined;
  }
}

/* eslint-disable no-control-regex -- matching control characters is what this module is for */
import { ESCAPES } from '../display.js';
import { runSecrets, type SecretRegistry } from '../redact.js';
import { scrubbedAlready } from '../world/std-streams.js';

// The one output sink: every byte the process writes (stdout, stderr, the report file) passes
// through `scrubOutput`. Renderers stay pure and never see a raw value (display.ts); this is
// the second line of defence, for what a future bug, a plugin or an error message lets through.

// The escape sequences the doctor writes itself: colours (SGR), and the live list's cursor
// moves, line erasing and cursor hiding. Every other sequence (window titles, OSC 8 links,
// OSC 52 clipboard writes, screen clearing, device strings), C1 controls, lone carriage
// returns and bidirectional overrides can only have come from data, and are dropped.
const OURS = /^\u001b\[(?:[0-9;]*[mABCDGK]|\?25[hl])$/;
const FOREIGN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** Text made fit to leave the process: secrets of the run hidden, foreign controls removed. */
export function scrubOutput(text: string, secrets: SecretRegistry = runSecrets): string {
  const scrubbed = secrets.scrub(text);
  return scrubbed
    .replace(ESCAPES, (sequence) => (OURS.test(sequence) ? sequence : ''))
    .replace(FOREIGN, '');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's overloaded write()
type Write = (chunk: any, ...rest: any[]) => boolean;

/**
 * Routes a stream's every write through `scrubOutput` (the doctor's own text, yargs' help and
 * errors, the live list, Node's warnings), whatever module writes it.
 */
export function installSink(stream: { write: Write }, secrets: SecretRegistry = runSecrets): void {
  const write = stream.write.bind(stream) as Write;
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    if (scrubbedAlready(chunk)) return write(chunk, ...rest);
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : String(chunk);
    // A string is written as UTF-8 whatever encoding the caller named for its buffer.
    const [first, ...others] = rest;
    return typeof first === 'string'
      ? write(scrubOutput(text, secrets), 'utf8', ...others)
      : write(scrubOutput(text, secrets), ...rest);
  };
}

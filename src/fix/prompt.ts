import { createInterface } from 'node:readline';

export type Answer = 'yes' | 'no' | 'all' | 'quit';

/** Asks one question and waits for y/n/a/q. */
export type Ask = (question: string) => Promise<Answer>;

const ANSWERS: Record<string, Answer> = {
  y: 'yes',
  yes: 'yes',
  n: 'no',
  no: 'no',
  '': 'no',
  a: 'all',
  all: 'all',
  q: 'quit',
  quit: 'quit',
};

/** Reads answers line by line; the end of input means quit, so a closed stdin never hangs. */
export function lineAsker(
  input: NodeJS.ReadableStream,
  write: (text: string) => void,
): { ask: Ask; close(): void } {
  const reader = createInterface({ input, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  const ask: Ask = async (question) => {
    for (;;) {
      write(`${question} [y]es, [n]o, [a]ll, [q]uit: `);
      const next = await lines.next();
      if (next.done) {
        write('\n');
        return 'quit';
      }
      const answer = ANSWERS[String(next.value).trim().toLowerCase()];
      if (answer) return answer;
      write('Please answer y, n, a or q.\n');
    }
  };
  return { ask, close: () => reader.close() };
}

/** A terminal that can hand over single key presses (a tty.ReadStream). */
export interface KeyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const KEYS: Record<string, Answer> = { y: 'yes', n: 'no', a: 'all', q: 'quit', '\r': 'no' };

/**
 * One key per answer, no Enter: the terminal goes to raw mode only while a question waits.
 * Enter means the default (no); Ctrl-C and Ctrl-D quit; other keys are ignored.
 */
export function keyAsker(
  input: KeyInput,
  write: (text: string) => void,
): { ask: Ask; close(): void } {
  const raw = (on: boolean) => input.setRawMode?.(on);
  const ask: Ask = (question) =>
    new Promise<Answer>((resolve) => {
      // Raw before the question shows: a key pressed at once is neither echoed nor held back.
      raw(true);
      write(`${question} [y]es, [n]o, [a]ll, [q]uit (one key): `);
      const finish = (answer: Answer) => {
        input.off('data', onData);
        input.off('end', onEnd);
        raw(false);
        input.pause();
        write(`${answer}\n`);
        resolve(answer);
      };
      const onEnd = () => finish('quit');
      const onData = (chunk: Buffer | string) => {
        for (const key of String(chunk).toLowerCase()) {
          if (key === '\u0003' || key === '\u0004') return finish('quit');
          const answer = KEYS[key === '\n' ? '\r' : key];
          if (answer) return finish(answer);
        }
      };
      input.on('data', onData);
      input.on('end', onEnd);
      input.resume();
    });
  return { ask, close: () => raw(false) };
}

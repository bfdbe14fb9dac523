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

import { Listr, type ListrRenderer } from 'listr2';
import type { CheckOutcome } from '../run.js';
import type { Check } from '../types.js';
import { checkLine } from './human.js';
import { visibleWidth, type Style } from './style.js';

/** Milliseconds between two frames of the live list. */
const FRAME_MS = 80;

const SPINNER = {
  unicode: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  ascii: ['|', '/', '-', '\\'],
};

/**
 * The live check list for terminals. listr2 runs one task per check (each waits for the
 * engine's outcome); this renderer draws them in the doctor's own row format, at most once a
 * frame, and erases its last frame at the end, so what stays on screen is exactly the plain
 * output printed after it.
 */
export async function runWithLiveList<T>(
  checks: readonly Check[],
  style: Style,
  write: (text: string) => void,
  /** The terminal's height in rows. */
  height: number,
  start: (onDone: (check: Check, outcome: CheckOutcome) => void) => Promise<T>,
): Promise<T> {
  const waiting = new Map<string, (outcome: CheckOutcome) => void>();
  const done = new Map<string, Promise<CheckOutcome>>();
  const finished = new Map<string, CheckOutcome>();
  for (const check of checks)
    done.set(check.id, new Promise((resolve) => waiting.set(check.id, resolve)));

  const frames = new FrameWriter(checks, finished, style, write, height);
  class Renderer implements ListrRenderer {
    static nonTTY = false;
    static rendererOptions = {};
    static rendererTaskOptions = {};
    render(): void {
      frames.start();
    }
    end(): void {
      frames.stop();
    }
  }

  const list = new Listr(
    checks.map((check) => ({
      title: check.title,
      task: async () => {
        finished.set(check.id, await done.get(check.id)!);
      },
    })),
    { concurrent: true, exitOnError: false, renderer: Renderer },
  );
  const running = list.run().catch(() => undefined);
  const result = await start((check, outcome) => waiting.get(check.id)?.(outcome));
  await running;
  return result;
}

/** Draws frames: every row that fits, the finished ones as the plain output draws them. */
class FrameWriter {
  #timer: NodeJS.Timeout | undefined;
  #tick = 0;
  #height = 0;

  constructor(
    private readonly checks: readonly Check[],
    private readonly finished: ReadonlyMap<string, CheckOutcome>,
    private readonly style: Style,
    private readonly write: (text: string) => void,
    private readonly height: number,
  ) {}

  start(): void {
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), FRAME_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#erase();
  }

  #draw(): void {
    const spinner = SPINNER[this.style.unicode ? 'unicode' : 'ascii'];
    const frame = spinner[this.#tick++ % spinner.length]!;
    const width = (this.style.width ?? 80) - 1;
    let lines = this.checks.map((check) => {
      const outcome = this.finished.get(check.id);
      return outcome
        ? checkLine(outcome.report, this.style)
        : `${this.style.dim(frame)} ${check.title}${this.style.dim(this.style.ellipsis)}`;
    });
    // Lines scrolled off the top cannot be erased: a short terminal sees what is still running.
    if (lines.length >= this.height) {
      const running = this.checks.filter((c) => !this.finished.has(c.id));
      lines = [
        ...running
          .slice(0, Math.max(0, this.height - 2))
          .map((c) => `${this.style.dim(frame)} ${c.title}${this.style.dim(this.style.ellipsis)}`),
        `${this.finished.size} of ${this.checks.length} checks done`,
      ];
    }
    const rows = lines.map((line) =>
      truncate(this.style.finish(line).split('\n')[0]!, width, this.style.ellipsis),
    );
    this.#erase();
    this.write(rows.map((row) => `${row}\n`).join(''));
    this.#height = rows.length;
  }

  #erase(): void {
    // Column 1, then up and erase line by line to the frame's first line: only the cursor
    // moves and line erases the output sink lets through (src/output/sink.ts).
    if (this.#height) this.write(`\u001b[1G${'\u001b[1A\u001b[2K'.repeat(this.#height)}`);
    this.#height = 0;
  }
}

/** One screen line: a row longer than the terminal would wrap and break the redraw. */
function truncate(line: string, width: number, ellipsis: string): string {
  if (visibleWidth(line) <= width) return line;
  let out = '';
  let used = 0;
  // eslint-disable-next-line no-control-regex
  for (const part of line.split(/(\u001b\[[0-9;?]*[A-Za-z])/)) {
    if (part.startsWith('\u001b')) {
      out += part;
      continue;
    }
    for (const char of part) {
      if (used >= width - ellipsis.length) break;
      out += char;
      used += 1;
    }
  }
  // Close any colour left open.
  return `${out}${ellipsis}${line.includes('\u001b[') ? '\u001b[0m' : ''}`;
}

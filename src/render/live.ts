import { DefaultRenderer, Listr } from 'listr2';
import type { CheckOutcome } from '../run.js';
import type { Check } from '../types.js';

/** Milliseconds between two redraws of the live list. */
const FRAME_MS = 50;

/**
 * listr2's renderer redraws every line on every task event, and measuring each line's width is
 * slow (Intl.Segmenter): two dozen checks finishing within 100 ms took 1.3 s of CPU in an
 * 80-column terminal, 2.2 s in a 200-column one (0.30 and 0.33 s with frames). This one
 * redraws at most once a frame; the last frame, drawn by end(), shows the final state.
 */
class FrameRenderer extends DefaultRenderer {
  #pending: NodeJS.Timeout | undefined;

  override update(): void {
    this.#pending ??= setTimeout(() => {
      this.#pending = undefined;
      super.update();
    }, FRAME_MS);
  }

  override end(): void {
    clearTimeout(this.#pending);
    super.end();
  }
}

/**
 * The live check list for terminals: listr2 only displays progress; the checks run in the
 * engine and this view follows their completion.
 */
export async function runWithLiveList<T>(
  checks: readonly Check[],
  start: (onDone: (check: Check, outcome: CheckOutcome) => void) => Promise<T>,
): Promise<T> {
  const waiting = new Map<string, (outcome: CheckOutcome) => void>();
  const done = new Map<string, Promise<CheckOutcome>>();
  for (const check of checks)
    done.set(check.id, new Promise((resolve) => waiting.set(check.id, resolve)));

  const list = new Listr(
    checks.map((check) => ({
      title: check.title,
      task: async (_: unknown, task: { title: string; skip(message?: string): void }) => {
        const { report } = await done.get(check.id)!;
        const line = `${check.title}: ${report.summary}`;
        if (report.status === 'skip') return task.skip(line);
        // listr2 prints the message under the title it keeps.
        if (report.status === 'fail' || report.status === 'error') throw new Error(report.summary);
        task.title =
          report.status === 'warn' ? `${check.title} (warning): ${report.summary}` : line;
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      renderer: FrameRenderer,
      rendererOptions: { collapseErrors: false, collapseSkips: true },
    },
  );
  const running = list.run().catch(() => undefined);
  const result = await start((check, outcome) => waiting.get(check.id)?.(outcome));
  await running;
  return result;
}

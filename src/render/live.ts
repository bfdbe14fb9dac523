import { Listr } from 'listr2';
import type { CheckOutcome } from '../run.js';
import type { Check } from '../types.js';

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
  for (const check of checks) done.set(check.id, new Promise((resolve) => waiting.set(check.id, resolve)));

  const list = new Listr(
    checks.map((check) => ({
      title: check.title,
      task: async (_: unknown, task: { title: string; skip(message?: string): void }) => {
        const { report } = await done.get(check.id)!;
        const line = `${check.title}: ${report.summary}`;
        if (report.status === 'skip') return task.skip(line);
        // listr2 prints the message under the title it keeps.
        if (report.status === 'fail' || report.status === 'error') throw new Error(report.summary);
        task.title = report.status === 'warn' ? `${check.title} (warning): ${report.summary}` : line;
      },
    })),
    { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false, collapseSkips: true } },
  );
  const running = list.run().catch(() => undefined);
  const result = await start((check, outcome) => waiting.get(check.id)?.(outcome));
  await running;
  return result;
}

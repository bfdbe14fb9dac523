/**
 * Elapsed wall time in ms since the call, monotonic. hrtime rather than performance.now():
 * the `performance` global loads perf_hooks (~1 ms) on first use.
 */
export function stopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - started) / 1e6;
}

// "Did you mean ...?" for mistyped subcommands, flags and check ids.

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known word nearest to `word`, when it is near enough to be a typo; else null. */
export function closest(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  let best: { word: string; score: number } | null = null;
  for (const candidate of known) {
    const score = distance(lower, candidate.toLowerCase());
    if (!best || score < best.score) best = { word: candidate, score };
  }
  if (!best) return null;
  // A third of the word may be wrong, at least one character, at most three.
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const prefix = known.find((c) => c.startsWith(lower) && lower.length >= 3);
  if (best.score <= allowed) return best.word;
  return prefix ?? null;
}

/** " Did you mean X?" or nothing. */
export function didYouMean(
  word: string,
  known: readonly string[],
  show = (w: string) => w,
): string {
  const near = closest(word, known);
  return near ? ` Did you mean ${show(near)}?` : '';
}

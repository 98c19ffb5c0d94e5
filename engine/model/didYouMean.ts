/**
 * Edit distance between two names: insertions, deletions, substitutions and swaps of two neighbouring characters
 * each cost 1 (optimal string alignment), so `mfa-without-logn` is 1 from `mfa-without-login` and `windwo` 1 from
 * `window`.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: the one before the previous (for swaps), the previous, the current.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate a mistyped `name` most likely meant: the nearest by {@link editDistance} (case ignored), if it is
 * near enough to be a typo — at most a third of the name's length, and at least 1 — else undefined. Ties go to the
 * candidate listed first.
 *
 * @example closestName('mfa-without-logn', ['denied-burst', 'mfa-without-login']) // 'mfa-without-login'
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * `; did you mean "x"?` for the {@link closestName} of `name`, or `fallback` when none is near — the tail of an
 * "unknown …" message.
 *
 * @example `unknown detector "${id}"${didYouMean(id, registry.keys(), ` (known: ${known})`)}`
 */
export function didYouMean(name: string, candidates: Iterable<string>, fallback = ''): string {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? fallback : `; did you mean "${suggestion}"?`;
}

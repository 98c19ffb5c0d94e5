import type { Interval } from './Interval.ts';

/** The normal quantile of a two-sided 95% interval. */
const z = 1.959963984540054;

/**
 * The Wilson score interval of a proportion, `successes` of `trials`, at 95%: unlike the mean ± t of per-world
 * proportions, it stays within [0, 1] by construction and is honest about small counts — 4 of 4 is `1.00 [0.51,
 * 1.00]`, not `1.00 ± 0.00`. Null for no trials.
 *
 * @example wilsonInterval(3, 4) // { mean: 0.75, low: ≈0.30, high: ≈0.95, n: 4, method: 'wilson' }
 */
export function wilsonInterval(successes: number, trials: number): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { mean: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n: trials, method: 'wilson' };
}

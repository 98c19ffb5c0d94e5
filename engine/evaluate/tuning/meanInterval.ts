import type { Interval } from './Interval.ts';

/** Two-sided 95% quantiles of Student's t by degrees of freedom (1–30); beyond, the normal 1.96. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The mean of `values` with a 95% confidence interval from Student's t — for figures that are neither a proportion
 * nor a rate (a median time to detect per world). One value gives a point. Null for no values.
 *
 * @example meanInterval([0.8, 1, 0.9]) // { mean: 0.9, low: ≈0.65, high: ≈1.15, n: 3, method: 't' }
 */
export function meanInterval(values: readonly number[]): Interval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: mean, high: mean, n, method: 't' };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
  const half = (t * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half, n, method: 't' };
}

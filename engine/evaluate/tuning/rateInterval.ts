import type { Interval } from './Interval.ts';

/** The normal quantile of a two-sided 95% interval. */
const z = 1.959963984540054;

/**
 * The 95% score interval of a Poisson rate — `count` events over `exposure` units, reported `per` units (false alerts
 * per 1,000 user-days: `rateInterval(falseAlerts, userDays, 1000)`). The counterpart of Wilson's interval for counts
 * without a ceiling: never below 0, and above 0 even when nothing was counted — 0 false alerts in 1,680 user-days is
 * `0.00 [0.00, 2.29]` per 1,000, not `0.00 ± 0.00`. Null for no exposure.
 *
 * @example rateInterval(0, 1680, 1000) // { mean: 0, low: 0, high: ≈2.29, n: 1680, method: 'poisson' }
 */
export function rateInterval(count: number, exposure: number, per = 1): Interval | null {
  if (exposure <= 0) return null;
  const z2 = z * z;
  const centre = count + z2 / 2;
  const half = z * Math.sqrt(count + z2 / 4);
  const scale = per / exposure;
  return { mean: count * scale, low: Math.max(0, centre - half) * scale, high: (centre + half) * scale, n: exposure, method: 'poisson' };
}

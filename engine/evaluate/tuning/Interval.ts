/** An estimate with its 95% confidence interval. */
export interface Interval {
  /** The point estimate: a pooled proportion or rate, or a mean over worlds. */
  mean: number;
  /** Lower and upper end of the 95% interval. */
  low: number;
  high: number;
  /** What it is estimated from: trials (incidents, alerts), user-days, or worlds. */
  n: number;
  /** `wilson` (a proportion), `poisson` (a rate of counted events), `t` (a mean over worlds). */
  method: 'wilson' | 'poisson' | 't';
}

/**
 * An interval as the tables print it: `0.75 [0.41, 0.93]`, or the estimate alone when the interval is a point (one
 * world's mean).
 *
 * @example formatInterval({ mean: 0.75, low: 0.41, high: 0.93, n: 4, method: 'wilson' }) // '0.75 [0.41, 0.93]'
 */
export function formatInterval(interval: Interval | null, digits = 2): string {
  if (interval === null) return '—';
  const f = (v: number) => v.toFixed(digits);
  return interval.low === interval.high ? f(interval.mean) : `${f(interval.mean)} [${f(interval.low)}, ${f(interval.high)}]`;
}

/** What a benchmark reports of one measurement repeated a few times: the middle, and how far the runs spread. */
export interface SampleSummary {
  /** Number of measured rounds (warm-up rounds are not samples). */
  rounds: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation); with 3–5 rounds, min–max says more. */
  q1: number;
  q3: number;
  /** Every sample, in the order measured. */
  samples: number[];
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Median, range and quartiles of a measurement's samples (seconds, or anything else).
 *
 * @throws RangeError for no samples: a figure from nothing would look like a measurement.
 * @example summariseSamples([3, 1, 2]) // { rounds: 3, median: 2, min: 1, max: 3, q1: 1.5, q3: 2.5, samples: [3, 1, 2] }
 */
export function summariseSamples(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new RangeError('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    rounds: samples.length,
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples: [...samples],
  };
}

/**
 * A rate (things per second) from timings of the same work: the median rate, and the range from the slowest round
 * to the fastest — `count / seconds` turned around, so the slowest time gives the lowest rate.
 */
export function rateOf(count: number, seconds: SampleSummary): { median: number; min: number; max: number } {
  return { median: count / seconds.median, min: count / seconds.max, max: count / seconds.min };
}

/** `"39,964 (38,120–41,200)"`: a median and its range, for a table cell. */
export function formatWithRange(summary: { median: number; min: number; max: number }, digits = 0): string {
  const fmt = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${fmt(summary.median)} (${fmt(summary.min)}–${fmt(summary.max)})`;
}

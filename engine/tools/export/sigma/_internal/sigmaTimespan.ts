const units: Array<[suffix: string, ms: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/**
 * A duration as a Sigma correlation `timespan` (`number + unit`: `s`, `m`, `h`, `d`), in the largest unit that says it
 * exactly (`300000` → `5m`, `5400000` → `90m`), or `undefined` when it is not a positive whole number of seconds.
 */
export function sigmaTimespan(ms: number): string | undefined {
  if (!Number.isSafeInteger(ms) || ms <= 0) return undefined;
  const unit = units.find(([, size]) => ms % size === 0);
  return unit === undefined ? undefined : `${ms / unit[1]}${unit[0]}`;
}

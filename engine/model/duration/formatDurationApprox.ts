import { DAY, HOUR, MINUTE, SECOND } from './timeUnits.ts';

const units = [
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
] as const;

/**
 * A measured duration as a reader takes it in at a glance: at most two units, rounded at the smaller —
 * `7d`, `10m`, `2m13s`, `2d9h` (for 2d8h31m3s) — seconds with one decimal under a minute (`1.2s`, `45s`), and
 * milliseconds under a second (`250ms`). For figures such as a time to detect; parameters, which must read back
 * exactly, use `formatDuration`.
 *
 * @throws RangeError when `ms` is negative or not finite.
 * @example formatDurationApprox(202_591_000) // '2d8h' (2d8h16m31s)
 * @example formatDurationApprox(1_234) // '1.2s'
 */
export function formatDurationApprox(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format duration ${ms}: not a finite number of milliseconds >= 0`);
  if (ms === 0) return '0s';
  if (Math.round(ms) < SECOND) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths / 10}s`;
  const large = units.findIndex(([, size]) => size <= Math.max(ms, MINUTE));
  const [, smallSize] = units[large + 1];
  const total = Math.round(ms / smallSize) * smallSize;
  // Rounding may carry into a larger unit (59m59.6s is 1h), so the units are read from the rounded total.
  const top = units.findIndex(([, size]) => size <= total);
  const [topName, topSize] = units[top];
  const [nextName, nextSize] = units[top + 1] ?? units[top];
  const count = Math.floor(total / topSize);
  const rest = top + 1 < units.length ? Math.round((total - count * topSize) / nextSize) : 0;
  return `${count}${topName}${rest > 0 ? `${rest}${nextName}` : ''}`;
}

import { DAY, HOUR, MINUTE, SECOND } from './timeUnits.ts';

/** Milliseconds per duration unit, largest first: the order compound durations must use. */
const unitMs = { d: DAY, h: HOUR, m: MINUTE, s: SECOND, ms: 1 } as const;
type Unit = keyof typeof unitMs;
const unitOrder = Object.keys(unitMs) as Unit[];

/** One `<number><unit>` part; `ms` is tried before `m` so "250ms" is not read as 250 minutes and a stray "s". */
const partPattern = /([0-9]+)(?:\.([0-9]+))?(ms|s|m|h|d)/y;

/**
 * Parses a duration such as `"250ms"`, `"45s"`, `"10m"`, `"2h"`, `"3d"` or `"1.5h"` into milliseconds. Compound
 * durations with units in decreasing order (`"1h30m"`, as {@link formatDuration} writes them) are accepted too;
 * scenario files use the single-unit form the schema's `Duration` pattern allows.
 *
 * The arithmetic is exact (decimal digits, not floating point), so `"1.1s"` is 1100, never 1100.0000000000002, and
 * a duration that is not a whole number of milliseconds (`"0.5ms"`) is rejected rather than rounded: virtual time is
 * counted in integer milliseconds.
 *
 * @throws Error naming `text` when it is malformed or not a safe whole number of milliseconds.
 * @example parseDuration('1.5h') // 5_400_000
 */
export function parseDuration(text: string): number {
  const fail = (why: string): never => {
    throw new Error(`invalid duration ${JSON.stringify(text)}: ${why}`);
  };
  if (text.length === 0) fail('empty');
  let total = 0n;
  let previous = -1;
  partPattern.lastIndex = 0;
  while (partPattern.lastIndex < text.length) {
    const match = partPattern.exec(text);
    if (!match) fail('expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"');
    const [, whole, fraction = '', unit] = match!;
    const rank = unitOrder.indexOf(unit as Unit);
    if (rank <= previous) fail('units must appear once each, largest first');
    previous = rank;
    const scaled = BigInt(whole + fraction) * BigInt(unitMs[unit as Unit]);
    const divisor = 10n ** BigInt(fraction.length);
    if (scaled % divisor !== 0n) fail('not a whole number of milliseconds');
    total += scaled / divisor;
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) fail('too long');
  return Number(total);
}

/**
 * Formats milliseconds compactly, largest units first: `5_400_000` → `"1h30m"`, `1_500` → `"1s500ms"`, `0` → `"0s"`.
 * `parseDuration(formatDuration(ms)) === ms` for every safe whole `ms >= 0`.
 *
 * @throws RangeError when `ms` is negative, not an integer or not safe.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`cannot format duration ${ms}: not a safe whole number of milliseconds >= 0`);
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of unitOrder) {
    const count = Math.floor(rest / unitMs[unit]);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * unitMs[unit];
    }
  }
  return text;
}

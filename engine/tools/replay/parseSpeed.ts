/**
 * The slowest and fastest paces a replay takes. Below a thousandth, one second of event time already waits over a
 * quarter of an hour; above a million, a year of events passes in about half a minute, and pacing means nothing.
 */
export const SPEED_LIMITS = { min: 0.001, max: 1_000_000 } as const;

/**
 * A replay pace: `max` (as fast as the endpoint takes it), or `Nx` — N seconds of event time per second of wall time
 * (`1x` is real time, `60x` a minute per second), N within {@link SPEED_LIMITS}. Null when the text is neither.
 *
 * @example parseSpeed('60x') // 60
 */
export function parseSpeed(text: string): number | 'max' | null {
  if (text === 'max') return 'max';
  const m = /^(\d+(?:\.\d+)?)x$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= SPEED_LIMITS.min && n <= SPEED_LIMITS.max ? n : null;
}

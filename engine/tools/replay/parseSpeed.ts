/**
 * A replay pace: `max` (as fast as the endpoint takes it), or `Nx` — N seconds of event time per second of wall time
 * (`1x` is real time, `60x` a minute per second). Null when the text is neither.
 *
 * @example parseSpeed('60x') // 60
 */
export function parseSpeed(text: string): number | 'max' | null {
  if (text === 'max') return 'max';
  const m = /^(\d+(?:\.\d+)?)x$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

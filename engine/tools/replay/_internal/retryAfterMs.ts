/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00
 * GMT`, measured from the answer's own `Date` header when it has one, else from `nowEpochMs`, so a skewed local clock
 * does not stretch it). Undefined when the header is missing, malformed or asks for no wait at all.
 *
 * @example retryAfterMs('3', null, 0) // 3000
 */
export function retryAfterMs(header: string | null, dateHeader: string | null, nowEpochMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return ms > 0 && Number.isFinite(ms) ? ms : undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const answeredAt = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  const ms = at - (Number.isNaN(answeredAt) ? nowEpochMs : answeredAt);
  return ms > 0 ? ms : undefined;
}

import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../../../engine/tools/replay/_internal/retryAfterMs.ts';

const NOW = Date.UTC(2026, 11, 3, 12);
const http = (ms: number) => new Date(ms).toUTCString();

describe('retryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs('3', null, NOW)).toBe(3000);
    expect(retryAfterMs(' 120 ', null, NOW)).toBe(120_000);
  });

  it("reads an HTTP date from the answer's Date, else from the clock", () => {
    expect(retryAfterMs(http(NOW + 7000), http(NOW), 0)).toBe(7000);
    expect(retryAfterMs(http(NOW + 9000), null, NOW)).toBe(9000);
    expect(retryAfterMs(http(NOW + 9000), 'garbage', NOW)).toBe(9000);
  });

  it('is undefined for no header, junk, zero, negative, a past date, or a number too large to be finite', () => {
    expect([
      retryAfterMs(null, null, NOW),
      retryAfterMs('soon', null, NOW),
      retryAfterMs('0', null, NOW),
      retryAfterMs('-5', null, NOW),
      retryAfterMs(http(NOW - 1000), null, NOW),
      retryAfterMs('9'.repeat(400), null, NOW),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

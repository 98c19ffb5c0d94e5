import { describe, expect, it } from 'vitest';
import { sigmaTimespan } from '../../../../../../engine/tools/export/sigma/_internal/sigmaTimespan.ts';

describe('sigmaTimespan', () => {
  it('says a duration in the largest unit that divides it', () => {
    expect([86_400_000, 3_600_000, 5_400_000, 300_000, 90_000, 1_000].map(sigmaTimespan)).toEqual(['1d', '1h', '90m', '5m', '90s', '1s']);
  });

  it('has no timespan for what is not a positive whole number of seconds', () => {
    expect([1_500, 0, -60_000, 0.5, Number.NaN].map(sigmaTimespan)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../../../../engine/model/duration/timeUnits.ts';
import { formatDuration, parseDuration } from '../../../../engine/model/duration/parseDuration.ts';
import { day, hour, minute, second } from '../../../../generators/clock/durations.ts';

describe('time units', () => {
  it('are the milliseconds the duration parser reads for one of each unit', () => {
    expect([SECOND, MINUTE, HOUR, DAY]).toEqual([parseDuration('1s'), parseDuration('1m'), parseDuration('1h'), parseDuration('1d')]);
    expect([formatDuration(MINUTE), formatDuration(HOUR), formatDuration(DAY)]).toEqual(['1m', '1h', '1d']);
  });

  it('are the very numbers the virtual clock counts in', () => {
    expect([second, minute, hour, day]).toEqual([SECOND, MINUTE, HOUR, DAY]);
  });
});

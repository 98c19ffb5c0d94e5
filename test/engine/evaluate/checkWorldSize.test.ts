import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWorldSize } from '../../../engine/evaluate/checkWorldSize.ts';
import { LargeWorldError } from '../../../engine/model/errors/LargeWorldError.ts';
import { CONFIRM_USERS } from '../../../engine/model/limits.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import { inPartition, partitionUsers } from '../../../generators/world/Partition.ts';

describe('partitionUsers', () => {
  it('counts the users inPartition puts in the slice, and the N slices add up to the population', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 12 }), (users, count) => {
        let total = 0;
        for (let index = 1; index <= count; index++) {
          let expected = 0;
          for (let cell = 0; cell < users; cell++) if (inPartition({ index, count }, cell)) expected++;
          expect(partitionUsers({ index, count }, users)).toBe(expected);
          total += expected;
        }
        expect(total).toBe(users);
      }),
    );
  });
});

describe('checkWorldSize', () => {
  it('asks for --yes by the users a partition simulates, not the whole world, and names the slice', async () => {
    const big = await loadScenarioFile('scenarios/tiny.yaml', { users: 2 * CONFIRM_USERS + 1 });
    expect(() => checkWorldSize(big, false, 'simulate', 'tiny.yaml')).toThrow(LargeWorldError);
    expect(() => checkWorldSize(big, false, 'simulate', 'tiny.yaml', { index: 2, count: 2 })).not.toThrow();
    expect(() => checkWorldSize(big, false, 'simulate', 'tiny.yaml', { index: 1, count: 2 })).toThrow(
      'simulate: partition 1/2 of tiny.yaml has 50,001 users: about 3.0 GB of memory',
    );
    expect(() => checkWorldSize(big, true, 'simulate', 'tiny.yaml', { index: 1, count: 2 })).not.toThrow();
    expect(() => checkWorldSize(big, false, 'simulate', 'tiny.yaml', { index: 1, count: 3 })).not.toThrow();
  });
});

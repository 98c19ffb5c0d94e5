import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctColours } from '../../../../../engine/evaluate/report/_internal/distinctColours.ts';

describe('distinctColours', () => {
  it('hands out n different colours, none of those taken, as #rrggbb (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 120 }),
        fc.uniqueArray(fc.constantFrom('#1f77b4', '#17becf', '#d62728', '#000000', '#E6AB02'), { maxLength: 5 }),
        (n, taken) => {
          const colours = distinctColours(n, taken);
          expect(colours).toHaveLength(n);
          expect(new Set(colours).size).toBe(n);
          for (const c of colours) {
            expect(c).toMatch(/^#[0-9a-f]{6}$/);
            expect(taken.map((t) => t.toLowerCase())).not.toContain(c);
          }
        },
      ),
    );
  });

  it('is the same list every time: a report’s colours do not change run to run', () => {
    expect(distinctColours(30, ['#a3a3a3'])).toEqual(distinctColours(30, ['#a3a3a3']));
  });
});

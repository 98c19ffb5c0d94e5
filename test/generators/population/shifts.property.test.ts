/**
 * Shifts: a user joins a shift with its share of chance and keeps its hours (around them, by the work-hours spread);
 * everyone else draws exactly as in a scenario without shifts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

describe('shifts', () => {
  it('puts about the share of users on the shift, at its hours, and leaves the others as without shifts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, share) => {
        const plain = tinyScenario({ seed, users: 60, days: 1, attacks: false });
        const early = { share, startMinute: 6 * 60, endMinute: 14 * 60 };
        const shifted = { ...plain, population: { ...plain.population, shifts: [early] } };
        const before = buildPopulation(plain);
        const after = buildPopulation(shifted);
        const spread = plain.population.workHours.spreadMs / 60_000;
        let onShift = 0;
        after.forEach((u, i) => {
          const same = u.workStartMin === before[i].workStartMin;
          if (same) {
            expect(u).toEqual(before[i]);
          } else {
            onShift++;
            // The same normal draw around the shift's start instead of the office's: shifted by the difference.
            expect(u.workStartMin - before[i].workStartMin).toBe(early.startMinute - plain.population.workHours.startMinute);
            expect(Math.abs(u.workStartMin - early.startMinute)).toBeLessThan(6 * spread);
            expect({ ...u, workStartMin: 0, workEndMin: 0 }).toEqual({ ...before[i], workStartMin: 0, workEndMin: 0 });
          }
        });
        if (share === 0) expect(onShift).toBe(0);
        if (share === 1) expect(onShift).toBe(after.length);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a day shift past 22:00, a night shift starting before 18:00, and shares over one', () => {
    const issues = scenarioIssues({
      name: 's',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: {
        users: 5,
        shifts: [
          { share: 0.6, start: '22:00', end: '23:30' },
          { share: 0.5, start: '03:00', end: '02:00' },
        ],
      },
    });
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['/population/shifts', '/population/shifts/0/end', '/population/shifts/1/start'].sort(),
    );
  });
});

/**
 * A conference seats its stated head count whatever the population size (regression: each user went with chance
 * attendees / users, so growing the population changed who went), and every attendee signs in there through the
 * venue's one address, as at a real venue's NAT.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatConferences } from '../../../generators/population/conferenceSeats.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const conference = (attendees: number): ResolvedScenario['noise']['conferences'][number] => ({
  at: { day: 1, minuteOfDay: 9 * 60 },
  days: 2,
  attendees,
  country: 'DE',
  city: 'Berlin',
  timeZone: 'Europe/Berlin',
});

describe('conference seats', () => {
  it('seat min(attendees, users) users, and a user added to the population displaces at most one attendee (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 60 }),
        (seed, users, attendees) => {
          const seats = (n: number) =>
            seatConferences(tinyScenario({ seed, users: n, attacks: false, conferences: [conference(attendees)] })).attendees[0];
          const before = seats(users);
          const after = seats(users + 1);
          expect(before.size).toBe(Math.min(attendees, users));
          expect(after.size).toBe(Math.min(attendees, users + 1));
          for (const i of before) expect(i).toBeLessThan(users);
          const left = [...before].filter((i) => !after.has(i));
          expect(left.length).toBeLessThanOrEqual(1);
          // Someone leaves only to make room for the new user.
          if (left.length === 1) expect(after.has(users)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('put every attendee on the venue network: one address, in the conference city, for all conference-day sign-ins', () => {
    const scenario = tinyScenario({ seed: 11, users: 40, days: 4, attacks: false, conferences: [conference(12)] });
    const { attendees, venues } = seatConferences(scenario);
    const run = runWorld(scenario);
    expect(attendees[0].size).toBe(12);
    const atVenue = run.events.filter((e) => run.truth.labels[e.id] === 'noise:conference' && e.type === 'auth.attempt');
    expect(atVenue.length).toBeGreaterThan(0);
    const ips = new Set(atVenue.map((e) => e.origin?.ip));
    // Flying home, an attendee signs in from home or the office again: only the venue's address is abroad.
    const abroad = atVenue.filter((e) => e.origin?.country === 'DE');
    expect(new Set(abroad.map((e) => e.origin?.ip))).toEqual(new Set([venues[0].ip]));
    expect(abroad.every((e) => e.origin?.city === 'Berlin')).toBe(true);
    expect(ips.has(venues[0].ip)).toBe(true);
    // At most the twelve seated signed in there, and several of them did.
    const users = new Set(abroad.map((e) => e.user));
    expect(users.size).toBeGreaterThan(3);
    expect(users.size).toBeLessThanOrEqual(12);
  });
});

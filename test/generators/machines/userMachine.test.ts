import { describe, expect, it } from 'vitest';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const day = 86_400_000;
const monday = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 00:00 UTC = 00:00 in London

/** Events per simulated day (index from the start) of a world of London users. */
function activityByDay(startMs: number, seed: number, users = 3) {
  const scenario = tinyScenario({
    seed,
    users,
    days: 2,
    startMs,
    attacks: false,
    timeZones: [['Europe/London', 1]],
    workHours: { weekends: 0 },
  });
  const run = runWorld(scenario);
  const perDay = [0, 0];
  const usersPerDay = [new Set<string>(), new Set<string>()];
  for (const e of run.events) {
    const d = Math.floor((e.time - startMs) / day);
    perDay[d]++;
    usersPerDay[d].add(e.user);
  }
  return { perDay, usersPerDay: usersPerDay.map((s) => s.size) };
}

describe('userMachine: the working day', () => {
  it('a London user works on Tuesday (the second simulated day) — the control for the test below', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(activityByDay(monday, seed).usersPerDay[1], `seed ${seed}`).toBe(3);
  });

  it('a run that starts the evening before (Sunday 20:00 UTC) has every London user at work on Monday', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { usersPerDay } = activityByDay(Date.UTC(2026, 2, 1, 20), seed);
      // Day index 0 is Sun 20:00 → Mon 20:00 UTC, which holds the whole Monday working day in London.
      expect(usersPerDay[0], `seed ${seed}`).toBe(3);
    }
  });

  // BUG (generators/machines/userMachine.ts:244-245, `initial: 'asleep'` + `entry: 'planDay'`): the user actor
  // starts `asleep` and plans the day that contains the start, but only a DAY event moves it to `away`, and the first
  // DAY is scheduled for the *next* wake-up. `asleep` ignores ARRIVE/SIGN_IN/BREAK/BACK/LEAVE, so every user whose
  // local day has already begun at the start (all Europe/London users when a run starts at 00:00 UTC, all New York
  // users when it starts at 12:00 UTC) is silent for the whole first day. Repro: startMs 2026-03-02T00:00Z (Monday),
  // 3 users all in Europe/London, weekends 0, attacks off, seeds 1..5: zero events on Monday, all 3 users active on
  // Tuesday. (Seed 5, 30 users in New York and London, 3 days from that Monday: 15 of 30 users have events on day 0.)
  it('a London user works on Monday when the run starts at Monday 00:00 UTC', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(activityByDay(monday, seed).usersPerDay[0], `seed ${seed}`).toBe(3);
  });
});

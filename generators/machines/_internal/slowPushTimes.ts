import type { RandomStream } from '../../random/RandomStream.ts';
import type { UserIdentity } from '../../population/UserIdentity.ts';
import { localMidnight, localWeekday } from '../../population/zoneOffset.ts';
import { hour, minute } from '../../clock/durations.ts';

/** The part of a victim's day a low-and-slow attacker pushes in: from 30 minutes after they start to 30 before they end. */
function window(victim: UserIdentity): { from: number; to: number } {
  const from = victim.workStartMin + 30;
  return { from, to: Math.max(from + 60, victim.workEndMin - 30) };
}

const isWorkday = (victim: UserIdentity, midnight: number) => {
  const weekday = localWeekday(victim.timeZone, midnight + 12 * hour);
  return weekday >= 1 && weekday <= 5;
};

/** The victim's local midnight that starts the day after the one beginning at `midnight`. */
const nextMidnight = (victim: UserIdentity, midnight: number) => localMidnight(victim.timeZone, midnight + 26 * hour);

/**
 * `t` itself when it falls in the victim's working hours on one of their workdays (Monday to Friday, their time);
 * otherwise a random moment in the next such window — later the same day, or on the next workday, so no push lands
 * at night or at a weekend.
 */
export function intoWorkingHours(t: number, victim: UserIdentity, rng: RandomStream): number {
  const { from, to } = window(victim);
  let midnight = localMidnight(victim.timeZone, t);
  let at = t;
  // Two weeks bound the search (a weekend is two days); the loop always returns within three iterations.
  for (let i = 0; i < 14; i++) {
    const minuteOfDay = (at - midnight) / minute;
    if (isWorkday(victim, midnight)) {
      if (minuteOfDay >= from && minuteOfDay <= to) return at;
      if (minuteOfDay < from) return midnight + (from + rng.float() * (to - from)) * minute;
    }
    midnight = nextMidnight(victim, midnight);
    at = midnight;
  }
  return t;
}

/**
 * The times of a low-and-slow attack's pushes after its first (at `startAt`), `perDay` on each of the victim's
 * workdays: the first day's count includes the first push, and only moments after it and inside the victim's
 * working hours are drawn; then `perDay` a workday, at random moments of the window, in order, until `pushes` in all.
 */
export function workdayPushTimes(startAt: number, victim: UserIdentity, perDay: number, pushes: number, rng: RandomStream): number[] {
  const { from, to } = window(victim);
  const times: number[] = [];
  let midnight = localMidnight(victim.timeZone, startAt);
  let first = true;
  // Ten years of days at most, beyond any scenario: the loop ends long before.
  for (let d = 0; d < 3660 && times.length < pushes - 1; d++) {
    if (isWorkday(victim, midnight)) {
      const lo = first ? Math.max(midnight + from * minute, startAt + minute) : midnight + from * minute;
      const hi = midnight + to * minute;
      const count = Math.min(first ? perDay - 1 : perDay, pushes - 1 - times.length);
      if (hi > lo && count > 0) {
        const day = Array.from({ length: count }, () => lo + rng.float() * (hi - lo)).sort((a, b) => a - b);
        times.push(...day.map(Math.round));
      }
    }
    // A start at a weekend still counts its day as the first.
    first = false;
    midnight = nextMidnight(victim, midnight);
  }
  return times;
}

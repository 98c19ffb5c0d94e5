import type { NetworkOrigin } from '../../../engine/model/generated/event.ts';
import type { RandomStream } from '../../random/RandomStream.ts';
import type { ResolvedScenario } from '../../scenario/ResolvedScenario.ts';
import type { UserIdentity } from '../../population/UserIdentity.ts';
import type { ConferenceSeats } from '../../population/conferenceSeats.ts';
import { localMidnight, localWeekday } from '../../population/zoneOffset.ts';
import type { AgendaEvent } from '../../world/messages.ts';
import { day, hour, minute } from '../../clock/durations.ts';

/** One item of a user's day: an event the user will send to themselves at `at`. */
interface AgendaItem {
  at: number;
  event: AgendaEvent;
}

/** Where the user is during a day, and the items that make it up. */
export interface DayPlan {
  items: AgendaItem[];
  /** Network origin of the day's sign-ins. */
  origin: NetworkOrigin;
  /** Label for the day's records when the day itself is benign noise (travel, conference). */
  label?: string;
  /** Time of the next DAY event (local wake-up tomorrow). */
  nextDay: number;
}

/** Travel origin chosen for a trip; the world builds it from the population tables. */
export type TravelOriginFor = (country: string, rng: RandomStream) => NetworkOrigin;

const tripCountries = ['GB', 'DE', 'FR', 'ES', 'NL', 'JP', 'SG', 'US', 'CA', 'AU'];

/**
 * A wave member's own moment (enrolment, plug-in re-registration, fleet restart): the wave's start (UTC) plus a share
 * of `over` drawn from the member's stream for that wave.
 */
function memberMoment(wave: { at: { day: number; minuteOfDay: number }; overMs: number }, startMs: number, rng: RandomStream): number {
  return startMs + wave.at.day * day + wave.at.minuteOfDay * minute + rng.float() * wave.overMs;
}

/**
 * Plans one day of a user from local wake-up time: work hours with spread, sign-ins (Poisson around the user's
 * mean, bunched at the start of the day and after lunch), lunch, leaving, bedtime; weekends mostly quiet; travel and
 * conferences move the origin abroad (to the venue's network, for the users `seats` names); device changes and
 * enrolment waves add factor changes. Pure given the stream.
 */
export function planDay(
  now: number,
  identity: UserIdentity,
  scenario: ResolvedScenario,
  rng: RandomStream,
  travelOrigin: TravelOriginFor,
  seats: ConferenceSeats,
): DayPlan {
  const homeMidnight = localMidnight(identity.timeZone, now + hour);
  const dayIndex = Math.floor((homeMidnight + 12 * hour - scenario.startMs) / day);

  // Conferences: the seated users go, at most one conference a day (the first in the list).
  let conference: ResolvedScenario['noise']['conferences'][number] | undefined;
  let conferenceIndex = -1;
  let flyHome = false;
  scenario.noise.conferences.forEach((c, k) => {
    if (conference || !seats.attendees[k].has(identity.index)) return;
    if (dayIndex >= c.at.day && dayIndex < c.at.day + c.days) {
      conference = c;
      conferenceIndex = k;
    } else if (dayIndex === c.at.day + c.days) {
      flyHome = true;
    }
  });
  // After the day of arrival, attendees live on the conference's clock: sign-ins at odd hours back home.
  const zone = conference?.timeZone && dayIndex > conference.at.day ? conference.timeZone : identity.timeZone;
  const midnight = zone === identity.timeZone ? homeMidnight : localMidnight(zone, now + hour);
  const weekday = localWeekday(zone, midnight + 12 * hour);
  const items: AgendaItem[] = [];
  const at = (minutes: number) => midnight + minutes * minute;
  const add = (time: number, event: AgendaEvent) => {
    if (time > now) items.push({ at: time, event });
  };
  const wh = scenario.population.workHours;
  const spreadMin = wh.spreadMs / minute;

  let origin = identity.homeOrigin;
  let label: string | undefined;
  if (conference) {
    origin = seats.venues[conferenceIndex];
    label = 'noise:conference';
    if (dayIndex === conference.at.day) {
      const depart = at(conference.at.minuteOfDay) - 6 * hour;
      add(depart, { type: 'TRAVEL_START', until: depart + rng.between(2, 9) * hour });
    }
  } else if (flyHome) {
    label = 'noise:conference';
    const depart = at(rng.between(7, 11) * 60);
    add(depart, { type: 'TRAVEL_START', until: depart + rng.between(2, 9) * hour });
  }
  const travelling = !conference && !flyHome && rng.chance(scenario.noise.travel);
  if (travelling) {
    origin = travelOrigin(rng.pick(tripCountries), rng);
    label = 'noise:travel';
    const depart = at(rng.between(6, 9) * 60);
    add(depart, { type: 'TRAVEL_START', until: depart + rng.between(1.5, 6) * hour });
  }

  const workday = weekday >= 1 && weekday <= 5 ? true : rng.chance(wh.weekends);
  const wakeMin = identity.workStartMin - rng.between(60, 150);
  if (workday) {
    const startMin = identity.workStartMin + rng.normal(0, spreadMin / 3);
    const endMin = Math.max(startMin + 4 * 60, identity.workEndMin + rng.normal(0, spreadMin / 3));
    let arrive = at(startMin);
    for (const item of items) {
      // On a travel day work starts an hour after landing.
      if (item.event.type === 'TRAVEL_START') arrive = Math.max(arrive, item.event.until + hour);
    }
    if (!conference && !travelling && !rng.chance(identity.homeWorking)) origin = identity.officeOrigin;
    const leave = Math.max(arrive + 3 * hour, at(endMin));
    add(arrive, { type: 'ARRIVE' });
    const logins = rng.poisson(identity.loginsPerDay);
    for (let i = 0; i < logins; i++) {
      const r = rng.float();
      // A third of sign-ins come in the first hour of the day, the rest spread over the day.
      const t = r < 0.33 ? arrive + rng.between(2, 60) * minute : arrive + rng.float() * (leave - arrive - 10 * minute);
      add(t, { type: 'SIGN_IN', app: rng.pick(identity.apps), attempt: 0 });
    }
    if (rng.chance(0.7)) {
      const lunch = at(rng.between(11.75, 13.5) * 60);
      if (lunch > arrive + 30 * minute && lunch < leave - hour) {
        add(lunch, { type: 'BREAK' });
        add(lunch + rng.between(25, 70) * minute, { type: 'BACK' });
      }
    }
    if (identity.labMac && rng.chance(scenario.population.macs.labVisits ?? 0.3)) {
      const labStart = arrive + rng.between(1, 5) * hour;
      if (labStart < leave - hour) {
        add(labStart, { type: 'LAB_START' });
        add(labStart + rng.between(30, 120) * minute, { type: 'LAB_END' });
      }
    }
    add(leave, { type: 'LEAVE' });
    if (rng.chance(0.15)) {
      add(leave + rng.between(2, 4) * hour, { type: 'SIGN_IN', app: rng.pick(identity.apps), attempt: 0 });
    }
    if (identity.mac?.remoteAccess && rng.chance(0.2)) {
      // People with Remote Login on reach their office Mac from home some evenings.
      add(leave + rng.between(1, 4) * hour, { type: 'REMOTE', method: rng.chance(0.7) ? 'ssh' : 'screen_sharing' });
    }
    if (rng.chance(scenario.noise.deviceChange)) {
      add(arrive + rng.between(1, 6) * hour, { type: 'NEW_PHONE', label: 'noise:device-change' });
    }
    scenario.noise.enrolmentWaves.forEach((w, k) => {
      const waveRng = rng.fork(`wave-${k}`);
      if (!waveRng.chance(w.fraction)) return;
      // The member's moment: the wave's start (UTC) plus a share of `over`, the same on every day of the run (the
      // stream is the member's own). Only the day it falls on enrols, once: before the member arrives it waits for
      // them, after they leave it is missed. A moment of another day is not today's (it was: every later workday
      // enrolled again, at arrival).
      const when = memberMoment(w, scenario.startMs, waveRng);
      if (when < midnight || when >= midnight + day) return;
      const enrolAt = Math.max(when, arrive + 10 * minute);
      if (enrolAt < leave) add(enrolAt, { type: 'ENROL_FACTOR', label: 'noise:enrolment' });
    });
    // Plug-in re-registration: on the member's day, at their moment (waiting for their arrival), if they are at work.
    scenario.noise.pluginReenrolments?.forEach((w, k) => {
      const waveRng = rng.fork(`plugin-reenrol-${k}`);
      if (!waveRng.chance(w.fraction) || !identity.mac?.desktopMfa) return;
      const when = memberMoment(w, scenario.startMs, waveRng);
      if (when < midnight || when >= midnight + day) return;
      const reenrolAt = Math.max(when, arrive + 15 * minute);
      if (reenrolAt < leave - 30 * minute)
        add(reenrolAt, { type: 'MAC_REENROL', label: 'noise:plugin-reenrolment', prompts: waveRng.int(w.minPrompts, w.maxPrompts) });
    });
  } else if (rng.chance(0.15)) {
    add(at(rng.between(10, 20) * 60), { type: 'SIGN_IN', app: rng.pick(identity.apps), attempt: 0 });
  }
  // Bedtime at night; after a night shift (its end past midnight), a couple of hours after coming home instead.
  const bedtime = rng.between(22.5, 24.5) * 60;
  add(at(identity.workEndMin > 24 * 60 ? identity.workEndMin + 60 + (bedtime - 22.5 * 60) : bedtime), { type: 'SLEEP' });
  const nextDay = Math.max(now + hour, localMidnight(zone, midnight + day + 2 * hour) + wakeMin * minute);
  // Fleet restarts (an overnight OS update): a member's Mac restarts at their moment, whenever it falls in this plan's
  // span (from today's wake-up to tomorrow's), so a night-time restart is not lost before the day that follows it.
  scenario.noise.macRestarts?.forEach((r, k) => {
    if (!identity.mac) return;
    const restartRng = rng.fork(`mac-restart-${k}`);
    if (!restartRng.chance(r.fraction)) return;
    const when = memberMoment(r, scenario.startMs, restartRng);
    if (when >= now && when < nextDay) add(when, { type: 'MAC_RESTART', label: 'noise:mac-restart' });
  });
  items.sort((a, b) => a.at - b.at);
  return { items, origin, label, nextDay };
}

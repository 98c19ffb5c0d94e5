import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import { formatDuration } from '../../../engine/model/duration/parseDuration.ts';
import { day, hour, minute, second } from '../../clock/durations.ts';
import { issuePath } from '../../../engine/model/errors/issuePath.ts';

/**
 * An attack as far as its timing goes, every field already valid: the caller skips an attack whose fields the schema
 * or the other checks reject (they are reported there).
 */
export interface AttackTiming {
  name: string;
  strategy: 'burst' | 'low-and-slow' | 'night' | 'spray' | 'login-window' | 'script';
  /** How many users it targets (the count, or the length of the explicit list). */
  targets: number;
  /** When its first push is due, in ms after the scenario's start (`at`, placed in the first target's zone). */
  startMs: number;
  /** Added to a time after the scenario's start, the attack's local clock as `at` is written: day 0 begins at 0. */
  clockShiftMs: number;
  /** The zone of that clock, as messages name it: `"America/New_York time"`. */
  zone: string;
  pushes: number;
  intervalMs: number;
  spreadMs: number;
  /** low-and-slow: what paces the pushes — `pushesPerDay`, a stated `interval`, or `spread` / `pushes`. */
  pace?: 'perDay' | 'interval' | 'spread';
  pushesPerDay?: number;
  /** script: the latest `after` of its steps. */
  scriptSpanMs?: number;
}

// What the attacker machine does (generators/machines/attackerMachine.ts, generators/world/_internal/planAttacks.ts),
// in mean times: targets after the first start a minute apart (a spray's are spread over `spread` instead, each up to
// a minute late), attempts follow `interval` apart (never closer than a second), and low-and-slow paces its pushes by
// `pushesPerDay`, a stated `interval`, or evenly over `spread` (each moved into working hours, which only delays them).
const targetStagger = minute;
const shortestGap = second;

/** When the last target's first push is due, at the latest. */
function lastTargetStart(attack: AttackTiming): number {
  const others = attack.targets - 1;
  if (attack.strategy === 'spray') return attack.startMs + (attack.spreadMs * others) / attack.targets + targetStagger;
  return attack.startMs + others * targetStagger;
}

/**
 * Mean gap between one target's pushes. A low-and-slow paced by the day sends `pushesPerDay` on each workday: its
 * last push comes at least (workdays − 1) days plus a weekend per five workdays, less half a day, after its first —
 * a lower bound, so only an attack that surely runs past the end is reported.
 */
function pushGap(attack: AttackTiming): number {
  if (attack.strategy !== 'low-and-slow') return Math.max(shortestGap, attack.intervalMs);
  if (attack.pace === 'perDay' && attack.pushesPerDay !== undefined) {
    if (attack.pushes < 2) return day;
    const workdays = Math.ceil(attack.pushes / attack.pushesPerDay) - 1;
    const span = Math.max(0, (workdays + 2 * Math.floor(workdays / 5)) * day - day / 2);
    return span / (attack.pushes - 1);
  }
  return attack.pace === 'interval' ? Math.max(shortestGap, attack.intervalMs) : attack.spreadMs / attack.pushes;
}

/** How many of `pushes` pushes, `gap` apart from `first`, come before `endMs`. */
function pushesBefore(endMs: number, first: number, gap: number, pushes: number): number {
  if (first >= endMs) return 0;
  return Math.min(pushes, Math.floor((endMs - first - 1) / gap) + 1);
}

/** "day 4 at 09:00" for a time on the attack's local clock, from ms after the start of that clock's day 0. */
function dayAndTime(ms: number): string {
  const whole = Math.floor(ms / minute);
  const [d, m] = [Math.floor(whole / (day / minute)), whole % (day / minute)];
  return `day ${d} at ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * A duration a user can write in the scenario file (one unit, at most one decimal) that is not longer than `ms`:
 * 94 hours → "3.9d", 150 minutes → "2.5h".
 */
function writableAtMost(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', day],
    ['h', hour],
    ['m', minute],
    ['s', second],
  ];
  for (const [unit, size] of units) {
    if (ms < size) continue;
    const tenths = Math.floor((ms * 10) / size);
    return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}${unit}`;
  }
  return `${Math.max(0, Math.floor(ms))}ms`;
}

const plural = (count: number, noun: string) => `${count} ${count === 1 ? noun : noun.endsWith('sh') ? `${noun}es` : `${noun}s`}`;

/**
 * Whether an attack's pushes all fall inside the scenario. One that runs past the end does not fail: the run stops
 * and its later pushes (a spray's later targets, a low-and-slow's later days) are silently missing from the
 * events and the truth — `targets: 3` in a 3-day scenario with the default 7-day spread gives 2 incidents. So that is
 * an issue, naming the attack, what it would lose and what to change. Times are compared as the simulation runs them
 * (the end is the start plus `duration`; `at` is placed in the first target's zone) and shown on the attack's local
 * clock, as the file writes `at`: a 3-day scenario from midnight UTC ends on day 2 at 19:00 in New York.
 *
 * @param index The attack's position, for the issue's path.
 * @param endMs The scenario's length in ms (after `--days`, when that lengthens it).
 */
export function checkAttackTimespan(attack: AttackTiming, index: number, endMs: number): ScenarioIssue | undefined {
  const lastStart = lastTargetStart(attack);
  const gap = pushGap(attack);
  const lastPush = attack.strategy === 'script' ? lastStart + (attack.scriptSpanMs ?? 0) : lastStart + gap * (attack.pushes - 1);
  if (lastPush < endMs) return undefined;

  const local = (ms: number) => dayAndTime(ms + attack.clockShiftMs);
  const head = `attack "${attack.name}"`;
  const from = `from ${local(attack.startMs)} ${attack.zone}`;
  const end = `the scenario ends after ${formatDuration(endMs)}, on ${local(endMs)}`;
  const earlier = 'start it earlier, or make /duration longer';
  if (attack.startMs >= endMs) {
    return {
      path: issuePath('attacks', index, 'at'),
      message: `${head} starts on ${local(attack.startMs)} ${attack.zone}, but ${end}: it would never run; ${earlier}`,
    };
  }
  if (attack.strategy === 'script') {
    return {
      path: issuePath('attacks', index, 'steps'),
      message: `${head} runs its steps ${from}${attack.targets > 1 ? `, a minute later at each further target,` : ''} until ${local(lastPush)}, but ${end}: the steps after it never run; ${earlier}`,
    };
  }
  const keptPushes = pushesBefore(endMs, lastStart, gap, attack.pushes);
  const lostPushes = `about ${attack.pushes - keptPushes} of its ${plural(attack.pushes, 'push')}${attack.targets > 1 ? ' at the last target' : ''} would fall after the end and never be sent`;

  if (attack.strategy === 'spray') {
    // Target j starts at startMs + spread × j / n: those with j ≥ (endMs − startMs) × n / spread start too late.
    const firstLate = attack.spreadMs === 0 ? attack.targets : Math.ceil(((endMs - attack.startMs) * attack.targets) / attack.spreadMs);
    const lost = attack.targets - Math.min(attack.targets, firstLate);
    // The spread that lets the last target start and send every push: startMs + spread × (n-1)/n + tail < endMs.
    const room = endMs - attack.startMs - targetStagger - gap * (attack.pushes - 1);
    const spreadFix =
      attack.targets > 1 && room > 0 ? `make spread at most ${writableAtMost(((room - 1) * attack.targets) / (attack.targets - 1))}, ` : '';
    if (lost > 0) {
      return {
        path: issuePath('attacks', index, 'spread'),
        message:
          `${head} starts its ${plural(attack.targets, 'target')} over ${formatDuration(attack.spreadMs)} ${from}, but ${end}: ` +
          `${lost} of them would start after the end and never be attacked; ${spreadFix}${earlier}`,
      };
    }
    return {
      path: issuePath('attacks', index, 'pushes'),
      message: `${head} starts its last target on ${local(lastStart)}, but ${end}: ${lostPushes}; ${spreadFix}send fewer pushes, ${earlier}`,
    };
  }

  if (attack.strategy === 'low-and-slow' && attack.pace === 'perDay') {
    return {
      path: issuePath('attacks', index, 'pushesPerDay'),
      message: `${head} sends ${plural(attack.pushes, 'push')}, ${attack.pushesPerDay} on each of the victim's workdays, ${from}, but ${end}: ${lostPushes}; send more a day or fewer pushes, ${earlier}`,
    };
  }
  if (attack.strategy === 'low-and-slow' && attack.pace === 'interval') {
    return {
      path: issuePath('attacks', index, 'interval'),
      message: `${head} sends ${plural(attack.pushes, 'push')} at least ${formatDuration(gap)} apart in the victim's working hours ${from}, but ${end}: ${lostPushes}; shorten the interval, send fewer pushes, ${earlier}`,
    };
  }
  if (attack.strategy === 'low-and-slow') {
    // lastStart + spread × (pushes-1)/pushes < endMs.
    const room = endMs - lastStart;
    const spreadFix =
      attack.pushes > 1 && room > 0 ? `make spread at most ${writableAtMost(((room - 1) * attack.pushes) / (attack.pushes - 1))}, ` : '';
    return {
      path: issuePath('attacks', index, 'spread'),
      message: `${head} spreads ${plural(attack.pushes, 'push')} over ${formatDuration(attack.spreadMs)} ${from}, but ${end}: ${lostPushes}; ${spreadFix}${earlier}`,
    };
  }

  const fixes = [
    ...(attack.pushes > 1 && keptPushes > 0 ? [`send at most ${keptPushes} pushes`] : []),
    ...(attack.pushes > 1 ? ['shorten the interval'] : []),
    ...(attack.targets > 1 ? ['target fewer users'] : []),
  ];
  const staggered = attack.targets > 1 ? ` at each of ${plural(attack.targets, 'target')}, a minute apart,` : '';
  return {
    path: issuePath('attacks', index, 'pushes'),
    message:
      `${head} sends ${plural(attack.pushes, 'push')}${attack.pushes > 1 ? ` ${formatDuration(gap)} apart` : ''}${staggered} ${from}, until about ${local(lastPush)}, ` +
      `but ${end}: ${lostPushes}; ${[...fixes, earlier].join(', ')}`,
  };
}

import { parseDuration } from '../../../engine/model/duration/parseDuration.ts';
import { day, minute } from '../../clock/durations.ts';
import { localMidnight } from '../../population/zoneOffset.ts';
import type { AttackTiming } from './checkAttackTimespan.ts';
import { isIanaTimeZone } from './isIanaTimeZone.ts';
import { unstatedIntervalMs } from './unstatedIntervalMs.ts';

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const strategies: ReadonlySet<unknown> = new Set(['burst', 'low-and-slow', 'night', 'spray', 'login-window', 'script']);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** The valid duration in `value`, or undefined (an invalid one is reported by the duration checks). */
function validDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseDuration(value);
  } catch {
    return undefined;
  }
}

/** The time zones a first target can live in: those of the population with a positive weight, when all are known. */
function candidateZones(population: Json): string[] | undefined {
  const weights = Object.entries(record(population.timeZones));
  if (weights.some(([zone, weight]) => typeof weight !== 'number' || !isIanaTimeZone(zone))) return undefined;
  const zones = weights.filter(([, weight]) => (weight as number) > 0).map(([zone]) => zone);
  return zones.length > 0 ? zones : undefined;
}

/**
 * An attack's timing for {@link checkAttackTimespan}, when every field it depends on is valid (an invalid one is
 * reported by another check, and this one then stays silent). `at` is in the first target's local time, and the
 * first target may live in any of the population's zones: the latest start among them is the one that can run past
 * the end, as `planAttacks` places it (local midnight of the day, then the time of day).
 *
 * @param scenario The scenario after schema defaults, any shape.
 * @param users The population after `--users`, when valid.
 */
export function attackTiming(attack: Json, scenario: Json, users: number | undefined): AttackTiming | undefined {
  const at = record(attack.at);
  // Anchored to each target's day, the start can be as late as the day's last minute, plus a positive offset and
  // the jitter: the bound the check uses. Otherwise `time` (09:00 unless written).
  const anchored = at.relativeTo !== undefined || at.during !== undefined;
  const written = anchored ? '23:59' : typeof at.time === 'string' ? at.time : at.time === undefined ? '09:00' : undefined;
  const time = typeof written === 'string' ? /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(written) : null;
  const offset = typeof at.offset === 'string' && !at.offset.startsWith('-') ? validDuration(at.offset) : 0;
  const lateMs = at.relativeTo !== undefined ? (offset ?? 0) + (validDuration(at.jitter ?? '0s') ?? 0) : 0;
  const targets = Array.isArray(attack.targets) ? attack.targets.length : attack.targets;
  const spreadMs = validDuration(attack.spread);
  const stated = attack.interval !== undefined;
  // Unstated, the interval is a minute, or a low-and-slow's spread divided among its pushes (as the resolver sets it).
  const intervalMs = stated
    ? validDuration(attack.interval)
    : spreadMs !== undefined && isCount(attack.pushes)
      ? unstatedIntervalMs(attack.strategy, spreadMs, attack.pushes)
      : undefined;
  const pushesPerDay = attack.pushesPerDay;
  // A script's last step after its start (absolute steps are checked on their own).
  const offsets = (Array.isArray(attack.steps) ? attack.steps : []).map((step) => validDuration(record(step).after));
  const scriptSpanMs = Math.max(0, ...offsets.filter((o): o is number => o !== undefined));
  const scenarioStart = typeof scenario.start === 'string' ? Date.parse(scenario.start) : Number.NaN;
  const zones = candidateZones(record(scenario.population));
  const valid =
    typeof attack.name === 'string' &&
    strategies.has(attack.strategy) &&
    Number.isSafeInteger(at.day) &&
    time !== null &&
    isCount(targets) &&
    (users === undefined || targets <= users) &&
    isCount(attack.pushes) &&
    intervalMs !== undefined &&
    spreadMs !== undefined &&
    (pushesPerDay === undefined || isCount(pushesPerDay)) &&
    !Number.isNaN(scenarioStart) &&
    zones !== undefined;
  if (!valid) return undefined;
  const pace: AttackTiming['pace'] = pushesPerDay !== undefined ? 'perDay' : stated ? 'interval' : 'spread';
  const localMs = (at.day as number) * day + (Number(time[1]) * 60 + Number(time[2])) * minute + lateMs;
  const dayIndex = at.day as number;
  const startIn = (zone: string) =>
    localMidnight(zone, scenarioStart + dayIndex * day + day / 2) + (localMs - dayIndex * day) - scenarioStart;
  const [zone, startMs] = zones
    .map((candidate): [string, number] => [candidate, startIn(candidate)])
    .reduce((latest, next) => (next[1] > latest[1] ? next : latest));
  return {
    name: attack.name as string,
    strategy: attack.strategy as AttackTiming['strategy'],
    targets,
    startMs,
    clockShiftMs: localMs - startMs,
    zone: zones.length > 1 ? `${zone} time, the latest of the population's zones` : `${zone} time`,
    pushes: attack.pushes as number,
    intervalMs,
    spreadMs,
    ...(attack.strategy === 'low-and-slow' ? { pace } : {}),
    ...(pushesPerDay === undefined ? {} : { pushesPerDay: pushesPerDay as number }),
    ...(attack.strategy === 'script' ? { scriptSpanMs } : {}),
  };
}

import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import type { ScenarioOverrides } from '../ResolvedScenario.ts';
import { parseDuration } from '../../../engine/model/duration/parseDuration.ts';
import { attackTiming } from './attackTiming.ts';
import { checkScript, scriptHasContact, scriptPrompts } from './checkScript.ts';
import { checkAttackTimespan } from './checkAttackTimespan.ts';
import { describeValue } from './describeValue.ts';
import { isIanaTimeZone } from './isIanaTimeZone.ts';
import { issuePath } from '../../../engine/model/errors/issuePath.ts';
import { validOverride } from './checkOverrides.ts';
import { day as dayMs } from '../../clock/durations.ts';
import { DESKTOP_MFA_APP } from '../../population/desktopMfaApp.ts';
import { knownAsns, networkByAsn } from '../../population/geo.ts';
import { EVENT_TIME_RANGE, MAX_DAYS } from '../../../engine/model/limits.ts';

// These checks run even when the schema found problems, so that one run reports everything; the data may therefore
// have any shape, and every read below is guarded.
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const record = (value: unknown): Json => (isRecord(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// A user count the schema rejects is no limit to check target indexes against.
const userCount = (value: unknown): number | undefined =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? (value as number) : undefined;

/** What the checks need to know beyond the data: the effective population and length after overrides. */
interface Limits {
  users: number | undefined;
  days: number | undefined;
}

/**
 * Problems the schema cannot express: ranges that depend on other fields (`min <= max`, target indexes below the
 * user count, days inside the scenario), weights that sum to zero, unknown time zones, durations that do not come to
 * whole milliseconds. `data` is the scenario after schema defaults were filled in; overrides replace the values they
 * name before the cross-field checks.
 */
export function checkScenarioSemantics(data: unknown, overrides?: ScenarioOverrides): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const scenario = record(data);
  const population = record(scenario.population);
  checkStart(scenario.start, issues);
  const durationMs = checkDurations(scenario, issues);
  const fileDays = durationMs === undefined ? undefined : durationMs / dayMs;
  const overrideDays = validOverride(overrides, 'days');
  const limits: Limits = {
    users: validOverride(overrides, 'users') ?? userCount(population.users),
    // A day must fall inside the scenario as written or as lengthened by --days; --days shorter than the file just
    // ends the run before the later items (a quick look at a long scenario should not need editing it).
    days: overrideDays === undefined || fileDays === undefined ? (overrideDays ?? fileDays) : Math.max(fileDays, overrideDays),
  };
  checkTimeSpan(scenario.start, durationMs, overrideDays, issues);
  checkPopulation(population, issues);
  const noise = record(scenario.noise);
  for (const kind of ['enrolmentWaves', 'macRestarts', 'pluginReenrolments', 'outages', 'conferences'] as const) {
    list(noise[kind]).forEach((item, index) => {
      checkDay(record(item).at, ['noise', kind, index], limits, issues);
    });
  }
  for (const [index, item] of list(noise.outages).entries()) checkOutage(record(item), index, population, issues);
  list(noise.conferences).forEach((item, index) => {
    const zone = record(item).timeZone;
    if (typeof zone === 'string' && !isIanaTimeZone(zone)) {
      issues.push({
        path: issuePath('noise', 'conferences', index, 'timeZone'),
        message: `unknown IANA time zone ${JSON.stringify(zone)}`,
      });
    }
  });
  list(noise.pluginReenrolments).forEach((item, index) => {
    const prompts = record(record(item).prompts);
    if (isNumber(prompts.min) && isNumber(prompts.max) && prompts.min > prompts.max)
      issues.push({
        path: issuePath('noise', 'pluginReenrolments', index, 'prompts'),
        message: `min (${prompts.min}) must be <= max (${prompts.max})`,
      });
  });
  checkAttacks(list(scenario.attacks), scenario, limits, issues);
  return issues;
}

/**
 * An attack anchored to each target's day: `relativeTo` or `during`, not both and not beside `time`; `offset` and
 * `jitter` only with `relativeTo`; strategies whose start is one moment per target (not spray or low-and-slow).
 */
function checkAnchor(attack: Json, at: (...rest: Array<string | number>) => string, issues: ScenarioIssue[]): void {
  const when = record(attack.at);
  const anchors = (['relativeTo', 'during'] as const).filter((k) => when[k] !== undefined);
  if (anchors.length === 2) issues.push({ path: at('at'), message: 'has both relativeTo and during: give one' });
  if (anchors.length > 0 && when.time !== undefined)
    issues.push({ path: at('at', 'time'), message: `is decided per target by ${anchors[0]}: give one of them` });
  for (const key of ['offset', 'jitter'] as const)
    if (when[key] !== undefined && when.relativeTo === undefined)
      issues.push({ path: at('at', key), message: 'applies with relativeTo only' });
  if (anchors.length > 0 && (attack.strategy === 'spray' || attack.strategy === 'low-and-slow'))
    issues.push({
      path: at('at', anchors[0]),
      message: `applies to burst, night, login-window and script attacks, not ${attack.strategy}`,
    });
  if (when.relativeTo !== undefined && attack.strategy === 'script')
    issues.push({ path: at('at', 'relativeTo'), message: 'a script times its steps from a fixed start: use during, or time' });
  for (const key of ['offset', 'jitter'] as const) {
    const value = when[key];
    if (typeof value !== 'string') continue;
    try {
      parseDuration(value.replace(/^-/, ''));
    } catch (error) {
      issues.push({ path: at('at', key), message: (error as Error).message });
    }
  }
}

/** The scenario's start as epoch ms, when it is one. */
function startOf(start: unknown): number | undefined {
  const ms = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function checkStart(start: unknown, issues: ScenarioIssue[]): void {
  // ajv-formats accepts a few date-times (leap seconds) that Date.parse cannot place on the time line.
  if (typeof start === 'string' && Number.isNaN(Date.parse(start))) {
    issues.push({ path: '/start', message: `cannot be converted to a point in time (got ${describeValue(start)})` });
  }
}

/**
 * A run must fit what pushstorm reads back: at most {@link MAX_DAYS} days, every event inside
 * {@link EVENT_TIME_RANGE} (a start in 1900 or 9999 simulated, then every event was quarantined by detect).
 */
function checkTimeSpan(start: unknown, durationMs: number | undefined, overrideDays: number | undefined, issues: ScenarioIssue[]): void {
  if (durationMs !== undefined && durationMs > MAX_DAYS * dayMs)
    issues.push({
      path: '/duration',
      message: `must be at most ${MAX_DAYS} days (ten years); got ${(durationMs / dayMs).toLocaleString('en-US')} days`,
    });
  const startMs = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(startMs)) return;
  const first = new Date(EVENT_TIME_RANGE.min).toISOString();
  const end = new Date(EVENT_TIME_RANGE.end).toISOString();
  if (startMs < EVENT_TIME_RANGE.min || startMs >= EVENT_TIME_RANGE.end) {
    issues.push({ path: '/start', message: `must be from ${first} to before ${end}, the times pushstorm reads events in (got ${start})` });
    return;
  }
  const runMs = overrideDays !== undefined ? overrideDays * dayMs : durationMs;
  if (runMs !== undefined && runMs <= MAX_DAYS * dayMs && startMs + runMs > EVENT_TIME_RANGE.end)
    issues.push({
      path: overrideDays !== undefined ? '/start' : '/duration',
      message: `the run would end after ${end}, past the times pushstorm reads events in: start earlier or run shorter`,
    });
}

/** Where durations sit, and whether zero is meaningless there (a zero push timeout is; a zero fraud mute is "off"). */
interface DurationField {
  path: Array<string | number>;
  value: unknown;
  positive: boolean;
}

function durationFields(scenario: Json): DurationField[] {
  const population = record(scenario.population);
  const idp = record(scenario.idp);
  const noise = record(scenario.noise);
  const fields: DurationField[] = [
    { path: ['duration'], value: scenario.duration, positive: true },
    { path: ['population', 'workHours', 'spread'], value: record(population.workHours).spread, positive: false },
    { path: ['idp', 'pushTimeout'], value: idp.pushTimeout, positive: true },
    { path: ['idp', 'rateLimit', 'per'], value: record(idp.rateLimit).per, positive: true },
    { path: ['idp', 'lockout', 'duration'], value: record(idp.lockout).duration, positive: true },
    { path: ['idp', 'fraudMute'], value: idp.fraudMute, positive: false },
  ];
  list(noise.pluginReenrolments).forEach((wave, index) => {
    fields.push({ path: ['noise', 'pluginReenrolments', index, 'over'], value: record(wave).over, positive: false });
  });
  list(noise.macRestarts).forEach((restart, index) => {
    fields.push({ path: ['noise', 'macRestarts', index, 'over'], value: record(restart).over, positive: false });
  });
  list(noise.enrolmentWaves).forEach((wave, index) => {
    fields.push({ path: ['noise', 'enrolmentWaves', index, 'over'], value: record(wave).over, positive: false });
  });
  list(noise.outages).forEach((outage, index) => {
    fields.push({ path: ['noise', 'outages', index, 'duration'], value: record(outage).duration, positive: true });
  });
  list(scenario.attacks).forEach((item, index) => {
    const attack = record(item);
    fields.push({ path: ['attacks', index, 'interval'], value: attack.interval, positive: false });
    fields.push({ path: ['attacks', index, 'spread'], value: attack.spread, positive: false });
    fields.push({
      path: ['attacks', index, 'postCompromise', 'after'],
      value: record(attack.postCompromise).after,
      positive: false,
    });
  });
  return fields;
}

/** Checks that every duration parses; returns the scenario's own duration in ms when it does. */
function checkDurations(scenario: Json, issues: ScenarioIssue[]): number | undefined {
  let scenarioMs: number | undefined;
  for (const { path, value, positive } of durationFields(scenario)) {
    if (typeof value !== 'string') continue;
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch (error) {
      issues.push({ path: issuePath(...path), message: (error as Error).message });
      continue;
    }
    if (positive && ms === 0) issues.push({ path: issuePath(...path), message: `must be longer than 0 (got ${JSON.stringify(value)})` });
    else if (path.length === 1) scenarioMs = ms;
  }
  return scenarioMs;
}

function checkPopulation(population: Json, issues: ScenarioIssue[]): void {
  checkShifts(list(population.shifts), issues);
  const logins = record(population.loginsPerDay);
  if (isNumber(logins.min) && isNumber(logins.max) && logins.min > logins.max) {
    issues.push({ path: '/population/loginsPerDay', message: `min (${logins.min}) must be <= max (${logins.max})` });
  }
  const roleShares = Object.values(record(population.roles)).filter(isNumber);
  const roleSum = roleShares.reduce((total, share) => total + share, 0);
  if (roleSum > 1 + 1e-9) issues.push({ path: '/population/roles', message: `shares must add up to at most 1 (got ${roleSum})` });
  for (const key of ['timeZones', 'profiles', 'departments'] as const) {
    if (!isRecord(population[key])) continue; // absent when optional (departments) or the scenario is malformed
    const weights = Object.values(population[key]).filter(isNumber);
    const sum = weights.reduce((total, weight) => total + weight, 0);
    if (!(sum > 0)) issues.push({ path: issuePath('population', key), message: `weights must have a positive sum (got ${sum})` });
  }
  for (const zone of Object.keys(record(population.timeZones))) {
    if (!isIanaTimeZone(zone)) {
      issues.push({
        path: issuePath('population', 'timeZones', zone),
        message: `unknown IANA time zone ${JSON.stringify(zone)}`,
      });
    }
  }
  const macs = record(population.macs);
  if (isNumber(macs.sharedUsers) && macs.sharedUsers > 0 && macs.shared === 0) {
    issues.push({
      path: '/population/macs/sharedUsers',
      message: `is ${macs.sharedUsers} but there are no shared Macs to log in at (/population/macs/shared is 0)`,
    });
  }
}

/** Reports a day past the scenario's end; false when it reported one. */
function checkDay(at: unknown, base: Array<string | number>, limits: Limits, issues: ScenarioIssue[]): boolean {
  const day = record(at).day;
  if (isNumber(day) && limits.days !== undefined && day >= limits.days) {
    issues.push({
      path: issuePath(...base, 'at', 'day'),
      message: `must be < ${limits.days}, the scenario's length in days (got ${day})`,
    });
    return false;
  }
  return true;
}

/** A recurring attack: a strategy that has bursts, a span between bursts, and every burst inside the run. */
function checkRepeat(attack: Json, at: (...rest: Array<string | number>) => string, limits: Limits, issues: ScenarioIssue[]): void {
  const repeat = record(attack.repeat);
  if (attack.repeat === undefined) return;
  if (typeof attack.strategy === 'string' && !['burst', 'night', 'login-window'].includes(attack.strategy))
    issues.push({ path: at('repeat'), message: `applies to burst, night and login-window attacks, not ${attack.strategy}` });
  if (typeof repeat.every !== 'string') return;
  let everyMs: number;
  try {
    everyMs = parseDuration(repeat.every);
  } catch (error) {
    issues.push({ path: at('repeat', 'every'), message: (error as Error).message });
    return;
  }
  if (everyMs === 0) {
    issues.push({ path: at('repeat', 'every'), message: 'must be longer than 0' });
    return;
  }
  const day = record(attack.at).day;
  if (isNumber(repeat.times) && isNumber(day) && limits.days !== undefined) {
    const lastStartMs = day * dayMs + (repeat.times - 1) * everyMs;
    if (lastStartMs >= limits.days * dayMs)
      issues.push({
        path: at('repeat', 'times'),
        message: `the last of ${repeat.times} bursts would start on day ${Math.floor(lastStartMs / dayMs)}, after the scenario's ${limits.days} days`,
      });
  }
}

/** Minutes since midnight of an "HH:MM" the schema accepted; undefined for anything else. */
const minutesOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d\d:\d\d$/.test(value) ? Number(value.slice(0, 2)) * 60 + Number(value.slice(3)) : undefined;

/**
 * Shifts are daytime shifts (a person's day runs from waking to about 22:30–00:30 asleep): from 04:00, ending by
 * 22:00, starting before they end; and their shares may not add up to more than everyone.
 */
function checkShifts(shifts: unknown[], issues: ScenarioIssue[]): void {
  let total = 0;
  shifts.forEach((item, index) => {
    const shift = record(item);
    if (isNumber(shift.share)) total += shift.share;
    const start = minutesOf(shift.start);
    const end = minutesOf(shift.end);
    const at = (key: string) => issuePath('population', 'shifts', index, key);
    // A day shift runs 04:00-22:00; a night shift starts at 18:00 or later and ends the next morning by 10:00.
    const night = start !== undefined && end !== undefined && end < start;
    if (night) {
      if (start < 18 * 60)
        issues.push({
          path: at('start'),
          message: `a night shift (ending the next morning) starts at 18:00 or later (got ${shift.start})`,
        });
      if (end > 10 * 60) issues.push({ path: at('end'), message: `a night shift ends by 10:00 the next morning (got ${shift.end})` });
      return;
    }
    if (start !== undefined && start < 4 * 60) issues.push({ path: at('start'), message: `must be 04:00 or later (got ${shift.start})` });
    if (end !== undefined && end > 22 * 60)
      issues.push({
        path: at('end'),
        message: `must be 22:00 or earlier, or before start for a night shift ending the next morning (got ${shift.end})`,
      });
    if (start !== undefined && end !== undefined && start === end)
      issues.push({ path: at('end'), message: `must differ from start (${shift.start})` });
  });
  if (total > 1 + 1e-9)
    issues.push({ path: '/population/shifts', message: `shares add up to ${Number(total.toFixed(6))}, more than every user (1)` });
}

/** An outage's scope must name something that exists, and its retry range must be a range. */
function checkOutage(outage: Json, index: number, population: Json, issues: ScenarioIssue[]): void {
  const at = (...rest: Array<string | number>) => issuePath('noise', 'outages', index, ...rest);
  const scope = record(outage.scope);
  if (typeof scope.timeZone === 'string' && !isIanaTimeZone(scope.timeZone))
    issues.push({ path: at('scope', 'timeZone'), message: `unknown IANA time zone ${JSON.stringify(scope.timeZone)}` });
  // The Macs' login-window MFA signs in to its own application besides the population's.
  const apps = [...list(population.apps).filter((a): a is string => typeof a === 'string'), DESKTOP_MFA_APP];
  if (typeof scope.app === 'string' && apps.length > 1 && !apps.includes(scope.app))
    issues.push({
      path: at('scope', 'app'),
      message: `is none of population.apps, so the outage would reach no one (got ${JSON.stringify(scope.app)})`,
    });
  const retry = record(outage.retry);
  const min = isNumber(retry.min) ? retry.min : 1;
  const max = isNumber(retry.max) ? retry.max : 3;
  if (min > max) issues.push({ path: at('retry'), message: `min (${min}) must be <= max (${max})` });
}

/** A victim-response rule must be reachable: its prompt within the attack's pushes, its contact in the attack. */
function checkResponse(attack: Json, at: (...rest: Array<string | number>) => string, issues: ScenarioIssue[]): void {
  const response = attack.response;
  const script = attack.strategy === 'script';
  const pushes = script ? scriptPrompts(list(attack.steps)) : isNumber(attack.pushes) ? attack.pushes : 20;
  if (isRecord(response)) {
    for (const key of ['approvesAt', 'reportsFraudAt'] as const) {
      const n = response[key];
      if (isNumber(n) && n > pushes)
        issues.push({
          path: at('response', key),
          message: `must be <= ${pushes}, the attack's ${script ? 'prompting steps' : 'pushes'}: prompt ${n} never comes (got ${n})`,
        });
    }
  }
  if (response === 'approvesAfterContact' && !isRecord(attack.socialEngineering) && !scriptHasContact(attack.steps))
    issues.push({
      path: at('response'),
      message: `approvesAfterContact needs ${script ? 'a contact step' : 'socialEngineering'}: the attack makes no contact to approve after`,
    });
}

function checkAttacks(attacks: unknown[], scenario: Json, limits: Limits, issues: ScenarioIssue[]): void {
  const population = record(scenario.population);
  const firstIndexOfName = new Map<unknown, number>();
  const macs = record(population.macs);
  attacks.forEach((item, index) => {
    const attack = record(item);
    const at = (...rest: Array<string | number>) => issuePath('attacks', index, ...rest);
    const earlier = firstIndexOfName.get(attack.name);
    if (typeof attack.name === 'string' && earlier !== undefined) {
      issues.push({
        path: at('name'),
        message: `repeats the name of /attacks/${earlier} (got ${JSON.stringify(attack.name)})`,
      });
    } else firstIndexOfName.set(attack.name, index);
    checkResponse(attack, at, issues);
    checkScript(attack, at, { startMs: startOf(scenario.start), days: limits.days, macs }, issues);
    checkAnchor(attack, at, issues);
    checkRepeat(attack, at, limits, issues);
    if (attack.pushesPerDay !== undefined) {
      if (typeof attack.strategy === 'string' && attack.strategy !== 'low-and-slow')
        issues.push({ path: at('pushesPerDay'), message: `applies to low-and-slow attacks, not ${attack.strategy}` });
      else if (attack.interval !== undefined)
        issues.push({ path: at('pushesPerDay'), message: "paces the pushes by the victim's workdays: give it without interval" });
    }
    if (attack.sharedMac === true) {
      if (typeof attack.strategy === 'string' && attack.strategy !== 'login-window')
        issues.push({ path: at('sharedMac'), message: `applies to login-window attacks, not ${attack.strategy}` });
      if (record(population.macs).shared === 0 || record(population.macs).sharedUsers === 0)
        issues.push({ path: at('sharedMac'), message: 'needs shared lab Macs and users of them (population.macs.shared, sharedUsers)' });
    }
    const departments = Object.keys(record(population.departments));
    if (typeof attack.targetDepartment === 'string' && !departments.includes(attack.targetDepartment))
      issues.push({
        path: at('targetDepartment'),
        message:
          departments.length === 0
            ? 'needs population.departments: no user has a department'
            : `is none of population.departments (${departments.join(', ')}) (got ${JSON.stringify(attack.targetDepartment)})`,
      });
    const role = attack.targetRole;
    if (role === 'labUser' && (macs.shared === 0 || macs.sharedUsers === 0))
      issues.push({
        path: at('targetRole'),
        message: 'labUser needs shared lab Macs and users of them (population.macs.shared, sharedUsers)',
      });
    if (
      typeof role === 'string' &&
      role !== 'labUser' &&
      !(isNumber(record(population.roles)[role]) && (record(population.roles)[role] as number) > 0)
    )
      issues.push({ path: at('targetRole'), message: `no user holds it: give population.roles.${role} a share above 0` });
    const zones = Object.keys(record(population.timeZones));
    if (typeof attack.targetTimeZone === 'string' && zones.length > 0 && !zones.includes(attack.targetTimeZone))
      issues.push({
        path: at('targetTimeZone'),
        message: `is none of population.timeZones (${zones.join(', ')}), so no user lives there (got ${JSON.stringify(attack.targetTimeZone)})`,
      });
    const sources = record(attack.sources);
    if (sources.near !== undefined && (sources.kind === 'vpn' || sources.kind === 'hosting' || sources.kind === 'tor'))
      issues.push({ path: at('sources', 'near'), message: `applies to single and residential sources, not ${sources.kind}` });
    if (sources.near !== undefined && (sources.asn !== undefined || sources.country !== undefined))
      issues.push({ path: at('sources', 'near'), message: 'places the attacker by the victim: give it without asn or country' });
    const asn = record(attack.sources).asn;
    if (isNumber(asn) && networkByAsn(asn) === undefined)
      issues.push({
        path: at('sources', 'asn'),
        message: `is not one of pushstorm's networks (known: ${knownAsns().join(', ')}; got ${asn})`,
      });
    const startsInside = checkDay(attack.at, ['attacks', index], limits, issues);
    const timing = startsInside && limits.days !== undefined ? attackTiming(attack, scenario, limits.users) : undefined;
    const late = timing && checkAttackTimespan(timing, index, Math.round(limits.days! * dayMs));
    if (late) issues.push(late);
    if (limits.users !== undefined) {
      if (isNumber(attack.targets) && attack.targets > limits.users) {
        issues.push({
          path: at('targets'),
          message: `must be <= ${limits.users}, the number of users (got ${attack.targets})`,
        });
      }
      list(attack.targets).forEach((target, position) => {
        if (isNumber(target) && target >= limits.users!) {
          issues.push({
            path: at('targets', position),
            message: `must be < ${limits.users}, the number of users (got ${target})`,
          });
        }
      });
    }
    const afterPrompts = record(attack.socialEngineering).afterPrompts;
    if (isNumber(afterPrompts) && isNumber(attack.pushes) && afterPrompts > attack.pushes) {
      issues.push({
        path: at('socialEngineering', 'afterPrompts'),
        message: `must be <= pushes (${attack.pushes}), or the message is never sent (got ${afterPrompts})`,
      });
    }
    if (attack.strategy === 'login-window' && macs.perUser === 0 && macs.shared === 0) {
      issues.push({
        path: at('strategy'),
        message: '"login-window" needs Macs, but /population/macs/perUser and /population/macs/shared are both 0',
      });
    }
  });
}

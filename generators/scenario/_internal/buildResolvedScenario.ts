import type { DayTime, ScriptStep } from '../../../engine/model/generated/scenario.ts';
import type {
  Profile,
  ResolvedAnchor,
  ResolvedAttack,
  ResolvedDayTime,
  ResolvedScenario,
  ResolvedStep,
  ScenarioOverrides,
  VictimResponse,
} from '../ResolvedScenario.ts';
import { parseDuration } from '../../../engine/model/duration/parseDuration.ts';
import type { Filled, FilledScenario } from './FilledScenario.ts';
import { unstatedIntervalMs } from './unstatedIntervalMs.ts';
import { day as dayMs } from '../../clock/durations.ts';

/** "HH:MM" → minutes after midnight (the schema guarantees the shape). */
function minutes(time: string): number {
  const [hours, mins] = time.split(':').map(Number);
  return hours * 60 + mins;
}

function dayTime(at: Filled<DayTime>): ResolvedDayTime {
  return { day: at.day, minuteOfDay: minutes(at.time ?? '09:00') };
}

/** An attack's start anchored to each target's own day, when `at` says so (validated: not beside `time`). */
function anchorOf(at: FilledScenario['attacks'][number]['at']): { anchor?: ResolvedAnchor } {
  if (at.relativeTo !== undefined) {
    const offset = at.offset ?? '0s';
    const offsetMs = offset.startsWith('-') ? -parseDuration(offset.slice(1)) : parseDuration(offset);
    return { anchor: { relativeTo: at.relativeTo, offsetMs, jitterMs: parseDuration(at.jitter ?? '0s') } };
  }
  return at.during === undefined ? {} : { anchor: { during: at.during } };
}

/**
 * Weights divided by their sum (checked positive beforehand), in the order written. Rounded to 15 significant digits
 * so that weights which already sum to 1 come back as written (0.3, not 0.30000000000000004).
 */
function normalised<K extends string>(weights: Partial<Record<K, number>>): Array<[K, number]> {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const sum = entries.reduce((total, [, weight]) => total + weight, 0);
  return entries.map(([key, weight]) => [key, Number((weight / sum).toPrecision(15))]);
}

function resolveAttack(attack: FilledScenario['attacks'][number]): ResolvedAttack {
  const { kind, pool, rotateEvery, country, asn, flagged, near } = attack.sources;
  return {
    name: attack.name,
    strategy: attack.strategy,
    targets: Array.isArray(attack.targets) ? [...attack.targets] : attack.targets,
    ...(attack.targetProfile === undefined ? {} : { targetProfile: attack.targetProfile }),
    ...(attack.targetTimeZone === undefined ? {} : { targetTimeZone: attack.targetTimeZone }),
    ...(attack.targetDepartment === undefined ? {} : { targetDepartment: attack.targetDepartment }),
    ...(attack.targetRole === undefined ? {} : { targetRole: attack.targetRole }),
    ...(attack.sharedMac ? { sharedMac: true } : {}),
    at: dayTime(attack.at),
    ...anchorOf(attack.at),
    pushes: attack.pushes,
    intervalMs: intervalOf(attack),
    ...(attack.pushesPerDay === undefined ? {} : { pushesPerDay: attack.pushesPerDay }),
    ...(attack.steps === undefined ? {} : { steps: attack.steps.map(resolveStep) }),
    jitter: attack.jitter,
    spreadMs: parseDuration(attack.spread),
    sources: {
      kind,
      pool,
      rotateEvery,
      ...(country === undefined ? {} : { country }),
      ...(asn === undefined ? {} : { asn }),
      ...(flagged === undefined ? {} : { flagged }),
      ...(near === undefined ? {} : { near }),
    },
    ...(attack.socialEngineering === undefined ? {} : { socialEngineering: { ...attack.socialEngineering } }),
    postCompromise: {
      enrollFactor: attack.postCompromise.enrollFactor,
      afterMs: parseDuration(attack.postCompromise.after),
    },
    ...resolveResponse(attack.response),
    ...(attack.repeat === undefined
      ? {}
      : {
          repeat: {
            everyMs: parseDuration(attack.repeat.every),
            times: attack.repeat.times,
            workdaysOnly: attack.repeat.workdaysOnly ?? false,
          },
        }),
  };
}

/**
 * The mean gap between one target's attempts: `interval` as written; unstated, a minute, or for low-and-slow the
 * spread divided among the pushes.
 */
function intervalOf(attack: FilledScenario['attacks'][number]): number {
  if (attack.interval !== undefined) return parseDuration(attack.interval);
  return unstatedIntervalMs(attack.strategy, parseDuration(attack.spread), attack.pushes);
}

/** A script step: its time (validated: exactly one of after and at) and its one kind (validated too). */
function resolveStep(step: ScriptStep): ResolvedStep {
  const when = step.at !== undefined ? { atMs: Date.parse(step.at) } : { afterMs: parseDuration(step.after ?? '0s') };
  if (step.push) return { ...when, kind: 'push', ...step.push };
  if (step.password) return { ...when, kind: 'password', ...step.password };
  if (step.loginWindow) return { ...when, kind: 'loginWindow', mac: step.loginWindow.mac ?? 'own' };
  if (step.contact)
    return { ...when, kind: 'contact', channel: step.contact.channel ?? 'whatsapp', numberRelay: step.contact.numberRelay ?? 0.5 };
  return { ...when, kind: 'enrolFactor' };
}

/** The victim-response rule, or nothing for the profile (absent, so the hash of scenarios without one is unchanged). */
function resolveResponse(response: FilledScenario['attacks'][number]['response']): { response?: VictimResponse } {
  if (response === undefined || response === 'profile') return {};
  if (typeof response === 'string') return { response: { kind: response } };
  if ('approvesAt' in response) return { response: { kind: 'approvesAt', n: response.approvesAt } };
  return { response: { kind: 'reportsFraudAt', n: response.reportsFraudAt } };
}

/**
 * The resolved scenario (without `source` and `hash`) from a validated, default-filled scenario and validated
 * overrides: durations in ms,
 * times of day in minutes, the start as epoch ms, weights normalised, overrides applied. Absent optional values stay
 * absent (never `undefined` properties), so the canonical JSON and hash do not depend on how a value was left out.
 */
export function buildResolvedScenario(scenario: FilledScenario, overrides: ScenarioOverrides): Omit<ResolvedScenario, 'source' | 'hash'> {
  const { population, idp, noise } = scenario;
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    seed: overrides.seed ?? scenario.seed,
    startMs: Date.parse(scenario.start),
    durationMs: overrides.days !== undefined ? overrides.days * dayMs : parseDuration(scenario.duration),
    population: {
      users: overrides.users ?? population.users,
      domain: population.domain,
      timeZones: normalised(population.timeZones),
      profiles: normalised<Profile>(population.profiles),
      workHours: {
        startMinute: minutes(population.workHours.start),
        endMinute: minutes(population.workHours.end),
        spreadMs: parseDuration(population.workHours.spread),
        weekends: population.workHours.weekends,
      },
      ...(population.departments === undefined ? {} : { departments: normalised(population.departments) }),
      ...(population.roles === undefined ? {} : { roles: { ...population.roles } }),
      ...(population.shifts === undefined
        ? {}
        : {
            shifts: population.shifts.map((shift) => ({
              share: shift.share,
              startMinute: minutes(shift.start),
              // A night shift ends the next morning: past midnight, its end counts on from the start's day.
              endMinute: minutes(shift.end) + (minutes(shift.end) < minutes(shift.start) ? 24 * 60 : 0),
            })),
          }),
      loginsPerDay: { ...population.loginsPerDay },
      apps: [...population.apps],
      macs: { ...population.macs },
    },
    idp: {
      vendor: idp.vendor,
      pushTimeoutMs: parseDuration(idp.pushTimeout),
      numberMatching: idp.numberMatching,
      mfaSkip: idp.mfaSkip,
      rateLimit: {
        enabled: idp.rateLimit.enabled,
        challenges: idp.rateLimit.challenges,
        perMs: parseDuration(idp.rateLimit.per),
      },
      lockout: { failures: idp.lockout.failures, durationMs: parseDuration(idp.lockout.duration) },
      fraudMuteMs: parseDuration(idp.fraudMute),
    },
    noise: {
      missedPush: noise.missedPush,
      denyOwnPush: noise.denyOwnPush,
      fatFinger: noise.fatFinger,
      travel: noise.travel,
      deviceChange: noise.deviceChange,
      enrolmentWaves: noise.enrolmentWaves.map((wave) => ({
        at: dayTime(wave.at),
        fraction: wave.fraction,
        overMs: parseDuration(wave.over),
      })),
      ...((noise.macRestarts ?? []).length === 0
        ? {}
        : {
            macRestarts: (noise.macRestarts ?? []).map((restart) => ({
              at: dayTime(restart.at),
              fraction: restart.fraction,
              overMs: parseDuration(restart.over ?? '2h'),
            })),
          }),
      ...((noise.pluginReenrolments ?? []).length === 0
        ? {}
        : {
            pluginReenrolments: (noise.pluginReenrolments ?? []).map((wave) => ({
              at: dayTime(wave.at),
              fraction: wave.fraction,
              overMs: parseDuration(wave.over ?? '4h'),
              minPrompts: wave.prompts?.min ?? 2,
              maxPrompts: wave.prompts?.max ?? 4,
            })),
          }),
      outages: noise.outages.map((outage) => ({
        at: dayTime(outage.at),
        durationMs: parseDuration(outage.duration),
        ...(outage.scope === undefined ? {} : { scope: { ...outage.scope } }),
        ...(outage.retry === undefined
          ? {}
          : { retry: { share: outage.retry.share ?? 1, min: outage.retry.min ?? 1, max: outage.retry.max ?? 3 } }),
      })),
      conferences: noise.conferences.map(({ at, ...rest }) => ({ at: dayTime(at), ...rest })),
    },
    attacks: scenario.attacks.map(resolveAttack),
  };
}

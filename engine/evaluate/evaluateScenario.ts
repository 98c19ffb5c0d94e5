import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import type { Truth } from '../model/generated/truth.ts';
import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import { DetectorRuntime, type DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { promptTimes } from './scoring/promptTimes.ts';
import { scoreAlerts, type Score } from './scoring/scoreAlerts.ts';
import { describeInstance } from '../runtime/describeInstance.ts';

/** Records an incident's timeline and prompt count are made of. */
const timelineTypes = new Set<string>(['mfa.challenge', 'mfa.result', 'mac.mfa.request', 'mac.mfa.result', 'factor.enroll', 'session.start']);

/** What one in-memory evaluation produced. */
export interface Evaluation {
  truth: Truth;
  alerts: Alert[];
  score: Score;
  /** Events simulated (and fed to the detectors). */
  events: number;
  /** The attack's challenges, results, enrolments and sessions (labelled with an incident), trimmed to the fields a timeline needs. */
  attackEvents: CanonicalEvent[];
}

/** Options of {@link evaluateScenario}. */
export interface EvaluateOptions {
  /** Match grace of the scoring (default 1 h). */
  graceMs?: number;
  /** Called now and then with the simulation's progress (fraction of simulated time, records so far). */
  onProgress?: (progress: SimulationProgress) => void;
}

/**
 * Simulates a resolved scenario and runs `instances` over its events as they are produced — one pass, every
 * detector and parameter set at once, nothing written to disk — then scores each instance against the truth.
 * The building block of `tune` and `gate`; `pushstorm run` does the same through files.
 */
export function evaluateScenario(scenario: ResolvedScenario, instances: readonly DetectorInstance[], options: EvaluateOptions = {}): Evaluation {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(instances, (alert) => alerts.push(alert));
  let events = 0;
  // Labels are only known at the end, so the records a timeline or a prompt count may need are kept, trimmed.
  const kept: CanonicalEvent[] = [];
  const { truth } = simulate(
    scenario,
    (event) => {
      events++;
      runtime.push(event);
      if (timelineTypes.has(event.type)) {
        const { id, time, source, type, user, transaction, challenge, outcome, reason } = event;
        kept.push({ id, time, source, type, user, transaction, challenge, outcome, reason });
      }
    },
    options.onProgress ? { progressEvery: 3_600_000, onProgress: options.onProgress } : {},
  );
  runtime.finish();
  const attackEvents = kept.filter((e) => truth.labels[e.id] !== undefined && !truth.labels[e.id].startsWith('noise:'));
  const ran = instances.map(describeInstance);
  const score = scoreAlerts(truth, alerts, { graceMs: options.graceMs, prompts: promptTimes(attackEvents, truth), ran });
  return { truth, alerts, score, events, attackEvents };
}

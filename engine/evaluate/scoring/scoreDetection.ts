import type { Alert } from '../../model/generated/alert.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { describeInstance } from '../../runtime/describeInstance.ts';
import { promptTimes } from './promptTimes.ts';
import { scoreAlerts, type Score, type ScoreOptions } from './scoreAlerts.ts';

/** Options of {@link scoreDetection}. */
export interface ScoreDetectionOptions extends Omit<ScoreOptions, 'prompts' | 'ran'> {
  /** The events the alerts were raised on: with them, each incident's prompts endured before detection are counted. */
  events?: Iterable<CanonicalEvent>;
  /** The detector instances that ran, so one that raised nothing still gets its row (recall 0). */
  instances?: readonly DetectorInstance[];
}

/**
 * Scores alerts against a world's truth — precision, incident recall, time to detect, prompts endured, compromises
 * prevented, false alerts per 1,000 user-days — per detector and parameter set, and for the default set together.
 * {@link scoreAlerts} with the prompt times worked out from the events and the rows from the instances that ran.
 *
 * @example
 * ```ts
 * const detection = await detectEvents(world.events);
 * const score = scoreDetection(world.truth, detection.alerts, { events: world.events, instances: detection.instances });
 * console.log(score.overall.recall, score.overall.precision);
 * ```
 */
export function scoreDetection(truth: Truth, alerts: Iterable<Alert>, options: ScoreDetectionOptions = {}): Score {
  const { events, instances, ...rest } = options;
  return scoreAlerts(truth, alerts, {
    ...rest,
    prompts: events ? promptTimes(events, truth) : undefined,
    ran: instances?.map(describeInstance),
  });
}

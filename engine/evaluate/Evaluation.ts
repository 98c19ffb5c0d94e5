import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import type { Truth } from '../model/generated/truth.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import type { Score } from './scoring/scoreAlerts.ts';

/** What one evaluation (detect and score over one world) produced, whether held in memory or written to files. */
export interface Evaluation {
  truth: Truth;
  alerts: Alert[];
  score: Score;
  /** Events fed to the detectors. */
  events: number;
  /**
   * The attack's challenges, results, enrolments and sessions — events whose truth label names an incident, never
   * noise (`incidentOf`) — trimmed to the fields a timeline needs.
   */
  attackEvents: CanonicalEvent[];
  /** The detector configurations that ran. */
  instances: readonly DetectorInstance[];
}

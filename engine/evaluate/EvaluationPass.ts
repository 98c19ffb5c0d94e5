import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import type { Truth } from '../model/generated/truth.ts';
import { describeInstance } from '../runtime/describeInstance.ts';
import { DetectorRuntime, type DetectorInstance } from '../runtime/DetectorRuntime.ts';
import type { Evaluation } from './Evaluation.ts';
import { incidentOf } from './scoring/incidentOf.ts';
import { promptTimes } from './scoring/promptTimes.ts';
import { isSqlInstance } from './sql/runSqlDetectors.ts';
import { type SqlDetectors, streamingOnly } from './sql/SqlDetectors.ts';
import { scoreAlerts } from './scoring/scoreAlerts.ts';

/** Records an incident's timeline and prompt count are made of. */
const timelineTypes = new Set<string>([
  'mfa.challenge',
  'mfa.result',
  'mac.mfa.request',
  'mac.mfa.result',
  'factor.enroll',
  'session.start',
]);

/** Options of {@link EvaluationPass}. */
export interface EvaluationPassOptions {
  /** Match grace of the scoring (default 1 h). */
  graceMs?: number;
  /** Called with every alert line as the runtime raises it (the file-writing pipeline writes alerts.ndjson here). */
  onAlert?: (alert: Alert) => void;
  /**
   * The truth's labels when they are known before the events (a world read back from its files): only the attack's
   * timeline records are kept then, instead of every challenge of the world until the end.
   */
  labels?: Truth['labels'];
  /**
   * The SQL detectors among the instances, with their events table (`SqlDetectors.of(instances)`); required when
   * there are any, and then the pass ends with {@link EvaluationPass.finishAsync}, which closes it.
   */
  sql?: SqlDetectors;
}

/**
 * One detect-and-score pass over one world: the only place events meet detectors and alerts meet the truth, used by
 * `evaluateScenario` (in memory: tune, gate, the library) and `evaluateToDirectory` (files: `pushstorm run`), so
 * every path counts alike. Push the events in any source (a simulation's callback, a file's reader); the truth, known
 * only when the world is complete, comes at {@link EvaluationPass.finish}. Events are kept only as the trimmed
 * timeline records an incident may need (all of them when the labels come only at the end).
 */
export class EvaluationPass {
  private readonly alerts: Alert[] = [];
  private readonly runtime: DetectorRuntime;
  private readonly kept: CanonicalEvent[] = [];
  private events = 0;
  private readonly hasSql: boolean;

  constructor(
    private readonly instances: readonly DetectorInstance[],
    private readonly options: EvaluationPassOptions = {},
  ) {
    this.hasSql = instances.some(isSqlInstance);
    if (this.hasSql && options.sql === undefined)
      throw new TypeError('EvaluationPass: SQL detectors need options.sql (SqlDetectors.of(instances))');
    this.runtime = new DetectorRuntime(streamingOnly(instances), (alert) => this.raise(alert), { onProcessed: options.sql?.feed });
  }

  private raise(alert: Alert): void {
    this.alerts.push(alert);
    this.options.onAlert?.(alert);
  }

  /** Feeds one event to every detector. */
  push(event: CanonicalEvent): void {
    this.events++;
    this.runtime.push(event);
    const labels = this.options.labels;
    if (timelineTypes.has(event.type) && (labels === undefined || incidentOf(labels[event.id]) !== undefined)) {
      const { id, time, source, type, user, transaction, challenge, outcome, reason } = event;
      this.kept.push({ id, time, source, type, user, transaction, challenge, outcome, reason });
    }
  }

  /**
   * Ends the stream (timers fire, open threads close) and scores every instance against `truth`.
   * @throws TypeError when SQL detectors are among the instances: they need {@link EvaluationPass.finishAsync}.
   */
  finish(truth: Truth): Evaluation {
    if (this.hasSql) throw new TypeError('EvaluationPass: SQL detectors run in finishAsync()');
    this.runtime.finish();
    return this.score(truth);
  }

  /**
   * Ends the stream, runs the SQL detectors' queries over the events table (their alerts come after the streaming
   * detectors'), closes their table and scores every instance against `truth`.
   */
  async finishAsync(truth: Truth): Promise<Evaluation> {
    this.runtime.finish();
    await this.options.sql?.run((alert) => this.raise(alert));
    return this.score(truth);
  }

  private score(truth: Truth): Evaluation {
    const attackEvents = this.kept.filter((e) => incidentOf(truth.labels[e.id]) !== undefined);
    const score = scoreAlerts(truth, this.alerts, {
      graceMs: this.options.graceMs,
      prompts: promptTimes(attackEvents, truth),
      ran: this.instances.map(describeInstance),
    });
    return { truth, alerts: this.alerts, score, events: this.events, attackEvents, instances: this.instances };
  }
}

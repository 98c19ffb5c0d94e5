import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import type { Truth } from '../model/generated/truth.ts';
import { readTruthFile } from '../formats/canonical/readTruthFile.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { pushstormVersion } from '../model/version.ts';
import { buildScoreReport } from './report/buildScoreReport.ts';
import { writeReport } from './report/writeReport.ts';
import { type AlertsRead, type ReadAlertsFileOptions, readAlerts } from './readAlerts.ts';
import { incidentOf } from './scoring/incidentOf.ts';
import { promptTimes } from './scoring/promptTimes.ts';
import { scoreAlerts, type Score } from './scoring/scoreAlerts.ts';

/** Options of {@link scoreFiles}: what `pushstorm score` takes. */
export interface ScoreFilesOptions {
  /** truth.json of the world. */
  truth: string;
  /**
   * The alerts: pushstorm's NDJSON (`-` for standard input), or another engine's rows — CSV, Parquet, NDJSON
   * ({@link readAlerts}).
   */
  alerts: string;
  /** How to read `alerts` when it holds rows: format, column mapping, default detector and entity kind. */
  alertsOptions?: ReadAlertsFileOptions;
  /** The events the alerts came from: with them, prompts endured are counted and the report draws a timeline. */
  events?: string;
  /** Match grace (default 1 h). */
  graceMs?: number;
  /** Also write the report (report.html, report.md, report.json) in this directory. */
  report?: string;
}

/** What {@link scoreFiles} read and found. */
export interface ScoredFiles {
  truth: Truth;
  alerts: Alert[];
  /** The alerts file's format, and how many rows it had when they were another engine's. */
  alertsRead: Omit<AlertsRead, 'alerts'>;
  score: Score;
  /** The attack's events, when `events` was given (events whose truth label names an incident). */
  attackEvents?: CanonicalEvent[];
  /** The report's HTML file, when one was written. */
  report?: string;
}

/**
 * Scores an alerts file — pushstorm's, or another engine's rows — against a truth file — the score half of the pipeline, by the same rule as `run`, `tune` and
 * `gate` (`incidentOf`, `promptTimes`): only events the truth labels with an incident are the attack's. A detector
 * that raised nothing is not in an alerts file, so it has no row here.
 *
 * @throws InputError, FileContentError for unreadable or malformed files; NoEventsError when `events` holds no event.
 */
export async function scoreFiles(options: ScoreFilesOptions): Promise<ScoredFiles> {
  const truth = readTruthFile(options.truth);
  const { alerts, ...alertsRead } = await readAlerts(options.alerts, options.alertsOptions);
  let attackEvents: CanonicalEvent[] | undefined;
  if (options.events) {
    attackEvents = [];
    const reader = new LogRecordReader(openEventInput(options.events), { format: 'canonical' });
    for await (const event of reader.events()) if (incidentOf(truth.labels[event.id]) !== undefined) attackEvents.push(event);
    // Events that are not events (the wrong file, random bytes) would score as "0 prompts endured": refuse, as detect does.
    const { events, records, quarantined, skipped } = reader.stats;
    if (events === 0) throw new NoEventsError('score', options.events === '-' ? 'stdin' : options.events, records, quarantined, skipped);
  }
  const score = scoreAlerts(truth, alerts, { graceMs: options.graceMs, prompts: attackEvents && promptTimes(attackEvents, truth) });
  let report: string | undefined;
  if (options.report) {
    const detectorsSeen = new Map<string, Alert['detector']>();
    for (const a of alerts) detectorsSeen.set(`${a.detector.id}@${a.detector.paramSet}`, a.detector);
    const written = await writeReport(
      buildScoreReport({
        kind: 'score',
        score,
        truth,
        attackEvents,
        provenance: {
          pushstormVersion,
          scenarios: [{ name: truth.scenario.name, hash: truth.scenario.hash, seeds: [truth.seed] }],
          detectors: [...detectorsSeen.values()],
          files: { truth: options.truth, alerts: options.alerts, ...(options.events ? { events: options.events } : {}) },
        },
      }),
      options.report,
    );
    report = written.html;
  }
  return { truth, alerts, alertsRead, score, attackEvents, report };
}

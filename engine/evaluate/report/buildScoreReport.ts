import { formatDuration } from '../../model/duration/parseDuration.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { Score } from '../scoring/scoreAlerts.ts';
import { scoringDefinitions } from '../scoring/scoringDefinitions.ts';
import { incidentTimeline } from './charts/incidentTimeline.ts';
import { storyIncident, timelineMarks } from './_internal/incidentStory.ts';
import { recallVsFalseAlerts } from './charts/recallVsFalseAlerts.ts';
import { timeToDetect } from './charts/timeToDetect.ts';
import type { ReportChart, ReportDocument, ReportProvenance } from './ReportDocument.ts';
import { scoreTables } from './scoreTables.ts';
import { MINUTE } from '../../model/duration/timeUnits.ts';

/** What a score report is made from. */
export interface ScoreReportInput {
  kind: 'score' | 'run';
  score: Score;
  truth: Pick<Truth, 'scenario' | 'seed' | 'incidents' | 'labels'>;
  provenance: ReportProvenance;
  /** The attack's events (challenges, results, enrolments), for the incident timeline; without them no timeline. */
  attackEvents?: readonly CanonicalEvent[];
}

const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(Math.max(0, Math.round(ms / 1000) * 1000)));
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The report of one scored world (`pushstorm score --report`, `pushstorm run`): the figures per detector, each
 * incident and who caught it, the top false alerts, and charts — recall vs false alerts, the time-to-detect
 * distribution and one incident's timeline.
 */
export function buildScoreReport(input: ScoreReportInput): ReportDocument {
  const { score, truth } = input;
  const tables = scoreTables(score);
  const charts: ReportChart[] = [];
  const rows = score.detectors.filter((d) => d.recall !== null);
  if (rows.length > 0) {
    charts.push({
      id: 'recall-vs-false-alerts',
      title: 'Recall vs false alerts',
      caption: 'Each detector with its parameters: incident recall against false alerts per 1,000 user-days. Up and to the left is better.',
      spec: recallVsFalseAlerts(
        rows.map((d) => ({ label: d.label, group: d.baseline ? 'baseline' : 'pushstorm', recall: d.recall!, falseAlertsPer1000UserDays: d.falseAlertsPer1000UserDays })),
      ),
    });
  }
  const delays = score.perIncident.flatMap((p) => p.detections.map((d) => ({ label: d.label, minutes: d.timeToDetectMs / MINUTE })));
  if (delays.length > 0) {
    charts.push({
      id: 'time-to-detect',
      title: 'Time to detect',
      caption: 'One tick per incident a detector caught: minutes from the attack’s start to its first true alert.',
      spec: timeToDetect(delays),
    });
  }
  const story = storyIncident(score.perIncident);
  if (story && input.attackEvents) {
    const marks = timelineMarks(story, input.attackEvents, truth.labels);
    if (marks.length > 0) {
      charts.push({
        id: 'incident-timeline',
        title: `Timeline of ${story.incident.id}`,
        caption: `The most prompted ${story.incident.compromisedAt !== null ? 'compromised ' : ''}incident, target ${story.incident.target}: its pushes, the victim's answers, each detector's first alert, the compromise and the attacker's enrolment.`,
        spec: incidentTimeline(marks, `${story.incident.id}: ${story.incident.prompts} prompts`),
      });
    }
  }

  const overall = score.overall;
  const summary =
    `${truth.scenario.name}, seed ${truth.seed}: ${plural(score.incidents, 'incident')} (${score.compromises} compromised) among ` +
    `${score.users.toLocaleString('en-US')} users over ${plural(score.days, 'day')}. All detectors together (baselines aside) caught ` +
    `${overall.incidentsDetected} of ${plural(score.incidents, 'incident')}` +
    (overall.timeToDetectMs.median !== null ? `, a median ${duration(overall.timeToDetectMs.median)} after the attack began` : '') +
    `, prevented ${overall.prevented}, and raised ${plural(overall.falseAlerts, 'false alert')} (${overall.falseAlertsPer1000UserDays.toFixed(2)} per 1,000 user-days).`;

  return {
    kind: input.kind,
    title: `pushstorm ${input.kind} report — ${truth.scenario.name}, seed ${truth.seed}`,
    summary,
    provenance: input.provenance,
    definitions: scoringDefinitions,
    tables,
    charts,
    data: { score },
  };
}

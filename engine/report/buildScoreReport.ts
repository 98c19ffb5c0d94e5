import { formatDuration } from '../duration/parseDuration.ts';
import type { CanonicalEvent } from '../generated/event.ts';
import type { Truth } from '../generated/truth.ts';
import type { DetectorScore, IncidentScore, Score } from '../scoring/scoreAlerts.ts';
import { scoringDefinitions } from '../scoring/scoringDefinitions.ts';
import { incidentTimeline } from './charts/incidentTimeline.ts';
import { storyIncident, timelineMarks } from './_internal/incidentStory.ts';
import { recallVsFalseAlerts } from './charts/recallVsFalseAlerts.ts';
import { timeToDetect } from './charts/timeToDetect.ts';
import type { ReportChart, ReportDocument, ReportProvenance, ReportTable } from './ReportDocument.ts';

/** What a score report is made from. */
export interface ScoreReportInput {
  kind: 'score' | 'run';
  score: Score;
  truth: Pick<Truth, 'scenario' | 'seed' | 'incidents' | 'labels'>;
  provenance: ReportProvenance;
  /** The attack's events (challenges, results, enrolments), for the incident timeline; without them no timeline. */
  attackEvents?: readonly CanonicalEvent[];
}

const minute = 60_000;
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(Math.max(0, Math.round(ms / 1000) * 1000)));
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const utc = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16);

function detectorRow(d: DetectorScore, incidents: number): string[] {
  return [
    d.label === 'overall' ? 'overall (all but baselines)' : d.label + (d.baseline ? ' (baseline)' : ''),
    String(d.alerts),
    String(d.trueAlerts),
    String(d.falseAlerts),
    ratio(d.precision),
    ratio(d.recall),
    ratio(d.f1),
    duration(d.timeToDetectMs.median),
    duration(d.timeToDetectMs.p95),
    d.promptsBeforeDetection?.median == null ? '—' : String(d.promptsBeforeDetection.median),
    `${d.prevented}/${incidents}`,
    d.falseAlertsPer1000UserDays.toFixed(2),
    d.alertsPerDay.toFixed(2),
  ];
}

/**
 * The report of one scored world (`pushstorm score --report`, `pushstorm run`): the figures per detector, each
 * incident and who caught it, the top false alerts, and charts — recall vs false alerts, the time-to-detect
 * distribution and one incident's timeline.
 */
export function buildScoreReport(input: ScoreReportInput): ReportDocument {
  const { score, truth } = input;
  const tables: ReportTable[] = [
    {
      title: 'Detectors',
      caption: `${score.users.toLocaleString('en-US')} users × ${score.days} days = ${score.userDays.toLocaleString('en-US')} user-days; ${plural(score.incidents, 'incident')}, ${score.compromises} compromised; match grace ${formatDuration(score.graceMs)}.`,
      header: ['detector', 'alerts', 'true', 'false', 'precision', 'recall', 'F1', 'TTD median', 'TTD p95', 'prompts', 'prevented', 'false / 1k user-days', 'alerts / day'],
      rows: [...score.detectors.map((d) => detectorRow(d, score.incidents)), detectorRow(score.overall, score.incidents)],
    },
    {
      title: 'Incidents',
      caption: 'Each attack target; the first detection and, in order, every detector that caught it.',
      header: ['incident', 'target', 'start (UTC)', 'approved', 'prompts', 'first detection', 'by'],
      rows: score.perIncident.map(({ incident, detections }) => [
        incident.id,
        incident.target,
        utc(incident.start),
        incident.compromisedAt === null ? 'no' : `+${duration(incident.compromisedAt - incident.start)}`,
        String(incident.prompts),
        detections[0] ? `+${duration(detections[0].timeToDetectMs)}${detections[0].promptsBefore !== null ? ` (${plural(detections[0].promptsBefore, 'prompt')})` : ''}` : 'missed',
        detections.map((d) => d.label).join(', '),
      ]),
    },
  ];
  if (score.falseAlerts.length > 0) {
    tables.push({
      title: 'Top false alerts',
      caption: 'Alerts that match no incident, most severe first, with what an analyst would see.',
      header: ['detector', 'severity', 'entity', 'time (UTC)', 'challenges', 'outcomes', 'top source', 'apps'],
      rows: score.falseAlerts.map((f) => [
        f.label,
        f.severity,
        `${f.entity.kind} ${f.entity.value}`,
        utc(f.alertTime),
        String(f.challenges),
        Object.entries(f.outcomes).map(([k, n]) => `${k} ${n}`).join(', ') || '—',
        f.sources[0] ? `${f.sources[0].ip}${f.sources[0].asOrg ? ` (${f.sources[0].asOrg})` : ''}` : '—',
        f.apps.join(', ') || '—',
      ]),
    });
  }

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
  const delays = score.perIncident.flatMap((p) => p.detections.map((d) => ({ label: d.label, minutes: d.timeToDetectMs / minute })));
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

import { formatDurationApprox } from '../../model/duration/formatDurationApprox.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { Score } from '../scoring/scoreAlerts.ts';
import { scoringDefinitions } from '../scoring/scoringDefinitions.ts';
import { incidentTimeline } from './charts/incidentTimeline.ts';
import { storyIncident, timelineMarks } from './_internal/incidentStory.ts';
import { recallVsFalseAlerts } from './charts/recallVsFalseAlerts.ts';
import { timeToDetect } from './charts/timeToDetect.ts';
import type { ReportChart, ReportDocument, ReportFigure, ReportProvenance } from './ReportDocument.ts';
import { scoreTables } from './scoreTables.ts';
import { causeColumns } from './_internal/causeColumns.ts';
import { worstMissed } from './_internal/worstMissed.ts';
import { falseAlertsByCause } from './charts/falseAlertsByCause.ts';
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

const duration = (ms: number | null) => (ms === null ? '—' : formatDurationApprox(Math.max(0, ms)));
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * The report of one scored world (`pushstorm score --report`, `pushstorm run`): the headline figures and the worst
 * missed incidents at a glance; charts — recall vs false alerts, false alerts by cause, the time-to-detect
 * distribution and one incident's timeline; the figures per detector, each incident and who caught it, the top false
 * alerts and the false alerts by cause.
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
        rows.map((d) => ({
          label: d.label,
          group: d.baseline ? 'baseline' : 'pushstorm',
          recall: d.recall!,
          falseAlertsPer1000UserDays: d.falseAlertsPer1000UserDays,
        })),
      ),
    });
  }
  const causes = causeColumns(score);
  if (causes.length > 0) {
    const noisy = score.detectors.filter((d) => d.falseAlerts > 0);
    charts.push({
      id: 'false-alerts-by-cause',
      title: 'False alerts by cause',
      caption:
        'Each detector’s false alerts, split by the benign behaviour the truth labelled their evidence with: the noise each rule trips on.',
      spec: falseAlertsByCause(
        noisy.flatMap((d) =>
          causes.map((cause) => ({ label: d.label + (d.baseline ? ' (baseline)' : ''), cause, count: d.falseAlertsByCause[cause] ?? 0 })),
        ),
        causes,
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

  const baseline = new Set(score.detectors.filter((d) => d.baseline).map((d) => d.label));
  return {
    kind: input.kind,
    title: `pushstorm ${input.kind} report — ${truth.scenario.name}, seed ${truth.seed}`,
    summary,
    glance: glance(score),
    worstMissed: worstMissed(score.perIncident, (label) => !baseline.has(label)),
    provenance: input.provenance,
    definitions: scoringDefinitions,
    tables,
    charts,
    data: { score },
  };
}

/** The headline figures of all detectors together (baselines aside). */
function glance(score: ScoreReportInput['score']): ReportFigure[] {
  const o = score.overall;
  const figures: ReportFigure[] = [
    {
      label: 'Incident recall',
      value: percent(o.recall),
      detail: score.incidents > 0 ? `${o.incidentsDetected} of ${plural(score.incidents, 'incident')}` : 'no incidents',
    },
    {
      label: 'Alert precision',
      value: percent(o.precision),
      detail: o.alerts > 0 ? `${o.trueAlerts} of ${plural(o.alerts, 'alert')} true` : 'no alerts',
    },
    {
      label: 'False alerts per 1,000 user-days',
      value: o.falseAlertsPer1000UserDays.toFixed(2),
      detail: `${plural(o.falseAlerts, 'false alert')} in ${score.userDays.toLocaleString('en-US')} user-days`,
    },
    {
      label: 'Compromises prevented',
      value: score.incidents > 0 ? `${o.prevented} of ${score.incidents}` : '—',
      detail:
        score.incidents > 0
          ? `caught before the victim approved; ${score.compromises} of ${score.incidents} approved a prompt`
          : 'no incidents',
    },
    {
      label: 'Median time to detect',
      value: duration(o.timeToDetectMs.median),
      detail: o.timeToDetectMs.p95 === null ? 'nothing detected' : `p95 ${duration(o.timeToDetectMs.p95)}`,
    },
  ];
  const causes = Object.entries(o.falseAlertsByCause).sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  if (causes.length > 0) {
    figures.push({ label: 'False alerts mostly from', value: causes[0][0], detail: causes.map(([c, n]) => `${c} ${n}`).join(', ') });
  }
  return figures;
}

import { formatDurationApprox } from '../../model/duration/formatDurationApprox.ts';
import { formatDuration } from '../../model/duration/parseDuration.ts';
import type { DetectorScore, Score } from '../scoring/scoreAlerts.ts';
import type { ReportTable } from './ReportDocument.ts';
import { causeColumns } from './_internal/causeColumns.ts';

const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const duration = (ms: number | null) => (ms === null ? '—' : formatDurationApprox(Math.max(0, ms)));
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
 * A score as tables — detectors (overall last), incidents with who caught them when, the top false alerts with their
 * causes, and the false alerts of each detector by cause — the same cells for the terminal (`pushstorm score`) and for
 * the reports. The last two only when there are false alerts.
 */
export function scoreTables(score: Score): ReportTable[] {
  const tables: ReportTable[] = [
    {
      title: 'Detectors',
      caption: `${score.users.toLocaleString('en-US')} users × ${score.days} days = ${score.userDays.toLocaleString('en-US')} user-days; ${plural(score.incidents, 'incident')}, ${score.compromises} compromised; match grace ${formatDuration(score.graceMs)}.`,
      header: [
        'detector',
        'alerts',
        'true',
        'false',
        'precision',
        'recall',
        'F1',
        'TTD median',
        'TTD p95',
        'prompts',
        'prevented',
        'false / 1k user-days',
        'alerts / day',
      ],
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
        detections[0]
          ? `+${duration(detections[0].timeToDetectMs)}${detections[0].promptsBefore !== null ? ` (${plural(detections[0].promptsBefore, 'prompt')})` : ''}`
          : 'missed',
        detections.map((d) => d.label).join(', '),
      ]),
    },
  ];
  if (score.falseAlerts.length > 0) {
    tables.push({
      title: 'Top false alerts',
      caption: 'Alerts that match no incident, most severe first, with what an analyst would see.',
      header: ['detector', 'severity', 'entity', 'time (UTC)', 'causes', 'challenges', 'outcomes', 'top source', 'apps'],
      rows: score.falseAlerts.map((f) => [
        f.label,
        f.severity,
        `${f.entity.kind} ${f.entity.value}`,
        utc(f.alertTime),
        f.causes.join(', '),
        String(f.challenges),
        Object.entries(f.outcomes)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || '—',
        f.sources[0] ? `${f.sources[0].ip}${f.sources[0].asOrg ? ` (${f.sources[0].asOrg})` : ''}` : '—',
        f.apps.join(', ') || '—',
      ]),
    });
  }
  const causes = causeColumns(score);
  if (causes.length > 0) {
    const noisy = [...score.detectors, score.overall].filter((d) => d.falseAlerts > 0);
    tables.push({
      title: 'False alerts by cause',
      caption:
        'What the evidence of each false alert was, by the truth’s labels: the benign behaviour the simulation tagged it with (retry, outage, travel, enrolment…), "attack" for an incident’s events the alert did not match, "benign" for ordinary activity alone. An alert with two causes counts under both.',
      header: ['detector', 'false alerts', ...causes],
      rows: noisy.map((d) => [
        d.label === 'overall' ? 'overall (all but baselines)' : d.label + (d.baseline ? ' (baseline)' : ''),
        String(d.falseAlerts),
        ...causes.map((c) => String(d.falseAlertsByCause[c] ?? 0)),
      ]),
    });
  }
  return tables;
}

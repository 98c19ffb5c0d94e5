import { formatDuration } from '../duration/parseDuration.ts';
import type { DetectorScore, Score } from '../scoring/scoreAlerts.ts';
import { formatCount } from './_internal/formatCount.ts';
import { formatTable } from './_internal/formatTable.ts';

/** Where the figures came from: printed above them, and kept in the JSON and the reports. */
export interface ScoreProvenance {
  pushstormVersion: string;
  scenario: { name: string; hash: string };
  seed: number;
  truthFile?: string;
  alertsFile?: string;
  eventsFile?: string;
}

const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(Math.max(0, Math.round(ms / 1000) * 1000)));
const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
const utc = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16);

/** One row of the detector table. */
function detectorRow(d: DetectorScore): string[] {
  return [
    d.label + (d.baseline ? ' (baseline)' : ''),
    formatCount(d.alerts),
    formatCount(d.trueAlerts),
    formatCount(d.falseAlerts),
    ratio(d.precision),
    ratio(d.recall),
    ratio(d.f1),
    duration(d.timeToDetectMs.median),
    duration(d.timeToDetectMs.p95),
    d.promptsBeforeDetection?.median == null ? '—' : String(d.promptsBeforeDetection.median),
    d.recall === null ? '—' : `${d.prevented}/${d.incidentsDetected}`,
    d.falseAlertsPer1000UserDays.toFixed(2),
    d.alertsPerDay.toFixed(2),
  ];
}

/**
 * The score as a terminal report: where it came from, the definitions in one line each, a table per detector and
 * overall, the incidents and who caught them, and the top false alerts.
 */
export function formatScore(score: Score, provenance: ScoreProvenance, options: { incidents?: number } = {}): string {
  const out: string[] = [];
  out.push(
    `scenario ${provenance.scenario.name} (hash ${provenance.scenario.hash.slice(0, 12)}), seed ${provenance.seed}, pushstorm ${provenance.pushstormVersion}`,
    `${formatCount(score.users)} users × ${formatCount(score.days)} days = ${formatCount(score.userDays)} user-days · ` +
      `${plural(score.incidents, 'incident')}, ${formatCount(score.compromises)} compromised · match grace ${formatDuration(score.graceMs)}`,
    '',
  );
  out.push(
    formatTable([
      ['detector', 'alerts', 'true', 'false', 'precision', 'recall', 'F1', 'TTD median', 'TTD p95', 'prompts', 'prevented', 'false/1k user-days', 'alerts/day'],
      ...score.detectors.map(detectorRow),
      detectorRow({ ...score.overall, label: 'overall (all but baselines)' }),
    ]),
  );

  const shown = score.perIncident.slice(0, options.incidents ?? 20);
  if (shown.length > 0) {
    out.push('', `incidents${score.perIncident.length > shown.length ? ` (first ${shown.length} of ${formatCount(score.perIncident.length)}; --json has all)` : ''}`);
    out.push(
      formatTable(
        [
          ['incident', 'target', 'start (UTC)', 'approved', 'prompts', 'first detection', 'by'],
          ...shown.map(({ incident, detections }) => {
            const first = detections[0];
            return [
              incident.id,
              incident.target,
              utc(incident.start),
              incident.compromisedAt === null ? 'no' : `+${duration(incident.compromisedAt - incident.start)}`,
              String(incident.prompts),
              first ? `+${duration(first.timeToDetectMs)}${first.promptsBefore !== null ? ` (${plural(first.promptsBefore, 'prompt')})` : ''}` : 'missed',
              detections.map((d) => d.label).join(', '),
            ];
          }),
        ],
        '  ',
      ),
    );
  }

  if (score.falseAlerts.length > 0) {
    out.push('', 'top false alerts');
    out.push(
      formatTable(
        [
          ['detector', 'severity', 'entity', 'time (UTC)', 'challenges', 'outcomes', 'top source'],
          ...score.falseAlerts.map((f) => [
            f.label,
            f.severity,
            `${f.entity.kind} ${f.entity.value}`,
            utc(f.alertTime),
            String(f.challenges),
            Object.entries(f.outcomes).map(([k, n]) => `${k} ${n}`).join(', ') || '—',
            f.sources[0] ? `${f.sources[0].ip}${f.sources[0].asOrg ? ` (${f.sources[0].asOrg}${f.sources[0].country ? `, ${f.sources[0].country}` : ''})` : ''}` : '—',
          ]),
        ],
        '  ',
      ),
    );
  }
  out.push(
    '',
    'Definitions: an alert (thread) is true when it names an incident\'s target (or its Mac, or the attacker\'s source) between the incident\'s start',
    'and its end plus the grace; precision = true / alerts; recall = incidents with a true alert / incidents; TTD = first true alert − start;',
    'prompts = the attack\'s pushes up to it; prevented = detected before the approval, or detected and never approved (of those detected);',
    'false/1k user-days = false alerts × 1000 / (users × days).',
  );
  return `${out.join('\n')}\n`;
}

import { formatDuration } from '../model/duration/parseDuration.ts';
import { stripControl } from '../model/text/stripControl.ts';
import { scoreTables } from '../evaluate/report/scoreTables.ts';
import type { Score } from '../evaluate/scoring/scoreAlerts.ts';
import { scoringDefinitions } from '../evaluate/scoring/scoringDefinitions.ts';
import { falseAlertCauseLines } from './_internal/falseAlertCauseLines.ts';
import { formatCount } from './_internal/formatCount.ts';
import { formatTable } from './_internal/formatTable.ts';

/** Where the figures came from: printed above them, and kept in the JSON and the reports. */
export interface ScoreProvenance {
  pushstormVersion: string;
  scenario: { name: string; hash: string };
  seed: number;
  truthFile?: string;
  alertsFile?: string;
  /** When the alerts file held another engine's rows: its format, the rows and the alert threads they made. */
  alertRows?: { format: string; rows: number; threads: number; threadGapMs: number };
  eventsFile?: string;
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * The score as a terminal report: where it came from, a table per detector and overall, the incidents and who caught
 * them, the top false alerts and what caused them — the same tables as the reports, found by title — and the
 * definitions.
 */
export function formatScore(score: Score, provenance: ScoreProvenance, options: { incidents?: number } = {}): string {
  const tables = scoreTables(score);
  const table = (title: string) => tables.find((t) => t.title === title);
  const detectors = table('Detectors')!;
  const incidents = table('Incidents')!;
  const falseAlerts = table('Top false alerts');
  const out: string[] = [
    `scenario ${provenance.scenario.name} (hash ${provenance.scenario.hash.slice(0, 12)}), seed ${provenance.seed}, pushstorm ${provenance.pushstormVersion}`,
    `${formatCount(score.users)} users × ${formatCount(score.days)} days = ${formatCount(score.userDays)} user-days · ` +
      `${plural(score.incidents, 'incident')}, ${formatCount(score.compromises)} compromised · match grace ${formatDuration(score.graceMs)}`,
    ...(provenance.alertRows
      ? [
          `alerts ${provenance.alertsFile ?? ''}: ${plural(provenance.alertRows.rows, `${provenance.alertRows.format} row`)} from another engine, ` +
            `folded into ${plural(provenance.alertRows.threads, 'alert thread')} (thread gap ${formatDuration(provenance.alertRows.threadGapMs)})`,
        ]
      : []),
    '',
    formatTable([detectors.header, ...detectors.rows]),
  ];
  const shown = incidents.rows.slice(0, options.incidents ?? 20);
  if (shown.length > 0) {
    const more =
      incidents.rows.length > shown.length ? ` (first ${shown.length} of ${formatCount(incidents.rows.length)}; --json has all)` : '';
    out.push('', `incidents${more}`, formatTable([incidents.header, ...shown], '  '));
  }
  if (falseAlerts) out.push('', 'top false alerts', formatTable([falseAlerts.header, ...falseAlerts.rows], '  '));
  out.push(...falseAlertCauseLines(score));
  out.push('', 'Definitions:', ...scoringDefinitions.map((d) => `- ${d}`));
  // Names from the truth and alerts files (scenario, users, incident ids, sources) are in every part: none may drive
  // the terminal.
  return `${stripControl(out.join('\n'))}\n`;
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { evasionBoundary } from '../../evaluate/report/charts/evasionBoundary.ts';
import { gridHeatmap } from '../../evaluate/report/charts/gridHeatmap.ts';
import { renderSvg } from '../../evaluate/report/renderSvg.ts';
import type { BaselineAtBudget, SpaceCell, SpaceReport } from '../../evaluate/space/index.ts';
import { formatInterval, type Interval } from '../../evaluate/tuning/Interval.ts';
import { replaceOwnedFiles } from '../../formats/files/ownedFiles.ts';
import { writeJsonFileAtomic } from '../../formats/files/writeJsonFileAtomic.ts';
import { writeTextFileAtomic } from '../../formats/files/writeTextFileAtomic.ts';
import { pushstormVersion } from '../../model/version.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { defaultEvadeBudget, type EvadeFamily, evasionContext, sweepBoundary } from '../evade/index.ts';

/** What a space report holds besides the pooled figures. */
export interface SpaceReportExtras {
  /** The folder the sample came from, as the reader should see it. */
  space: string;
  /** Labels of the detectors shown (a baseline sweep's settings are left to the comparison). */
  shown: (label: string) => boolean;
  /** The baselines at the set's false-alert rate (`--compare-baselines`). */
  atBudget?: BaselineAtBudget[];
  /** An attack family whose detection boundary to sweep and draw, against these detectors (evade's default budget). */
  boundary?: { family: EvadeFamily; detectors: readonly DetectorInstance[] };
}

const cellText = (i: Interval | null) => formatInterval(i);

/** A Markdown table: a header row and its rows, cells escaped for pipes. */
function table(rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(rows[0]), line(rows[0].map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

/** The overall cell of a group's figures. */
const overallOf = (cells: SpaceCell[]) => cells.find((c) => c.detector === 'overall')!;

/**
 * Writes a space's figures as a report to `folder`: `space-report.md` (recall and prevented by attack family, false
 * alerts by kind of benign noise, each with 95% intervals; each detector's recall by family; the baselines at equal
 * false alerts and the evasion boundary when given), with `recall-by-family.svg`, `false-alerts-by-noise.svg`,
 * `boundary-<family>.svg` when a boundary is given, and `space-report.json` (the figures as the JSON output gives
 * them). Files an earlier report left there are removed.
 */
export async function writeSpaceReport(folder: string, report: SpaceReport, extras: SpaceReportExtras): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const families = report.byFamily.filter((f) => f.cells.some((c) => c.incidents > 0));
  const detectors = report.all.map((c) => c.detector).filter(extras.shown);
  const files: string[] = [];

  const recallCells = detectors.flatMap((detector) =>
    families.map(({ family, cells }) => ({ x: family, y: detector, value: cells.find((c) => c.detector === detector)?.recall?.mean ?? 0 })),
  );
  writeTextFileAtomic(
    join(folder, 'recall-by-family.svg'),
    await renderSvg(gridHeatmap(recallCells, { x: 'attack family', y: 'detector', value: 'recall' }, 'Recall by attack family')),
  );
  const noiseCells = detectors.flatMap((detector) =>
    report.byNoise.map(({ noise, cells }) => ({
      x: noise,
      y: detector,
      value: cells.find((c) => c.detector === detector)?.falseAlertsPer1000UserDays?.mean ?? 0,
    })),
  );
  writeTextFileAtomic(
    join(folder, 'false-alerts-by-noise.svg'),
    await renderSvg(
      gridHeatmap(
        noiseCells,
        { x: 'benign noise', y: 'detector', value: 'false alerts / 1,000 user-days' },
        'False alerts by kind of noise',
      ),
    ),
  );
  files.push('recall-by-family.svg', 'false-alerts-by-noise.svg');

  const md: string[] = [
    `# Space report: ${extras.space}`,
    '',
    `pushstorm ${pushstormVersion}: ${report.worlds} worlds, ${report.events.toLocaleString('en-US')} events. Figures pooled over the worlds of each group, estimate [95% interval]: recall and prevented over incidents (Wilson), false alerts per 1,000 user-days (Poisson). "overall" is every pushstorm detector together.`,
    '',
    '## Recall by attack family',
    '',
    table([
      ['family', 'worlds', 'incidents', 'recall', 'prevented', 'false/1k user-days'],
      ...[...report.byFamily.map((f) => ({ name: f.family, cells: f.cells })), { name: 'all', cells: report.all }].map(
        ({ name, cells }) => {
          const o = overallOf(cells);
          return [
            name,
            String(o.worlds),
            String(o.incidents),
            cellText(o.recall),
            cellText(o.preventedRate),
            cellText(o.falseAlertsPer1000UserDays),
          ];
        },
      ),
    ]),
    '',
    '![recall by attack family](recall-by-family.svg)',
    '',
    '## False alerts by kind of benign noise',
    '',
    'A world counts for every kind of noise it has ("none": no added noise).',
    '',
    table([
      ['noise', 'worlds', 'false alerts', 'false/1k user-days', 'recall'],
      ...report.byNoise.map(({ noise, cells }) => {
        const o = overallOf(cells);
        return [noise, String(o.worlds), String(o.falseAlerts), cellText(o.falseAlertsPer1000UserDays), cellText(o.recall)];
      }),
    ]),
    '',
    '![false alerts by kind of noise](false-alerts-by-noise.svg)',
    '',
    '## Each detector by family (recall)',
    '',
    table([
      ['detector', ...families.map((f) => f.family)],
      ...detectors.map((d) => [
        d,
        ...families.map(({ cells }) => {
          const r = cells.find((c) => c.detector === d)?.recall;
          return r ? `${Math.round(r.mean * 100)}%` : '—';
        }),
      ]),
    ]),
  ];
  if (extras.atBudget) {
    md.push(
      '',
      '## Baselines at equal false alerts',
      '',
      "Each baseline's threshold swept in the same pass; its most sensitive setting within the pushstorm set's false-alert rate.",
      '',
      table([
        ['detector', 'setting', 'recall', 'prevented', 'false/1k user-days'],
        [
          'pushstorm (overall)',
          'defaults',
          cellText(overallOf(report.all).recall),
          cellText(overallOf(report.all).preventedRate),
          cellText(overallOf(report.all).falseAlertsPer1000UserDays),
        ],
        ...extras.atBudget.map((r) => [
          r.baseline,
          `${r.param} ${r.value}${r.withinBudget ? '' : ' (over budget: its quietest)'}`,
          cellText(r.cell.recall),
          cellText(r.cell.preventedRate),
          cellText(r.cell.falseAlertsPer1000UserDays),
        ]),
      ]),
    );
  }
  let swept: { family: EvadeFamily; boundary: ReturnType<typeof sweepBoundary> } | undefined;
  if (extras.boundary) {
    const { family, detectors: against } = extras.boundary;
    const boundary = sweepBoundary(family, evasionContext(defaultEvadeBudget, 1), against, defaultEvadeBudget, 'compromise');
    swept = { family, boundary };
    const file = `boundary-${family}.svg`;
    const title = `${family}: what the detectors catch (goal compromise)`;
    writeTextFileAtomic(join(folder, file), await renderSvg(evasionBoundary(boundary.cells, boundary.axes, title)));
    files.push(file);
    const evaded = boundary.cells.filter((c) => c.status === 'evaded');
    md.push(
      '',
      `## The evasion boundary: ${family}`,
      '',
      `Plain ${family} attacks over ${boundary.axes.y} × ${boundary.axes.x}, the victim approving the last prompt: red evaded (compromise, no alert before the approval), green detected, grey no compromise. ${evaded.length} of ${boundary.cells.length} cells evaded${evaded.length > 0 ? `: ${evaded.map((c) => `${c.y} prompts at ${c.x}`).join(', ')}` : ''}. \`pushstorm evade --family ${family}\` searches beyond this grid.`,
      '',
      `![evasion boundary](${file})`,
    );
  }
  writeTextFileAtomic(join(folder, 'space-report.md'), `${md.join('\n')}\n`);
  writeJsonFileAtomic(join(folder, 'space-report.json'), {
    pushstormVersion,
    space: extras.space,
    ...report,
    ...(extras.atBudget ? { baselinesAtBudget: extras.atBudget } : {}),
    ...(swept ? { boundary: swept } : {}),
  });
  files.push('space-report.md', 'space-report.json');
  replaceOwnedFiles(folder, files);
  return files;
}

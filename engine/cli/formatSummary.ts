import { stripControl } from '../model/text/stripControl.ts';
import { formatCount, formatQuantity } from './_internal/formatCount.ts';
import type { RunSummary } from '../evaluate/RunSummary.ts';

/**
 * The human-readable summary `pushstorm simulate` prints on stdout: the run's identity, the world's size, the attack
 * outcome, events by type and by source (aligned, with shares), the output paths and the speed. Ends with a newline.
 * Labels and counts line up across the first three blocks so the eye can scan one column. The output paths are the
 * user's own text: control characters in them are made harmless, like everything else printed from input.
 *
 * @example
 * ```ts
 * process.stdout.write(formatSummary(summary));
 * ```
 */
export function formatSummary(summary: RunSummary): string {
  const totals: Array<[string, string]> = [
    ['users', formatCount(summary.users)],
    ['Macs', formatCount(summary.macs)],
    ['phones', formatCount(summary.phones)],
    ['simulated days', formatQuantity(summary.simulatedDays)],
    ['incidents', formatCount(summary.incidents)],
    ['compromises', formatCount(summary.compromises)],
    ['records', formatCount(summary.records)],
  ];
  const byType = sharesOf(summary.byType, summary.records);
  const bySource = sharesOf(summary.bySource, summary.records);
  const all = [...totals, ...byType, ...bySource];
  const labelWidth = Math.max(...all.map(([label]) => label.length));
  const valueWidth = Math.max(...all.map(([, value]) => value.length));
  const row = ([label, value, share]: string[]) =>
    `  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}${share === undefined ? '' : `  ${share.padStart(6)}`}`;

  const { partition } = summary;
  const lines = [
    `scenario ${summary.scenario.name} (hash ${summary.scenario.hash.slice(0, 12)}), seed ${summary.seed}`,
    ...(partition
      ? [
          `partition ${partition.index} of ${partition.count}: the users i with i mod ${partition.count} = ${partition.index - 1}; incidents and events are theirs`,
        ]
      : []),
    '',
    ...totals.map(row),
    '',
    'events by type',
    ...byType.map(row),
    '',
    'events by source',
    ...bySource.map(row),
    '',
    'outputs',
    `  events  ${summary.outputs.events}`,
    `  truth   ${summary.outputs.truth}`,
    ...(summary.outputs.manifest
      ? [`  merge   ${summary.outputs.manifest} (pushstorm simulate merge with all ${partition?.count} partitions)`]
      : []),
    ...logLines(summary),
    '',
    `wall time ${(summary.wallMs / 1000).toFixed(2)} s, ${formatCount(summary.recordsPerSecond)} records/s`,
  ];
  return `${stripControl(lines.join('\n'))}\n`;
}

/** [key, count, share] rows in key order; an empty map gives one "(none)" row so the block is never blank. */
function sharesOf(counts: Record<string, number>, total: number): string[][] {
  const keys = Object.keys(counts).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return [['(none)', '0']];
  return keys.map((key) => [key, formatCount(counts[key]), `${total > 0 ? ((counts[key] * 100) / total).toFixed(1) : '0.0'}%`]);
}

/** The vendor log files, one line per file (per-Mac unified logs summed into one line). */
function logLines(summary: RunSummary): string[] {
  const logs = summary.outputs.logs ?? [];
  const perMac = logs.filter((l) => l.path.includes('/mac/'));
  const single = logs.filter((l) => !l.path.includes('/mac/'));
  const lines = single.map(
    (l) => `  ${l.source === 'idp' ? 'idp    ' : 'mac    '} ${l.path} (${l.format}, ${formatCount(l.records)} records)`,
  );
  if (perMac.length > 0) {
    const dir = perMac[0].path.slice(0, perMac[0].path.lastIndexOf('/mac/') + 5);
    lines.push(
      `  mac     ${dir}<host>.ndjson (${perMac[0].format}, ${formatCount(perMac.length)} Macs, ${formatCount(perMac.reduce((a, l) => a + l.records, 0))} records)`,
    );
  }
  if (summary.outputs.inventory) lines.push(`  hosts   ${summary.outputs.inventory}`);
  return lines;
}

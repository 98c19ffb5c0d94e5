/**
 * The aims table (`npm run bench:aims`, the last step of `npm run bench`): each performance aim of issue 16 against
 * the figure the benchmark that measures it last wrote into `bench-results/`, with how far it is from the aim. Reads
 * only; run the benchmarks first. Prints the table and writes bench-results/aims.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAims, evaluateAims } from './benchAims.ts';
import { benchEnvironment, writeBenchResults } from './benchEnvironment.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sources = [...new Set(benchAims.map((a) => a.source))];
const results = Object.fromEntries(
  sources.map((source) => {
    const file = path.join(root, 'bench-results', `${source}.json`);
    return [source, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined];
  }),
);
const rows = evaluateAims(results);
const table = [
  ['aim', 'target', 'measured', 'of the aim', '', 'from'],
  ...rows.map((r) => [
    r.aim,
    r.target,
    r.measured,
    r.score === null ? '—' : r.score === Infinity ? '∞' : `${(r.score * 100).toFixed(0)}%`,
    r.met === null ? '—' : r.met ? 'met' : 'missed',
    `${r.source}.json (${r.measuredOn})`,
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const r of table)
  console.log(
    r
      .map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd(),
  );
const met = rows.filter((r) => r.met === true).length;
const measured = rows.filter((r) => r.met !== null).length;
console.log(`\n${met} of ${rows.length} aims met (${measured} measured); docs/benchmarks.md says why each missed one is missed`);
console.log(`written: ${writeBenchResults('aims', benchEnvironment(), { aims: rows })}`);

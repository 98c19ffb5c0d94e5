/**
 * `npx tsx test/bench/columnar.bench.ts [--rounds N]`: how fast the world cache's columnar events (Arrow IPC, see
 * engine/formats/columnar) turn back into event objects, against `JSON.parse` of the same events as NDJSON lines.
 * Simulates `scenarios/default.yaml` at 1,000 users × 7 days (about 100k events) in memory, writes both forms, then
 * runs a warm-up round and `--rounds` (default 5) alternating rounds, median and range (slowest–fastest) reported:
 *
 *   a. `JSON.parse` of each NDJSON line (the lines already split, in memory): the floor of the NDJSON path;
 *   b. `readEventColumns` of the Arrow file's bytes: Arrow → objects, keys in their original order;
 *   c. a cache hit as format 1 did it: sha256 of the NDJSON bytes, split into lines, `JSON.parse` each;
 *   d. a cache hit as format 2 does it: sha256 of the Arrow bytes, `readEventColumns`;
 *   e. d, each event pushed through the full default detector set: read + detect from the columnar cache, end to end
 *      (issue 16's aim: ≥ 2 M events/s).
 *
 * Also the writing side once (EventColumnsWriter vs JSON.stringify per event) and both sizes. Everything runs in
 * one process and the rounds alternate, so a busy machine slows every variant alike: read the ratios.
 * `PUSHSTORM_BENCH_QUICK=1` shrinks it to seconds (100 users × 3 days, 2 rounds). Writes bench-results/columnar.json.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventColumnsWriter } from '../../engine/formats/columnar/EventColumnsWriter.ts';
import { readEventColumns } from '../../engine/formats/columnar/readEventColumns.ts';
import { LineSplitter, type SplitLine } from '../../engine/formats/reader/readEventLines.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { resolveInstances } from '../../engine/runtime/resolveInstances.ts';
import { detectorRegistry } from '../../detectors/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 2 : 5;
const [users, days] = quickBench ? [100, 3] : [1000, 7];
const environment = benchEnvironment();

const world: CanonicalEvent[] = [];
simulate(await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days }), (event) => world.push(event));

let t0 = performance.now();
const lines = world.map((event) => JSON.stringify(event));
const stringifyS = (performance.now() - t0) / 1000;
const ndjson = Buffer.from(`${lines.join('\n')}\n`);
t0 = performance.now();
const chunks: Buffer[] = [];
const writer = new EventColumnsWriter((bytes) => chunks.push(Buffer.from(bytes)));
for (const event of world) writer.write(event);
writer.close();
const columnsWriteS = (performance.now() - t0) / 1000;
const arrow = Buffer.concat(chunks);
world.length = 0;

/** Counts what the sink gets, reading a field so the objects cannot be optimised away. */
function counter(): { sink: (event: CanonicalEvent) => void; count: () => number } {
  let n = 0;
  return { sink: (event) => (n += event.time > 0 ? 1 : 0), count: () => n };
}

const parseLines = () => {
  const { sink, count } = counter();
  for (const line of lines) sink(JSON.parse(line) as CanonicalEvent);
  return count();
};
const decodeColumns = () => {
  const { sink, count } = counter();
  readEventColumns(arrow, sink);
  return count();
};
const ndjsonHit = () => {
  createHash('sha256').update(ndjson).digest('hex');
  const { sink, count } = counter();
  const splitter = new LineSplitter(Number.MAX_SAFE_INTEGER);
  const split: SplitLine[] = [];
  for (let at = 0; at < ndjson.length; at += 1 << 20) {
    splitter.push(ndjson.subarray(at, at + (1 << 20)), split);
    for (const line of split) sink(JSON.parse(line as string) as CanonicalEvent);
    split.length = 0;
  }
  splitter.end(split);
  for (const line of split) sink(JSON.parse(line as string) as CanonicalEvent);
  return count();
};
const columnsHit = () => {
  createHash('sha256').update(arrow).digest('hex');
  return decodeColumns();
};

const fullSet = resolveInstances(detectorRegistry, undefined, undefined);
const columnsHitDetect = () => {
  createHash('sha256').update(arrow).digest('hex');
  const runtime = new DetectorRuntime(fullSet, () => {});
  readEventColumns(arrow, (event) => runtime.push(event));
  runtime.finish();
  return runtime.stats.processed + runtime.stats.duplicates + runtime.stats.late;
};

const variants = [
  { name: 'a. JSON.parse per NDJSON line', run: parseLines },
  { name: 'b. Arrow IPC → objects', run: decodeColumns },
  { name: 'c. cache hit, format 1 (NDJSON)', run: ndjsonHit },
  { name: 'd. cache hit, format 2 (Arrow)', run: columnsHit },
  { name: 'e. d + full default detector set', run: columnsHitDetect },
];
const seconds: number[][] = variants.map(() => []);
const counts = new Set<number>();
for (let round = 0; round <= rounds; round++) {
  for (const [i, variant] of variants.entries()) {
    const start = performance.now();
    counts.add(variant.run());
    // Round 0 warms up the JIT.
    if (round > 0) seconds[i].push((performance.now() - start) / 1000);
  }
}
if (counts.size !== 1) throw new Error(`variants disagree on the number of events: ${[...counts].join(', ')}`);
const events = [...counts][0];
const summaries = seconds.map(summariseSamples);
const rates = summaries.map((summary) => rateOf(events, summary));

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(
  `${fmt(events)} events (default.yaml, ${fmt(users)} users × ${days} days): NDJSON ${fmt(ndjson.length / 2 ** 20, 1)} MiB, ` +
    `Arrow ${fmt(arrow.length / 2 ** 20, 1)} MiB (${((arrow.length / ndjson.length) * 100).toFixed(0)}%); median (slowest–fastest) of ${rounds} rounds after a warm-up`,
);
for (const [i, variant] of variants.entries())
  console.log(
    `${variant.name.padEnd(34)} ${formatWithRange(summaries[i], 3).padStart(23)} s  ${formatWithRange(rates[i]).padStart(33)} events/s`,
  );
const decodeRatio = rates[1].median / rates[0].median;
const hitRatio = rates[3].median / rates[2].median;
console.log(`\ndecode rate b/a: ${decodeRatio.toFixed(2)}×; cache hit d/c: ${hitRatio.toFixed(2)}×`);
const endToEnd = rates[4].median;
console.log(
  `read + detect from the columnar cache (e): ${fmt(endToEnd)} events/s — aim ≥ 2,000,000: ${endToEnd >= 2e6 ? 'met' : 'not met'}`,
);
console.log(
  `writing once: JSON.stringify ${fmt(events / stringifyS)} events/s, EventColumnsWriter ${fmt(events / columnsWriteS)} events/s (one round, cold)`,
);

const out = writeBenchResults('columnar', environment, {
  input: { scenario: 'default', users, days },
  events,
  bytes: { ndjson: ndjson.length, arrow: arrow.length },
  rounds,
  variants: variants.map((variant, i) => ({ variant: variant.name, seconds: summaries[i], eventsPerSecond: rates[i] })),
  ratios: { decodeArrowVsJsonParse: decodeRatio, cacheHitArrowVsNdjson: hitRatio },
  columnarReadDetect: { eventsPerSecond: rates[4] },
  writeEventsPerSecond: { jsonStringify: events / stringifyS, eventColumnsWriter: events / columnsWriteS },
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);

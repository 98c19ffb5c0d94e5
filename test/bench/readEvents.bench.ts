/**
 * `npx tsx test/bench/readEvents.bench.ts [file.ndjson] [--rounds N]`: how much reading events costs over bare
 * parsing. Without a file, simulates `scenarios/default.yaml` at 2,000 users × 14 days (about 300k events) into a
 * temp file. Then, in the same run, a warm-up round and `--rounds` (default 5) alternating rounds, median and range
 * (slowest–fastest round) reported:
 *
 *   a. baseline: read the file in 1 MiB chunks, split lines, `JSON.parse` each (nothing else);
 *   b. `LogRecordReader`: the same plus the decoder's checks (fast path, ajv for rejected lines), stats, quarantine;
 *   c. for comparison, b with ajv validating every line instead of the hand-written fast path.
 *
 * Prints events/s and the ratio b/a; issue 3 asks for b/a ≥ 0.85. Also prints the validators alone (ns/event) and,
 * under `node --expose-gc --import tsx`, the reader's live heap (constant in the input's size). Not part of
 * `npm run bench` (bench:detect measures a, b and the reader with detectors); about a minute on a 2-core VM.
 * `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds (100 users × 3 days, 2 rounds) to check that it works; those
 * figures mean nothing. Writes bench-results/readEvents.json.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { matchesEventSchemaFast, validateEventSchema } from '../../engine/formats/canonical/EventLineDecoder.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { NdjsonFileWriter } from '../../engine/formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { LineSplitter } from '../../engine/formats/reader/readEventLines.ts';
import type { SplitLine } from '../../engine/formats/reader/readEventLines.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { parseLinesOnly } from './parseLinesOnly.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 2 : 5;
const [users, days] = quickBench ? [100, 3] : [2000, 14];
const environment = benchEnvironment();
const given = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');

let file: string;
let tempDir: string | undefined;
if (given) {
  file = given;
} else {
  tempDir = mkdtempSync(path.join(tmpdir(), 'pushstorm-bench-'));
  file = path.join(tempDir, 'events.ndjson');
  const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days });
  const writer = new NdjsonFileWriter(file);
  simulate(scenario, (event) => writer.write(event));
  writer.close();
}
const bytes = statSync(file).size;

/** a. Read, split, JSON.parse: the floor any reader pays. */
const baseline = () => parseLinesOnly(file);

/** b. The real reader. */
async function eventReader(): Promise<number> {
  const reader = new LogRecordReader(openEventInput(file), { format: 'canonical' });
  let n = 0;
  for await (const event of reader.events()) if (event.time > 0) n++;
  const { records, accepted, quarantined } = reader.stats;
  if (records !== accepted + quarantined || accepted !== n) throw new Error('LogRecordReader: counts do not add up');
  return n;
}

/** c. As b, but with ajv validating every line (the decoder without its fast path). */
async function* ajvEvents(): AsyncGenerator<CanonicalEvent> {
  const splitter = new LineSplitter();
  const lines: SplitLine[] = [];
  const decode = (item: SplitLine): CanonicalEvent | undefined => {
    if (typeof item !== 'string') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(item);
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !validateEventSchema(value)) return undefined;
    return value.time >= 946_684_800_000 && value.time < 4_133_980_800_000 ? value : undefined;
  };
  for await (const chunk of openEventInput(file)) {
    splitter.push(chunk, lines);
    for (let i = 0; i < lines.length; i++) {
      const event = decode(lines[i]);
      if (event) yield event;
    }
    lines.length = 0;
  }
  splitter.end(lines);
  for (const item of lines) {
    const event = decode(item);
    if (event) yield event;
  }
}
async function ajvReader(): Promise<number> {
  let n = 0;
  for await (const event of ajvEvents()) if (event.time > 0) n++;
  return n;
}

const variants = [
  { name: 'a. read + split + JSON.parse', run: baseline },
  { name: 'b. LogRecordReader (fast path)', run: eventReader },
  { name: 'c. as b, ajv per line', run: ajvReader },
];
const seconds: number[][] = variants.map(() => []);
const counts = new Set<number>();
for (let round = 0; round <= rounds; round++) {
  for (const [i, variant] of variants.entries()) {
    const t0 = performance.now();
    counts.add(await variant.run());
    // Round 0 warms up the JIT and the page cache.
    if (round > 0) seconds[i].push((performance.now() - t0) / 1000);
  }
}
if (counts.size !== 1) throw new Error(`variants disagree on the number of events: ${[...counts].join(', ')}`);
const events = [...counts][0];
const summaries = seconds.map(summariseSamples);
const rates = summaries.map((summary) => rateOf(events, summary));
const rate = rates.map((r) => r.median);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(
  `${fmt(events)} events, ${fmt(bytes / 2 ** 20, 1)} MiB (${given ? file : `default.yaml, ${fmt(users)} users × ${days} days`}), ` +
    `median (slowest–fastest) of ${rounds} rounds after a warm-up`,
);
for (const [i, variant] of variants.entries()) {
  console.log(
    `${variant.name.padEnd(36)} ${formatWithRange(summaries[i], 3).padStart(23)} s  ${formatWithRange(rates[i]).padStart(33)} events/s`,
  );
}
const ratio = rate[1] / rate[0];
console.log(
  `\nratio b/a: ${ratio.toFixed(2)} (issue 3 target ≥ 0.85: ${ratio >= 0.85 ? 'met' : 'not met'}); c/a: ${(rate[2] / rate[0]).toFixed(2)}`,
);

// The validators alone, over the parsed events (no I/O, no parsing).
const parsed = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as object);
const timeValidator = (check: (value: object) => boolean) => {
  let ok = 0;
  const t0 = performance.now();
  for (let r = 0; r < 3; r++) for (const value of parsed) if (check(value)) ok++;
  return { ns: ((performance.now() - t0) * 1e6) / (3 * parsed.length), ok: ok / 3 };
};
timeValidator(matchesEventSchemaFast);
timeValidator(validateEventSchema);
const fast = timeValidator(matchesEventSchemaFast);
const ajv = timeValidator(validateEventSchema);
console.log(
  `validators alone: fast path ${fast.ns.toFixed(0)} ns/event, ajv ${ajv.ns.toFixed(0)} ns/event (both accept ${fmt(fast.ok)} of ${fmt(parsed.length)})`,
);
if (fast.ok !== ajv.ok) throw new Error('fast path and ajv disagree');

// Constant memory: live heap (after a collection) every 50k events of an untimed pass; needs --expose-gc.
const gc = (globalThis as { gc?: () => void }).gc;
let liveHeapMiB: number | null = null;
if (gc) {
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let n = 0;
  let peak = 0;
  for await (const _ of new LogRecordReader(openEventInput(file), { format: 'canonical' }).events()) {
    if (++n % 50_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseHeap);
    }
  }
  console.log(`live heap while reading (after gc, above the start): at most ${fmt(peak / 2 ** 20, 1)} MiB`);
  liveHeapMiB = peak / 2 ** 20;
} else {
  console.log('(run with `node --expose-gc --import tsx test/bench/readEvents.bench.ts` for the live-heap figure)');
}

const out = writeBenchResults('readEvents', environment, {
  input: given ? { file } : { scenario: 'default', users, days },
  events,
  bytes,
  rounds,
  variants: variants.map((variant, i) => ({ variant: variant.name, seconds: summaries[i], eventsPerSecond: rates[i] })),
  ratios: { readerVsParse: ratio, ajvVsParse: rate[2] / rate[0] },
  validatorsNsPerEvent: { fastPath: fast.ns, ajv: ajv.ns },
  liveHeapMiB,
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);
if (tempDir) rmSync(tempDir, { recursive: true, force: true });

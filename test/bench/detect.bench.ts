/**
 * The detector engine's benchmark (part of `npm run bench`; alone: `npx tsx --expose-gc test/bench/detect.bench.ts`).
 *
 * Simulates `scenarios/default.yaml` at 2,000 users × 14 days (about 300k events; `--users N --days N` to change)
 * into a temp NDJSON file and memory, then measures in one run, a warm-up round and then `--rounds` (default 5)
 * alternating rounds, median and range (slowest–fastest round) reported:
 *
 *   1. in memory: the full default detector set (every detector `pushstorm detect` runs without `--detectors`) over
 *      the parsed events — the runtime and the detectors, no I/O; also the runtime with no detector (its floor) and
 *      each detector alone;
 *   2. from NDJSON: a. read + split + JSON.parse only; b. `LogRecordReader` (validation, counts, quarantine);
 *      c. b plus the full detector set — the `pushstorm detect` path without the alert output. Ratios b/a and c/a;
 *   3. memory: a synthetic stream of 300,000 distinct users (`--distinct-users N`; each: a push, a login, spread over
 *      a day), through the full set, 3 rounds (no warm-up: parts 1 and 2 warmed it); the live heap after a collection every 100k events shows key state
 *      expiring (needs --expose-gc).
 *
 * About 1.5 minutes on a 2-core VM. `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds (100 users × 3 days,
 * 20,000 distinct users, 2 rounds) to check that it works; those figures mean nothing.
 *
 * Prints a table and writes bench-results/detect.json. Issue 3's aims: ≥ 5,000,000 events/s in memory per core,
 * c/a ≥ 0.85.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectorRegistry, detectors } from '../../detectors/index.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { NdjsonFileWriter } from '../../engine/formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { resolveInstances } from '../../engine/runtime/resolveInstances.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { parseLinesOnly } from './parseLinesOnly.ts';
import { formatWithRange, rateOf, summariseSamples, type SampleSummary } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const users = arg('users', quickBench ? 100 : 2_000);
const days = arg('days', quickBench ? 3 : 14);
const rounds = arg('rounds', quickBench ? 2 : 5);
const distinctUsers = arg('distinct-users', quickBench ? 20_000 : 300_000);
const distinctRounds = quickBench ? 2 : 3;
const environment = benchEnvironment();
const gc = (globalThis as { gc?: () => void }).gc;

const fullSet = resolveInstances(detectorRegistry, undefined, undefined);
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'pushstorm-bench-'));
const file = path.join(tempDir, 'events.ndjson');
const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days });
console.error(
  `pushstorm ${environment.pushstormVersion} detect bench: ${scenario.name}, ${users} users × ${days} days, seed ${scenario.seed}`,
);
const writer = new NdjsonFileWriter(file);
simulate(scenario, (event) => writer.write(event));
writer.close();
const bytes = statSync(file).size;
// Parsed back from the file: the objects `pushstorm detect` gets, not the simulator's.
const events = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as CanonicalEvent);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Runs `instances` over the in-memory events; returns the number of alert lines (to check variants agree). */
function inMemory(instances: readonly DetectorInstance[]): number {
  let alerts = 0;
  const runtime = new DetectorRuntime(instances, () => alerts++);
  for (let i = 0; i < events.length; i++) runtime.push(events[i]);
  runtime.finish();
  return alerts;
}

/** a. Read, split, JSON.parse: the floor any reader pays. */
const parseOnly = () => parseLinesOnly(file);

/** b. The real reader, events counted. */
async function readerOnly(): Promise<number> {
  let n = 0;
  for await (const event of new LogRecordReader(openEventInput(file), { format: 'canonical' }).events()) if (event.time > 0) n++;
  return n;
}

/** c. The reader feeding the full detector set. */
async function readerAndDetectors(): Promise<number> {
  const reader = new LogRecordReader(openEventInput(file), { format: 'canonical' });
  const runtime = new DetectorRuntime(fullSet, () => {});
  for await (const event of reader.events()) runtime.push(event);
  runtime.finish();
  return runtime.stats.processed;
}

interface Row {
  variant: string;
  seconds: SampleSummary;
  eventsPerSecond: { median: number; min: number; max: number };
}
const row = (variant: string, samples: number[]): Row => {
  const seconds = summariseSamples(samples);
  return { variant, seconds, eventsPerSecond: rateOf(events.length, seconds) };
};
const timed = async (run: () => number | Promise<number>) => {
  const t0 = performance.now();
  const out = await run();
  return { seconds: (performance.now() - t0) / 1000, out };
};

// 1. In memory.
const memoryVariants: Array<{ name: string; instances: DetectorInstance[] }> = [
  { name: 'runtime, no detector', instances: [] },
  { name: `full default set (${fullSet.length} detectors)`, instances: fullSet },
  ...detectors.map((d) => ({ name: `  ${d.id} alone`, instances: [{ definition: d, params: defaultParams(d) }] })),
];
const memorySeconds = memoryVariants.map((): number[] => []);
for (let round = 0; round <= rounds; round++) {
  for (const [i, variant] of memoryVariants.entries()) {
    const { seconds } = await timed(() => inMemory(variant.instances));
    if (round > 0) memorySeconds[i].push(seconds); // round 0 warms up the JIT
  }
  if (process.stderr.isTTY) process.stderr.write(`\r  in memory: round ${round}/${rounds}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
const memoryRows: Row[] = memoryVariants.map((v, i) => row(v.name, memorySeconds[i]));

// 2. From NDJSON.
const fileVariants = [
  { name: 'a. read + split + JSON.parse', run: parseOnly },
  { name: 'b. LogRecordReader', run: readerOnly },
  { name: 'c. LogRecordReader + full set', run: readerAndDetectors },
];
const fileSeconds = fileVariants.map((): number[] => []);
const counts = new Set<number>();
for (let round = 0; round <= rounds; round++) {
  for (const [i, variant] of fileVariants.entries()) {
    const { seconds, out } = await timed(variant.run);
    counts.add(out);
    if (round > 0) fileSeconds[i].push(seconds);
  }
  if (process.stderr.isTTY) process.stderr.write(`\r  from NDJSON: round ${round}/${rounds}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
if (counts.size !== 1) throw new Error(`variants disagree on the number of events: ${[...counts].join(', ')}`);
const fileRows: Row[] = fileVariants.map((v, i) => row(v.name, fileSeconds[i]));
const readerRatio = fileRows[1].eventsPerSecond.median / fileRows[0].eventsPerSecond.median;
const detectRatio = fileRows[2].eventsPerSecond.median / fileRows[0].eventsPerSecond.median;

// 3. Many distinct users: live heap while their states come and go.
function* millionUsers(): Generator<CanonicalEvent> {
  const start = Date.UTC(2026, 2, 2);
  const spacing = 86_400_000 / distinctUsers; // one day
  for (let u = 0; u < distinctUsers; u++) {
    const time = start + Math.floor(u * spacing);
    const user = `user${u}@bench.example.com`;
    const origin = { ip: `10.${(u >> 16) & 255}.${(u >> 8) & 255}.${u & 255}`, asn: 64_512 + (u % 1000), country: 'US' };
    yield {
      id: `p${u}`,
      time,
      source: 'idp',
      type: 'mfa.challenge',
      user,
      origin,
      app: 'Okta Dashboard',
      transaction: `t${u}`,
      challenge: { id: `c${u}`, factor: 'push' },
      outcome: 'success',
    };
    yield { id: `s${u}`, time: time + 1, source: 'idp', type: 'session.start', user, origin, app: 'Okta Dashboard', outcome: 'success' };
  }
}
let peakLiveMiB = 0;
let peakLiveKeys = 0;
let expiredKeys = 0;
const distinctSamples: number[] = [];
if (gc) {
  // The runtime and detectors are warm from parts 1 and 2: no warm-up round. The live-heap figures are the highest
  // of every round.
  for (let round = 1; round <= distinctRounds; round++) {
    gc();
    const base = process.memoryUsage().heapUsed;
    const runtime = new DetectorRuntime(fullSet, () => {});
    let n = 0;
    const t0 = performance.now();
    const sample = () => {
      gc();
      peakLiveMiB = Math.max(peakLiveMiB, (process.memoryUsage().heapUsed - base) / 2 ** 20);
      peakLiveKeys = Math.max(peakLiveKeys, runtime.stats.liveKeys);
    };
    for (const event of millionUsers()) {
      runtime.push(event);
      if (++n % 100_000 === 0) sample();
    }
    sample(); // the end of the stream, before finish() lets the states go
    runtime.finish();
    distinctSamples.push((performance.now() - t0) / 1000);
    expiredKeys = runtime.stats.expiredKeys;
    if (process.stderr.isTTY) process.stderr.write(`\r  distinct users: round ${round}/${distinctRounds}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
}
const distinctSeconds = gc ? summariseSamples(distinctSamples) : null;

const rows = [
  ['variant', 'events/s', 'vs a'],
  ...memoryRows.map((r) => [`in memory: ${r.variant}`, formatWithRange(r.eventsPerSecond), '']),
  ...fileRows.map((r, i) => [
    `NDJSON: ${r.variant}`,
    formatWithRange(r.eventsPerSecond),
    i === 0 ? '1.00' : (r.eventsPerSecond.median / fileRows[0].eventsPerSecond.median).toFixed(2),
  ]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`${fmt(events.length)} events, ${fmt(bytes / 2 ** 20, 1)} MiB, median (slowest–fastest) of ${rounds} rounds after a warm-up`);
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const full = memoryRows[1].eventsPerSecond.median;
console.log(`\nin memory, full set: ${fmt(full)} events/s — aim ≥ 5,000,000: ${full >= 5e6 ? 'met' : 'not met'}`);
console.log(
  `NDJSON, reader alone / JSON.parse: ${readerRatio.toFixed(2)}; reader + full set / JSON.parse: ${detectRatio.toFixed(2)} — aim ≥ 0.85: ${detectRatio >= 0.85 ? 'met' : 'not met'}`,
);
if (distinctSeconds) {
  console.log(
    `${fmt(distinctUsers)} distinct users (${fmt(2 * distinctUsers)} events over a day), ${distinctRounds} rounds: live heap at most ` +
      `${fmt(peakLiveMiB, 1)} MiB, at most ${fmt(peakLiveKeys)} live key states, ${fmt(expiredKeys)} expired, ` +
      `${formatWithRange(rateOf(2 * distinctUsers, distinctSeconds))} events/s (with a collection every 100,000 events)`,
  );
} else {
  console.log('(run under --expose-gc for the million-user memory figure)');
}

const out = writeBenchResults('detect', environment, {
  scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users, days, events: events.length, bytes },
  rounds,
  inMemory: memoryRows,
  ndjson: fileRows,
  ratios: { readerVsParse: readerRatio, detectVsParse: detectRatio },
  distinctUsers: distinctSeconds
    ? { users: distinctUsers, events: 2 * distinctUsers, peakLiveHeapMiB: peakLiveMiB, peakLiveKeys, expiredKeys, seconds: distinctSeconds }
    : null,
});
console.log(`\n${describeEnvironment(environment)}`);
console.log(`written: ${out}`);
rmSync(tempDir, { recursive: true, force: true });

/**
 * `npm run bench:simulate`: simulates the default scenario at 2,000 users × 30 days with the xstate models in the
 * loop, then the same world on two worker threads (same bytes), then the same population and day plans driven by a
 * minimal hand-written loop (test/bench/handWrittenWorld.ts), then `JSON.stringify` alone on that loop's records, and
 * prints records/s, transitions/s, CPU time, peak memory and the ratios against the aims. Every record is serialised
 * with JSON.stringify (as the CLI does) but not written to disk, so the figure is the simulator's, not the disk's.
 *
 * CPU seconds (the process's user + system time, every thread) are printed beside the wall-clock seconds: on a busy
 * machine the process waits for a core, and the CPU time of a one-thread variant is the steadier figure.
 *
 * Each variant first runs once on a small world (100 users × 7 days) to warm up the JIT, then `--rounds` (default 3)
 * measured rounds, the variants alternating so that a slow spell of a shared machine does not fall on one of them;
 * the table gives the median and the range (slowest–fastest round). About 2 minutes on a 2-core VM.
 *
 * Options: --users N --days N --rounds N. `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds (100 users × 3 days,
 * 2 rounds) to check that it works; those figures mean nothing. Results also go to bench-results/simulate.json.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import { simulateParallel } from '../../generators/world/simulateParallel.ts';
import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { runHandWrittenWorld } from './handWrittenWorld.ts';
import { formatWithRange, rateOf, summariseSamples, type SampleSummary } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const users = arg('users', quickBench ? 100 : 2_000);
const days = arg('days', quickBench ? 3 : 30);
const rounds = arg('rounds', quickBench ? 2 : 3);
const environment = benchEnvironment();

/** One round of one variant. */
interface Round {
  records: number;
  transitions: number | null;
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

interface Measure {
  variant: string;
  records: number;
  transitions: number | null;
  seconds: SampleSummary;
  cpuSeconds: SampleSummary;
  recordsPerSecond: { median: number; min: number; max: number };
  transitionsPerSecond: { median: number; min: number; max: number } | null;
  bytes: number;
  /** The highest of the rounds. */
  peakRssMiB: number;
  peakHeapMiB: number;
}

function memorySampler() {
  let rss = 0;
  let heap = 0;
  return {
    sample() {
      const m = process.memoryUsage();
      if (m.rss > rss) rss = m.rss;
      if (m.heapUsed > heap) heap = m.heapUsed;
    },
    get rssMiB() {
      return rss / 2 ** 20;
    },
    get heapMiB() {
      return heap / 2 ** 20;
    },
  };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days });
const warmUp = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users: 100, days: quickBench ? 3 : 7 });
console.error(
  `pushstorm ${environment.pushstormVersion} bench: ${scenario.name}, ${users} users × ${days} days, seed ${scenario.seed}, ${rounds} rounds after a warm-up`,
);

/**
 * Runs one round of a variant after a collection, sampling memory through `sample` (called by the variant) and at the
 * end; `serialise` counts the bytes of each record's JSON line, as the CLI would write them.
 */
async function round(
  run: (
    serialise: (e: CanonicalEvent | string) => void,
    sample: () => void,
  ) => Promise<{ records: number; transitions: number | null; timed?: { seconds: number; cpuSeconds: number; bytes: number } }>,
): Promise<Round> {
  gc();
  const mem = memorySampler();
  let bytes = 0;
  const serialise = (e: CanonicalEvent | string) => {
    bytes += (typeof e === 'string' ? e : JSON.stringify(e)).length + 1;
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { records, transitions, timed } = await run(serialise, () => mem.sample());
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  mem.sample();
  if (process.stderr.isTTY) process.stderr.write('\n');
  return {
    records,
    transitions,
    // A variant that times only part of its work (JSON.stringify alone) says so.
    seconds: timed?.seconds ?? seconds,
    cpuSeconds: timed?.cpuSeconds ?? (cpu.user + cpu.system) / 1e6,
    bytes: timed?.bytes ?? bytes,
    peakRssMiB: mem.rssMiB,
    peakHeapMiB: mem.heapMiB,
  };
}

/**
 * JSON.stringify alone on `records`, timed batch by batch (the records are gathered first, so the timer runs only
 * while serialising): wall and CPU seconds, and the bytes of the lines.
 */
function stringifyTimer() {
  let seconds = 0;
  let cpuSeconds = 0;
  let bytes = 0;
  const batch: CanonicalEvent[] = [];
  const flush = () => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (const e of batch) bytes += JSON.stringify(e).length + 1;
    const cpu = process.cpuUsage(cpu0);
    seconds += (performance.now() - t0) / 1000;
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
    batch.length = 0;
  };
  return {
    add(e: CanonicalEvent) {
      batch.push(e);
      if (batch.length === 16_384) flush();
    },
    result() {
      flush();
      return { seconds, cpuSeconds, bytes };
    },
  };
}

const progress = (label: string, sample: () => void, world: ResolvedScenario) => ({
  progressEvery: 3_600_000,
  onProgress: (p: { virtualTime: number; fraction: number; records: number }) => {
    sample();
    const worldDays = world.durationMs / 86_400_000;
    if (process.stderr.isTTY && p.virtualTime % 86_400_000 === 0) {
      process.stderr.write(`\r  ${label}: day ${Math.round(p.fraction * worldDays)}/${worldDays}, ${p.records} records`);
    }
  },
});

type Variant = (world: ResolvedScenario) => Parameters<typeof round>[0];
const variants: Array<{ name: string; run: Variant }> = [
  {
    name: 'xstate actors',
    run: (world) => async (serialise, sample) => {
      const { summary } = simulate(world, serialise, progress('xstate world', sample, world));
      return { records: summary.records, transitions: summary.transitions };
    },
  },
  {
    name: 'xstate actors, 2 worker threads',
    run: (world) => async (serialise, sample) => {
      const { summary } = await simulateParallel(world, serialise, { workers: 2, ...progress('2 workers', sample, world) });
      return { records: summary.records, transitions: summary.transitions };
    },
  },
  {
    name: 'hand-written loop',
    run: (world) => async (serialise, sample) => {
      let n = 0;
      const { records } = runHandWrittenWorld(world, (e) => {
        serialise(e);
        if (++n % 50_000 === 0) sample();
      });
      return { records, transitions: null };
    },
  },
  {
    name: 'JSON.stringify alone',
    run: (world) => async (_serialise, sample) => {
      const timer = stringifyTimer();
      let n = 0;
      const { records } = runHandWrittenWorld(world, (e) => {
        timer.add(e);
        if (++n % 50_000 === 0) sample();
      });
      return { records, transitions: null, timed: timer.result() };
    },
  },
];

for (const variant of variants) await round(variant.run(warmUp));
const measured: Round[][] = variants.map(() => []);
for (let r = 1; r <= rounds; r++) {
  for (const [i, variant] of variants.entries()) {
    if (process.stderr.isTTY) process.stderr.write(`round ${r}/${rounds}, ${variant.name}\n`);
    measured[i].push(await round(variant.run(scenario)));
  }
}

const results: Measure[] = variants.map((variant, i) => {
  const runs = measured[i];
  const [{ records, transitions, bytes }] = runs;
  if (runs.some((run) => run.records !== records || run.bytes !== bytes))
    throw new Error(`${variant.name}: rounds disagree on their output`);
  const seconds = summariseSamples(runs.map((run) => run.seconds));
  const cpuSeconds = summariseSamples(runs.map((run) => run.cpuSeconds));
  return {
    variant: variant.name,
    records,
    transitions,
    seconds,
    cpuSeconds,
    recordsPerSecond: rateOf(records, seconds),
    transitionsPerSecond: transitions === null ? null : rateOf(transitions, seconds),
    bytes,
    peakRssMiB: Math.max(...runs.map((run) => run.peakRssMiB)),
    peakHeapMiB: Math.max(...runs.map((run) => run.peakHeapMiB)),
  };
});

const [xs, xsParallel, hand, stringifyAlone] = results;
const fmt = (n: number | null, digits = 0) =>
  n === null ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rows = [
  ['variant', 'records', 'seconds', 'CPU seconds', 'records/s', 'transitions/s', 'peak RSS MiB', 'peak heap MiB'],
  ...results.map((r) => [
    r.variant,
    fmt(r.records),
    formatWithRange(r.seconds, 1),
    formatWithRange(r.cpuSeconds, 1),
    formatWithRange(r.recordsPerSecond),
    r.transitionsPerSecond === null ? '—' : formatWithRange(r.transitionsPerSecond),
    fmt(r.peakRssMiB),
    fmt(r.peakHeapMiB),
  ]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`${scenario.name} at ${fmt(users)} users × ${days} days: median (slowest–fastest) of ${rounds} rounds after a warm-up\n`);
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const ratio = hand.recordsPerSecond.median / xs.recordsPerSecond.median;
const parallel = xsParallel.recordsPerSecond.median / xs.recordsPerSecond.median;
const best = Math.max(xs.recordsPerSecond.median, xsParallel.recordsPerSecond.median);
/** Records per CPU second (medians): the steadier figure for a one-thread variant on a busy machine. */
const perCpu = (m: Measure) => m.records / m.cpuSeconds.median;
const xstateToHand = xs.recordsPerSecond.median / hand.recordsPerSecond.median;
const xstateToHandCpu = perCpu(xs) / perCpu(hand);
const handToStringify = hand.recordsPerSecond.median / stringifyAlone.recordsPerSecond.median;
const handToStringifyCpu = perCpu(hand) / perCpu(stringifyAlone);
const verdict = (value: number, aim: number) => `${value.toFixed(2)}× (aim ≥ ${aim}×: ${value >= aim ? 'met' : 'not met'})`;
console.log(`\nhand-written loop / xstate, one thread (records/s, medians): ${ratio.toFixed(1)}×`);
console.log(`xstate / hand-written loop, records/s: ${verdict(xstateToHand, 0.5)}; per CPU second: ${xstateToHandCpu.toFixed(2)}×`);
console.log(
  `hand-written loop / JSON.stringify alone, records/s: ${verdict(handToStringify, 0.5)}; per CPU second: ${handToStringifyCpu.toFixed(2)}×`,
);
console.log(`2 worker threads / one thread: ${verdict(parallel, 1.7)}`);
console.log(`aim ≥ 1,000,000 records/s with xstate in the loop: ${best >= 1e6 ? 'met' : `not met (${fmt(best)} records/s)`}`);

const out = writeBenchResults('simulate', environment, {
  scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users, days },
  rounds,
  warmUp: { users: warmUp.population.users, days: warmUp.durationMs / 86_400_000 },
  results,
  ratio,
  parallelRatio: parallel,
  xstateToHand,
  xstateToHandCpu,
  handToStringify,
  handToStringifyCpu,
});
console.log(`\n${describeEnvironment(environment)}`);
console.log(`written: ${out}`);

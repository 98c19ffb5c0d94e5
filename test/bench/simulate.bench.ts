/**
 * `npm run bench`: simulates the default scenario at 10,000 users × 30 days with the xstate models in the loop, then
 * the same world on two worker threads (same bytes), then the same population and day plans driven by a minimal
 * hand-written loop (test/bench/handWrittenWorld.ts), and prints records/s, transitions/s, peak memory and the
 * ratios. Every record is serialised with JSON.stringify (as the CLI does) but not written to disk, so the figure is
 * the simulator's, not the disk's.
 *
 * Options: --users N --days N (smaller runs for a quick look). Results also go to bench-results/simulate.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import { simulateParallel } from '../../generators/world/simulateParallel.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { pushstormVersion } from '../../engine/model/version.ts';
import { runHandWrittenWorld } from './handWrittenWorld.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const users = arg('users', 10_000);
const days = arg('days', 30);

interface Measure {
  variant: string;
  records: number;
  transitions: number | null;
  seconds: number;
  recordsPerSecond: number;
  transitionsPerSecond: number | null;
  bytes: number;
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
console.error(`pushstorm ${pushstormVersion} bench: ${scenario.name}, ${users} users × ${days} days, seed ${scenario.seed}`);

/**
 * Runs one variant after a collection, sampling memory through `sample` (called by the variant) and at the end;
 * `serialise` counts the bytes of each record's JSON line, as the CLI would write them.
 */
async function measure(
  variant: string,
  run: (serialise: (e: CanonicalEvent | string) => void, sample: () => void) => Promise<{ records: number; transitions: number | null }>,
): Promise<Measure> {
  gc();
  const mem = memorySampler();
  let bytes = 0;
  const serialise = (e: CanonicalEvent | string) => {
    bytes += (typeof e === 'string' ? e : JSON.stringify(e)).length + 1;
  };
  const t0 = performance.now();
  const { records, transitions } = await run(serialise, () => mem.sample());
  const seconds = (performance.now() - t0) / 1000;
  mem.sample();
  if (process.stderr.isTTY) process.stderr.write('\n');
  return {
    variant,
    records,
    transitions,
    seconds,
    recordsPerSecond: records / seconds,
    transitionsPerSecond: transitions === null ? null : transitions / seconds,
    bytes,
    peakRssMiB: mem.rssMiB,
    peakHeapMiB: mem.heapMiB,
  };
}

const progress = (label: string, sample: () => void) => ({
  progressEvery: 3_600_000,
  onProgress: (p: { virtualTime: number; fraction: number; records: number }) => {
    sample();
    if (process.stderr.isTTY && p.virtualTime % 86_400_000 === 0) {
      process.stderr.write(`\r  ${label}: day ${Math.round(p.fraction * days)}/${days}, ${p.records} records`);
    }
  },
});

const results: Measure[] = [
  await measure('xstate actors', async (serialise, sample) => {
    const { summary } = simulate(scenario, serialise, progress('xstate world', sample));
    return { records: summary.records, transitions: summary.transitions };
  }),
  await measure('xstate actors, 2 worker threads', async (serialise, sample) => {
    const { summary } = await simulateParallel(scenario, serialise, { workers: 2, ...progress('2 workers', sample) });
    return { records: summary.records, transitions: summary.transitions };
  }),
  await measure('hand-written loop', async (serialise, sample) => {
    let n = 0;
    const { records } = runHandWrittenWorld(scenario, (e) => {
      serialise(e);
      if (++n % 50_000 === 0) sample();
    });
    return { records, transitions: null };
  }),
];

const [xs, xsParallel, hand] = results;
const fmt = (n: number | null, digits = 0) =>
  n === null ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rows = [
  ['variant', 'records', 'seconds', 'records/s', 'transitions/s', 'peak RSS MiB', 'peak heap MiB'],
  ...results.map((r) => [r.variant, fmt(r.records), fmt(r.seconds, 1), fmt(r.recordsPerSecond), fmt(r.transitionsPerSecond), fmt(r.peakRssMiB), fmt(r.peakHeapMiB)]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const ratio = hand.recordsPerSecond / xs.recordsPerSecond;
const best = Math.max(xs.recordsPerSecond, xsParallel.recordsPerSecond);
console.log(`\nhand-written loop / xstate, one thread (records/s): ${ratio.toFixed(1)}×`);
console.log(`2 worker threads / one thread: ${(xsParallel.recordsPerSecond / xs.recordsPerSecond).toFixed(2)}×`);
console.log(`aim ≥ 1,000,000 records/s with xstate in the loop: ${best >= 1e6 ? 'met' : `not met (${fmt(best)} records/s)`}`);

const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const out = path.join(root, 'bench-results/simulate.json');
writeFileSync(out, `${JSON.stringify({ pushstormVersion, scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users, days }, machine, results, ratio }, null, 2)}\n`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.log(`written: ${path.relative(process.cwd(), out)}`);

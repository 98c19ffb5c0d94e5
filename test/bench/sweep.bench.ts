/**
 * The sweep's benchmark (part of `npm run bench`; alone: `npx tsx test/bench/sweep.bench.ts`). Issue 4 asks that a
 * 100-point sweep cost at most 3 × a single-point pass over the same events. Measured three ways, each after a
 * warm-up round, median and range (slowest–fastest round) of 5 rounds for detection in memory and 3 for the two
 * longer ways (`--rounds N` sets all three), mfa-without-login over threshold 3..12 × window 1m..10m (100 points):
 *
 *   1. detection only, over the events of `scenarios/default.yaml` (1,000 users × 14 days) held in memory;
 *   2. from NDJSON: the same events read and parsed from a file, then detected (`pushstorm detect --params` with
 *      100 sets, without output);
 *   3. `tune` as a user runs it (`runSweep`: simulate the world once, detect, score every point) against the same
 *      with a one-point grid.
 *
 * About 1.5 minutes on a 2-core VM. `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds (100 users × 3 days,
 * 2 rounds) to check that it works; those figures mean nothing.
 *
 * Prints a table and writes bench-results/sweep.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mfaWithoutLogin } from '../../detectors/mfaWithoutLogin.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { NdjsonFileWriter } from '../../engine/formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { parseGrid, runSweep } from '../../engine/evaluate/tuning/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { summariseSamples, type SampleSummary } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const roundsAt = process.argv.indexOf('--rounds');
const roundsGiven = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : undefined;
/** Rounds for a measurement of a second or two, and for the longer ones (several seconds a round). */
const rounds = { cheap: roundsGiven ?? (quickBench ? 2 : 5), long: roundsGiven ?? (quickBench ? 2 : 3) };
const environment = benchEnvironment();

const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), quickBench ? { users: 100, days: 3 } : undefined);
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'pushstorm-sweep-'));
const file = path.join(tempDir, 'events.ndjson');
const writer = new NdjsonFileWriter(file);
const events: CanonicalEvent[] = [];
simulate(scenario, (e) => {
  writer.write(e);
  events.push(e);
});
writer.close();
const parsed = events.map((e) => JSON.parse(JSON.stringify(e)) as CanonicalEvent);

const grid = parseGrid(mfaWithoutLogin, 'threshold=3..12,window=1m..10m');
const one = parseGrid(mfaWithoutLogin, 'threshold=5');
const sweepSets: DetectorInstance[] = grid.points.map((p) => ({ definition: mfaWithoutLogin, params: p.params, paramSet: p.name }));
const single: DetectorInstance[] = [{ definition: mfaWithoutLogin, params: defaultParams(mfaWithoutLogin) }];

/** Alternating rounds of the single point and the sweep, after a warm-up round of each. */
async function time(single: () => unknown, sweep: () => unknown, count: number): Promise<{ single: SampleSummary; sweep: SampleSummary }> {
  const samples = { single: [] as number[], sweep: [] as number[] };
  for (let r = 0; r <= count; r++) {
    for (const [which, run] of [
      ['single', single],
      ['sweep', sweep],
    ] as const) {
      const t0 = performance.now();
      await run();
      if (r > 0) samples[which].push((performance.now() - t0) / 1000); // round 0 warms up
    }
  }
  return { single: summariseSamples(samples.single), sweep: summariseSamples(samples.sweep) };
}
const detectInMemory = (instances: DetectorInstance[]) => () => {
  const rt = new DetectorRuntime(instances, () => {});
  for (const e of parsed) rt.push(e);
  rt.finish();
};
const detectFromFile = (instances: DetectorInstance[]) => async () => {
  const rt = new DetectorRuntime(instances, () => {});
  for await (const e of new LogRecordReader(openEventInput(file), { format: 'canonical' }).events()) rt.push(e);
  rt.finish();
};

const measures = [
  {
    way: 'detection, events in memory',
    rounds: rounds.cheap,
    ...(await time(detectInMemory(single), detectInMemory(sweepSets), rounds.cheap)),
  },
  { way: 'read NDJSON + detection', rounds: rounds.long, ...(await time(detectFromFile(single), detectFromFile(sweepSets), rounds.long)) },
  {
    way: 'tune: simulate + detect + score',
    rounds: rounds.long,
    ...(await time(
      () => runSweep([scenario], mfaWithoutLogin, one),
      () => runSweep([scenario], mfaWithoutLogin, grid),
      rounds.long,
    )),
  },
].map((m) => ({ ...m, ratio: m.sweep.median / m.single.median }));

const users = scenario.population.users.toLocaleString('en-US');
const days = scenario.durationMs / 86_400_000;
console.log(
  `${events.length.toLocaleString('en-US')} events (default.yaml, ${users} users × ${days} days); ${grid.points.length}-point grid of ` +
    'mfa-without-login vs its defaults; median (slowest–fastest) of the rounds given, after a warm-up',
);
const cell = (s: SampleSummary) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const rows = [
  ['way', 'rounds', '1 point (s)', `${grid.points.length} points (s)`, 'ratio of medians'],
  ...measures.map((m) => [m.way, String(m.rounds), cell(m.single), cell(m.sweep), `${m.ratio.toFixed(1)}×`]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
for (const m of measures) console.log(`${m.way}: ${m.ratio <= 3 ? 'within' : 'over'} the aim of 3×`);

const out = writeBenchResults('sweep', environment, {
  scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users: scenario.population.users, days },
  events: events.length,
  points: grid.points.length,
  measures,
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);
rmSync(tempDir, { recursive: true, force: true });

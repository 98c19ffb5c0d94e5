/**
 * The sweep's benchmark (part of `npm run bench`; alone: `npx tsx test/bench/sweep.bench.ts`). Issues 4 and 16 ask
 * that a 100-point sweep cost at most 3 × a single-point pass over the same events. mfa-without-login over threshold
 * 3..12 × window 1m..10m (100 points), each way run shared (the detector's `createShared`: one logic for every point,
 * as the runtime runs a grid) and per set (each point its own logic, as before issue 16: the detector without
 * `createShared`), against one point, in alternated rounds after a warm-up round; median and range (slowest–fastest
 * round) of 5 rounds for detection in memory and 3 for the longer ways (`--rounds N` sets all):
 *
 *   1. detection only, over the events of `scenarios/default.yaml` (1,000 users × 14 days) held in memory;
 *   2. from NDJSON: the same events read and parsed from a file, then detected (`pushstorm detect --params` with
 *      100 sets, without output);
 *   3. `tune` as a user runs it (`runSweep`: simulate the world once, detect, score every point) against the same
 *      with a one-point grid;
 *   4. `tune --world-cache` with the world already in the cache (read it back instead of simulating).
 *
 * About 4 minutes on a 2-core VM (the per-set rounds take most of it). `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few
 * seconds (100 users × 3 days, 2 rounds) to check that it works; those figures mean nothing.
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
import { WorldCache } from '../../engine/formats/cache/WorldCache.ts';
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
/** The same detector without its shared logic: the runtime runs each point with its own, as before issue 16. */
const perSetDetector = { ...mfaWithoutLogin, createShared: undefined };
const setsOf = (definition: typeof mfaWithoutLogin | typeof perSetDetector): DetectorInstance[] =>
  grid.points.map((p) => ({ definition, params: p.params, paramSet: p.name }));
const single: DetectorInstance[] = [{ definition: mfaWithoutLogin, params: defaultParams(mfaWithoutLogin) }];
const cache = new WorldCache(path.join(tempDir, 'worlds'));
await runSweep([scenario], mfaWithoutLogin, one, { cache }); // fills the cache

type Way = 'single' | 'shared' | 'perSet';
/** Alternating rounds of the single point, the sweep shared and the sweep per set, after a warm-up round of each. */
async function time(runs: Record<Way, () => unknown>, count: number): Promise<Record<Way, SampleSummary>> {
  const samples: Record<Way, number[]> = { single: [], shared: [], perSet: [] };
  for (let r = 0; r <= count; r++) {
    for (const way of ['single', 'shared', 'perSet'] as const) {
      const t0 = performance.now();
      await runs[way]();
      if (r > 0) samples[way].push((performance.now() - t0) / 1000); // round 0 warms up
    }
  }
  return { single: summariseSamples(samples.single), shared: summariseSamples(samples.shared), perSet: summariseSamples(samples.perSet) };
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
const tune =
  (definition: typeof mfaWithoutLogin | typeof perSetDetector, points: typeof grid, options = {}) =>
  () =>
    runSweep([scenario], definition, points, options);

const ways: Array<{ way: string; rounds: number; runs: Record<Way, () => unknown> }> = [
  {
    way: 'detection, events in memory',
    rounds: rounds.cheap,
    runs: {
      single: detectInMemory(single),
      shared: detectInMemory(setsOf(mfaWithoutLogin)),
      perSet: detectInMemory(setsOf(perSetDetector)),
    },
  },
  {
    way: 'read NDJSON + detection',
    rounds: rounds.long,
    runs: {
      single: detectFromFile(single),
      shared: detectFromFile(setsOf(mfaWithoutLogin)),
      perSet: detectFromFile(setsOf(perSetDetector)),
    },
  },
  {
    way: 'tune: simulate + detect + score',
    rounds: rounds.long,
    runs: { single: tune(mfaWithoutLogin, one), shared: tune(mfaWithoutLogin, grid), perSet: tune(perSetDetector, grid) },
  },
  {
    way: 'tune, world cached: read + detect + score',
    rounds: rounds.long,
    runs: {
      single: tune(mfaWithoutLogin, one, { cache }),
      shared: tune(mfaWithoutLogin, grid, { cache }),
      perSet: tune(perSetDetector, grid, { cache }),
    },
  },
];
const measures = [];
for (const w of ways) {
  const t = await time(w.runs, w.rounds);
  measures.push({
    way: w.way,
    rounds: w.rounds,
    ...t,
    sharedRatio: t.shared.median / t.single.median,
    perSetRatio: t.perSet.median / t.single.median,
  });
}

const users = scenario.population.users.toLocaleString('en-US');
const days = scenario.durationMs / 86_400_000;
console.log(
  `${events.length.toLocaleString('en-US')} events (default.yaml, ${users} users × ${days} days); ${grid.points.length}-point grid of ` +
    'mfa-without-login, shared and per set, vs one point; median (slowest–fastest) of the rounds given, after a warm-up',
);
const cell = (s: SampleSummary) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const n = grid.points.length;
const rows = [
  ['way', 'rounds', '1 point (s)', `${n} shared (s)`, `${n} per set (s)`, 'shared ratio', 'per-set ratio'],
  ...measures.map((m) => [
    m.way,
    String(m.rounds),
    cell(m.single),
    cell(m.shared),
    cell(m.perSet),
    `${m.sharedRatio.toFixed(1)}×`,
    `${m.perSetRatio.toFixed(1)}×`,
  ]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
for (const m of measures) console.log(`${m.way}: shared ${m.sharedRatio <= 3 ? 'within' : 'over'} the aim of 3×`);

const out = writeBenchResults('sweep', environment, {
  scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users: scenario.population.users, days },
  events: events.length,
  points: grid.points.length,
  measures,
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);
rmSync(tempDir, { recursive: true, force: true });

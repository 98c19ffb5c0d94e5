/**
 * The sweep's benchmark (part of `npm run bench`; alone: `npx tsx test/bench/sweep.bench.ts`). Issue 4 asks that a
 * 100-point sweep cost at most 3 × a single-point pass over the same events. Measured three ways, median of
 * `--rounds` (default 3), mfa-without-login over threshold 3..12 × window 1m..10m (100 points):
 *
 *   1. detection only, over the events of `scenarios/default.yaml` (1,000 users × 14 days) held in memory;
 *   2. from NDJSON: the same events read and parsed from a file, then detected (`pushstorm detect --params` with
 *      100 sets, without output);
 *   3. `tune` as a user runs it (`runSweep`: simulate the world once, detect, score every point) against the same
 *      with a one-point grid.
 *
 * Prints a table and writes bench-results/sweep.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mfaWithoutLogin } from '../../detectors/mfaWithoutLogin.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { EventReader } from '../../engine/formats/reader/readEvents.ts';
import { NdjsonFileWriter } from '../../engine/formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { parseGrid, runSweep } from '../../engine/evaluate/tuning/index.ts';
import { pushstormVersion } from '../../engine/model/version.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 3;

const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'));
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const t0 = performance.now();
    await run();
    if (r > 0) samples.push((performance.now() - t0) / 1000); // round 0 warms up
  }
  return median(samples);
}
const detectInMemory = (instances: DetectorInstance[]) => () => {
  const rt = new DetectorRuntime(instances, () => {});
  for (const e of parsed) rt.push(e);
  rt.finish();
};
const detectFromFile = (instances: DetectorInstance[]) => async () => {
  const rt = new DetectorRuntime(instances, () => {});
  for await (const e of new EventReader(openEventInput(file)).events()) rt.push(e);
  rt.finish();
};

const measures = [
  { way: 'detection, events in memory', single: await time(detectInMemory(single)), sweep: await time(detectInMemory(sweepSets)) },
  { way: 'read NDJSON + detection', single: await time(detectFromFile(single)), sweep: await time(detectFromFile(sweepSets)) },
  { way: 'tune: simulate + detect + score', single: await time(() => runSweep([scenario], mfaWithoutLogin, one)), sweep: await time(() => runSweep([scenario], mfaWithoutLogin, grid)) },
].map((m) => ({ ...m, ratio: m.sweep / m.single }));

console.log(`${events.length.toLocaleString('en-US')} events (default.yaml, 1,000 users × 14 days); ${grid.points.length}-point grid of mfa-without-login vs its defaults; median of ${rounds}`);
const rows = [['way', '1 point (s)', `${grid.points.length} points (s)`, 'ratio'], ...measures.map((m) => [m.way, m.single.toFixed(2), m.sweep.toFixed(2), `${m.ratio.toFixed(1)}×`])];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
for (const m of measures) console.log(`${m.way}: ${m.ratio <= 3 ? 'within' : 'over'} the aim of 3×`);

const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version };
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const out = path.join(root, 'bench-results/sweep.json');
writeFileSync(out, `${JSON.stringify({ pushstormVersion, scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed }, events: events.length, points: grid.points.length, rounds, machine, measures }, null, 2)}\n`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cpus} cores, Node ${machine.node}\nwritten: ${path.relative(process.cwd(), out)}`);
rmSync(tempDir, { recursive: true, force: true });

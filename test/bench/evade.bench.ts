/**
 * `pushstorm evade`'s benchmark (part of `npm run bench`; alone: `npm run bench:evade`): worlds judged per second —
 * each a small world simulated, detected by the default set and judged — for each family, as the search runs them
 * (3 rounds of up to 200 attacks, shrinking included, 30 users). Issue 14 asks for the rate; thousands of small
 * worlds are what a search costs. `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds; those figures mean nothing.
 *
 * Prints a table and writes bench-results/evade.json.
 */
import { performance } from 'node:perf_hooks';
import { detectors } from '../../detectors/index.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { evadeFamilies, searchEvasions } from '../../engine/tools/evade/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';

const environment = benchEnvironment();
const instances = detectors.filter((d) => !d.baseline).map((definition) => ({ definition, params: defaultParams(definition) }));
const budget = { minPrompts: 3, maxPrompts: 40, maxDays: 3 };

const rows: Array<{ family: string; worlds: number; seconds: number; worldsPerSecond: number; evasions: number }> = [];
for (const family of evadeFamilies) {
  const started = performance.now();
  const result = searchEvasions(instances, {
    family,
    budget,
    goal: 'compromise',
    seed: 1,
    users: quickBench ? 10 : 30,
    rounds: quickBench ? 1 : 3,
    tries: quickBench ? 10 : 200,
  });
  const seconds = (performance.now() - started) / 1000;
  rows.push({ family, worlds: result.worlds, seconds, worldsPerSecond: result.worlds / seconds, evasions: result.evasions.length });
}

const pad = (s: string, n: number) => s.padStart(n);
console.log(`${'family'.padEnd(20)}${pad('worlds', 8)}${pad('seconds', 10)}${pad('worlds/s', 10)}${pad('evasions', 10)}`);
for (const r of rows)
  console.log(
    `${r.family.padEnd(20)}${pad(String(r.worlds), 8)}${pad(r.seconds.toFixed(1), 10)}${pad(r.worldsPerSecond.toFixed(1), 10)}${pad(String(r.evasions), 10)}`,
  );
const total = rows.reduce((t, r) => ({ worlds: t.worlds + r.worlds, seconds: t.seconds + r.seconds }), { worlds: 0, seconds: 0 });
console.log(
  `${'all'.padEnd(20)}${pad(String(total.worlds), 8)}${pad(total.seconds.toFixed(1), 10)}${pad((total.worlds / total.seconds).toFixed(1), 10)}`,
);
const out = writeBenchResults('evade', environment, {
  budget,
  users: quickBench ? 10 : 30,
  families: rows,
  worldsPerSecond: total.worlds / total.seconds,
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);

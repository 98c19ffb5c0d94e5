/**
 * `pushstorm evade`'s benchmark (part of `npm run bench`; alone: `npm run bench:evade`): worlds judged per second —
 * each a small world simulated, detected by the default set and judged — for each family, as the search runs them
 * (3 rounds of up to 200 attacks, shrinking included, 30 users), median and range of 3 timed repetitions after a
 * warm-up. Issue 14 asks for the rate: thousands of small worlds are what a search costs.
 * `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds; those figures mean nothing.
 *
 * Prints a table and writes bench-results/evade.json.
 */
import { performance } from 'node:perf_hooks';
import { detectors } from '../../detectors/index.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { evadeFamilies, searchEvasions } from '../../engine/tools/evade/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

const environment = benchEnvironment();
const instances = detectors.filter((d) => !d.baseline).map((definition) => ({ definition, params: defaultParams(definition) }));
const budget = { minPrompts: 3, maxPrompts: 40, maxDays: 3 };
const users = quickBench ? 10 : 30;
const repetitions = quickBench ? 1 : 3;

const rows = evadeFamilies.map((family) => {
  const search = () =>
    searchEvasions(instances, {
      family,
      budget,
      goal: 'compromise',
      seed: 1,
      users,
      rounds: quickBench ? 1 : 3,
      tries: quickBench ? 10 : 200,
    });
  const warm = search();
  const seconds = Array.from({ length: repetitions }, () => {
    const started = performance.now();
    search();
    return (performance.now() - started) / 1000;
  });
  const summary = summariseSamples(seconds);
  return { family, worlds: warm.worlds, evasions: warm.evasions.length, seconds: summary, worldsPerSecond: rateOf(warm.worlds, summary) };
});

const pad = (s: string, n: number) => s.padStart(n);
console.log(`${'family'.padEnd(20)}${pad('worlds', 8)}${pad('evasions', 10)}   worlds/s (range)`);
for (const r of rows)
  console.log(`${r.family.padEnd(20)}${pad(String(r.worlds), 8)}${pad(String(r.evasions), 10)}   ${formatWithRange(r.worldsPerSecond, 1)}`);
const out = writeBenchResults('evade', environment, { budget, users, repetitions, families: rows });
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);

/**
 * `npm run bench:gate [-- --rounds N]`: the CI gate as a pipeline runs it, whole processes on the compiled CLI
 * (`node bin/pushstorm.mjs gate gates/ci.yaml`, dist/ rebuilt by the npm script first): each round runs it without the
 * world cache, then with an empty cache (filling it), then again with the cache filled. Issue 16 aims the filled run
 * at ≤ 25% of the first (filling) run's wall time. A warm-up round, then `--rounds` (default 5) alternating rounds;
 * median and range (slowest–fastest). `PUSHSTORM_BENCH_QUICK=1`: 1 round. Writes bench-results/gate.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'pushstorm.mjs');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 1 : 5;
const environment = benchEnvironment();
if (!existsSync(path.join(root, 'dist', 'engine', 'cli', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm run bench:gate does)\n');
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'pushstorm-gate-bench-'));
const cacheDir = path.join(work, 'cache');
const gate = (...extra: string[]) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'gate', path.join(root, 'gates', 'ci.yaml'), ...extra], {
    cwd: root,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  // 0: the gate holds; 1: a figure regressed — both are a whole run. 2 is bad input: nothing was measured.
  if (run.status !== 0 && run.status !== 1) throw new Error(`gate failed (exit ${run.status}):\n${run.stderr}`);
  return seconds;
};

const ways = ['no cache', 'cache empty (filling)', 'cache filled'] as const;
const samples: number[][] = ways.map(() => []);
try {
  for (let round = 0; round <= rounds; round++) {
    rmSync(cacheDir, { recursive: true, force: true });
    const times = [gate('--no-cache'), gate('--cache', cacheDir), gate('--cache', cacheDir)];
    // Round 0 warms the disk cache and the JIT's files.
    if (round > 0) for (const [i, t] of times.entries()) samples[i].push(t);
    if (process.stderr.isTTY) process.stderr.write(`\r  round ${round}/${rounds}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
const summaries = samples.map(summariseSamples);
const [noCache, filling, filled] = summaries.map((s) => s.median);
const filledPercentOfFirst = (100 * filled) / filling;
console.log(`pushstorm gate gates/ci.yaml, whole processes: median (slowest–fastest) of ${rounds} rounds after a warm-up`);
for (const [i, way] of ways.entries()) console.log(`${way.padEnd(22)} ${formatWithRange(summaries[i], 2).padStart(20)} s`);
console.log(
  `\nfilled / filling: ${filledPercentOfFirst.toFixed(0)}% (aim ≤ 25%: ${filledPercentOfFirst <= 25 ? 'met' : 'not met'}); ` +
    `filled / no cache: ${((100 * filled) / noCache).toFixed(0)}%`,
);
const out = writeBenchResults('gate', environment, {
  gate: { file: 'gates/ci.yaml', rounds, noCache: summaries[0], filling: summaries[1], filled: summaries[2], filledPercentOfFirst },
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);

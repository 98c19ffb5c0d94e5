/**
 * `npm run bench:startup [-- --rounds N]`: what a command costs before and beside its work — whole processes, as a user
 * runs them: `node bin/pushstorm.mjs …` on the compiled CLI (dist/, rebuilt by the npm script first). Simulates
 * `scenarios/tiny.yaml` once, then for each command a warm-up run and `--rounds` (default 7) measured runs; median and
 * range (fastest–slowest) reported. For comparison, `--version` from the TypeScript sources through tsx, as the bin ran
 * before the build existed.
 *
 * Targets: `--version` ≤ 0.3 s, `detect` on the tiny world ≤ 0.6 s. A few seconds on a 2-core VM;
 * `PUSHSTORM_BENCH_QUICK=1` makes it 2 rounds. Prints a table and writes bench-results/startup.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../../engine/cli/_internal/formatTable.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { type SampleSummary, summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'pushstorm.mjs');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 2 : 7;
const environment = benchEnvironment();

if (!existsSync(path.join(root, 'dist', 'engine', 'cli', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm run bench:startup does)\n');
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'pushstorm-startup-'));
const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

interface Case {
  name: string;
  argv: string[];
  /** The target this figure is held to, in seconds. */
  target?: number;
}

const cases: Case[] = [
  { name: 'pushstorm --version', argv: [bin, '--version'], target: 0.3 },
  { name: 'pushstorm --help', argv: [bin, '--help'] },
  { name: 'pushstorm detectors', argv: [bin, 'detectors'] },
  { name: 'pushstorm detect (tiny world)', argv: [bin, 'detect', 'tiny/events.ndjson', '--out', 'alerts.ndjson'], target: 0.6 },
  { name: 'pushstorm simulate tiny.yaml', argv: [bin, 'simulate', path.join(root, 'scenarios', 'tiny.yaml'), '--out', 'again'] },
  { name: 'pushstorm run tiny.yaml', argv: [bin, 'run', path.join(root, 'scenarios', 'tiny.yaml'), '--out', 'run', '--quiet'] },
  { name: 'sources via tsx: --version', argv: [tsx, path.join(root, 'engine', 'cli', 'main.ts'), '--version'] },
];

/** Seconds one whole process takes, from spawn to exit. */
function timeProcess(argv: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  return seconds;
}

try {
  timeProcess([bin, 'simulate', path.join(root, 'scenarios', 'tiny.yaml'), '--out', 'tiny']);
  const results: Array<Case & { seconds: SampleSummary }> = [];
  for (const c of cases) {
    timeProcess(c.argv);
    const samples = Array.from({ length: rounds }, () => timeProcess(c.argv));
    results.push({ ...c, seconds: summariseSamples(samples) });
  }
  const fmt = (s: number) => s.toFixed(2);
  process.stdout.write(
    `${formatTable([
      ['command (whole process)', 'median s', 'fastest–slowest s', 'target s'],
      ...results.map((r) => [
        r.name,
        fmt(r.seconds.median),
        `${fmt(r.seconds.min)}–${fmt(r.seconds.max)}`,
        r.target === undefined ? '—' : `≤ ${r.target}`,
      ]),
    ])}\n\n${describeEnvironment(environment)}; ${rounds} rounds after a warm-up\n`,
  );
  const out = writeBenchResults('startup', environment, {
    rounds,
    commands: results.map((r) => ({ name: r.name, args: r.argv.slice(1), target: r.target ?? null, seconds: r.seconds })),
  });
  process.stdout.write(`results written to ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * `npm run bench:memory`: peak memory of `pushstorm simulate` as the population grows — whole processes, as a user
 * runs them (`node bin/pushstorm.mjs simulate … --yes`), peak resident set size read from
 * the child's own resource usage as it exits. The figures behind the limits in engine/model/limits.ts (MAX_USERS,
 * CONFIRM_USERS): the simulator holds every user's actors for the whole run.
 *
 * Populations 10,000, 25,000 and 100,000 for a day, and 10,000 for 14 days (does memory follow the population or the
 * length?), on one and two worker threads, `--rounds` (default 2) runs each, median and range reported
 * (`PUSHSTORM_BENCH_QUICK=1`: 2,000 users for 1 and 3 days, one round). About eight minutes on a 2-core VM, most of it
 * the 100,000 users. Prints a table and writes bench-results/memory.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../../engine/cli/_internal/formatTable.ts';
import { CONFIRM_USERS, MAX_USERS } from '../../engine/model/limits.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'pushstorm.mjs');
const environment = benchEnvironment();
if (!existsSync(path.join(root, 'dist', 'engine', 'cli', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm run bench:memory does)\n');
  process.exit(1);
}

/** Worlds measured: the population grows, and one population runs longer, to tell what memory follows. */
const worlds = quickBench
  ? [
      { users: 2_000, days: 1 },
      { users: 2_000, days: 3 },
    ]
  : [
      { users: 10_000, days: 1 },
      { users: 10_000, days: 14 },
      { users: 25_000, days: 1 },
      { users: 100_000, days: 1 },
    ];
const work = mkdtempSync(path.join(tmpdir(), 'pushstorm-memory-'));
/** Preloaded into the child: its peak resident set size (worker threads included) on stderr as it exits. */
const PEAK_ON_EXIT = path.join(work, 'peak-on-exit.mjs');
writeFileSync(
  PEAK_ON_EXIT,
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, 'peak-rss-kib ' + process.resourceUsage().maxRSS + '\\n'));\n",
);

/** Peak RSS (bytes) and seconds of one `simulate` of `users` for `days`, on `workers` threads. */
function measure(users: number, days: number, workers: number): { peakBytes: number; seconds: number; records: number } {
  const scenario = path.join(work, `w${users}-${days}.yaml`);
  writeFileSync(scenario, `name: memory\nseed: 1\nstart: 2026-03-02T00:00:00Z\nduration: ${days}d\npopulation:\n  users: ${users}\n`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      PEAK_ON_EXIT,
      bin,
      'simulate',
      scenario,
      '--out',
      path.join(work, `out${users}`),
      '--workers',
      String(workers),
      '--yes',
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`simulate of ${users} users failed (exit ${run.status}):\n${run.stderr}`);
  const peakKiB = Number(/peak-rss-kib (\d+)/.exec(run.stderr)?.[1]);
  if (Number.isNaN(peakKiB)) throw new Error(`no peak memory reported by the child:\n${run.stderr}`);
  rmSync(path.join(work, `out${users}`), { recursive: true, force: true });
  return { peakBytes: peakKiB * 1024, seconds, records: JSON.parse(run.stdout).records };
}

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 1 : 2;

try {
  const rows = worlds.flatMap(({ users, days }) =>
    [1, 2].map((workers) => {
      const samples = Array.from({ length: rounds }, () => measure(users, days, workers));
      return {
        users,
        days,
        workers,
        records: samples[0].records,
        peakBytes: summariseSamples(samples.map((m) => m.peakBytes)),
        seconds: summariseSamples(samples.map((m) => m.seconds)),
      };
    }),
  );
  const gb = (b: number) => (b / 1e9).toFixed(2);
  process.stdout.write(
    `${formatTable([
      ['users', 'days', 'workers', 'peak RSS GB (median)', 'lowest–highest GB', 'KB per user', 'records', 'seconds'],
      ...rows.map((r) => [
        r.users.toLocaleString('en-US'),
        String(r.days),
        String(r.workers),
        gb(r.peakBytes.median),
        `${gb(r.peakBytes.min)}–${gb(r.peakBytes.max)}`,
        String(Math.round(r.peakBytes.median / r.users / 1000)),
        r.records.toLocaleString('en-US'),
        r.seconds.median.toFixed(1),
      ]),
    ])}\n\nlimits: --yes above ${CONFIRM_USERS.toLocaleString('en-US')} users, at most ${MAX_USERS.toLocaleString('en-US')}\n${describeEnvironment(environment)}; ${rounds} round(s) each\n`,
  );
  const out = writeBenchResults('memory', environment, { rounds, runs: rows });
  process.stdout.write(`results written to ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Would detectors reading columns beat detectors reading event objects? (`npm run bench:cursor`; not part of
 * `npm run bench`: it answers a design question, issue 16's "the runtime and detectors read columns (or a cursor over
 * them)".)
 *
 * Simulates `scenarios/default.yaml` at 1,000 users × 7 days, writes it as NDJSON, and runs the full default detector
 * set over it fed three ways, each in its own process (a process that sees two kinds of event object makes every
 * detector's property reads polymorphic, slowing all of them):
 *
 *   a. event objects as `JSON.parse` makes them (what `detect` reads from NDJSON);
 *   b. the same objects with every string field interned (one string per distinct value: what the columnar cache's
 *      reader hands over, its strings coming from the columns' dictionaries);
 *   c. row handles over columns: one small object per event whose getters read typed arrays and interned string
 *      columns (nested objects `origin`, `device`… handles too, made on first read) — the cheapest way for detectors to
 *      read columns and still keep the events they cite as evidence (a single reused cursor cannot be kept).
 *
 * Columns are built in memory before timing, so c measures the detectors reading them, not decoding a file. Prints
 * each feed's median (slowest–fastest) of `--rounds` (default 5) after a warm-up round, and writes
 * bench-results/cursor.json. About a minute on a 2-core VM. `PUSHSTORM_BENCH_QUICK=1` shrinks it to 100 users × 3 days
 * and 2 rounds, to check that it works; those figures mean nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectorRegistry } from '../../detectors/index.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { resolveInstances } from '../../engine/runtime/resolveInstances.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '../..');
const feeds = ['objects', 'interned', 'rows'] as const;
type Feed = (typeof feeds)[number];
const feedNames: Record<Feed, string> = {
  objects: 'a. event objects from JSON.parse',
  interned: 'b. event objects, strings interned',
  rows: 'c. row handles over columns',
};

type Json = Record<string, unknown>;

/** A feed pushing `events` in order. */
const pushEach =
  (events: readonly Json[]) =>
  (push: (e: CanonicalEvent) => void): void => {
    for (const e of events) push(e as unknown as CanonicalEvent);
  };

/** The events of `file` fed as `feed`: a function pushing each, in order, into `push`. */
function feedOf(feed: Feed, lines: readonly string[]): (push: (e: CanonicalEvent) => void) => void {
  const parsed = lines.map((line) => JSON.parse(line) as Json);
  if (feed === 'objects') return pushEach(parsed);
  const strings = new Map<string, string>();
  const intern = <T>(v: T): T => {
    if (typeof v !== 'string') return v;
    const known = strings.get(v);
    if (known !== undefined) return known as T;
    strings.set(v, v);
    return v;
  };
  const internAll = (o: Json): Json =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'object' && v !== null ? internAll(v as Json) : intern(v)]));
  const interned = parsed.map(internAll);
  if (feed === 'interned') return pushEach(interned);
  return rowsOf(interned);
}

/**
 * Columns of `events` (one array per top-level field, one per nested field, a presence array per nested object) and a
 * handle class whose getters read them: `new Row(i)` is event `i`.
 */
function rowsOf(events: readonly Json[]): (push: (e: CanonicalEvent) => void) => void {
  const n = events.length;
  const nestedKeys = new Map<string, Set<string>>();
  const topKeys = new Set<string>();
  for (const e of events)
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'object' && v !== null) {
        const keys = nestedKeys.get(k) ?? new Set<string>();
        for (const kk of Object.keys(v)) keys.add(kk);
        nestedKeys.set(k, keys);
      } else topKeys.add(k);
    }
  const time = new Float64Array(n);
  const top = new Map([...topKeys].filter((k) => k !== 'time').map((k) => [k, new Array<unknown>(n)]));
  const nested = new Map(
    [...nestedKeys].map(([g, keys]) => [
      g,
      { present: new Uint8Array(n), columns: new Map([...keys].map((k) => [k, new Array<unknown>(n)])) },
    ]),
  );
  events.forEach((e, i) => {
    time[i] = e.time as number;
    for (const [k, column] of top) column[i] = e[k];
    for (const [g, { present, columns }] of nested) {
      const o = e[g] as Json | undefined;
      if (o === undefined) continue;
      present[i] = 1;
      for (const [k, column] of columns) column[i] = o[k];
    }
  });
  class Nested {
    constructor(readonly r: number) {}
  }
  const nestedClasses = new Map<string, typeof Nested>();
  for (const [g, { columns }] of nested) {
    const C = class extends Nested {};
    for (const [k, column] of columns)
      Object.defineProperty(C.prototype, k, {
        get: function (this: Nested) {
          return column[this.r];
        },
      });
    nestedClasses.set(g, C);
  }
  class Row {
    readonly cache: Record<string, Nested | undefined> = {};
    constructor(readonly r: number) {}
    get time(): number {
      return time[this.r];
    }
  }
  for (const [k, column] of top)
    Object.defineProperty(Row.prototype, k, {
      get: function (this: Row) {
        return column[this.r];
      },
    });
  for (const [g, { present }] of nested) {
    const C = nestedClasses.get(g)!;
    Object.defineProperty(Row.prototype, g, {
      get: function (this: Row) {
        if (present[this.r] === 0) return undefined;
        return (this.cache[g] ??= new C(this.r));
      },
    });
  }
  return (push) => {
    for (let i = 0; i < n; i++) push(new Row(i) as unknown as CanonicalEvent);
  };
}

const args = process.argv.slice(2);
const arg = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const rounds = Number(arg('rounds') ?? (quickBench ? 2 : 5));
const child = arg('feed') as Feed | undefined;

if (child !== undefined) {
  // One feed, in its own process: prints one JSON line of its round times.
  const lines = readFileSync(arg('file')!, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const feed = feedOf(child, lines);
  const set = resolveInstances(detectorRegistry, undefined, undefined);
  const seconds: number[] = [];
  let alerts = 0;
  for (let round = 0; round <= rounds; round++) {
    alerts = 0;
    const t0 = performance.now();
    const runtime = new DetectorRuntime(set, () => alerts++);
    feed((e) => runtime.push(e));
    runtime.finish();
    if (round > 0) seconds.push((performance.now() - t0) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ events: lines.length, alerts, seconds })}\n`);
} else {
  const environment = benchEnvironment();
  const [users, days] = quickBench ? [100, 3] : [1000, 7];
  const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days });
  const file = path.join(os.tmpdir(), `pushstorm-cursor-bench-${process.pid}.ndjson`);
  const lines: string[] = [];
  simulate(scenario, (event) => lines.push(JSON.stringify(event)));
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.error(
    `pushstorm ${environment.pushstormVersion} cursor bench: ${scenario.name}, ${users} users × ${days} days, ${lines.length} events`,
  );
  const results = feeds.map((feed) => {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--feed', feed, '--file', file, '--rounds', String(rounds)], {
      encoding: 'utf8',
    });
    const { events, alerts, seconds } = JSON.parse(out) as { events: number; alerts: number; seconds: number[] };
    return { feed, variant: feedNames[feed], events, alerts, eventsPerSecond: rateOf(events, summariseSamples(seconds)) };
  });
  rmSync(file, { force: true });
  if (new Set(results.map((r) => r.alerts)).size !== 1)
    throw new Error(`the feeds disagree on the alerts: ${results.map((r) => r.alerts).join(', ')}`);
  const base = results[0].eventsPerSecond.median;
  const rows = [
    ['full default set, fed as', 'events/s', 'vs a'],
    ...results.map((r) => [r.variant, formatWithRange(r.eventsPerSecond), (r.eventsPerSecond.median / base).toFixed(2)]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  console.log(`\n${describeEnvironment(environment)}`);
  console.log(`written: ${writeBenchResults('cursor', environment, { scenario: { name: scenario.name, users, days }, rounds, results })}`);
}

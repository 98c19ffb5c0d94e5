/**
 * `npm run bench:export`: the exported SQL on DuckDB against the streaming detector, on the same events, at 1 M and
 * 10 M events. For each exportable built-in detector (its counts lowered to 2, so that every one finds something): the streaming side reads the canonical NDJSON file
 * (`LogRecordReader`) and runs the detector; the DuckDB side runs the exported query over the same file through the
 * export's own view (`pushstorm export --events`: `read_json`), and again over a DuckDB table already loaded from it
 * (the query alone). Both sides' findings are compared (entity and decision time; the streaming runtime with a thread
 * gap of 0, as the export's test does) and the run fails if they differ.
 *
 * The events: `scenarios/default.yaml` simulated once (2,000 users × 14 days), then copied with renamed users and ids
 * until the target count is reached (copy k of user u is `u+k`), in time order — the same world, more people.
 * DuckDB's figures are its own: it runs on every core (its `threads` setting is printed) and reads the file with its
 * own JSON reader; nothing here is tuned to it. 1 M: median (slowest–fastest) of 3 rounds after a warm-up;
 * 10 M: one round. `PUSHSTORM_BENCH_QUICK=1`: 20 k and 60 k events, one round — a check that it works, figures mean
 * nothing. Writes bench-results/export.json.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { detectors } from '../../detectors/index.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { canonicalEventsView, sqlOfShape } from '../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';
import { lowCounts } from '../_fixtures/lowCounts.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const environment = benchEnvironment();
const sizes = quickBench ? [20_000, 60_000] : [1_000_000, 10_000_000];
const [users, days] = quickBench ? [100, 3] : [2000, 14];
const exportable = detectors.filter((d) => d.shape !== undefined);
const dir = mkdtempSync(path.join(tmpdir(), 'pushstorm-bench-export-'));

const base: CanonicalEvent[] = [];
simulate(await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days }), (e) => base.push(e));

/** Writes `count` events: the base world's, copied with renamed users and ids, in time order. */
async function writeEvents(file: string, count: number): Promise<void> {
  const copies = Math.ceil(count / base.length);
  const out = createWriteStream(file);
  let written = 0;
  let chunk = '';
  for (const e of base) {
    for (let k = 0; k < copies && written < count; k++, written++) {
      chunk += `${JSON.stringify(k === 0 ? e : { ...e, id: `${e.id}-${k}`, user: `${e.user}+${k}` })}\n`;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
    if (written >= count) break;
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
}

async function streaming(file: string, definition: (typeof exportable)[number]): Promise<Set<string>> {
  const found = new Set<string>();
  const runtime = new DetectorRuntime(
    [{ definition, params: lowCounts(definition) }],
    (a) => {
      if (a.status === 'open') found.add(`${a.entity.value} ${a.alertTime}`);
    },
    { threadGapMs: 0 },
  );
  for await (const event of new LogRecordReader(openEventInput(file), { format: 'canonical' }).events()) runtime.push(event);
  runtime.finish();
  return found;
}

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const threads = Number((await connection.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0].t);

async function sqlFindings(definition: (typeof exportable)[number]): Promise<Set<string>> {
  const rows = (await connection.runAndReadAll(sqlOfShape(definition.shape!, lowCounts(definition)))).getRowObjectsJS();
  return new Set(rows.map((r) => `${r.entity} ${Number(r.decision_time)}`));
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const results: object[] = [];
console.log(describeEnvironment(environment));
console.log(`DuckDB threads: ${threads}; base world: default.yaml, ${fmt(users)} users × ${days} days, ${fmt(base.length)} events\n`);
console.log(
  `${'events'.padStart(10)}  ${'detector'.padEnd(32)} ${'streaming (read + detect)'.padStart(30)} ${'DuckDB over NDJSON'.padStart(30)} ${'DuckDB, table loaded'.padStart(30)}  ratio  findings`,
);
try {
  for (const size of sizes) {
    const file = path.join(dir, `events-${size}.ndjson`);
    await writeEvents(file, size);
    const rounds = size >= 10_000_000 || quickBench ? 1 : 3;
    await connection.run(canonicalEventsView(file));
    for (const definition of exportable) {
      const t = { streaming: [] as number[], view: [] as number[], table: [] as number[] };
      let same = true;
      let findings = 0;
      for (let round = size >= 10_000_000 || quickBench ? 1 : 0; round <= rounds; round++) {
        let t0 = performance.now();
        const stream = await streaming(file, definition);
        const s = (performance.now() - t0) / 1000;
        await connection.run(canonicalEventsView(file));
        t0 = performance.now();
        const sql = await sqlFindings(definition);
        const v = (performance.now() - t0) / 1000;
        same &&= sql.size === stream.size && [...sql].every((f) => stream.has(f));
        findings = stream.size;
        // Round 0 warms up the JIT and the page cache.
        if (round > 0) {
          t.streaming.push(s);
          t.view.push(v);
        }
      }
      await connection.run(`CREATE OR REPLACE TABLE loaded AS SELECT * FROM events`);
      await connection.run(`CREATE OR REPLACE VIEW events AS SELECT * FROM loaded`);
      for (let round = size >= 10_000_000 || quickBench ? 1 : 0; round <= rounds; round++) {
        const t0 = performance.now();
        await sqlFindings(definition);
        if (round > 0) t.table.push((performance.now() - t0) / 1000);
      }
      await connection.run(canonicalEventsView(file));
      const [s, v, tb] = [t.streaming, t.view, t.table].map((x) => rateOf(size, summariseSamples(x)));
      console.log(
        `${fmt(size).padStart(10)}  ${definition.id.padEnd(32)} ${formatWithRange(s).padStart(30)} ${formatWithRange(v).padStart(30)} ${formatWithRange(tb).padStart(30)}  ${(v.median / s.median).toFixed(2).padStart(5)}  ${fmt(findings)} ${same ? 'same' : 'DIFFER'}`,
      );
      if (!same) throw new Error(`${definition.id}: the exported SQL and the streaming detector disagree at ${size} events`);
      results.push({
        events: size,
        bytes: statSync(file).size,
        detector: definition.id,
        rounds,
        streaming: s,
        duckdbNdjson: v,
        duckdbTable: tb,
        findings,
      });
    }
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('\nevents/s, median (slowest–fastest); ratio = DuckDB over NDJSON / streaming (read + detect), same file');
console.log(`→ ${writeBenchResults('export', environment, { duckdbThreads: threads, baseEvents: base.length, results })}`);

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PARQUET_EVENT_COLUMNS } from '../../../../engine/formats/parquet/parquetEventColumns.ts';
import { readParquetEventLines } from '../../../../engine/formats/parquet/readParquetEventLines.ts';
import { writeEventsParquet } from '../../../../engine/formats/parquet/writeEventsParquet.ts';
import { canonicalEventsView } from '../../../../engine/tools/export/index.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { everyStrategy, tinyScenario } from '../../../_fixtures/tinyScenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();

let files = 0;
/** Writes `lines` as an NDJSON file and converts it; returns both paths. */
async function convert(lines: readonly string[]) {
  const ndjson = join(dir, `e${files}.ndjson`);
  const parquet = join(dir, `e${files++}.parquet`);
  writeFileSync(ndjson, lines.map((l) => `${l}\n`).join(''));
  const rows = await writeEventsParquet(ndjson, parquet);
  return { ndjson, parquet, rows };
}

async function linesOf(parquet: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readParquetEventLines(parquet)) lines.push(line);
  return lines;
}

const flat = PARQUET_EVENT_COLUMNS.filter((c) => c.name !== 'event')
  .map((c) => `"${c.name}"`)
  .join(', ');

describe('writeEventsParquet', () => {
  const world = runWorld(tinyScenario({ seed: 9, users: 12, days: 2, attacks: everyStrategy() }));

  it('keeps every event, in order, as its exact NDJSON line, and its flat columns are the SQL export’s view of the NDJSON', async () => {
    const { ndjson, parquet, rows } = await convert(world.lines);
    expect(rows).toBe(world.lines.length);
    expect(await linesOf(parquet)).toEqual(world.lines);

    await connection.run(canonicalEventsView(ndjson));
    const fromNdjson = (await connection.runAndReadAll(`SELECT ${flat} FROM events`)).getRowsJS();
    await connection.run(canonicalEventsView(parquet));
    const fromParquet = (await connection.runAndReadAll(`SELECT ${flat} FROM events`)).getRowsJS();
    expect(fromParquet).toEqual(fromNdjson);
    const [ip, proxy] = ['ip', 'proxy'].map((name) => PARQUET_EVENT_COLUMNS.findIndex((c) => c.name === name));
    expect(fromParquet.some((r) => r[ip] !== null && r[proxy] === true)).toBe(true); // proxied origins are in the world
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRowsJS();
    expect(columns.map((c) => [c[0], c[1]])).toEqual(PARQUET_EVENT_COLUMNS.map((c) => [c.name, c.type]));
  });

  it('writes the same bytes for the same events', async () => {
    const a = await convert(world.lines);
    const b = await convert(world.lines);
    expect(readFileSync(b.parquet).equals(readFileSync(a.parquet))).toBe(true);
  });

  it('writes an empty file for no events, and a readable one', async () => {
    const { parquet, rows } = await convert([]);
    expect(rows).toBe(0);
    expect(await linesOf(parquet)).toEqual([]);
  });

  it('keeps any JSON text as it was: escapes, non-ASCII, line and paragraph separators, big numbers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.string(), time: fc.integer(), user: fc.string({ unit: 'grapheme' }), extra: fc.jsonValue() }), {
          maxLength: 20,
        }),
        async (events) => {
          const lines = events.map((e) => JSON.stringify(e));
          const { parquet } = await convert(lines);
          expect(await linesOf(parquet)).toEqual(lines);
        },
      ),
      { numRuns: 15 },
    );
  });
});

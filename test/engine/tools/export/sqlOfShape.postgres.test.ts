import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { eventColumns } from '../../../../engine/formats/canonical/eventColumns.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { canonicalEventsView, sqlOfShape } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { lowCounts } from '../../../_fixtures/lowCounts.ts';
import { postgresRequired, startPostgres, type TestPostgres } from '../../../_fixtures/postgres.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';

/**
 * The exported SQL is standard enough to run unchanged on a second engine: on PostgreSQL, over the same events, every
 * exportable detector's query finds what it finds on DuckDB (which the DuckDB test holds to the streaming detector).
 * Skipped where PostgreSQL is not installed, unless PUSHSTORM_REQUIRE_POSTGRES is set (CI installs it and sets it).
 */
const server = startPostgres();
const available = !('unavailable' in server);
const dir = mkdtempSync(join(tmpdir(), 'pushstorm-pgsql-'));
const duck = await (await DuckDBInstance.create(':memory:')).connect();
afterAll(() => {
  if (available) (server as TestPostgres).stop();
  rmSync(dir, { recursive: true, force: true });
});

const exportable = detectors.filter((d) => d.shape !== undefined);
const worldSizes = [
  ['duo-fraud-mute', 120, 4],
  ['uber-burst', 200, 7],
  ['hosting-spray', 200, 4],
] as const;

/** A query's findings from psql's tab-separated rows. */
const findingsOf = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [entity, time] = line.split('\t');
      return `${entity} ${Number(time)}`;
    });

describe.skipIf(!available && !postgresRequired)('exported SQL on PostgreSQL', () => {
  const found = new Map<string, number>();

  it('has a server', () => {
    expect(available, 'unavailable' in server ? server.unavailable : '').toBe(true);
  });

  it.each(worldSizes)('%s: every exportable detector finds what it finds on DuckDB, its query unchanged', async (name, users, days) => {
    const pg = server as TestPostgres;
    const events: CanonicalEvent[] = runWorld(await loadScenarioFile(`scenarios/${name}.yaml`, { users, days })).events;
    const file = join(dir, `${name}.ndjson`);
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    await duck.run(canonicalEventsView(file));
    const csv = join(dir, `${name}.csv`);
    await duck.run(`COPY (SELECT * FROM events) TO '${csv}' (HEADER)`);
    pg.psql('DROP TABLE IF EXISTS events');
    pg.psql(`CREATE TABLE events (${eventColumns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    pg.psql(`\\copy events FROM '${csv}' CSV HEADER`);
    for (const definition of exportable)
      for (const params of [defaultParams(definition), lowCounts(definition)]) {
        const query = sqlOfShape(definition.shape!, params);
        const onDuck = (await duck.runAndReadAll(query)).getRowObjectsJS().map((r) => `${r.entity} ${Number(r.decision_time)}`);
        expect(findingsOf(pg.psql(query)), `${definition.id} ${JSON.stringify(params)}`).toEqual(onDuck);
        found.set(definition.id, (found.get(definition.id) ?? 0) + onDuck.length);
      }
  });

  it('saw every detector find something, so no comparison was of nothing', () => {
    for (const d of exportable) expect(found.get(d.id) ?? 0, d.id).toBeGreaterThan(0);
  });
});

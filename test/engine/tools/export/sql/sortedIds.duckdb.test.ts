import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../../detectors/index.ts';
import type { CanonicalEvent } from '../../../../../engine/model/generated/event.ts';
import { type SqlDialect, sortedIds, sqlDialects } from '../../../../../engine/tools/export/sql/SqlDialect.ts';
import { canonicalEventsView, sqlOfShape, tumblingSqlOfShape } from '../../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../../generators/scenario/index.ts';
import { lowCounts } from '../../../../_fixtures/lowCounts.ts';
import { runWorld } from '../../../../_fixtures/runWorld.ts';
import { shapeParams, shapeStream } from '../_fixtures/shapeStreams.ts';

/**
 * Spark SQL's aggregates take no ORDER BY, so its export orders a group's evidence by sorting (time, id) structs and
 * keeping the ids ({@link sortedIds}). No Spark runs here; the same construct in DuckDB's function names does: every
 * query using it returns exactly the rows — entity, decision time and the evidence ids in order — of DuckDB's own
 * `array_agg(id ORDER BY "time", id)`, sliding and tumbling, over library worlds and generated streams.
 */
const dir = mkdtempSync(join(tmpdir(), 'pushstorm-sorted-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const connection = await (await DuckDBInstance.create(':memory:')).connect();

/** DuckDB with Spark's construct for ordered ids, spelled in DuckDB's functions. */
const sparkOrderOnDuckDb: SqlDialect = {
  ...sqlDialects.duckdb,
  orderedIds: sortedIds(
    {
      collect: 'list',
      sort: 'array_sort',
      transform: 'array_transform',
      pair: (time, id) => `struct_pack("time" := ${time}, id := ${id})`,
    },
    sqlDialects.duckdb.quote,
  ),
};

let files = 0;
/** The events as the relation `events`, written newest first: an order the aggregates must not depend on. */
async function load(events: readonly CanonicalEvent[]) {
  const file = join(dir, `e${files++}.ndjson`);
  writeFileSync(
    file,
    [...events]
      .reverse()
      .map((e) => `${JSON.stringify(e)}\n`)
      .join(''),
  );
  await connection.run(canonicalEventsView(file));
}
const rows = async (query: string) =>
  (await connection.runAndReadAll(query)).getRowObjectsJS().map((r) => JSON.stringify([r.entity, Number(r.decision_time), r.evidence]));

const exportable = detectors.filter((d) => d.shape !== undefined);
/** The detectors whose sliding or tumbling query orders ids in an aggregate (the others collect over a window frame). */
const ordering = exportable.filter((d) => d.shape!.kind !== 'each');
const forms = [sqlOfShape, tumblingSqlOfShape];

const worlds: CanonicalEvent[][] = [];
beforeAll(async () => {
  for (const [name, users] of [
    ['duo-fraud-mute', 120],
    ['uber-burst', 150],
  ] as const)
    worlds.push(runWorld(await loadScenarioFile(`scenarios/${name}.yaml`, { users, days: 3 })).events);
}, 120_000);

describe("Spark's ordering of evidence, as DuckDB runs it", () => {
  it('is the construct the Spark export writes', () => {
    const shape = ordering.find((d) => d.shape!.kind === 'bucketCount')!.shape!;
    const spark = sqlOfShape(shape, { threshold: 3, bucketMs: 300_000 }, { dialect: 'spark' });
    const duck = sqlOfShape(shape, { threshold: 3, bucketMs: 300_000 }, { dialect: sparkOrderOnDuckDb });
    const construct = (sql: string) => sql.match(/\w+\(array_sort\(\w+\((\w+)\(.*?\)\)\), e -> e\.id\)/)?.[0];
    expect(construct(spark)).toBe("transform(array_sort(collect_list(named_struct('time', `time`, 'id', id))), e -> e.id)");
    expect(construct(duck)).toBe('array_transform(array_sort(list(struct_pack("time" := "time", id := id))), e -> e.id)');
  });

  it.each(ordering.map((d) => [d.id, d] as const))('%s: the same rows and evidence order on library worlds', async (_id, definition) => {
    let found = 0;
    for (const events of worlds) {
      await load(events);
      for (const form of forms) {
        const params = lowCounts(definition, 1);
        const expected = await rows(form(definition.shape!, params));
        expect(await rows(form(definition.shape!, params, { dialect: sparkOrderOnDuckDb }))).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found, 'the worlds make it fire').toBeGreaterThan(0);
  });

  it.each(ordering.map((d) => [d.id, d] as const))(
    '%s: the same rows and evidence order on generated streams (property)',
    async (_id, definition) => {
      await fc.assert(
        fc.asyncProperty(shapeStream(60), shapeParams(definition), async (events, params) => {
          await load(events);
          for (const form of forms)
            expect(await rows(form(definition.shape!, params, { dialect: sparkOrderOnDuckDb }))).toEqual(
              await rows(form(definition.shape!, params)),
            );
        }),
        { numRuns: 40 },
      );
    },
  );
});

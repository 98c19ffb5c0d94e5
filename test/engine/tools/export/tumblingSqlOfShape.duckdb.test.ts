import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { shapeParams, shapeStream } from './_fixtures/shapeStreams.ts';
import { firingExample } from '../../../_fixtures/firingExample.ts';
import { detectors } from '../../../../detectors/index.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { DetectorShape, EventFilter } from '../../../../engine/runtime/DetectorShape.ts';
import {
  canonicalCondition,
  canonicalEventsView,
  recordMatches,
  sqlOfShape,
  tumblingSqlOfShape,
  tumblingVariant,
} from '../../../../engine/tools/export/index.ts';

/**
 * The tumbling-window variant of each shape, run on DuckDB, finds what its definition says — checked against a plain
 * reference written from that definition (group by key and epoch-aligned bucket, judge each bucket at its end) over
 * generated streams and parameters.
 */
const dir = mkdtempSync(join(tmpdir(), 'pushstorm-tumbling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const connection = await (await DuckDBInstance.create(':memory:')).connect();
let files = 0;

async function sqlFindings(query: string, events: readonly CanonicalEvent[]): Promise<string[]> {
  const file = join(dir, `e${files++}.ndjson`);
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : ''));
  await connection.run(canonicalEventsView(file));
  const rows = (await connection.runAndReadAll(query)).getRowObjectsJS();
  return [...new Set(rows.map((r) => `${r.entity} ${Number(r.decision_time)}`))].sort();
}

const accepts = (filter: EventFilter, e: CanonicalEvent) => recordMatches(canonicalCondition(filter), e);

/** The definition of the tumbling variant, in plain code. */
function reference(shape: DetectorShape, params: Record<string, number>, events: readonly CanonicalEvent[]): string[] {
  if (shape.kind === 'each' || shape.kind === 'bucketCount') throw new Error('not a windowed shape');
  const window = params[shape.windowParam];
  const buckets = new Map<string, CanonicalEvent[]>();
  for (const e of events) {
    const relevant =
      shape.kind === 'windowAt'
        ? accepts(shape.where, e)
        : shape.kind === 'countBefore'
          ? accepts(shape.trigger, e) || accepts(shape.counted, e)
          : accepts(shape.counted, e) || shape.until.some((f) => accepts(f, e));
    const key = shape.key === 'user' ? e.user : e.origin?.ip;
    if (!relevant || key === undefined) continue;
    const at = `${key} ${(Math.floor(e.time / window) + 1) * window}`;
    buckets.set(at, [...(buckets.get(at) ?? []), e]);
  }
  const found: string[] = [];
  for (const [at, es] of buckets) {
    let fires: boolean;
    if (shape.kind === 'windowAt') {
      const users = new Set(es.map((e) => e.user)).size;
      const proxies = es.filter((e) => e.origin?.proxy === true).length;
      fires = shape.anyOf.some(
        (c) =>
          (!c.singleUser || users === 1) &&
          (c.eventsAbove === undefined || es.length > params[c.eventsAbove]) &&
          (c.usersAbove === undefined || users > params[c.usersAbove]) &&
          (c.anyProxyWhen === undefined || (params[c.anyProxyWhen] >= 1 && proxies > 0)),
      );
    } else if (shape.kind === 'countBefore') {
      fires = es.some((e) => accepts(shape.trigger, e)) && es.filter((e) => accepts(shape.counted, e)).length > params[shape.aboveParam];
    } else {
      fires =
        es.filter((e) => accepts(shape.counted, e)).length >= params[shape.runsParam] &&
        !es.some((e) => shape.until.some((f) => accepts(f, e)));
    }
    if (fires) found.push(at);
  }
  return found.sort();
}

const windowed = detectors.filter((d) => d.shape !== undefined && d.shape.kind !== 'each' && d.shape.kind !== 'bucketCount');

describe('tumbling-window variants', () => {
  it('leave single-event rules and fixed buckets as they are', () => {
    for (const d of detectors.filter((d) => d.shape?.kind === 'each' || d.shape?.kind === 'bucketCount')) {
      expect(tumblingVariant(d)).toBe(d);
      expect(tumblingSqlOfShape(d.shape!, 'placeholders')).toBe(sqlOfShape(d.shape!, 'placeholders'));
    }
  });

  it.each(windowed.map((d) => [d.id, d] as const))(
    '%s: the query finds the buckets its definition says (property)',
    async (_id, definition) => {
      const [streams, params] = [shapeStream(90), shapeParams(definition, 60)];
      const example = firingExample(fc.tuple(streams, params), ([events, p]) => reference(definition.shape!, p, events).length > 0);
      let fired = 0;
      await fc.assert(
        fc.asyncProperty(streams, params, async (events, params) => {
          const expected = reference(definition.shape!, params, events);
          fired += expected.length;
          expect(await sqlFindings(tumblingSqlOfShape(definition.shape!, params), events)).toEqual(expected);
        }),
        { numRuns: 60, examples: [example] },
      );
      expect(fired, 'the streams make it fire').toBeGreaterThan(0);
    },
  );
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { canonicalEventsView, sqlOfShape } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { lowCounts } from '../../../_fixtures/lowCounts.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { shapeParams, shapeStream } from './_fixtures/shapeStreams.ts';
import { streamingFindings } from '../../../_fixtures/streamingFindings.ts';

/**
 * The exported SQL, run on DuckDB over the same events, gives the same findings as the streaming detector: the same
 * entity and the same decision time, to the millisecond. The streaming side runs with a thread gap of 0, so each
 * finding opens its own thread (findings of one key at one instant are one), and is compared as the set of
 * (entity, alert time) of those threads.
 */
const dir = mkdtempSync(join(tmpdir(), 'pushstorm-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();

let files = 0;
async function sqlFindings(definition: AnyDetectorDefinition, params: Record<string, number>, events: readonly CanonicalEvent[]) {
  const file = join(dir, `e${files++}.ndjson`);
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : ''));
  await connection.run(canonicalEventsView(file));
  const rows = (await connection.runAndReadAll(sqlOfShape(definition.shape!, params))).getRowObjects();
  return [...new Set(rows.map((r) => `${r.entity} ${Number(r.decision_time)}`))].sort();
}

const exportable = detectors.filter((d) => d.shape !== undefined);

const worlds: Record<string, CanonicalEvent[]> = {};
beforeAll(async () => {
  for (const [name, users] of [
    ['duo-fraud-mute', 120],
    ['uber-burst', 150],
    ['night-login-window', 400],
  ] as const)
    worlds[name] = runWorld(await loadScenarioFile(`scenarios/${name}.yaml`, { users, days: 3 })).events;
}, 120_000);

describe('exported SQL on DuckDB', () => {
  it('covers the detectors that state a shape', () => {
    expect(exportable.map((d) => d.id).sort()).toEqual([
      'baseline-elastic-push-denials',
      'baseline-okta-abandonment',
      'baseline-sentinel-spam-success',
      'baseline-splunk-failed-mfa',
      'fraud-report',
    ]);
  });

  it.each(exportable.map((d) => [d.id, d] as const))(
    '%s: the same findings as the streaming detector on library worlds',
    async (_id, definition) => {
      // Low counts as well as the defaults, so the count rules fire (the library's storms never reach 10 in 5 minutes).
      const settings = [defaultParams(definition), lowCounts(definition, 1)];
      let findings = 0;
      for (const events of Object.values(worlds))
        for (const params of settings) {
          const expected = streamingFindings(definition, params, events);
          expect(await sqlFindings(definition, params, events)).toEqual(expected);
          findings += expected.length;
        }
      expect(findings, 'the worlds make it fire').toBeGreaterThan(0);
    },
  );

  it.each(exportable.map((d) => [d.id, d] as const))('%s: the same findings on generated streams (property)', async (_id, definition) => {
    await fc.assert(
      fc.asyncProperty(shapeStream(60), shapeParams(definition), async (events, params) => {
        expect(await sqlFindings(definition, params, events)).toEqual(streamingFindings(definition, params, events));
      }),
      { numRuns: 80 },
    );
  });
});

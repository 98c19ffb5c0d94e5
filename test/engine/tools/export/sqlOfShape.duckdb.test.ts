import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../../../engine/runtime/DetectorRuntime.ts';
import { canonicalEventsView, sqlOfShape } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';

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

function streamingFindings(definition: AnyDetectorDefinition, params: Record<string, number>, events: readonly CanonicalEvent[]) {
  const opened: string[] = [];
  const runtime = new DetectorRuntime(
    [{ definition, params }],
    (a) => {
      if (a.status === 'open') opened.push(`${a.entity.value} ${a.alertTime}`);
    },
    { threadGapMs: 0 },
  );
  for (const e of events) runtime.push(e);
  runtime.finish();
  return [...new Set(opened)].sort();
}

const exportable = detectors.filter((d) => d.shape !== undefined);

/** The count parameters of a shape. */
function countParams(definition: AnyDetectorDefinition): string[] {
  const shape = definition.shape!;
  switch (shape.kind) {
    case 'each':
      return [];
    case 'bucketCount':
      return [shape.thresholdParam];
    case 'countBefore':
      return [shape.aboveParam];
    case 'runUntil':
      return [shape.runsParam];
    case 'windowAt':
      return shape.anyOf.flatMap((c) => [c.eventsAbove, c.usersAbove].filter((p) => p !== undefined));
  }
}

/** The detector's defaults with its shape's count parameters set low (`k`, within each parameter's range), so it fires. */
function lowCounts(definition: AnyDetectorDefinition, k: number): Record<string, number> {
  const params = defaultParams(definition);
  for (const name of countParams(definition)) params[name] = Math.max(definition.params[name].min, k);
  return params;
}
/**
 * Any parameter values a short stream can tell apart: counts from their minimum to 4 (switches such as Okta's proxy
 * clause take 0 and 1), durations anywhere in their range, on their step.
 */
function paramsArb(definition: AnyDetectorDefinition): fc.Arbitrary<Record<string, number>> {
  const specs = Object.entries(definition.params);
  return fc.record(
    Object.fromEntries(
      specs.map(([name, spec]) => [
        name,
        spec.unit === 'count'
          ? fc.integer({ min: spec.min, max: Math.min(spec.max, 4) })
          : fc.integer({ min: Math.ceil(spec.min / spec.step), max: Math.floor(spec.max / spec.step) }).map((k) => k * spec.step),
      ]),
    ),
  );
}

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
    const T0 = Date.UTC(2026, 2, 2, 9);
    const event = fc.record({
      user: fc.constantFrom('ann', 'bob', 'cy'),
      // Whole minutes and seconds, so bucket and window edges come up often.
      at: fc.integer({ min: 0, max: 60 }).map((m) => m * 60_000),
      jitter: fc.constantFrom(0, 1, 59_999),
      type: fc.constantFrom('mfa.result' as const, 'mfa.result' as const, 'mfa.result' as const, 'session.start' as const),
      outcome: fc.constantFrom('failure' as const, 'success' as const, undefined),
      result: fc.constantFrom('denied', 'timeout', 'fraud', 'approved'),
      origin: fc.option(
        fc.record({ ip: fc.constantFrom('198.51.100.7', '203.0.113.9'), proxy: fc.constantFrom(undefined, false, false, false, true) }),
        { nil: undefined, freq: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 10, maxLength: 60 }), paramsArb(definition), async (drawn, params) => {
        const events: CanonicalEvent[] = drawn
          .map((d, i) => ({
            id: `e${String(i).padStart(3, '0')}`,
            time: T0 + d.at + d.jitter,
            source: 'idp' as const,
            type: d.type,
            user: d.user,
            transaction: `t${i}`,
            ...(d.origin === undefined ? {} : { origin: d.origin.proxy === undefined ? { ip: d.origin.ip } : d.origin }),
            ...(d.type === 'mfa.result' ? { challenge: { id: `c${i}`, factor: 'push' as const, result: d.result as 'denied' } } : {}),
            ...(d.outcome === undefined ? {} : { outcome: d.outcome }),
          }))
          .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        expect(await sqlFindings(definition, params, events)).toEqual(streamingFindings(definition, params, events));
      }),
      { numRuns: 80 },
    );
  });
});

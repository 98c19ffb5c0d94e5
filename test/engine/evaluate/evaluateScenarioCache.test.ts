/**
 * A world read from the cache scores exactly as the world simulated: same score, alerts, truth and attack events,
 * byte for byte, over a few small scenarios, seeds and sizes; a changed seed or size is a miss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorRegistry, detectors } from '../../../detectors/index.ts';
import type { Evaluation } from '../../../engine/evaluate/Evaluation.ts';
import { evaluateScenario } from '../../../engine/evaluate/evaluateScenario.ts';
import { evaluateScenarioAsync } from '../../../engine/evaluate/evaluateScenarioAsync.ts';
import { parseSqlDetector } from '../../../engine/evaluate/sql/parseSqlDetector.ts';
import { WorldCache } from '../../../engine/formats/cache/WorldCache.ts';
import { defaultParams } from '../../../engine/runtime/DetectorDefinition.ts';
import { exportDetector } from '../../../engine/tools/export/index.ts';
import { resolveInstances } from '../../../engine/runtime/resolveInstances.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';

const instances = resolveInstances(detectorRegistry, undefined, undefined);
/** Everything an evaluation reports, as the bytes a user would see. */
const bytesOf = (e: Evaluation) =>
  JSON.stringify({ truth: e.truth, alerts: e.alerts, score: e.score, events: e.events, attackEvents: e.attackEvents });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-evalcache-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluateScenario with a world cache', () => {
  it('scores a cached world byte for byte as the simulated one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['scenarios/tiny.yaml', 2], ['scenarios/uber-burst.yaml', 5]),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(12, 30),
        async ([file, days], seed, users) => {
          const scenario = await loadScenarioFile(file, { seed, users, days });
          const cache = new WorldCache(mkdtempSync(join(dir, 'prop-')));
          const origins: boolean[] = [];
          const onWorld = (fromCache: boolean) => origins.push(fromCache);
          const plain = bytesOf(evaluateScenario(scenario, instances));
          const miss = bytesOf(evaluateScenario(scenario, instances, { cache, onWorld }));
          const hit = bytesOf(evaluateScenario(scenario, instances, { cache, onWorld }));
          const hitAsync = bytesOf(await evaluateScenarioAsync(scenario, instances, { cache, onWorld }));
          expect(origins).toEqual([false, true, true]);
          expect(JSON.parse(plain).attackEvents.length).toBeGreaterThan(0); // the world holds an attack to score
          expect(miss).toBe(plain);
          expect(hit).toBe(plain);
          expect(hitAsync).toBe(plain);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('gives SQL detectors (DuckDB, the async path) the same alerts and figures from the cache', async () => {
    const fraud = detectors.find((d) => d.id === 'fraud-report')!;
    const twin = parseSqlDetector(exportDetector({ definition: fraud, params: {} }, 'sql', { asDetector: true }), 'fraud-report.sql');
    const sqlInstances = [
      { definition: fraud, params: defaultParams(fraud) },
      { definition: twin, params: defaultParams(twin) },
    ];
    const scenario = await loadScenarioFile('scenarios/duo-fraud-mute.yaml', { users: 80, days: 3 });
    const cache = new WorldCache(mkdtempSync(join(dir, 'sql-')));
    const origins: boolean[] = [];
    const onWorld = (fromCache: boolean) => origins.push(fromCache);
    const plain = bytesOf(await evaluateScenarioAsync(scenario, sqlInstances));
    const miss = bytesOf(await evaluateScenarioAsync(scenario, sqlInstances, { cache, onWorld }));
    const hit = bytesOf(await evaluateScenarioAsync(scenario, sqlInstances, { cache, onWorld }));
    expect(origins).toEqual([false, true]);
    expect(JSON.parse(plain).alerts.some((a: { detector: { id: string } }) => a.detector.id === twin.id)).toBe(true);
    expect(miss).toBe(plain);
    expect(hit).toBe(plain);
  });

  it('misses when the seed, the users or the days change', async () => {
    const cache = new WorldCache(join(dir, 'overrides'));
    const origins: boolean[] = [];
    const onWorld = (fromCache: boolean) => origins.push(fromCache);
    for (const overrides of [{}, { seed: 9 }, { users: 25 }, { days: 1 }, {}])
      evaluateScenario(await loadScenarioFile('scenarios/tiny.yaml', overrides), instances, { cache, onWorld });
    expect(origins).toEqual([false, false, false, false, true]);
  });
});

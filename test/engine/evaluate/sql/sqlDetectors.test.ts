import { describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { detectEvents } from '../../../../engine/evaluate/detectEvents.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import { evaluateScenarioAsync } from '../../../../engine/evaluate/evaluateScenarioAsync.ts';
import { parseSqlDetector } from '../../../../engine/evaluate/sql/parseSqlDetector.ts';
import { DetectorModuleError } from '../../../../engine/model/errors/index.ts';
import type { DetectorScore } from '../../../../engine/evaluate/scoring/scoreAlerts.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { exportDetector } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { lowCounts } from '../../../_fixtures/lowCounts.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';

/**
 * A SQL detector runs, alerts and scores as a built-in one: every exportable built-in detector, exported as a SQL
 * detector file (`export --to sql --as-detector`) and read back, gives on the same world the same alert threads
 * (entity and opening time) and the same figures as the streaming detector — the SQL form of the public-rule
 * baselines, checked against their TypeScript versions.
 */
const exportable = detectors.filter((d) => d.shape !== undefined);

function sqlTwin(definition: AnyDetectorDefinition, params: Record<string, number>): AnyDetectorDefinition {
  const text = exportDetector({ definition, params }, 'sql', { asDetector: true });
  return parseSqlDetector(text, `${definition.id}.sql`);
}

const opened = (alerts: readonly Alert[], id: string) =>
  alerts
    .filter((a) => a.detector.id === id && a.status === 'open')
    .map((a) => `${a.entity.kind}:${a.entity.value}@${a.alertTime}`)
    .sort();

const figures = (row: DetectorScore) => ({
  alerts: row.alerts,
  falseAlerts: row.falseAlerts,
  detected: row.incidentsDetected,
  prevented: row.prevented,
  timeToDetect: row.timeToDetectMs,
  prompts: row.promptsBeforeDetection,
});

describe('SQL detectors', () => {
  it.each(exportable.map((d) => [d.id, d] as const))(
    '%s as a SQL detector: the same alerts and figures on library worlds',
    async (_id, definition) => {
      let threads = 0;
      for (const [name, users, days] of [
        ['duo-fraud-mute', 120, 4],
        ['hosting-spray', 200, 4],
        ['uber-burst', 120, 7],
      ] as const) {
        const scenario = await loadScenarioFile(`scenarios/${name}.yaml`, { users, days });
        for (const params of [defaultParams(definition), lowCounts(definition)]) {
          const twin = sqlTwin(definition, params);
          const { alerts, score } = await evaluateScenarioAsync(scenario, [
            { definition, params },
            { definition: twin, params: defaultParams(twin) },
          ]);
          expect(opened(alerts, twin.id), `${name} ${JSON.stringify(params)}`).toEqual(opened(alerts, definition.id));
          const [streaming, sql] = [definition.id, twin.id].map((id) => score.detectors.find((d) => d.detector === id)!);
          expect(figures(sql)).toEqual(figures(streaming));
          threads += opened(alerts, definition.id).length;
        }
      }
      expect(threads, 'the worlds make it fire').toBeGreaterThan(0);
    },
    120_000,
  );

  it('stops with a DetectorModuleError naming the file for a query DuckDB cannot run, and for a row without a key', async () => {
    const head = '/* pushstorm detector\nid: broken\ntitle: Broken\nseverity: low\nentity: user\n*/\n';
    const events = runWorld(await loadScenarioFile('scenarios/tiny.yaml')).events;
    const run = (query: string) => detectEvents(events, { detectors: [parseSqlDetector(`${head}${query}`, 'broken.sql')] });
    const broken = run('SELECT nosuch AS entity, "time" AS decision_time FROM events');
    await expect(broken).rejects.toBeInstanceOf(DetectorModuleError);
    await expect(broken).rejects.toThrow(/^detectors from broken\.sql: 1 problem\n {2}query: DuckDB could not run it: .*"nosuch"/);
    await expect(run('SELECT NULL AS entity, "time" AS decision_time FROM events LIMIT 1')).rejects.toThrow(
      "detectors from broken.sql: 1 problem\n  row 1: no key (column entity; the result's columns: entity, decision_time)",
    );
  });

  it('runs in detectEvents over an event array, and the synchronous evaluation refuses it', async () => {
    const scenario = await loadScenarioFile('scenarios/duo-fraud-mute.yaml', { users: 80, days: 3 });
    const { events } = runWorld(scenario);
    const fraud = detectors.find((d) => d.id === 'fraud-report')!;
    const twin = sqlTwin(fraud, {});
    const { alerts, stats } = await detectEvents(events, { detectors: ['fraud-report', twin] });
    expect(opened(alerts, twin.id)).toEqual(opened(alerts, 'fraud-report'));
    expect(stats.threads[twin.id]).toBe(opened(alerts, twin.id).length);
    expect(stats.threads[twin.id]).toBeGreaterThan(0);
    // The alerts name the events behind them, rebuilt from the table.
    const evidence = alerts.filter((a) => a.detector.id === twin.id).flatMap((a) => a.evidence);
    const ids = new Set(events.map((e) => e.id));
    expect(evidence.length).toBeGreaterThan(0);
    for (const id of evidence) expect(ids.has(id)).toBe(true);
    expect(() => evaluateScenario(scenario, [{ definition: twin, params: {} }])).toThrow(/SQL detectors/);
  });
});

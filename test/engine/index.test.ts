/** The library entry (package.json `exports["."]`), imported from source: the pipeline a program runs through it. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as pushstorm from '../../engine/index.ts';
import {
  type DetectorDefinition,
  detect,
  detectorRegistry,
  LogRecordReader,
  getLogFormat,
  parseGrid,
  ScenarioError,
  score,
  simulate,
  tune,
} from '../../engine/index.ts';

const tiny = new URL('../../scenarios/tiny.yaml', import.meta.url).pathname;

describe('the library entry', () => {
  it('simulates a scenario file, detects with the built-in detectors and scores: the tiny burst is found', async () => {
    const world = await simulate(tiny);
    expect(world.events.length).toBe(world.summary.records);
    expect(world.truth.incidents).toHaveLength(1);
    const { alerts, instances } = await detect(world.events);
    expect(instances).toHaveLength(detectorRegistry.size);
    const result = score(world.truth, alerts, { events: world.events, instances });
    expect(result.overall.recall).toBe(1);
    expect(result.detectors.map((d) => d.label)).toEqual(expect.arrayContaining([...detectorRegistry.keys()]));
  });

  it('simulates a scenario object with overrides, the same events as from the file', async () => {
    const fromFile = await simulate(tiny, { seed: 3, days: 1 });
    const fromObject = await simulate(fromFile.scenario.source as object, { seed: 3, days: 1 });
    expect(fromObject.events).toEqual(fromFile.events);
    expect(fromFile.scenario.seed).toBe(3);
  });

  it('runs a detector of the caller beside a built-in one, by definition and by id', async () => {
    const world = await simulate(tiny);
    const everyChallenge: DetectorDefinition<{ minimum: number }, number> = {
      id: 'every-challenge',
      version: '1.0.0',
      title: 'Pushes sent',
      description: 'test detector',
      severity: 'low',
      attack: { technique: 'T1621' },
      needs: ['mfa.challenge'],
      entity: 'user',
      keyOf: (e) => e.user,
      params: { minimum: { default: 3, min: 1, max: 100, step: 1, unit: 'count', description: 'pushes before an alert' } },
      create: (params) => ({
        idleMs: 86_400_000,
        init: () => 0,
        onEvent(_n, e, ctx) {
          if (++_n >= params.minimum) ctx.alert({ evidence: [e] });
        },
      }),
    };
    const { alerts } = await detect(world.events, {
      detectors: [everyChallenge, 'fraud-report'],
      params: { 'every-challenge': { minimum: 1 } },
    });
    expect(alerts.some((a) => a.detector.id === 'every-challenge')).toBe(true);
    expect(new Set(alerts.map((a) => a.detector.id)).size).toBeLessThanOrEqual(2);
    await expect(detect(world.events, { detectors: ['no-such-detector'] })).rejects.toThrow(pushstorm.ParamsError);
  });

  it('reads a vendor export back through the reader and detects on it', async () => {
    const world = await simulate(tiny);
    const encoder = getLogFormat('okta').createEncoder();
    const records = world.events
      .filter((e) => e.source === 'idp')
      .flatMap((e) => encoder.encode(e))
      .concat(encoder.end());
    const reader = new LogRecordReader(Readable.from(records.map((r) => `${JSON.stringify(r)}\n`)));
    const { alerts } = await detect(reader.events());
    expect(reader.detected?.format).toBe('okta');
    expect(reader.stats.quarantined).toBe(0);
    const fromEvents = await detect(world.events.filter((e) => e.source === 'idp'));
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.map((a) => a.detector.id).sort()).toEqual(fromEvents.alerts.map((a) => a.detector.id).sort());
  });

  it('sweeps a grid with tune', async () => {
    const scenario = await pushstorm.loadScenarioFile(tiny);
    const detector = detectorRegistry.get('mfa-without-login')!;
    const sweep = await tune([scenario], detector, parseGrid(detector, 'threshold=3|5'));
    expect(sweep.rows.filter((r) => r.kind === 'grid').map((r) => r.params.threshold)).toEqual([3, 5]);
  });

  it('simulates a world in partitions and merges them into the lines and truth of one run', async () => {
    const scenario = await pushstorm.loadScenarioFile(tiny);
    const whole: string[] = [];
    const { truth } = pushstorm.simulateEvents(scenario, (e) => whole.push(JSON.stringify(e)));
    const parts: pushstorm.PartitionOutput[] = [];
    for (const index of [2, 1]) {
      const lines: string[] = [];
      const part = await pushstorm.simulatePartition(scenario, { index, count: 2 }, (line) => lines.push(line));
      parts.push({ source: `part ${index}`, lines, ...part });
    }
    const merged: string[] = [];
    const result = await pushstorm.mergePartitions(parts, (line) => merged.push(line));
    expect(merged).toEqual(whole);
    expect(JSON.stringify(result.truth)).toBe(JSON.stringify(truth));
    await expect(pushstorm.mergePartitions(parts.slice(1), () => {})).rejects.toBeInstanceOf(pushstorm.PartitionSetError);
  });

  it('throws the error classes it exports', async () => {
    await expect(simulate({ name: 'bad', duration: 'forever' })).rejects.toBeInstanceOf(ScenarioError);
    expect(pushstorm.isPushstormError(new ScenarioError('x.yaml', [{ path: '/duration', message: 'bad' }]))).toBe(true);
  });

  it('exports values that are all defined (no re-export of a missing name)', () => {
    for (const [name, value] of Object.entries(pushstorm)) expect(value, name).toBeDefined();
    expect(pushstorm.pushstormVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

/**
 * Scoring over a space pools the worlds' own scores: each group's counts are the sums of its worlds' counts (nothing
 * lost or counted twice), a world counts for every noise kind it has, and the intervals are of the pooled counts.
 */
import { describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import { scoreSpace, type SpaceWorld } from '../../../../engine/evaluate/space/index.ts';
import { wilsonInterval } from '../../../../engine/evaluate/tuning/wilsonInterval.ts';
import { defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { resolveScenario } from '../../../../generators/scenario/index.ts';
import { sampleSpace } from '../../../../generators/space/index.ts';

const instances = detectors.map((definition) => ({ definition, params: defaultParams(definition) }));
const worlds: SpaceWorld[] = sampleSpace({ n: 6, seed: 11, families: ['burst', 'spray', 'benign'] }).map((d) => ({
  family: d.family,
  noise: d.noise,
  scenario: resolveScenario(structuredClone(d.scenario)),
}));

describe('scoreSpace', () => {
  it('pools each group from its worlds’ own scores: counts are sums, intervals of the sums', () => {
    const seen: number[] = [];
    const report = scoreSpace(worlds, instances, { onWorld: (index) => seen.push(index) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const scores = worlds.map((w) => evaluateScenario(w.scenario, instances).score);
    const sum = (pick: (i: number) => number, which: number[]) => which.reduce((total, i) => total + pick(i), 0);
    for (const { family, cells } of report.byFamily) {
      const members = worlds.flatMap((w, i) => (w.family === family ? [i] : []));
      const overall = cells.find((c) => c.detector === 'overall')!;
      expect(overall.worlds).toBe(members.length);
      expect(overall.incidents).toBe(sum((i) => scores[i].incidents, members));
      expect(overall.detected).toBe(sum((i) => scores[i].overall.incidentsDetected, members));
      expect(overall.falseAlerts).toBe(sum((i) => scores[i].overall.falseAlerts, members));
      expect(overall.userDays).toBe(sum((i) => scores[i].userDays, members));
      expect(overall.recall).toEqual(wilsonInterval(overall.detected, overall.incidents));
    }
    // Every world in `all`; in the noise groups once per kind it has (or under `none`).
    const all = report.all.find((c) => c.detector === 'overall')!;
    expect(all.worlds).toBe(worlds.length);
    const noiseWorlds = report.byNoise.reduce((total, n) => total + n.cells.find((c) => c.detector === 'overall')!.worlds, 0);
    expect(noiseWorlds).toBe(worlds.reduce((total, w) => total + Math.max(1, w.noise.length), 0));
    // One cell per detector and the overall, in every group.
    for (const group of [...report.byFamily, ...report.byNoise]) expect(group.cells).toHaveLength(detectors.length + 1);
    expect(report.events).toBeGreaterThan(0);
  });
});

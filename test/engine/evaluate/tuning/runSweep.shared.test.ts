import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../../detectors/index.ts';
import { mfaWithoutLogin } from '../../../../detectors/mfaWithoutLogin.ts';
import { parseGrid, runSweep } from '../../../../engine/evaluate/tuning/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';

describe('runSweep with a shared logic', () => {
  it('gives the figures of the same grid run with each point’s own logic', async () => {
    const scenarios = await Promise.all([
      loadScenarioFile('scenarios/uber-burst.yaml', { users: 60 }),
      loadScenarioFile('scenarios/default.yaml', { users: 100, days: 3 }),
    ]);
    const grid = parseGrid(mfaWithoutLogin, 'threshold=3..12:3,window=1m|5m|10m|30m,grace=0s|10m');
    const baselines = [detectorRegistry.get('baseline-okta-abandonment')!];
    // The same detector without `createShared`: the runtime runs each grid point with its own logic.
    const perSet = { ...mfaWithoutLogin, createShared: undefined };
    const shared = await runSweep(scenarios, mfaWithoutLogin, grid, { baselines });
    const alone = await runSweep(scenarios, perSet, grid, { baselines });
    expect(shared.rows).toEqual(alone.rows);
    expect(shared.recommended).toEqual(alone.recommended);
    expect(shared.runs).toEqual(alone.runs);
    expect(shared.rows.reduce((n, r) => n + r.pooled.alerts, 0)).toBeGreaterThan(0);
  }, 120_000);
});

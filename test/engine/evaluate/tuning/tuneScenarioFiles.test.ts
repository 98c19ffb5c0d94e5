import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDetectorInstances } from '../../../../engine/evaluate/loadDetectorInstances.ts';
import { tuneScenarioFiles } from '../../../../engine/evaluate/tuning/tuneScenarioFiles.ts';
import { OptionError } from '../../../../engine/model/errors/OptionError.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-tune-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tuneScenarioFiles', () => {
  it('sweeps every scenario under each seed and writes the recommendation as a --params file that loads back', async () => {
    const progress: string[] = [];
    const tuned = await tuneScenarioFiles(['scenarios/tiny.yaml'], {
      detector: 'denied-burst',
      grid: 'threshold=4|30',
      seeds: 2,
      baselines: false,
      writeParams: join(dir, 'tuned.json'),
      onRunDone: (index, total, run) => progress.push(`${index + 1}/${total} seed ${run.seed}`),
    });
    expect(progress).toEqual(['1/2 seed 1', '2/2 seed 2']);
    expect(tuned.result.rows.map((r) => r.kind)).toEqual(['grid', 'grid', 'defaults']);
    expect(tuned.paramsFile).toBe(join(dir, 'tuned.json'));
    const [instance] = loadDetectorInstances({ detectors: 'denied-burst', params: tuned.paramsFile });
    expect(instance.params).toEqual(tuned.result.recommended!.params);
    expect(tuned.seconds).toBe(0); // no clock given: the engine reads none
  }, 30_000);

  it('writes no parameter file when nothing is recommended, and refuses an unknown detector before simulating', async () => {
    const none = await tuneScenarioFiles(['scenarios/tiny.yaml'], {
      detector: 'denied-burst',
      grid: 'threshold=3',
      seeds: 1,
      falseAlertBudget: -1,
      writeParams: join(dir, 'none.yaml'),
    });
    expect(none.result.recommended).toBeNull();
    expect(existsSync(join(dir, 'none.yaml'))).toBe(false);
    await expect(tuneScenarioFiles(['missing.yaml'], { detector: 'nope', grid: 'threshold=3' })).rejects.toThrow(OptionError);
  }, 30_000);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deniedBurst } from '../../../../detectors/deniedBurst.ts';
import { loadDetectorInstances } from '../../../../engine/evaluate/loadDetectorInstances.ts';
import { paramsFileOf, writeParamsFile } from '../../../../engine/evaluate/tuning/writeParamsFile.ts';
import { InputError } from '../../../../engine/model/errors/InputError.ts';
import { ParamsError } from '../../../../engine/model/errors/ParamsError.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-params-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const evidence = { incidents: 2, minIncidents: 20, userDays: 80, minUserDays: 10_000, shortfalls: ['2 incidents, fewer than 20'] };
const recommendation = {
  detector: 'denied-burst',
  name: 'threshold=3,windowMs=20m',
  params: { threshold: 3, windowMs: 1_200_000 },
  tentative: true,
};

describe('writeParamsFile', () => {
  it('writes the map form --params reads, durations as durations, with a YAML note saying it is tentative', () => {
    expect(paramsFileOf(recommendation, deniedBurst)).toEqual({ 'denied-burst': { threshold: 3, windowMs: '20m' } });
    const file = join(dir, 'tuned.yaml');
    writeParamsFile(file, recommendation, deniedBurst, { pushstormVersion: '0.1.0', evidence, grid: 'threshold=3..8' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# tentative: worlds too small to decide (2 incidents, fewer than 20)');
    expect(text).toContain('denied-burst:\n  threshold: 3\n  windowMs: 20m\n');
  });

  it('round-trips: what it writes, YAML or JSON, loads back as the same parameters (property)', () => {
    const specs = deniedBurst.params;
    fc.assert(
      fc.property(
        fc.integer({ min: specs.threshold.min, max: specs.threshold.max }),
        fc.integer({ min: specs.windowMs.min / specs.windowMs.step, max: specs.windowMs.max / specs.windowMs.step }),
        fc.integer({ min: specs.outageUsers.min, max: specs.outageUsers.max }),
        fc.constantFrom('p.yaml', 'p.json'),
        (threshold, steps, outageUsers, name) => {
          const params = { threshold, windowMs: steps * specs.windowMs.step, outageUsers };
          const file = join(dir, name);
          writeParamsFile(file, { ...recommendation, params, tentative: false }, deniedBurst, {
            pushstormVersion: '0.1.0',
            evidence,
            grid: 'g',
          });
          const [instance] = loadDetectorInstances({ detectors: 'denied-burst', params: file });
          expect(instance.params).toEqual(params);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('loadDetectorInstances', () => {
  it('refuses an unreadable file and a file that is not YAML, before anything runs', () => {
    expect(() => loadDetectorInstances({ params: join(dir, 'missing.yaml') })).toThrow(InputError);
    writeFileSync(join(dir, 'bad.yaml'), 'a: [1,\n');
    expect(() => loadDetectorInstances({ params: join(dir, 'bad.yaml') })).toThrow(ParamsError);
    expect(loadDetectorInstances({ detectors: 'denied-burst, mfa-without-login' }).map((i) => i.definition.id)).toEqual([
      'denied-burst',
      'mfa-without-login',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../detectors/index.ts';
import { mfaWithoutLogin } from '../../../detectors/mfaWithoutLogin.ts';
import { parseGrid } from '../../../engine/evaluate/tuning/parseGrid.ts';
import { OptionError } from '../../../engine/model/errors/OptionError.ts';
import { ParamsError } from '../../../engine/model/errors/ParamsError.ts';
import { resolveInstances } from '../../../engine/runtime/resolveInstances.ts';

const issuesOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParamsError);
    return (error as ParamsError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
};

describe('unknown names get a "did you mean"', () => {
  it('names the detector a mistyped --detectors id meant, and lists the known ones when none is near', () => {
    expect(issuesOf(() => resolveInstances(detectorRegistry, ['mfa-without-logn', 'nope'], undefined))).toEqual([
      '--detectors[0]: unknown detector "mfa-without-logn"; did you mean "mfa-without-login"?',
      `--detectors[1]: unknown detector "nope" (known: ${[...detectorRegistry.keys()].join(', ')})`,
    ]);
  });

  it('does so in a params file, as a map and as a list', () => {
    expect(issuesOf(() => resolveInstances(detectorRegistry, undefined, { 'denied-brust': { threshold: 4 } }, 'p.yaml'))).toEqual([
      '/denied-brust: unknown detector "denied-brust"; did you mean "denied-burst"?',
    ]);
    expect(issuesOf(() => resolveInstances(detectorRegistry, undefined, [{ detector: 'spray-by-sorce' }], 'p.yaml'))).toEqual([
      '/0/detector: unknown detector "spray-by-sorce"; did you mean "spray-by-source"?',
    ]);
  });

  it('names the parameter a mistyped one meant, in the form it was written in (window or windowMs)', () => {
    expect(
      issuesOf(() =>
        resolveInstances(detectorRegistry, ['mfa-without-login'], { 'mfa-without-login': { windw: '5m', thresold: 3, graceMss: 0 } }),
      ),
    ).toEqual([
      '/mfa-without-login/windw: unknown parameter of mfa-without-login; did you mean "window"?',
      '/mfa-without-login/thresold: unknown parameter of mfa-without-login; did you mean "threshold"?',
      '/mfa-without-login/graceMss: unknown parameter of mfa-without-login; did you mean "graceMs"?',
    ]);
    expect(issuesOf(() => resolveInstances(detectorRegistry, ['mfa-without-login'], { 'mfa-without-login': { colour: 1 } }))).toEqual([
      '/mfa-without-login/colour: unknown parameter of mfa-without-login (allowed: threshold, windowMs, graceMs, outageUsers)',
    ]);
  });

  it('does so for a --grid parameter (an option of tune)', () => {
    let caught: unknown;
    try {
      parseGrid(mfaWithoutLogin, 'treshold=3..5');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionError);
    expect((caught as OptionError).issues).toEqual([
      { option: '--grid', value: 'treshold', message: 'unknown parameter of mfa-without-login; did you mean "threshold"?' },
    ]);
  });
});

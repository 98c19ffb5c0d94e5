import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../detectors/index.ts';
import { mfaWithoutLogin } from '../../../detectors/mfaWithoutLogin.ts';
import { ParamsError } from '../../../engine/model/errors/ParamsError.ts';
import type { ParamSpec } from '../../../engine/runtime/DetectorDefinition.ts';
import { checkParamValue, formatParamValue, resolveParamName } from '../../../engine/runtime/paramValues.ts';
import { resolveInstances } from '../../../engine/runtime/resolveInstances.ts';

const minute = 60_000;
const issuesOf = (paramFile: unknown): string[] => {
  try {
    resolveInstances(detectorRegistry, ['mfa-without-login'], paramFile, 'p.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ParamsError);
    return (error as ParamsError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
};

describe('resolveInstances: parameter values', () => {
  it('refuses a value off the parameter’s step, naming the step in its units (it was accepted)', () => {
    expect(issuesOf({ 'mfa-without-login': { threshold: 3.5, windowMs: '7m30s' } })).toEqual([
      "/mfa-without-login/threshold: must be a multiple of 1 (the parameter's step; got 3.5)",
      "/mfa-without-login/windowMs: must be a multiple of 1m (the parameter's step; got 7m30s)",
    ]);
  });

  it('takes a parameter with or without its Ms suffix, as --grid does, and refuses both at once', () => {
    const [instance] = resolveInstances(detectorRegistry, ['mfa-without-login'], { 'mfa-without-login': { window: '15m', grace: 0 } });
    expect(instance.params).toEqual({ threshold: 6, windowMs: 15 * minute, graceMs: 0, outageUsers: 5 });
    expect(issuesOf({ 'mfa-without-login': { window: '15m', windowMs: '20m' } })).toEqual([
      '/mfa-without-login/windowMs: given twice: window and windowMs both name windowMs',
    ]);
  });

  it('says what a duration parameter takes when given something else, and reads ranges in durations', () => {
    expect(issuesOf([{ detector: 'mfa-without-login', params: { windowMs: true, graceMs: 'soon', threshold: 'five' } }])).toEqual([
      '/0/params/windowMs: must be a duration such as "10m" or "1h30m", or a whole number of milliseconds (got true)',
      '/0/params/graceMs: not a duration (got "soon"; a duration such as "10m" or "1h30m", or a whole number of milliseconds)',
      '/0/params/threshold: must be a number (got "five")',
    ]);
    expect(issuesOf({ 'mfa-without-login': { windowMs: 10 } })).toEqual([
      '/mfa-without-login/windowMs: must be within [1m, 2h] (got 10ms)',
    ]);
    expect(issuesOf([{ detector: 'mfa-without-login', params: 'threshold=3' }])).toEqual([
      '/0/params: must be an object of parameter values',
    ]);
  });

  it('accepts exactly the values on the spec’s grid within its range (property)', () => {
    const specs = Object.values(mfaWithoutLogin.params) as ParamSpec[];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, 0.5, 0.25), (spec, k, off) => {
        const value = (k + off) * spec.step;
        const ok = checkParamValue(spec, value) === undefined;
        expect(ok).toBe(off === 0 && value >= spec.min && value <= spec.max);
      }),
    );
  });

  it('resolves names both ways, and formats values in the parameter’s units', () => {
    const specs = { windowMs: mfaWithoutLogin.params.windowMs, count: { ...mfaWithoutLogin.params.threshold } } as Record<
      string,
      ParamSpec
    >;
    expect(['window', 'windowMs', 'count', 'countMs', 'nope'].map((n) => resolveParamName(specs, n))).toEqual([
      'windowMs',
      'windowMs',
      'count',
      'count',
      undefined,
    ]);
    expect(formatParamValue(specs.windowMs, 90 * minute)).toBe('1h30m');
    expect(formatParamValue(specs.count, 3)).toBe('3');
  });
});

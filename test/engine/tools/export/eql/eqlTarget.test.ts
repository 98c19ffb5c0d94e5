import { describe, expect, it } from 'vitest';
import { baselineElasticDenials } from '../../../../../detectors/baselineElasticDenials.ts';
import { baselineOktaAbandonment } from '../../../../../detectors/baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from '../../../../../detectors/baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import { eqlTarget } from '../../../../../engine/tools/export/eql/eqlTarget.ts';
import { canonicalFields, exportsOf, type VendorFields } from '../../../../../engine/tools/export/index.ts';
import { durationParts } from '../../../../../engine/tools/export/shapeParams.ts';
import { targetProperties } from '../targetProperties.ts';
import { oktaLikeFields } from '../vendorLikeFields.ts';

const write = (definition: AnyDetectorDefinition, fields: VendorFields = canonicalFields, params = defaultParams(definition)) =>
  eqlTarget.write({ instance: { definition, params }, shape: definition.shape!, fields });

/** The query without its `//` header. */
const bodyOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('//'))
    .join('\n');

describe('EQL export: golden texts', () => {
  it.each([
    [baselineElasticDenials.id, 'canonical', baselineElasticDenials],
    [baselineSentinelSpamThenSuccess.id, 'canonical', baselineSentinelSpamThenSuccess],
    [fraudReport.id, 'canonical', fraudReport],
    [baselineElasticDenials.id, 'okta-like', baselineElasticDenials],
    [fraudReport.id, 'okta-like', fraudReport],
  ] as const)('%s (%s)', async (_id, format, definition) => {
    const text = write(definition, format === 'canonical' ? canonicalFields : oktaLikeFields);
    await expect(text).toMatchFileSnapshot(`golden/${definition.id}.${format}.eql`);
  });

  it('refuses the count shapes, saying why: EQL has no aggregation', () => {
    expect(eqlTarget.cannot(baselineSplunkFailedMfa.shape!)).toMatch(/no count aggregation/);
    expect(eqlTarget.cannot(baselineOktaAbandonment.shape!)).toMatch(/no count or distinct-count aggregation/);
    expect(exportsOf(baselineSplunkFailedMfa)).not.toContain('eql');
    expect(exportsOf(baselineElasticDenials)).toContain('eql');
  });

  it('writes countBefore as a sequence of above + 1 counted records and then the trigger', () => {
    const params = { failuresAbove: 3, spanMs: 120_000 };
    expect(bodyOf(write(baselineSentinelSpamThenSuccess, canonicalFields, params))).toBe(
      [
        'sequence by user with maxspan=2m',
        '  [any where type == "mfa.result" and challenge.result in ("denied", "timeout")] with runs=4',
        '  [any where type == "mfa.result" and challenge.result == "approved"]',
        '',
      ].join('\n'),
    );
  });

  it('escapes a field name EQL would read as a keyword or cannot read bare', () => {
    const odd: VendorFields = { ...canonicalFields, key: () => 'by', where: () => ({ field: 'a-b.c', notOneOf: ['x', 2] }) };
    expect(bodyOf(write(fraudReport, odd))).toBe('any where (`a-b.c` == null or `a-b.c` not in ("x", 2))\n');
    expect(bodyOf(write(baselineElasticDenials, odd))).toMatch(/^sequence by `by` with maxspan=10m\n/);
  });
});

targetProperties(eqlTarget, bodyOf, (shape, param, value) => {
  if (shape.kind === 'countBefore' && param === shape.aboveParam) return new RegExp(`runs=${value + 1}\\n`);
  if (shape.kind === 'runUntil' && param === shape.runsParam) return new RegExp(`runs=${value}\\n`);
  const { amount, unit } = durationParts(value);
  return new RegExp(`maxspan=${amount}${unit}\\n`);
});

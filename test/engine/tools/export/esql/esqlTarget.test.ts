import { describe, expect, it } from 'vitest';
import { baselineElasticDenials } from '../../../../../detectors/baselineElasticDenials.ts';
import { baselineOktaAbandonment } from '../../../../../detectors/baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from '../../../../../detectors/baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import { esqlTarget } from '../../../../../engine/tools/export/esql/esqlTarget.ts';
import { canonicalFields, type VendorFields } from '../../../../../engine/tools/export/index.ts';
import { durationParts } from '../../../../../engine/tools/export/shapeParams.ts';
import { standalone, targetProperties } from '../targetProperties.ts';
import { oktaLikeFields } from '../vendorLikeFields.ts';

const write = (definition: AnyDetectorDefinition, fields: VendorFields = canonicalFields, params = defaultParams(definition)) =>
  esqlTarget.write({ instance: { definition, params }, shape: definition.shape!, fields });

/** The query without its `//` header. */
const bodyOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('//'))
    .join('\n');

const unitNames = { d: 'day', h: 'hour', m: 'minute', s: 'second', ms: 'millisecond' };

describe('ES|QL export: golden texts', () => {
  it.each([
    [baselineSplunkFailedMfa.id, 'canonical', baselineSplunkFailedMfa],
    [baselineOktaAbandonment.id, 'canonical', baselineOktaAbandonment],
    [baselineElasticDenials.id, 'canonical', baselineElasticDenials],
    [baselineSentinelSpamThenSuccess.id, 'okta-like', baselineSentinelSpamThenSuccess],
    [fraudReport.id, 'okta-like', fraudReport],
  ] as const)('%s (%s)', async (_id, format, definition) => {
    const text = write(definition, format === 'canonical' ? canonicalFields : oktaLikeFields);
    await expect(text).toMatchFileSnapshot(`golden/${definition.id}.${format}.esql`);
  });

  it('says in the header of every windowed query that it is bucketed, and not for the exact shapes', () => {
    for (const definition of [baselineOktaAbandonment, baselineElasticDenials, baselineSentinelSpamThenSuccess])
      expect(write(definition)).toMatch(/^\/\/ semantics \(\w+\): .*\n\/\/ .*Bucketed\. ES\|QL has no sliding window/m);
    for (const definition of [baselineSplunkFailedMfa, fraudReport]) expect(write(definition)).not.toContain('Bucketed');
    expect(esqlTarget.semantics).toContain('ES|QL has no sliding window');
  });

  it('reads the index pushstorm replay sends the format’s records to', () => {
    expect(bodyOf(write(fraudReport))).toMatch(/^FROM pushstorm-events\n/);
    expect(bodyOf(write(fraudReport, oktaLikeFields))).toMatch(/^FROM pushstorm-okta\n/);
  });

  it('writes a duration in the largest unit that holds it exactly', () => {
    const params = { threshold: 3, bucketMs: 90_000 };
    expect(bodyOf(write(baselineSplunkFailedMfa, canonicalFields, params))).toContain('BUCKET(@timestamp, 90 seconds)');
    expect(bodyOf(write(baselineSplunkFailedMfa, canonicalFields, { threshold: 3, bucketMs: 60_000 }))).toContain(
      'bucket = BUCKET(@timestamp, 1 minute)',
    );
  });

  it('keeps a disjunction apart from the key test it is joined with', () => {
    const either: VendorFields = {
      ...canonicalFields,
      where: () => ({
        any: [
          { field: 'type', oneOf: ['a'] },
          { field: 'outcome', oneOf: ['b'] },
        ],
      }),
    };
    expect(bodyOf(write(baselineOktaAbandonment, either))).toContain('| WHERE (type == "a" OR outcome == "b") AND origin.ip IS NOT NULL\n');
  });

  it('quotes a field name ES|QL would read as a keyword, and escapes LIKE’s wildcards', () => {
    const odd: VendorFields = { ...canonicalFields, key: () => 'by.x', where: () => ({ field: 'a', contains: 'x*y?' }) };
    expect(bodyOf(write(fraudReport, odd))).toContain(
      '| WHERE a LIKE "*x\\\\*y\\\\?*"\n| EVAL decision_time = @timestamp, entity = `by.x`',
    );
  });
});

targetProperties(esqlTarget, bodyOf, (shape, param, value) => {
  const durations = ['bucketParam' in shape ? shape.bucketParam : undefined, 'windowParam' in shape ? shape.windowParam : undefined];
  if (!durations.includes(param)) return standalone(String(value));
  const { amount, unit } = durationParts(value);
  return new RegExp(`BUCKET\\(@timestamp, ${amount} ${unitNames[unit]}s?\\)`);
});

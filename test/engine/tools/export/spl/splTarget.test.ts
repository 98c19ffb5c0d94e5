import { describe, expect, it } from 'vitest';
import { baselineElasticDenials } from '../../../../../detectors/baselineElasticDenials.ts';
import { baselineOktaAbandonment } from '../../../../../detectors/baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from '../../../../../detectors/baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { NotExportableError } from '../../../../../engine/model/errors/index.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import { canonicalFields, type VendorFields } from '../../../../../engine/tools/export/index.ts';
import { splTarget } from '../../../../../engine/tools/export/spl/splTarget.ts';
import { standalone, targetProperties } from '../targetProperties.ts';
import { oktaLikeFields } from '../vendorLikeFields.ts';

const write = (definition: AnyDetectorDefinition, fields: VendorFields = canonicalFields, params = defaultParams(definition)) =>
  splTarget.write({ instance: { definition, params }, shape: definition.shape!, fields });

/** The search without its header (the first ``` comment). */
const bodyOf = (text: string) => text.slice(text.indexOf('```', 3) + 4);

describe('SPL export: golden texts', () => {
  it.each([
    [baselineSplunkFailedMfa.id, 'canonical', baselineSplunkFailedMfa],
    [baselineElasticDenials.id, 'canonical', baselineElasticDenials],
    [baselineOktaAbandonment.id, 'canonical', baselineOktaAbandonment],
    [baselineSentinelSpamThenSuccess.id, 'okta-like', baselineSentinelSpamThenSuccess],
    [fraudReport.id, 'okta-like', fraudReport],
  ] as const)('%s (%s)', async (_id, format, definition) => {
    const text = write(definition, format === 'canonical' ? canonicalFields : oktaLikeFields);
    await expect(text).toMatchFileSnapshot(`golden/${definition.id}.${format}.spl`);
  });

  it('searches canonical events under pushstorm:idp and a vendor log under its add-on’s sourcetype', () => {
    expect(write(fraudReport)).toContain('search sourcetype="pushstorm:idp" ');
    expect(write(fraudReport, oktaLikeFields)).toContain('search sourcetype="OktaIM2:log" ');
  });

  it('sorts by time before every streamstats time_window, with no row limit', () => {
    for (const definition of [baselineElasticDenials, baselineOktaAbandonment, baselineSentinelSpamThenSuccess]) {
      const lines = bodyOf(write(definition)).split('\n');
      const sort = lines.findIndex((l) => l.startsWith('| sort 0 _time'));
      expect(sort).toBeGreaterThan(0);
      lines.forEach((line, i) => {
        if (line.includes('time_window=')) expect(i).toBeGreaterThan(sort);
      });
    }
  });

  it('orders one millisecond’s records by record id for runUntil, and leaves the id out where the log has none', () => {
    expect(write(baselineElasticDenials, oktaLikeFields)).toContain('| sort 0 _time str(uuid)\n');
    expect(write(baselineElasticDenials, { ...oktaLikeFields, id: undefined })).toContain('| sort 0 _time\n');
  });

  it('refuses a duration that is not whole seconds (time_window and span take seconds)', () => {
    const params = { ...defaultParams(baselineSplunkFailedMfa), bucketMs: 90_500 };
    expect(() => write(baselineSplunkFailedMfa, canonicalFields, params)).toThrow(NotExportableError);
    expect(() => write(baselineSplunkFailedMfa, canonicalFields, params)).toThrow(/whole seconds; bucketMs is 90500 ms/);
  });

  it('leaves the proxy out when its clause is off, and refuses the clause for a log without a proxy flag', () => {
    const off = { ...defaultParams(baselineOktaAbandonment), proxyClause: 0 };
    expect(write(baselineOktaAbandonment, canonicalFields, off)).not.toContain('proxies');
    expect(write(baselineOktaAbandonment, { ...oktaLikeFields, proxy: undefined }, off)).toContain('dc(login) as users by entity');
    expect(() => write(baselineOktaAbandonment, { ...oktaLikeFields, proxy: undefined })).toThrow(/has no proxy flag/);
  });

  it('refuses a value holding Splunk’s * wildcard, which search cannot escape', () => {
    const starred: VendorFields = { ...oktaLikeFields, where: () => ({ field: 'eventType', oneOf: ['user.*'] }) };
    expect(() => write(fraudReport, starred)).toThrow(/wildcard/);
  });
});

targetProperties(splTarget, bodyOf, (shape, param, value) => {
  const durations = ['bucketParam' in shape ? shape.bucketParam : undefined, 'windowParam' in shape ? shape.windowParam : undefined];
  return durations.includes(param) ? new RegExp(`(span|time_window)=${value / 1000}s`) : standalone(String(value));
});

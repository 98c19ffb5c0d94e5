import { describe, expect, it } from 'vitest';
import { baselineElasticDenials } from '../../../../../detectors/baselineElasticDenials.ts';
import { baselineOktaAbandonment } from '../../../../../detectors/baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from '../../../../../detectors/baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { NotExportableError } from '../../../../../engine/model/errors/index.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import type { WindowClause } from '../../../../../engine/runtime/DetectorShape.ts';
import { eqlTarget } from '../../../../../engine/tools/export/eql/eqlTarget.ts';
import {
  canonicalFields,
  exportDetector,
  exportsOf,
  type VendorFields,
  whyNotExportable,
} from '../../../../../engine/tools/export/index.ts';
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
    [baselineSplunkFailedMfa.id, 'canonical', baselineSplunkFailedMfa],
    [baselineSplunkFailedMfa.id, 'okta-like', baselineSplunkFailedMfa],
    [fraudReport.id, 'canonical', fraudReport],
    [baselineElasticDenials.id, 'okta-like', baselineElasticDenials],
    [fraudReport.id, 'okta-like', fraudReport],
  ] as const)('%s (%s)', async (_id, format, definition) => {
    const text = write(definition, format === 'canonical' ? canonicalFields : oktaLikeFields);
    await expect(text).toMatchFileSnapshot(`golden/${definition.id}.${format}.eql`);
  });

  it('writes bucketCount as its sliding variant: threshold runs within the bucket length, the header naming --windowing sliding', () => {
    const text = write(baselineSplunkFailedMfa, canonicalFields, { threshold: 4, bucketMs: 90_000 });
    expect(bodyOf(text)).toBe(
      ['sequence by user with maxspan=90s', '  [any where type == "mfa.result" and outcome == "failure"] with runs=4', ''].join('\n'),
    );
    expect(text.replace(/\n\/\/ /g, ' ')).toContain('pushstorm run|detect|tune|gate --windowing sliding');
    expect(exportsOf(baselineSplunkFailedMfa)).toContain('eql');
    // A count of one is every record: a sequence needs two stages, so a single-record query.
    const one = {
      ...baselineSplunkFailedMfa,
      params: { ...baselineSplunkFailedMfa.params, threshold: { ...baselineSplunkFailedMfa.params.threshold, min: 1 } },
    };
    expect(bodyOf(write(one, canonicalFields, { threshold: 1, bucketMs: 300_000 }))).toBe(
      'any where type == "mfa.result" and outcome == "failure" and user != null\n',
    );
  });

  it('refuses a count above the runs limit of 100, saying so', () => {
    const params = { threshold: 101, bucketMs: 300_000 };
    expect(eqlTarget.cannot(baselineSplunkFailedMfa.shape!)).toBeUndefined();
    expect(whyNotExportable(baselineSplunkFailedMfa, 'eql', 'canonical', params)).toBe(
      'EQL counts with a sequence of one stage repeated (`with runs=`, 1 to 100): threshold=101 is above that (lower it, or export to ES|QL, KQL or SQL)',
    );
    expect(() => exportDetector({ definition: baselineSplunkFailedMfa, params }, 'eql')).toThrow(NotExportableError);
    expect(bodyOf(write(baselineSplunkFailedMfa, canonicalFields, { threshold: 100, bucketMs: 300_000 }))).toMatch(/with runs=100\n$/);
    // Every sequence counts with runs: the other count shapes too.
    expect(whyNotExportable(baselineSentinelSpamThenSuccess, 'eql', 'canonical', { failuresAbove: 100, spanMs: 300_000 })).toMatch(
      /: failuresAbove=100 needs runs=101, which is above that/,
    );
    expect(whyNotExportable(baselineElasticDenials, 'eql', 'canonical', { runs: 101, maxspanMs: 600_000 })).toMatch(
      /: runs=101 is above that/,
    );
    expect(whyNotExportable(baselineElasticDenials, 'eql', 'canonical', { runs: 100, maxspanMs: 600_000 })).toBeUndefined();
  });

  it('refuses Okta abandonment, naming each clause a distinct count of users would need', () => {
    const why = eqlTarget.cannot(baselineOktaAbandonment.shape!);
    expect(why).toBe(
      'EQL has no count aggregation over a window: ' +
        'clause 1 of 3 (one user only and more than eventsAbove events) needs the number of distinct users in the window, and EQL has no distinct count (a sequence counts records, never their values); ' +
        'clause 2 of 3 (more than usersAbove distinct users) needs the number of distinct users in the window, and EQL has no distinct count (a sequence counts records, never their values). ' +
        'Writing the other clauses alone would find less than the detector, so nothing is written (export it to KQL or SQL: exact sliding windows; or ES|QL: tumbling buckets)',
    );
    // At any parameter values, the proxy clause off too.
    expect(whyNotExportable(baselineOktaAbandonment, 'eql', 'okta', { ...defaultParams(baselineOktaAbandonment), proxyClause: 0 })).toBe(
      why,
    );
    expect(exportsOf(baselineOktaAbandonment)).not.toContain('eql');
  });

  describe('windowAt: what EQL can say of a clause, and nothing else', () => {
    const windowAt = (anyOf: WindowClause[]): AnyDetectorDefinition => ({
      ...baselineOktaAbandonment,
      id: 'window-at',
      shape: { kind: 'windowAt', key: 'source', where: { types: ['mfa.result'], results: ['timeout'] }, windowParam: 'windowMs', anyOf },
    });
    const params = { eventsAbove: 5, usersAbove: 5, proxyClause: 1, windowMs: 3_600_000 };

    it('more than N events: a sequence of N + 1 runs within the window, by the source', () => {
      expect(bodyOf(write(windowAt([{ eventsAbove: 'eventsAbove' }]), canonicalFields, params))).toBe(
        [
          'sequence by origin.ip with maxspan=1h',
          '  [any where type == "mfa.result" and challenge.result == "timeout"] with runs=6',
          '',
        ].join('\n'),
      );
      expect(
        whyNotExportable(windowAt([{ eventsAbove: 'eventsAbove' }]), 'eql', 'canonical', { ...params, eventsAbove: 99 }),
      ).toBeUndefined();
      expect(whyNotExportable(windowAt([{ eventsAbove: 'eventsAbove' }]), 'eql', 'canonical', { ...params, eventsAbove: 100 })).toMatch(
        /more than 100 events needs runs=101/,
      );
    });

    it('any from a proxy: a single-record query on the proxy flag and the source', () => {
      const proxy = windowAt([{ anyProxyWhen: 'proxyClause' }]);
      expect(bodyOf(write(proxy, canonicalFields, params))).toBe(
        'any where type == "mfa.result" and challenge.result == "timeout" and origin.proxy == true and origin.ip != null\n',
      );
      expect(bodyOf(write(proxy, oktaLikeFields, params))).toMatch(
        / and securityContext\.isProxy == true and client\.ipAddress != null\n$/,
      );
      expect(whyNotExportable(proxy, 'eql', 'canonical', { ...params, proxyClause: 0 })).toMatch(/^no clause is on/);
    });

    it('a proxy switched off leaves the count clause alone; two clauses on are refused (an EQL rule is one query)', () => {
      const both = windowAt([{ eventsAbove: 'eventsAbove' }, { anyProxyWhen: 'proxyClause' }]);
      expect(whyNotExportable(both, 'eql', 'canonical', params)).toMatch(
        /^an EQL rule is one query, and the 2 clauses that are on would be 2/,
      );
      expect(bodyOf(write(both, canonicalFields, { ...params, proxyClause: 0 }))).toMatch(/with runs=6\n$/);
    });

    it('a proxy among the counted records cannot be asked of one run only', () => {
      expect(eqlTarget.cannot(windowAt([{ eventsAbove: 'eventsAbove', anyProxyWhen: 'proxyClause' }]).shape!)).toMatch(
        /clause 1 of 1 \(more than eventsAbove events and any from a proxy \(while proxyClause = 1\)\) needs one proxy record among the counted ones/,
      );
    });
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
  if (shape.kind === 'bucketCount' && param === shape.thresholdParam) return new RegExp(`runs=${value}\\n`);
  if (shape.kind === 'countBefore' && param === shape.aboveParam) return new RegExp(`runs=${value + 1}\\n`);
  if (shape.kind === 'runUntil' && param === shape.runsParam) return new RegExp(`runs=${value}\\n`);
  const { amount, unit } = durationParts(value);
  return new RegExp(`maxspan=${amount}${unit}\\n`);
});

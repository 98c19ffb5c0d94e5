import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineElasticDenials } from '../../../../../detectors/baselineElasticDenials.ts';
import { baselineOktaAbandonment } from '../../../../../detectors/baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from '../../../../../detectors/baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import { canonicalFields, type VendorFields } from '../../../../../engine/tools/export/index.ts';
import { kqlTarget } from '../../../../../engine/tools/export/kql/kqlTarget.ts';
import { durationParts } from '../../../../../engine/tools/export/shapeParams.ts';
import { mappedFormats, paramsArb, shaped, standalone, targetProperties } from '../targetProperties.ts';
import { signinLogsLikeFields } from '../vendorLikeFields.ts';
import { kustoErrors } from './kustoLanguageService.ts';

const write = (definition: AnyDetectorDefinition, fields: VendorFields = canonicalFields, params = defaultParams(definition)) =>
  kqlTarget.write({ instance: { definition, params }, shape: definition.shape!, fields });

/** The query without its `//` header. */
const bodyOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('//'))
    .join('\n');

describe('KQL export: golden texts', () => {
  it.each([
    [baselineSplunkFailedMfa.id, 'canonical', baselineSplunkFailedMfa],
    [baselineSentinelSpamThenSuccess.id, 'canonical', baselineSentinelSpamThenSuccess],
    [baselineOktaAbandonment.id, 'canonical', baselineOktaAbandonment],
    [baselineElasticDenials.id, 'signinlogs-like', baselineElasticDenials],
    [fraudReport.id, 'signinlogs-like', fraudReport],
  ] as const)('%s (%s)', async (_id, format, definition) => {
    const text = write(definition, format === 'canonical' ? canonicalFields : signinLogsLikeFields);
    await expect(text).toMatchFileSnapshot(`golden/${definition.id}.${format}.kql`);
  });

  it('reads SigninLogs for Entra ID and the canonical events’ custom table otherwise', () => {
    expect(bodyOf(write(fraudReport, signinLogsLikeFields))).toMatch(/^SigninLogs\n/);
    expect(bodyOf(write(fraudReport))).toMatch(/^PushstormEvents_CL\n/);
  });

  it('brackets a column KQL would read as a keyword', () => {
    const timeKeyed: VendorFields = { ...canonicalFields, key: () => 'time', where: () => ({ field: 'where.to.x', oneOf: ['x'] }) };
    const body = bodyOf(write(fraudReport, timeKeyed));
    expect(body).toContain("tostring(['where']['to'].x) == \"x\"");
    expect(body).toContain("entity = tostring(['time'])");
  });
});

describe('KQL export: Microsoft’s Kusto language service', () => {
  it('finds errors in a broken query, and in a query naming a column the table lacks (the check can fail)', () => {
    expect(kustoErrors('PushstormEvents_CL\n| where tostring(user) ==\n| summarize by')).not.toEqual([]);
    expect(kustoErrors('PushstormEvents_CL | where tostring(usr) == "a"')).toEqual([
      "36: The name 'usr' does not refer to any known column, table, variable or function.",
    ]);
    expect(kustoErrors('SigninLogs | where tostring(Status.errorCode) == "0" | project UserPrincipalName')).toEqual([]);
    expect(kustoErrors('SigninLogs | project user')).not.toEqual([]);
  });

  it.each(shaped.map((d) => [d.id, d] as const))(
    '%s parses clean, its columns known, at any parameter values and for every mapped format',
    (_id, definition) => {
      const formats = [...mappedFormats(kqlTarget), signinLogsLikeFields];
      fc.assert(
        fc.property(paramsArb(definition), (params) => {
          for (const fields of formats) {
            // A proxy clause needs a proxy flag, which SigninLogs has not: that export refuses (tested below).
            const usable = fields.proxy !== undefined || definition.shape!.kind !== 'windowAt' ? params : { ...params, proxyClause: 0 };
            expect(kustoErrors(write(definition, fields, usable))).toEqual([]);
          }
        }),
        { numRuns: 15 },
      );
    },
  );

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
    const text = write(baselineOktaAbandonment, either);
    expect(text).toContain('| where (tostring(type) == "a" or tostring(outcome) == "b") and isnotempty(tostring(origin.ip))');
    expect(kustoErrors(text)).toEqual([]);
  });

  it('refuses the proxy clause where the log has no proxy flag', () => {
    expect(() => write(baselineOktaAbandonment, signinLogsLikeFields)).toThrow(/has no proxy flag/);
  });
});

targetProperties(kqlTarget, bodyOf, (shape, param, value) => {
  const durations = ['bucketParam' in shape ? shape.bucketParam : undefined, 'windowParam' in shape ? shape.windowParam : undefined];
  if (!durations.includes(param)) return standalone(String(value));
  const { amount, unit } = durationParts(value);
  return standalone(`${amount}${unit}`);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { detectors } from '../../../../../detectors/index.ts';
import { NotExportableError } from '../../../../../engine/model/errors/index.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import type { EventFilter } from '../../../../../engine/runtime/DetectorShape.ts';
import { exportDetector, exportsOf, type RecordCondition, type VendorFields } from '../../../../../engine/tools/export/index.ts';
import { sigmaTimespan } from '../../../../../engine/tools/export/sigma/_internal/sigmaTimespan.ts';
import { sigmaTarget } from '../../../../../engine/tools/export/sigma/sigmaTarget.ts';
import { schemaErrors, schemasFor } from './sigmaSchemas.ts';

type Doc = Record<string, any>;

const exportable = detectors.filter((d) => d.shape !== undefined);
const byId = (id: string) => exportable.find((d) => d.id === id)!;

/** The YAML documents of an export, each parsed without error. */
function documents(text: string): Doc[] {
  const parsed = parseAllDocuments(text);
  if (!Array.isArray(parsed)) throw new Error('not a YAML stream');
  for (const d of parsed) expect(d.errors).toEqual([]);
  return parsed.map((d) => d.toJS() as Doc);
}

const sigma = (definition: AnyDetectorDefinition, params: Record<string, number>) => exportDetector({ definition, params }, 'sigma');

/** Any parameter values of a detector: every value its specs allow, on their steps. */
function paramsArb(definition: AnyDetectorDefinition): fc.Arbitrary<Record<string, number>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(definition.params).map(([name, spec]) => [
        name,
        fc.integer({ min: Math.ceil(spec.min / spec.step), max: Math.floor(spec.max / spec.step) }).map((k) => k * spec.step),
      ]),
    ),
  );
}

/**
 * What every exported file must be: documents valid against their Sigma schemas; ids and names unique; each
 * correlation's rules defined in the file and each non-alerting rule referred to; metadata on the alerting rules only;
 * an extended condition naming exactly its rules, as identifiers pySigma's condition grammar reads.
 */
function expectWellFormed(docs: Doc[]): void {
  for (const doc of docs) expect(schemaErrors(doc, schemasFor(doc)), doc.title).toEqual([]);
  const ids = docs.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
  const named = docs.filter((d) => d.name !== undefined);
  const names = new Set(named.map((d) => d.name as string));
  expect(names.size).toBe(named.length);
  const referred = new Set(docs.flatMap((d) => (d.correlation?.rules ?? []) as string[]));
  for (const rule of referred) expect(names).toContain(rule);
  for (const name of names) expect(referred).toContain(name);
  const alerting = docs.filter((d) => d.level !== undefined);
  expect(alerting.length).toBeGreaterThan(0);
  expect(docs.slice(0, alerting.length)).toEqual(alerting);
  for (const d of docs.slice(alerting.length))
    expect([d.status, d.level, d.description, d.tags]).toEqual([undefined, undefined, undefined, undefined]);
  for (const d of alerting) {
    expect(d).toMatchObject({ status: 'experimental', author: 'pushstorm export', tags: ['attack.credential-access', 'attack.t1621'] });
    expect(d.date).toBeUndefined(); // nothing derived from the clock
  }
  for (const d of docs.filter((x) => typeof x.correlation?.condition === 'string')) {
    const words = (d.correlation.condition as string).split(/[\s()]+/).filter((w) => w !== '');
    const identifiers = words.filter((w) => !['and', 'or', 'not'].includes(w));
    for (const w of identifiers) expect(w).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect([...new Set(identifiers)].sort()).toEqual([...d.correlation.rules].sort());
  }
}

/** The count conditions of an export's correlations, and the timespans they use. */
function counts(docs: Doc[]): { conditions: string[]; timespans: Set<string> } {
  const correlations = docs.filter((d) => d.correlation !== undefined).map((d) => d.correlation);
  const conditions = correlations
    .filter((c) => typeof c.condition === 'object')
    .flatMap((c) => Object.entries(c.condition as Record<string, unknown>).filter(([k]) => k !== 'field'))
    .map(([k, v]) => `${k} ${v}`)
    .sort();
  return { conditions, timespans: new Set(correlations.map((c) => c.timespan as string)) };
}

/** The count conditions and the timespan a detector's parameters must put into its rules. */
function expectedCounts(definition: AnyDetectorDefinition, p: Record<string, number>): { conditions: string[]; timespan?: string } {
  const shape = definition.shape!;
  switch (shape.kind) {
    case 'each':
      return { conditions: [] };
    case 'bucketCount':
      return { conditions: [`gte ${p[shape.thresholdParam]}`], timespan: sigmaTimespan(p[shape.bucketParam]) };
    case 'countBefore':
      return { conditions: [`gt ${p[shape.aboveParam]}`], timespan: sigmaTimespan(p[shape.windowParam]) };
    case 'runUntil':
      return { conditions: [`gte ${p[shape.runsParam]}`], timespan: sigmaTimespan(p[shape.windowParam]) };
    case 'windowAt': {
      const conditions = shape.anyOf
        .filter((c) => c.anyProxyWhen === undefined || p[c.anyProxyWhen] >= 1)
        .flatMap((c) => [
          ...(c.singleUser ? ['eq 1'] : []),
          ...(c.eventsAbove === undefined ? [] : [`gt ${p[c.eventsAbove]}`]),
          ...(c.usersAbove === undefined ? [] : [`gt ${p[c.usersAbove]}`]),
        ]);
      return { conditions: conditions.sort(), timespan: sigmaTimespan(p[shape.windowParam]) };
    }
  }
}

/** An Okta-like log made up for the test: vendor field names with dots, values in upper case, a proxy flag. */
const oktaLike: VendorFields = {
  format: 'okta',
  title: 'an Okta-like test log',
  where(filter: EventFilter) {
    const eventTypes = filter.types.map((t) =>
      t === 'mfa.result' ? 'user.authentication.auth_via_mfa' : t === 'session.start' ? 'user.session.start' : undefined,
    );
    if (eventTypes.includes(undefined)) return { cannot: `it has no record for ${filter.types.join(', ')}` };
    const all: RecordCondition[] = [{ field: 'eventType', oneOf: eventTypes as string[] }];
    if (filter.outcome !== undefined) all.push({ field: 'outcome.result', oneOf: [filter.outcome.toUpperCase()] });
    if (filter.outcomeNot !== undefined) all.push({ field: 'outcome.result', notOneOf: [filter.outcomeNot.toUpperCase()] });
    if (filter.results !== undefined)
      all.push({ field: 'debugContext.debugData.pushResult', oneOf: filter.results.map((r) => r.toUpperCase()) });
    return { all };
  },
  key: (key) => (key === 'user' ? 'actor.alternateId' : 'client.ipAddress'),
  user: 'actor.alternateId',
  time: 'published',
  proxy: 'securityContext.isProxy',
};

const write = (definition: AnyDetectorDefinition, fields: VendorFields, params = defaultParams(definition)) =>
  sigmaTarget.write({ instance: { definition, params }, shape: definition.shape!, fields });

describe('Sigma export', () => {
  it('takes every detector that states a shape', () => {
    expect(exportable.length).toBeGreaterThanOrEqual(5);
    for (const d of exportable) expect(exportsOf(d)).toContain('sigma');
  });

  it.each(exportable.map((d) => [d.id, d] as const))(
    '%s: every document is valid against its Sigma schema, with the defaults and any other parameter values',
    (_, definition) => {
      fc.assert(
        fc.property(paramsArb(definition), (params) => expectWellFormed(documents(sigma(definition, params)))),
        { numRuns: 30, examples: [[defaultParams(definition)]] },
      );
    },
  );

  it('the schemas reject what Sigma does not allow (the validation above is not vacuous)', () => {
    const docs = documents(sigma(byId('baseline-elastic-push-denials'), defaultParams(byId('baseline-elastic-push-denials'))));
    const [absence, run, counted] = docs;
    const broken: Array<[Doc, string]> = [
      [{ ...counted, detection: undefined }, 'a rule without detection'],
      [{ ...counted, id: 'not-a-uuid' }, 'an id that is no UUID'],
      [{ ...absence, level: 'severe' }, 'an unknown level'],
      [{ ...run, correlation: { ...run.correlation, type: 'event_sum' } }, 'an unknown correlation type'],
      [{ ...run, correlation: { ...run.correlation, condition: absence.correlation.condition } }, 'a string condition on an event_count'],
      [{ ...run, correlation: { ...run.correlation, 'group-by': undefined } }, 'an event_count without group-by'],
    ];
    for (const [doc, what] of broken) expect(schemaErrors(doc, schemasFor(doc)), what).not.toEqual([]);
    // The released v2.1.0 schema has no extended conditions: the draft is what accepts the absence rule.
    expect(schemaErrors(absence, ['correlation v2.1.0'])).not.toEqual([]);
    expect(schemaErrors(absence, ['correlation v2.2.0 draft'])).toEqual([]);
  });

  it.each(['baseline-elastic-push-denials', 'baseline-okta-abandonment'])('%s with its defaults is the golden file', async (id) => {
    const definition = byId(id);
    await expect(sigma(definition, defaultParams(definition))).toMatchFileSnapshot(`golden/${id}.sigma.yml`);
  });

  it('writes the parameter values into the rules: each count into its condition, each duration as the timespan', () => {
    for (const definition of exportable) {
      fc.assert(
        fc.property(paramsArb(definition), (params) => {
          const docs = documents(sigma(definition, params));
          const { conditions, timespans } = counts(docs);
          const expected = expectedCounts(definition, params);
          expect(conditions).toEqual(expected.conditions);
          expect([...timespans]).toEqual(expected.timespan === undefined ? [] : [expected.timespan]);
          for (const d of docs.filter((x) => x.level !== undefined))
            for (const [name, value] of Object.entries(params)) expect(d.description).toContain(`${name}=${value}`);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('is the same text for the same detector and parameters, ids included', () => {
    for (const definition of exportable)
      expect(sigma(definition, defaultParams(definition))).toBe(sigma(definition, defaultParams(definition)));
  });

  it('groups, counts and filters with a vendor’s own field names, under its logsource', () => {
    for (const definition of exportable) expectWellFormed(documents(write(definition, oktaLike)));
    const docs = documents(write(byId('baseline-okta-abandonment'), oktaLike));
    for (const d of docs) if (d.logsource !== undefined) expect(d.logsource).toEqual({ product: 'okta', service: 'okta' });
    for (const d of docs) if (d.correlation !== undefined) expect(d.correlation['group-by']).toEqual(['client.ipAddress']);
    expect(docs.filter((d) => d.correlation?.condition?.field !== undefined).map((d) => d.correlation.condition.field)).toEqual([
      'actor.alternateId',
      'actor.alternateId',
    ]);
    const proxy = docs.find((d) => d.level !== undefined && d.detection !== undefined)!;
    expect(proxy.detection).toEqual({
      selection: {
        eventType: 'user.authentication.auth_via_mfa',
        'debugContext.debugData.pushResult': 'TIMEOUT',
        'securityContext.isProxy': true,
        'client.ipAddress|exists': true,
      },
      condition: 'selection',
    });
    const until = documents(write(byId('baseline-elastic-push-denials'), oktaLike)).at(-1)!;
    expect(until.detection).toEqual({
      selection: { eventType: 'user.session.start' },
      filter: { 'outcome.result': 'FAILURE' },
      selection_2: { eventType: 'user.authentication.auth_via_mfa', 'debugContext.debugData.pushResult': 'APPROVED' },
      condition: '(selection and not filter) or selection_2',
    });
  });

  it('leaves out a windowAt clause its parameter switches off, and says so', () => {
    const definition = byId('baseline-okta-abandonment');
    const docs = documents(sigma(definition, { ...defaultParams(definition), proxyClause: 0 }));
    const alerting = docs.filter((d) => d.level !== undefined);
    expect(alerting.map((d) => d.title)).toEqual([
      'Baseline (Okta): suspicious MFA abandonment (clause 1 of 3: a single user and more than 5 events)',
      'Baseline (Okta): suspicious MFA abandonment (clause 2 of 3: more than 5 distinct users)',
    ]);
    for (const d of alerting) expect(d.description).toContain('clause 3 is off (proxyClause=0) and not written');
    expect(docs.some((d) => JSON.stringify(d).includes('origin.proxy'))).toBe(false);
  });

  it('refuses, naming why, what it cannot write: a filter the log cannot say, a missing proxy field, a timespan in milliseconds', () => {
    const okta = byId('baseline-okta-abandonment');
    const cases: Array<[() => string, RegExp]> = [
      [
        () => write(byId('fraud-report'), { ...oktaLike, where: () => ({ cannot: 'it logs no fraud reports' }) }),
        /it logs no fraud reports/,
      ],
      [() => write(okta, { ...oktaLike, proxy: undefined }), /no proxy field for clause 3; proxyClause=0 turns it off/],
      [
        () => write(byId('baseline-splunk-failed-mfa'), oktaLike, { threshold: 10, bucketMs: 1_500 }),
        /bucketMs=1500 ms is not a whole number of seconds/,
      ],
    ];
    for (const [run, why] of cases) {
      expect(run).toThrow(NotExportableError);
      expect(run).toThrow(why);
    }
    expect(() => write(okta, { ...oktaLike, proxy: undefined }, { ...defaultParams(okta), proxyClause: 0 })).not.toThrow();
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../../detectors/index.ts';
import { getLogFormat } from '../../../../../engine/formats/logFormats.ts';
import type { CanonicalEvent, EventType } from '../../../../../engine/model/generated/event.ts';
import type { EventFilter } from '../../../../../engine/runtime/DetectorShape.ts';
import {
  canonicalCondition,
  fieldOf,
  fieldsFor,
  type RecordCondition,
  recordMatches,
  type VendorFields,
} from '../../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../../generators/scenario/index.ts';
import { runWorld } from '../../../../_fixtures/runWorld.ts';
import { everyStrategy, tinyScenario } from '../../../../_fixtures/tinyScenario.ts';
import { validEvent } from '../../../formats/reader/eventArbitraries.ts';
import { everyKindStream, pushstormStream } from './_fixtures/pushstormStreams.ts';

/**
 * Each vendor's `where(filter)` is held to the format's own encoder: a record satisfies the condition exactly when
 * the event it was written for passes the filter (the canonical condition is the reference), over library worlds,
 * a stream of every kind of event and fast-check streams, for the exportable detectors' filters and generated ones.
 * A refusal must be earned: some event the filter accepts has no record (beyond the documented ones, whose record is
 * another event's) or no event pushstorm writes passes the filter — and every such filter is refused.
 */

const vendors = ['okta', 'entra', 'entra-sentinel', 'duo', 'ocsf'] as const;
type Vendor = (typeof vendors)[number];

/** One event and what the vendor's encoder wrote for it, with the context a field's value depends on. */
interface Written {
  event: CanonicalEvent;
  records: unknown[];
  /** Why the event has no record although the log holds its kind: another event's record stands for it. */
  standsIn?: string;
  /** Entra: when the row's request began (a push's row is dated when the push went out). */
  rowTime: number;
}

/** The attempt an Entra row belongs to (its transaction, else its challenge, else the event). */
const attemptOf = (e: CanonicalEvent) => e.transaction || e.challenge?.id || e.id;

/** Encodes a stream with one encoder of the vendor's format, each record as a file holds it (JSON). */
function write(vendor: Vendor, events: readonly CanonicalEvent[]): Written[] {
  const encoder = getLogFormat(vendor).createEncoder();
  const challenges = new Map<string, number>();
  const approved = new Set<string>();
  return events.map((event) => {
    const records = encoder.encode(event).map((r) => JSON.parse(JSON.stringify(r)) as unknown);
    const attempt = attemptOf(event);
    let standsIn: string | undefined;
    let rowTime = event.time;
    if (
      vendor === 'okta' &&
      event.type === 'mfa.challenge' &&
      (event.challenge?.factor === 'totp' || event.challenge?.factor === 'webauthn')
    )
      standsIn = 'Okta logs no challenge-sent record for a TOTP or WebAuthn prompt';
    if (vendor === 'duo' && event.type === 'session.start' && event.reason === 'mfa') standsIn = 'the approval row stands for the session';
    if (vendor.startsWith('entra') && event.source === 'idp') {
      if (event.type === 'mfa.challenge') challenges.set(attempt, event.time);
      if (event.type === 'mfa.result') {
        rowTime = challenges.get(attempt) ?? event.time;
        challenges.delete(attempt);
        if (event.challenge?.result === 'approved') approved.add(attempt);
      }
      if (event.type === 'session.start' && event.outcome !== 'failure' && approved.delete(attempt))
        standsIn = 'the approved row stands for the session it opens';
    }
    return { event, records, standsIn, rowTime };
  });
}

const accepts = (filter: EventFilter, e: CanonicalEvent) => recordMatches(canonicalCondition(filter), e);

/**
 * Every record matches `condition` exactly when its event passes `filter`, no event has two records, and an accepted
 * event without a record has one standing in for it. Checked without `expect` first (it is slow on 10⁵ records);
 * the first event that breaks a rule is then asserted on, for a message naming it.
 */
function expectExact(vendor: Vendor, filter: EventFilter, condition: RecordCondition, written: readonly Written[]): void {
  const canonical = canonicalCondition(filter);
  const broken = written.find((w) => {
    const accepted = recordMatches(canonical, w.event);
    return (
      w.records.length > 1 ||
      w.records.some((r) => recordMatches(condition, r) !== accepted) ||
      (accepted && w.records.length === 0 && w.standsIn === undefined)
    );
  });
  if (broken === undefined) return;
  const where = `${vendor} ${JSON.stringify(filter)} → ${JSON.stringify(condition)} on ${JSON.stringify(broken.event)}`;
  expect(broken.records.length, `${where}: records`).toBeLessThanOrEqual(1);
  const accepted = accepts(filter, broken.event);
  for (const r of broken.records) expect(recordMatches(condition, r), `${where}: ${JSON.stringify(r)}`).toBe(accepted);
  expect(broken.standsIn, `${where}: accepted, but no record`).toBeDefined();
}

/**
 * Whether a refusal is earned on `written`: an accepted event has no record and nothing stands in for it, or no
 * event passes the filter.
 */
function refusalEarned(filter: EventFilter, written: readonly Written[]): boolean {
  const accepted = written.filter((w) => accepts(filter, w.event));
  return accepted.length === 0 || accepted.some((w) => w.records.length === 0 && w.standsIn === undefined);
}

/** The filters of every exportable detector's shape. */
const shapeFilters: EventFilter[] = detectors.flatMap((d) => {
  const s = d.shape;
  if (s === undefined) return [];
  switch (s.kind) {
    case 'countBefore':
      return [s.trigger, s.counted];
    case 'runUntil':
      return [s.counted, ...s.until];
    default:
      return [s.where];
  }
});

const idpTypes: EventType[] = [
  'auth.attempt',
  'mfa.challenge',
  'mfa.result',
  'session.start',
  'account.lock',
  'factor.enroll',
  'factor.reset',
  'rate.limit',
];
const macTypes: EventType[] = [
  'mac.login',
  'mac.mfa.request',
  'mac.mfa.result',
  'mac.session.start',
  'mac.session.lock',
  'mac.session.unlock',
  'mac.session.end',
  'mac.sleep',
  'mac.wake',
];
const resultValues = ['approved', 'denied', 'timeout', 'fraud', 'wrong_number', 'error'];

/** Any filter over the types, outcomes and results (mostly IdP types; `muted`, a reason, is no result). */
const filterArb: fc.Arbitrary<EventFilter> = fc
  .record({
    types: fc.oneof(
      { weight: 4, arbitrary: fc.subarray(idpTypes, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.subarray([...idpTypes, ...macTypes], { minLength: 1, maxLength: 3 }) },
    ),
    outcome: fc.constantFrom(undefined, undefined, 'success' as const, 'failure' as const),
    outcomeNot: fc.constantFrom(undefined, undefined, 'success' as const, 'failure' as const),
    results: fc.option(fc.subarray([...resultValues, 'muted'], { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }),
  })
  // A filter as a detector states it: the conditions it has, no keys for those it has not.
  .map((f) => JSON.parse(JSON.stringify(f)) as EventFilter);

const worlds: Record<string, CanonicalEvent[]> = {};
const written = Object.fromEntries(vendors.map((v) => [v, {}])) as Record<Vendor, Record<string, Written[]>>;
/** Per vendor, every kind of event and a few of each distinct sort from the worlds: what generated filters run on. */
const pool = Object.fromEntries(vendors.map((v) => [v, []])) as unknown as Record<Vendor, Written[]>;

beforeAll(async () => {
  for (const [name, users] of [
    ['duo-fraud-mute', 40],
    ['uber-burst', 40],
    ['hosting-spray', 60],
    ['number-matching', 40],
  ] as const)
    worlds[name] = runWorld(await loadScenarioFile(`scenarios/${name}.yaml`, { users, days: 3 })).events;
  for (const numberMatching of [false, true])
    worlds[`tiny${numberMatching ? '-numbers' : ''}`] = runWorld(
      tinyScenario({ seed: 7, users: 12, days: 2, attacks: everyStrategy(), numberMatching }),
    ).events;
  worlds['every-kind'] = everyKindStream();
  for (const vendor of vendors) {
    for (const [name, events] of Object.entries(worlds)) written[vendor][name] = write(vendor, events);
    // Every kind of event, and a few of each sort from the worlds.
    pool[vendor].push(...written[vendor]['every-kind']);
    const seen = new Map<string, number>();
    for (const [name, ws] of Object.entries(written[vendor]))
      for (const w of name === 'every-kind' ? [] : ws) {
        const e = w.event;
        const sort = `${e.type} ${e.outcome} ${e.challenge?.result} ${e.challenge?.factor} ${e.reason} ${w.records.length} ${w.standsIn}`;
        const n = seen.get(sort) ?? 0;
        seen.set(sort, n + 1);
        if (n < 3) pool[vendor].push(w);
      }
  }
}, 60_000);

describe.each(vendors)('%s field names', (vendor) => {
  const fields: VendorFields = fieldsFor(vendor);

  it('names its format', () => {
    expect(fields.format).toBe(vendor);
    expect(fields.title).toBe(getLogFormat(vendor).title);
  });

  it("states every exportable detector's filters, exactly, on library worlds", () => {
    expect(shapeFilters.length).toBeGreaterThanOrEqual(7);
    for (const filter of shapeFilters) {
      const condition = fields.where(filter);
      if ('cannot' in condition) throw new Error(`${vendor} refuses ${JSON.stringify(filter)}: ${condition.cannot}`);
      for (const w of Object.values(written[vendor])) expectExact(vendor, filter, condition, w);
      // Not vacuous: the worlds hold records the condition selects.
      expect(
        Object.values(written[vendor])
          .flat()
          .some((w) => w.records.some((r) => recordMatches(condition, r))),
      ).toBe(true);
    }
  });

  it('states every filter of one type exactly, or refuses it exactly when it must', () => {
    for (const type of [...idpTypes, ...macTypes])
      for (const outcome of [undefined, 'success', 'failure'] as const)
        for (const outcomeNot of [undefined, 'failure'] as const)
          for (const results of [undefined, ...resultValues.map((r) => [r])]) {
            const filter: EventFilter = JSON.parse(JSON.stringify({ types: [type], outcome, outcomeNot, results }));
            const condition = fields.where(filter);
            const earned = refusalEarned(filter, pool[vendor]);
            if ('cannot' in condition) expect(earned, `${vendor} refuses ${JSON.stringify(filter)}: ${condition.cannot}`).toBe(true);
            else {
              expect(earned, `${vendor} states ${JSON.stringify(filter)} though it must refuse`).toBe(false);
              expectExact(vendor, filter, condition, pool[vendor]);
            }
          }
  });

  it('states any filter exactly on every kind of event, or refuses it exactly when it must', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const condition = fields.where(filter);
        const earned = refusalEarned(filter, pool[vendor]);
        if ('cannot' in condition) {
          expect(earned, `${vendor} refuses ${JSON.stringify(filter)} (${condition.cannot})`).toBe(true);
          expect(condition.cannot.length).toBeGreaterThan(20);
        } else {
          expect(earned, `${vendor} states ${JSON.stringify(filter)} though it must refuse`).toBe(false);
          expectExact(vendor, filter, condition, pool[vendor]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('states any filter exactly on generated streams', () => {
    fc.assert(
      fc.property(filterArb, pushstormStream, (filter, events) => {
        const condition = fields.where(filter);
        if ('cannot' in condition) return;
        expectExact(vendor, filter, condition, write(vendor, events));
      }),
      { numRuns: 150 },
    );
  });

  it('names the fields that hold the user, the source address, the time, the id and the proxy flag', () => {
    /** Each named field of a record, as read and as the event says it should be. */
    const readings = (w: Written, r: unknown): [string, unknown, unknown][] => {
      const e = w.event;
      const login = vendor.startsWith('entra') ? e.user.toLowerCase() : e.user;
      const source = vendor.startsWith('entra')
        ? (e.origin?.ip ?? '')
        : vendor === 'ocsf' && e.source === 'mac'
          ? e.mac?.remoteIp
          : e.origin?.ip;
      const time = fieldOf(r, fields.time);
      const out: [string, unknown, unknown][] = [
        ['user', fieldOf(r, fields.user), login],
        ["key('user')", fieldOf(r, fields.key('user')), login],
        ["key('source')", fieldOf(r, fields.key('source')), source],
        ['time', typeof time === 'number' ? time : Date.parse(String(time)), vendor.startsWith('entra') ? w.rowTime : e.time],
      ];
      if (fields.id !== undefined) out.push(['id', fieldOf(r, fields.id), e.id]);
      if (fields.proxy !== undefined) out.push(['proxy', fieldOf(r, fields.proxy), e.origin?.proxy]);
      return out;
    };
    const check = (w: Written) => {
      for (const r of w.records)
        for (const [name, read, expected] of readings(w, r))
          if (read !== expected) expect(read, `${vendor} ${name} of the record of ${JSON.stringify(w.event)}`).toBe(expected);
    };
    for (const w of Object.values(written[vendor]).flat()) check(w);
    fc.assert(
      fc.property(pushstormStream, (events) => {
        for (const w of write(vendor, events)) check(w);
      }),
      { numRuns: 100 },
    );
  });
});

describe('field names per vendor', () => {
  it('has the id, proxy and time fields each vendor writes, and none it does not', () => {
    expect(vendors.map((v) => [v, fieldsFor(v).id, fieldsFor(v).proxy, fieldsFor(v).time])).toEqual([
      ['okta', 'uuid', 'securityContext.isProxy', 'published'],
      ['entra', 'properties.id', undefined, 'properties.createdDateTime'],
      ['entra-sentinel', 'Id', undefined, 'TimeGenerated'],
      ['duo', undefined, undefined, 'isotimestamp'],
      ['ocsf', 'metadata.uid', 'enrichments.0.data.is_proxy', 'time'],
    ]);
  });

  it('refuses, per vendor, the event types its log has no record of', () => {
    const refused = (v: Vendor) => [...idpTypes, ...macTypes].filter((t) => 'cannot' in fieldsFor(v).where({ types: [t] }));
    expect(refused('okta')).toEqual(macTypes);
    expect(refused('entra')).toEqual(['mfa.challenge', 'account.lock', 'factor.enroll', 'factor.reset', ...macTypes]);
    expect(refused('entra-sentinel')).toEqual(refused('entra'));
    expect(refused('duo')).toEqual(['auth.attempt', 'mfa.challenge', 'account.lock', 'factor.reset', ...macTypes]);
    expect(refused('ocsf')).toEqual([]);
    const why = fieldsFor('duo').where({ types: ['mfa.result', 'auth.attempt'] });
    expect('cannot' in why && why.cannot).toMatch(/auth\.attempt: Duo is the second factor/);
  });

  it('OCSF states any filter exactly for any event the schema accepts, not only those pushstorm writes', () => {
    const ocsf = getLogFormat('ocsf');
    const schemaEvent = validEvent.filter((e) => typeof e.time === 'number' && Number.isFinite(new Date(e.time).getTime()));
    /** Events near the filter's edge: often of its types, with or without a challenge, an outcome, a result. */
    const near = (filter: EventFilter) =>
      fc
        .tuple(
          schemaEvent,
          fc.option(fc.constantFrom(...filter.types), { nil: undefined }),
          fc.constantFrom('keep', 'drop', 'result'),
          fc.constantFrom('keep', 'drop', 'success', 'failure'),
          fc.constantFrom(...resultValues),
        )
        .map(([e, type, challenge, outcome, result]) => {
          const out = { ...e } as Record<string, unknown>;
          if (type !== undefined) out.type = type;
          if (challenge === 'drop') delete out.challenge;
          if (challenge === 'result') out.challenge = { id: 'c', factor: 'push', result };
          if (outcome === 'drop') delete out.outcome;
          else if (outcome !== 'keep') out.outcome = outcome;
          return out as unknown as CanonicalEvent;
        });
    fc.assert(
      fc.property(
        filterArb.chain((filter) => fc.tuple(fc.constant(filter), fc.array(near(filter), { minLength: 1, maxLength: 10 }))),
        ([filter, events]) => {
          const condition = fieldsFor('ocsf').where(filter);
          if ('cannot' in condition) return;
          const encoder = ocsf.createEncoder();
          for (const e of events)
            for (const r of encoder.encode(e))
              expect(recordMatches(condition, JSON.parse(JSON.stringify(r))), JSON.stringify([filter, e])).toBe(accepts(filter, e));
        },
      ),
      { numRuns: 300 },
    );
  });
});

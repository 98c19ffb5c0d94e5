import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ocsfFormat } from '../../../../engine/formats/ocsf/ocsfFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, expectValidEvents, worldEvents } from '../_harness.ts';
import { examplesNotOf } from '../_fixtures/referenceExamples.ts';

const golden = (name: string): unknown[] =>
  readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

type Json = Record<string, unknown>;

/** A record pushstorm writes, to mutate for the hand-picked bad inputs. */
const base = (): Json => structuredClone(golden('records.ndjson')[1]) as Json;

/** The example records of the other formats (referenceExamples, trimmed), and a canonical event. */
const foreign: unknown[] = [
  ...examplesNotOf('ocsf'),
  { count: 1234, finished: 1 },
  { class_uid: 4001, category_uid: 4, time: 1772590629412, metadata: { version: '1.8.0', product: { name: 'x' } } },
];

describe('ocsfFormat', () => {
  for (const numberMatching of [false, true]) {
    it(`round-trips simulated worlds, seeds 1..5 (number matching ${numberMatching ? 'on' : 'off'})`, () => {
      for (let seed = 1; seed <= 5; seed++) expectRoundTrip(ocsfFormat, worldEvents(seed, { numberMatching }));
    });
  }

  it('holds every field of the simulated events: held() changes nothing the simulator writes', () => {
    const events = worldEvents(4, { numberMatching: true });
    expect(ocsfFormat.held(events)).toEqual(events);
  });

  it('decodes the golden records to the expected events; the session end is skipped', () => {
    const { events, steps } = decodeAll(ocsfFormat, golden('records.ndjson'));
    expect(steps.map((s) => s.kind)).toEqual([...Array(13).fill('events'), 'skipped']);
    expect(events).toEqual(golden('expected.ndjson'));
    expectValidEvents(events);
  });

  it('encodes the expected events to the golden records (all but the foreign OCSF-mapped Okta record)', () => {
    const expected = golden('expected.ndjson') as CanonicalEvent[];
    const records = golden('records.ndjson');
    const ours = expected.map((e, i) => [e, records[i]] as const).filter(([e]) => !e.id.startsWith('c41e07a2'));
    expect(ours.length).toBe(12);
    for (const [event, record] of ours) expect(encodeAll(ocsfFormat, [event])[0], event.id).toEqual(record);
  });

  it('reads epoch seconds as seconds and milliseconds as milliseconds', () => {
    const seconds = { ...base(), time: 1772524879 };
    const fractional = { ...base(), time: 1772524879.88 };
    const { events } = decodeAll(ocsfFormat, [base(), seconds, fractional]);
    expect(events.map((e) => e.time)).toEqual([1772524879880, 1772524879000, 1772524879880]);
  });

  it('never throws on fuzzed input', () => {
    const sample = [...encodeAll(ocsfFormat, worldEvents(3, { numberMatching: true }).slice(0, 120)), ...golden('records.ndjson')];
    expectDecoderTotal(ocsfFormat, sample);
  });

  it('rejects bad records with the reason and the field', () => {
    const withMetadata = (patch: Json): Json => {
      const r = base();
      r.metadata = { ...(r.metadata as Json), ...patch };
      return r;
    };
    const without = (key: string): Json => {
      const r = base();
      delete r[key];
      return r;
    };
    const macRecord = (): Json => structuredClone(golden('records.ndjson')[10]) as Json;
    const cases: Array<[unknown, string, string]> = [
      [42, 'not_an_object', 'record'],
      [[base()], 'not_an_object', 'record'],
      [{}, 'missing_field', '/class_uid'],
      [{ ...base(), class_uid: 4001 }, 'unknown_kind', '/class_uid'],
      [{ ...base(), class_uid: '3002' }, 'wrong_type', '/class_uid'],
      [without('metadata'), 'missing_field', '/metadata'],
      [{ ...base(), metadata: [] }, 'wrong_type', '/metadata'],
      [withMetadata({ event_code: undefined }), 'missing_field', '/metadata/event_code'],
      [withMetadata({ event_code: 7 }), 'wrong_type', '/metadata/event_code'],
      [without('time'), 'missing_field', '/time'],
      [{ ...base(), time: '2026-03-04T02:10:00Z' }, 'wrong_type', '/time'],
      [{ ...base(), time: -5 }, 'wrong_type', '/time'],
      [{ ...base(), time: 1e300 }, 'wrong_type', '/time'],
      [without('user'), 'missing_field', '/user'],
      [{ ...base(), user: { type_id: 1 } }, 'missing_field', '/user/email_addr'],
      [{ ...base(), auth_factors: 'push' }, 'wrong_type', '/auth_factors'],
      [{ ...base(), auth_factors: [{ factor_type_id: '5' }] }, 'wrong_type', '/auth_factors/0/factor_type_id'],
      [{ ...base(), src_endpoint: { ip: 12 } }, 'wrong_type', '/src_endpoint/ip'],
      [{ ...base(), device: { uid: 'd1', is_managed: 'yes' } }, 'wrong_type', '/device/is_managed'],
      [{ ...macRecord(), actor: { process: { name: 'SecurityAgent' } } }, 'wrong_type', '/actor/process/name'],
      [{ ...macRecord(), user: { name: 'lvarga', uid: 'five', email_addr: 'lena.varga@example.org' } }, 'wrong_type', '/user/uid'],
    ];
    const { steps } = decodeAll(
      ocsfFormat,
      cases.map(([record]) => record),
    );
    steps.forEach((step, i) => {
      expect(step.kind, `case ${i}`).toBe('rejected');
      if (step.kind !== 'rejected') return;
      expect(step.reason, `case ${i}: ${step.detail}`).toBe(cases[i][1]);
      expect(step.detail, `case ${i}`).toContain(cases[i][2]);
    });
  });

  it('treats __proto__ and constructor as data, not as table entries or prototypes', () => {
    const text = JSON.stringify(base());
    const records = [
      JSON.parse(text.replace('"event_code":"user.authentication.auth_via_mfa"', '"event_code":"__proto__"')),
      JSON.parse(text.replace('"event_code":"user.authentication.auth_via_mfa"', '"event_code":"constructor"')),
      JSON.parse(text.replace('"status_detail":"MFA completed"', '"status_detail":"toString"')),
      JSON.parse(text.replace('{"metadata":', '{"__proto__":{"class_uid":1},"metadata":')),
    ];
    const { steps } = decodeAll(ocsfFormat, records);
    expect(steps.map((s) => s.kind)).toEqual(['skipped', 'skipped', 'events', 'events']);
    const [noResult, withProto] = steps.slice(2).map((s) => (s.kind === 'events' ? s.events[0] : undefined));
    expect(noResult?.challenge).toEqual({ id: 't7.1.c0', factor: 'push' });
    expect(withProto?.challenge?.result).toBe('approved');
  });

  it('derives a stable id for records without metadata.uid', () => {
    const r = base();
    delete (r.metadata as Json).uid;
    const first = decodeAll(ocsfFormat, [r]).events[0];
    const again = decodeAll(ocsfFormat, [structuredClone(r)]).events[0];
    expect(first.id).toMatch(/^ocsf-[0-9a-f]{20}$/);
    expect(again.id).toBe(first.id);
  });

  it('sniffs its own records and nothing else', () => {
    for (const record of golden('records.ndjson')) expect(ocsfFormat.sniff(record)).toBe(true);
    for (const record of encodeAll(ocsfFormat, worldEvents(5).slice(0, 50))) expect(ocsfFormat.sniff(record)).toBe(true);
    for (const record of foreign) expect(ocsfFormat.sniff(record)).toBe(false);
    for (const event of worldEvents(5).slice(0, 20)) expect(ocsfFormat.sniff(event)).toBe(false);
    for (const junk of [null, 3002, 'x', [], { class_uid: 3002 }]) expect(ocsfFormat.sniff(junk)).toBe(false);
  });
});

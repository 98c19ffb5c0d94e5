import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { duoFormat } from '../../../../engine/formats/duo/duoFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, expectValidEvents, worldEvents } from '../_harness.ts';
import { examplesNotOf } from '../_fixtures/referenceExamples.ts';

const golden = (name: string) =>
  readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

type Row = Record<string, any>;

/** The example records of the other formats (referenceExamples, trimmed). */
const otherFormats: unknown[] = examplesNotOf('duo');

describe('duoFormat', () => {
  it.each([1, 2, 3, 4, 5])('round-trips the held fields of world %i, with and without number matching', (seed) => {
    expectRoundTrip(duoFormat, worldEvents(seed));
    expectRoundTrip(duoFormat, worldEvents(seed, { numberMatching: true }));
  });

  it('decodes hand-written authentication-log rows to the expected events', () => {
    const { events, steps } = decodeAll(duoFormat, golden('records.ndjson'));
    expect(events).toEqual(golden('expected.ndjson') as CanonicalEvent[]);
    expectValidEvents(events);
    // A policy denial and an unenrolled user's denial before any factor are skipped, not rejected.
    expect(steps.filter((s) => s.kind !== 'events').map((s) => (s.kind === 'skipped' ? s.why : s))).toEqual([
      'a denied attempt that reached no factor (reason "denied_by_policy") is no canonical event',
      'a denied attempt that reached no factor (reason "deny_unenrolled_user") is no canonical event',
    ]);
    expect(steps.filter((s) => s.kind === 'rejected')).toEqual([]);
  });

  it('reads the shapes of newer rows and of OS logon integrations', () => {
    const rows = golden('records.ndjson') as Row[];
    const { events } = decodeAll(duoFormat, rows.slice(-2));
    // Trust assessments, Risk-Based Factor Selection, trusted session and Passport fields change nothing; with no
    // email the user is Duo's user name.
    expect(events.map((e) => [e.type, e.user, e.challenge?.result ?? null, e.device?.kind])).toEqual([
      ['mfa.challenge', 'sam.okafor', null, 'browser'],
      ['mfa.result', 'sam.okafor', 'timeout', 'browser'],
      ['mfa.challenge', 'sam.okafor', null, 'mac'],
      ['mfa.result', 'sam.okafor', 'fraud', 'mac'],
    ]);
    // Duo for macOS names the Mac by host name only (no endpoint key, no browser): a desktop MFA push on that Mac.
    expect(events[3]).toMatchObject({
      device: { id: 'SOKAFOR-MBP', kind: 'mac', hostname: 'SOKAFOR-MBP' },
      challenge: { factor: 'desktop_mfa' },
    });
  });

  it('reads every success row as the session it opens, pushes or not', () => {
    const rows = golden('records.ndjson') as Row[];
    const byTxid = new Map(rows.map((r) => [r.txid as string, r]));
    const { events } = decodeAll(duoFormat, rows);
    const sessions = events.filter((e) => e.type === 'session.start');
    const successes = rows.filter((r) => r.result === 'success' && r.event_type === 'authentication');
    expect(sessions.map((e) => e.transaction).sort()).toEqual(successes.map((r) => r.txid).sort());
    const reasonOf = (factor: string) => sessions.find((e) => byTxid.get(e.transaction!)!.factor === factor)?.reason;
    // A phone call is a second factor but no push; a bypass code and Duo's bypass status prove no second factor.
    expect([reasonOf('duo_push'), reasonOf('phone_call'), reasonOf('bypass_code'), reasonOf('not_available')]).toEqual([
      'mfa',
      'mfa',
      'bypass_code',
      'bypass_user',
    ]);
    // No challenge for a factor that is not a push.
    const pushTxids = new Set(events.filter((e) => e.type === 'mfa.challenge').map((e) => e.transaction));
    expect(rows.filter((r) => pushTxids.has(r.txid)).every((r) => /duo_push$/.test(r.factor))).toBe(true);
  });

  it('reads a push row as the push and its answer, and an approval as the login it lets through', () => {
    const [approved, denied] = golden('records.ndjson');
    const approval = decodeAll(duoFormat, [approved]).events;
    expect(approval.map((e) => [e.type, e.id, e.time, e.outcome])).toEqual([
      ['mfa.challenge', 'a3c1f0e2-7b4d-4c59-9e11-2f6d8b0a4c71#push', 1772615561337, 'success'],
      ['mfa.result', 'a3c1f0e2-7b4d-4c59-9e11-2f6d8b0a4c71', 1772615561337, 'success'],
      ['session.start', 'a3c1f0e2-7b4d-4c59-9e11-2f6d8b0a4c71#session', 1772615561337, 'success'],
    ]);
    expect(new Set(approval.map((e) => e.transaction)).size).toBe(1);
    expect(decodeAll(duoFormat, [denied]).events.map((e) => e.type)).toEqual(['mfa.challenge', 'mfa.result']);
  });

  it('writes rows the way Duo exports them', () => {
    const events = worldEvents(2, { numberMatching: true });
    const records = encodeAll(duoFormat, events) as Row[];
    const rowFor = new Map(records.map((r) => [r.txid as string, r]));
    for (const r of records) {
      expect(r.isotimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
      expect(r.timestamp).toBe(Math.floor(Date.parse(r.isotimestamp) / 1000));
      expect(r.user.key).toMatch(/^DU[0-9A-Z]{18}$/);
      expect(r.email).toMatch(/@/);
      expect(`${r.user.name}@`).toBe(r.email.slice(0, r.email.indexOf('@') + 1));
      if (r.application !== null) expect(r.application.key).toMatch(/^DI[0-9A-Z]{18}$/);
      if (r.access_device.epkey !== null) expect(r.access_device.epkey).toMatch(/^EP[0-9A-Z]{18}$/);
      expect(['success', 'denied', 'fraud', 'error', 'failure']).toContain(r.result);
      expect(['authentication', 'enrollment']).toContain(r.event_type);
    }
    // One row per resolved attempt: no row for the password step or the push sent, nor the session after an approval.
    // A push's row carries its attempt's transaction as txid (as the Mac's logon plug-in names it), any other row its
    // event's id; no two rows share one.
    expect(rowFor.size).toBe(records.length);
    const txidOf = (e: CanonicalEvent) => (e.type === 'mfa.result' && rowFor.has(e.transaction!) ? e.transaction! : e.id);
    expect(events.filter((e) => e.type === 'mfa.result' && e.source === 'idp').every((e) => rowFor.has(e.transaction!))).toBe(true);
    const types = new Set(events.filter((e) => rowFor.has(txidOf(e))).map((e) => e.type));
    expect([...types].sort()).toEqual(['factor.enroll', 'mfa.result', 'rate.limit', 'session.start']);
    const pairs = new Set(records.map((r) => `${r.factor} ${r.result} ${r.reason}`));
    expect([...pairs]).toEqual(
      expect.arrayContaining([
        'verified_duo_push success user_approved',
        'verified_duo_push denied no_response',
        'verified_duo_push denied user_mistake',
        'verified_duo_push fraud user_marked_fraud',
        'verified_duo_push denied locked_out',
        'duo_push success user_approved',
        'duo_push denied anomalous_push',
        'remembered_device success remembered_device',
        'not_available success null',
      ]),
    );
    // Desktop MFA pushes come from an OS logon integration: no browser.
    const desktop = events.filter((x) => x.type === 'mfa.result' && x.challenge?.factor === 'desktop_mfa');
    expect(desktop.length).toBeGreaterThan(0);
    for (const e of desktop)
      expect(rowFor.get(txidOf(e))!.access_device).toMatchObject({ browser: null, hostname: e.device!.hostname, os: 'Mac OS X' });
  });

  it('gives two pushes of one attempt two txids, and reads them back as two pushes', () => {
    const first = worldEvents(1).find((e) => e.type === 'mfa.result' && e.source === 'idp' && e.transaction !== undefined)!;
    const second: CanonicalEvent = { ...first, id: `${first.id}-retry`, time: first.time + 30_000 };
    const rows = encodeAll(duoFormat, [first, second]) as Row[];
    expect(rows.map((r) => r.txid)).toEqual([first.transaction, second.id]);
    const challenges = decodeAll(duoFormat, rows).events.filter((e) => e.type === 'mfa.challenge');
    expect(new Set(challenges.map((e) => e.transaction)).size).toBe(2);
    expectRoundTrip(duoFormat, [first, second]);
  });

  it('holds the time of the answer to the millisecond, and falls back to whole seconds', () => {
    const [record] = golden('records.ndjson') as Row[];
    const { isotimestamp, ...secondsOnly } = record;
    expect(isotimestamp).toBe('2026-03-04T09:12:41.337905+00:00');
    expect(decodeAll(duoFormat, [record]).events[1].time).toBe(Date.UTC(2026, 2, 4, 9, 12, 41, 337));
    expect(decodeAll(duoFormat, [secondsOnly]).events[1].time).toBe(Date.UTC(2026, 2, 4, 9, 12, 41));
  });

  it('is deterministic: the same events give the same records', () => {
    const events = worldEvents(3);
    expect(JSON.stringify(encodeAll(duoFormat, events))).toBe(JSON.stringify(encodeAll(duoFormat, events)));
  });

  it('rejects broken rows with a reason naming the field', () => {
    const [record] = golden('records.ndjson') as Row[];
    const without = (key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
    const cases: Array<[unknown, string, RegExp]> = [
      [[record], 'not_an_object', /Duo authentication log object/],
      ['{"txid":', 'not_an_object', /Duo authentication log object/],
      [without('txid'), 'missing_field', /txid/],
      [{ ...record, txid: 42 }, 'wrong_type', /\/txid/],
      [{ ...record, isotimestamp: 'yesterday' }, 'wrong_type', /\/isotimestamp/],
      [{ ...record, isotimestamp: '1999-12-31T23:59:59.000000+00:00' }, 'wrong_type', /\/isotimestamp/],
      [{ ...without('isotimestamp'), timestamp: 1772615561337 }, 'wrong_type', /\/timestamp: expected epoch seconds/],
      [{ ...without('isotimestamp'), timestamp: '1772615561' }, 'wrong_type', /\/timestamp/],
      [{ ...without('isotimestamp'), timestamp: null }, 'missing_field', /isotimestamp/],
      [without('result'), 'missing_field', /result/],
      [{ ...record, result: 'maybe' }, 'unknown_kind', /\/result/],
      [{ ...record, reason: ['user_approved'] }, 'wrong_type', /\/reason/],
      [{ ...record, factor: 'carrier_pigeon' }, 'unknown_kind', /\/factor/],
      [{ ...record, event_type: 'administrator' }, 'unknown_kind', /\/event_type/],
      [{ ...record, email: '', user: { name: '' } }, 'missing_field', /\/user\/name/],
    ];
    for (const [input, reason, detail] of cases) {
      const [step] = decodeAll(duoFormat, [JSON.parse(JSON.stringify(input)) as unknown]).steps;
      expect(step.kind === 'rejected' ? [step.reason, step.detail] : step).toEqual([reason, expect.stringMatching(detail)]);
    }
  });

  it('reads a __proto__ key as data and keeps huge values to the detail limit', () => {
    const [record] = golden('records.ndjson') as Row[];
    const poisoned = JSON.parse(`{"__proto__":{"txid":"x"},${JSON.stringify(record).slice(1)}`) as unknown;
    expect(decodeAll(duoFormat, [poisoned]).events).toHaveLength(3);
    const [step] = decodeAll(duoFormat, [{ ...record, isotimestamp: 'x'.repeat(100_000) }]).steps;
    expect(step.kind === 'rejected' && step.detail.length < 200).toBe(true);
  });

  it('never throws on fuzzed input', () => {
    expectDecoderTotal(duoFormat, [
      ...golden('records.ndjson'),
      ...encodeAll(
        duoFormat,
        worldEvents(6, { numberMatching: true })
          .filter((_, i) => i % 5 === 0)
          .slice(0, 200),
      ),
    ]);
  });

  it('sniffs its rows, and not the other formats or canonical events', () => {
    const events = worldEvents(1).slice(0, 40);
    expect([...golden('records.ndjson'), ...encodeAll(duoFormat, events)].every((r) => duoFormat.sniff(r))).toBe(true);
    expect(otherFormats.some((r) => duoFormat.sniff(r))).toBe(false);
    expect(events.some((e) => duoFormat.sniff(e))).toBe(false);
    expect([null, 42, 'txid', [], {}].some((r) => duoFormat.sniff(r))).toBe(false);
  });
});

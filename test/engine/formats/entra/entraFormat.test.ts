import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { LogFormat } from '../../../../engine/formats/LogFormat.ts';
import { entraFormat } from '../../../../engine/formats/entra/entraFormat.ts';
import { entraSentinelFormat } from '../../../../engine/formats/entra/entraSentinelFormat.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, expectValidEvents, worldEvents } from '../_harness.ts';
import { referenceExamples } from '../_fixtures/referenceExamples.ts';

const readNdjson = (path: string): unknown[] =>
  readFileSync(new URL(path, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

const golden = (dir: string) => ({
  records: readNdjson(`./golden/${dir}/records.ndjson`),
  expected: readNdjson(`./golden/${dir}/expected.ndjson`) as CanonicalEvent[],
});

/** The example records of the other formats (referenceExamples, trimmed). */
const otherFormats: Record<string, unknown> = Object.fromEntries(Object.entries(referenceExamples).filter(([id]) => id !== 'entra'));

/** Hand-made events for the variants the small worlds rarely write (lockout, odd reasons, proxies, odd devices). */
const edgeEvents: CanonicalEvent[] = (() => {
  const t0 = Date.UTC(2026, 4, 12, 22, 0, 0, 1);
  const base = { source: 'idp' as const, user: 'lena.varga@example.org', app: 'Office 365' };
  const browser = { id: 'br-1', kind: 'browser' as const, os: 'Windows', osVersion: '11' };
  const mac = {
    id: 'guo1',
    kind: 'mac' as const,
    hostname: 'LVARGA-MBP',
    os: 'macOS',
    osVersion: '26.1',
    model: 'Mac16,1',
    managed: true,
    compliant: false,
    serial: 'X',
  };
  const tor = { ip: '185.220.101.9', asn: 208294, asOrg: 'Tor exit', country: 'DE', proxy: true, proxyKind: 'tor' as const };
  const hosting = { ip: '34.90.1.2', asn: 396982, asOrg: 'Google Cloud', proxy: true, proxyKind: 'hosting' as const };
  const list: Omit<CanonicalEvent, 'time'>[] = [
    {
      ...base,
      id: 'x-bad',
      type: 'auth.attempt',
      origin: tor,
      device: browser,
      transaction: 'tx1',
      outcome: 'failure',
      reason: 'bad_password',
    },
    { ...base, id: 'x-lock', type: 'account.lock', origin: tor, transaction: 'tx1', outcome: 'success', reason: 'too_many_failures' },
    {
      ...base,
      id: 'x-locked',
      type: 'auth.attempt',
      origin: tor,
      device: browser,
      transaction: 'tx2',
      outcome: 'failure',
      reason: 'locked_out',
    },
    {
      ...base,
      id: 'x-odd-reason',
      type: 'auth.attempt',
      origin: tor,
      device: browser,
      transaction: 'tx3',
      outcome: 'failure',
      reason: 'captcha',
    },
    { ...base, id: 'x-tor', type: 'auth.attempt', origin: { ...tor, lat: undefined }, transaction: 'tx4', outcome: 'success' },
    {
      ...base,
      id: 'x-hosting',
      type: 'mfa.challenge',
      origin: hosting,
      device: browser,
      transaction: 'tx4',
      challenge: { id: 'tx4.c0', factor: 'push' },
      outcome: 'success',
    },
    {
      ...base,
      id: 'x-win11',
      type: 'mfa.result',
      origin: hosting,
      device: browser,
      transaction: 'tx4',
      challenge: { id: 'tx4.c0', factor: 'push', result: 'wrong_number' },
      outcome: 'failure',
      reason: 'wrong_number',
    },
    {
      ...base,
      id: 'x-sms',
      type: 'mfa.challenge',
      origin: tor,
      device: mac,
      transaction: 'tx5',
      challenge: { id: 'tx5.c0', factor: 'sms' },
      outcome: 'failure',
      reason: 'delivery_failed',
    },
    {
      ...base,
      id: 'x-totp',
      type: 'mfa.result',
      origin: tor,
      device: mac,
      transaction: 'tx5',
      challenge: { id: 'tx5.c0', factor: 'totp', result: 'error' },
      outcome: 'failure',
      reason: 'bogus',
    },
    {
      ...base,
      id: 'x-webauthn',
      type: 'mfa.result',
      origin: tor,
      device: mac,
      transaction: 'tx6',
      challenge: { id: 'tx6.c0', factor: 'webauthn', result: 'approved' },
      outcome: 'success',
      reason: 'approved',
    },
    {
      ...base,
      id: 'x-session-odd',
      type: 'session.start',
      device: mac,
      transaction: 'tx6',
      session: 's6',
      outcome: 'success',
      reason: 'trusted_network',
    },
    { ...base, id: 'x-session-failed', type: 'session.start', device: mac, transaction: 'tx7', session: 's7', outcome: 'failure' },
    {
      ...base,
      id: 'x-upper',
      user: 'Mixed.Case@Example.org',
      type: 'rate.limit',
      origin: tor,
      transaction: 'tx8',
      outcome: 'failure',
      reason: 'rate_limited',
    },
    {
      ...base,
      id: 'x-no-origin',
      type: 'mfa.challenge',
      device: { id: 'ph1', kind: 'phone', os: 'iOS', osVersion: '26.1', managed: false },
      challenge: { id: 'c9', factor: 'desktop_mfa' },
      outcome: 'success',
    },
    {
      ...base,
      id: 'x-no-txn',
      type: 'mfa.result',
      app: '',
      device: { id: 'guo2', kind: 'mac' },
      challenge: { id: 'c9', factor: 'desktop_mfa', result: 'denied' },
      outcome: 'failure',
      reason: 'muted',
    },
    {
      ...base,
      id: 'x-enroll',
      type: 'factor.enroll',
      origin: tor,
      device: { id: 'ph1', kind: 'phone' },
      transaction: 'tx9',
      outcome: 'success',
      reason: 'okta_verify',
    },
    { id: 'x-mac', source: 'mac', type: 'mac.login', user: 'lena.varga@example.org', outcome: 'success', mac: { process: 'loginwindow' } },
  ];
  return list.map((e, i) => JSON.parse(JSON.stringify({ ...e, time: t0 + i * 1000 })) as CanonicalEvent);
})();

/** The golden records skipped on purpose, by what the reason starts with: rows Microsoft writes outside a push flow. */
const skippedIn: Record<string, string[]> = {
  entra: ['Entra code 50140', 'Entra code 50158', 'category NonInteractiveUserSignInLogs'],
  'entra-sentinel': ['Entra code 50158', 'category NonInteractiveUserSignInLogs', 'category NonInteractiveUserSignInLogs'],
};

describe.each([entraFormat, entraSentinelFormat])('$id', (format: LogFormat) => {
  it.each([1, 2, 3, 4, 5])('round-trips world %i, with and without number matching', (seed) => {
    expectRoundTrip(format, worldEvents(seed));
    expectRoundTrip(format, worldEvents(seed, { numberMatching: true }));
  });

  it('decodes no undefined-valued keys', () => {
    const { events } = decodeAll(format, encodeAll(format, worldEvents(5, { numberMatching: true })));
    expect(events.length).toBeGreaterThan(100);
    expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
  });

  it('round-trips the variants the small worlds rarely write', () => {
    expectRoundTrip(format, edgeEvents);
    const held = format.held(edgeEvents);
    const byId = new Map(held.map((e) => [e.id, e]));
    expect(byId.get('x-lock')).toBeUndefined();
    expect(byId.get('x-locked')).toMatchObject({ outcome: 'failure', reason: 'locked_out' });
    expect(byId.get('x-odd-reason')).toMatchObject({ reason: 'bad_password' });
    expect(byId.get('x-tor')?.origin).toEqual({ ip: '185.220.101.9', asn: 208294, country: 'DE', proxy: true });
    // A push is written once answered: its challenge comes back implied by the answer's row, under the row's ids.
    expect(byId.get('x-hosting')).toBeUndefined();
    expect(byId.get('x-win11.challenge')).toMatchObject({ type: 'mfa.challenge', time: edgeEvents[5].time, transaction: 'tx4' });
    expect(byId.get('x-win11.challenge')?.origin).toEqual({ ip: '34.90.1.2', asn: 396982 });
    expect(byId.get('x-win11')?.device).toMatchObject({
      kind: 'browser',
      os: 'Windows',
      osVersion: '10',
      managed: false,
      compliant: false,
    });
    expect(byId.get('x-upper')?.user).toBe('mixed.case@example.org');
    expect(byId.get('x-no-txn.challenge')?.origin).toBeUndefined();
    // An approved row is also the sign-in that opens the session: the session.start of that attempt has no row.
    expect(byId.get('x-webauthn.session')).toMatchObject({
      type: 'session.start',
      time: edgeEvents[9].time,
      transaction: 'tx6',
      reason: 'mfa',
    });
    expect(byId.get('x-webauthn.session')?.session).toBeUndefined();
    expect(byId.get('x-session-odd')).toBeUndefined();
    expect(byId.get('x-session-failed')).toBeUndefined();
  });

  it('encodes deterministically, one record per sign-in request and none for Mac events', () => {
    const events = worldEvents(2);
    const records = encodeAll(format, events);
    expect(encodeAll(format, events)).toEqual(records);
    // Every held event is a row's own, but for the challenge and the session an answer's row implies.
    const held = format.held(events);
    const implied = held.filter((e) => e.id.endsWith('.challenge') || e.id.endsWith('.session'));
    expect(implied.length).toBeGreaterThan(0);
    expect(records.length).toBe(held.length - implied.length);
    expect(records.length).toBe(
      events.filter((e) => e.source === 'idp' && !['mfa.challenge', 'account.lock', 'factor.enroll', 'factor.reset'].includes(e.type))
        .length - events.filter((e) => e.type === 'session.start' && e.reason === 'mfa').length,
    );
    expect(
      encodeAll(
        format,
        events.filter((e) => e.source === 'mac'),
      ),
    ).toEqual([]);
  });

  it('writes no row for the event types it lists as not held', () => {
    const base = { id: 'e1', time: Date.UTC(2026, 2, 1), source: 'idp' as const, user: 'a@example.org', transaction: 't1' };
    for (const type of ['account.lock', 'factor.enroll', 'factor.reset'] as const) {
      expect(format.limits.map((l) => l.field)).toContain(`type:${type}`);
      expect(encodeAll(format, [{ ...base, type }])).toEqual([]);
      expect(format.held([{ ...base, type }])).toEqual([]);
    }
  });

  it('decodes both golden sets exactly, whichever Entra shape a record has', () => {
    for (const dir of ['entra', 'entra-sentinel']) {
      const { records, expected } = golden(dir);
      const { events, steps } = decodeAll(format, records);
      expect(steps.filter((s) => s.kind === 'rejected')).toEqual([]);
      expect(steps.flatMap((s) => (s.kind === 'skipped' ? [s.why.replace(/:.*/, '')] : [])).sort()).toEqual(skippedIn[dir]);
      expectValidEvents(events);
      // Strict: an optional field the record lacks must be absent, not undefined.
      expect(events).toStrictEqual(expected);
    }
  });

  it('never throws on fuzzed input', () => {
    const samples = [...encodeAll(format, worldEvents(3).slice(0, 400)), ...golden('entra').records, ...golden('entra-sentinel').records];
    expectDecoderTotal(format, samples);
  });
});

describe('Entra golden records', () => {
  it('hold a bare Graph record, an Azure Monitor envelope and a Sentinel row in each set', () => {
    for (const dir of ['entra', 'entra-sentinel']) {
      const { records } = golden(dir);
      const graph = records.filter((r) => entraFormat.sniff(r) && !Object.hasOwn(r as object, 'properties'));
      const envelope = records.filter((r) => entraFormat.sniff(r) && Object.hasOwn(r as object, 'properties'));
      const sentinel = records.filter((r) => entraSentinelFormat.sniff(r));
      expect([graph.length, envelope.length, sentinel.length].every((n) => n >= 1)).toBe(true);
      expect(graph.length + envelope.length + sentinel.length).toBe(records.length);
    }
  });
});

describe('Entra golden records cover every push outcome', () => {
  it.each(['entra', 'entra-sentinel'])('%s: sent, approved, denied, timed out, wrong number, fraud, unsent, sessions', (dir) => {
    const { events } = decodeAll(entraFormat, golden(dir).records);
    const kinds = new Set(
      events.map((e) =>
        [e.type, e.outcome, e.type === 'mfa.result' ? e.challenge?.result : e.type === 'session.start' ? e.reason : e.challenge?.factor]
          .filter((part) => part !== undefined)
          .join(' '),
      ),
    );
    const want = [
      'auth.attempt failure',
      'auth.attempt success',
      'mfa.challenge success push',
      'mfa.challenge success push_number',
      'mfa.challenge failure push',
      'mfa.result success approved',
      'mfa.result failure denied',
      'mfa.result failure timeout',
      'mfa.result failure wrong_number',
      'mfa.result failure fraud',
      'session.start success mfa',
      'session.start success remembered_device',
    ];
    for (const k of want) expect([...kinds], k).toContain(k);
  });

  it('gives each push step its own push, the challenge at createdDateTime and the answer at the step', () => {
    const t = '2026-05-14T09:00:00.0000000Z';
    const step = (at: string, succeeded: boolean, detail: string) => ({
      authenticationStepDateTime: at,
      authenticationMethod: 'Mobile app notification',
      succeeded,
      authenticationStepResultDetail: detail,
      authenticationStepRequirement: 'Multifactor authentication',
    });
    const row = {
      id: 'row-1',
      createdDateTime: t,
      userPrincipalName: 'ana.silva@contoso.example',
      correlationId: 'browser-1',
      originalRequestId: 'req-1',
      isInteractive: true,
      status: { errorCode: 0, additionalDetails: 'MFA completed in Azure AD' },
      authenticationDetails: [
        {
          authenticationStepDateTime: t,
          authenticationMethod: 'Password',
          succeeded: true,
          authenticationStepResultDetail: 'Correct password',
          authenticationStepRequirement: 'Primary authentication',
        },
        step('2026-05-14T09:00:20.0000000Z', false, 'MFA denied; user declined the authentication'),
        step('2026-05-14T09:00:41.0000000Z', true, 'MFA successfully completed'),
      ],
    };
    const decoded = entraFormat.createDecoder().decode(row);
    expect(decoded.kind).toBe('events');
    if (decoded.kind !== 'events') return;
    const at = (s: string) => Date.parse(s);
    expect(decoded.events.map((e) => [e.id, e.type, e.time, e.transaction, e.challenge?.id, e.challenge?.result])).toEqual([
      ['row-1.challenge', 'mfa.challenge', at(t), 'req-1', 'row-1.mfa', undefined],
      ['row-1', 'mfa.result', at('2026-05-14T09:00:20Z'), 'req-1', 'row-1.mfa', 'denied'],
      ['row-1.challenge2', 'mfa.challenge', at('2026-05-14T09:00:20Z'), 'req-1.2', 'row-1.mfa2', undefined],
      ['row-1.result2', 'mfa.result', at('2026-05-14T09:00:41Z'), 'req-1.2', 'row-1.mfa2', 'approved'],
      ['row-1.session', 'session.start', at('2026-05-14T09:00:41Z'), 'req-1.2', undefined, undefined],
    ]);
    // Another request of the same browser (same correlationId) is another push.
    const next = entraFormat.createDecoder().decode({
      ...row,
      id: 'row-2',
      originalRequestId: 'req-2',
      authenticationDetails: row.authenticationDetails.slice(0, 2),
      status: { errorCode: 500121 },
    });
    expect(next.kind === 'events' && next.events.map((e) => e.transaction)).toEqual(['req-2', 'req-2']);
  });
});

describe('Entra decoder rejections', () => {
  const decode = (record: unknown) => entraFormat.createDecoder().decode(record);
  const envelope = encodeAll(
    entraFormat,
    worldEvents(1)
      .filter((e) => e.type === 'mfa.result')
      .slice(0, 1),
  )[0] as Record<string, unknown>;
  const props = envelope.properties as Record<string, unknown>;
  const row = encodeAll(
    entraSentinelFormat,
    worldEvents(1)
      .filter((e) => e.type === 'mfa.result')
      .slice(0, 1),
  )[0] as Record<string, unknown>;

  it.each<[string, unknown, string, string]>([
    ['a number', 42, 'not_an_object', 'expected a JSON object, got number'],
    ['an array', [envelope], 'not_an_object', 'expected a JSON object, got an array'],
    ['an object of no Entra shape', { eventType: 'user.session.start' }, 'missing_field', '(root): not an Entra sign-in'],
    ['properties that are not an object', { ...envelope, properties: 'x' }, 'wrong_type', '/properties: expected an object, got "x"'],
    [
      'an impossible time',
      { ...envelope, properties: { ...props, createdDateTime: '2026-13-45T99:99:99Z' } },
      'wrong_type',
      '/properties/createdDateTime: not an ISO time',
    ],
    [
      'a time before 2000',
      { ...envelope, properties: { ...props, createdDateTime: '1999-12-31T23:59:59Z' } },
      'wrong_type',
      '/properties/createdDateTime: outside 2000..2100',
    ],
    [
      'no user',
      { ...envelope, properties: { ...props, userPrincipalName: null } },
      'missing_field',
      '/properties/userPrincipalName: missing',
    ],
    ['no id', { ...envelope, properties: { ...props, id: '' } }, 'missing_field', '/properties/id: missing'],
    [
      'an unknown error code',
      { ...envelope, properties: { ...props, status: { errorCode: 99999 } } },
      'unknown_kind',
      '/properties/status/errorCode: 99999 is not an Entra code',
    ],
    [
      'no code at all',
      { ...envelope, resultType: undefined, properties: { ...props, status: null } },
      'missing_field',
      '/properties/status/errorCode: missing',
    ],
    [
      'a huge AS number',
      { ...envelope, properties: { ...props, autonomousSystemNumber: 1e300 } },
      'wrong_type',
      '/properties/autonomousSystemNumber: expected a non-negative integer',
    ],
    [
      'a step that is not an object',
      { ...envelope, properties: { ...props, authenticationDetails: ['Password'] } },
      'wrong_type',
      '/properties/authenticationDetails/0: expected an object',
    ],
    [
      'AuthenticationDetails that is not JSON',
      { ...row, AuthenticationDetails: 'Password; Mobile app notification' },
      'wrong_type',
      '/AuthenticationDetails: expected an array',
    ],
    [
      'a device flag of the wrong type',
      { ...row, DeviceDetail: { deviceId: '', isManaged: 3 } },
      'wrong_type',
      '/DeviceDetail/isManaged: expected a boolean, got 3',
    ],
  ])('rejects %s', (_, record, reason, detail) => {
    const step = decode(record);
    expect(step.kind).toBe('rejected');
    if (step.kind !== 'rejected') return;
    expect(step.reason).toBe(reason);
    expect(step.detail).toContain(detail);
  });

  it('reads a __proto__ key as data, not as the prototype', () => {
    const record = JSON.parse(`{"__proto__": ${JSON.stringify(props)}, "operationName": "Sign-in activity", "properties": {}}`) as unknown;
    const step = decode(record);
    expect(step).toMatchObject({ kind: 'rejected', reason: 'missing_field' });
  });

  it('skips rows pushstorm does not model', () => {
    expect(decode({ ...envelope, category: 'ServicePrincipalSignInLogs' })).toMatchObject({ kind: 'skipped' });
    expect(decode({ ...envelope, properties: { ...props, isInteractive: false } })).toMatchObject({ kind: 'skipped' });
    expect(decode({ ...envelope, properties: { ...props, status: { errorCode: 50140 } } })).toMatchObject({ kind: 'skipped' });
  });
});

describe('Entra sniff', () => {
  const events = worldEvents(4);
  const envelopes = encodeAll(entraFormat, events).slice(0, 50);
  const rows = encodeAll(entraSentinelFormat, events).slice(0, 50);

  it('claims its own records, and each shape for exactly one of the two formats', () => {
    expect(envelopes.every((r) => entraFormat.sniff(r) && !entraSentinelFormat.sniff(r))).toBe(true);
    expect(rows.every((r) => entraSentinelFormat.sniff(r) && !entraFormat.sniff(r))).toBe(true);
    for (const dir of ['entra', 'entra-sentinel']) {
      for (const r of golden(dir).records) expect(entraFormat.sniff(r) !== entraSentinelFormat.sniff(r)).toBe(true);
    }
    expect(entraFormat.sniff((envelopes[0] as { properties: unknown }).properties)).toBe(true);
  });

  it.each(Object.entries(otherFormats))('claims no %s record', (_, record) => {
    expect(entraFormat.sniff(record)).toBe(false);
    expect(entraSentinelFormat.sniff(record)).toBe(false);
  });

  it('claims no canonical event, and never throws', () => {
    for (const e of events.slice(0, 200)) {
      expect(entraFormat.sniff(e)).toBe(false);
      expect(entraSentinelFormat.sniff(e)).toBe(false);
    }
    for (const junk of [null, 42, 'x', [], {}, { properties: null, operationName: 'Sign-in activity' }]) {
      expect(entraFormat.sniff(junk)).toBe(false);
      expect(entraSentinelFormat.sniff(junk)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import {
  decodeEventLine,
  fastPathInSync,
  matchesEventSchemaFast,
  validateEventSchema,
} from '../../../../engine/formats/canonical/EventLineDecoder.ts';
import type { QuarantineReason } from '../../../../engine/model/QuarantineReason.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { simulate } from '../../../../generators/world/index.ts';

const time = Date.UTC(2026, 2, 2, 9, 30);
const base = { id: 'e1', time, source: 'idp', type: 'auth.attempt', user: 'ana@example.com' };
const line = (fields: Record<string, unknown>) => JSON.stringify({ ...base, ...fields });
const without = (key: string) => JSON.stringify(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));

/** The message JSON.parse gives for `text` on this Node version. */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parses`);
}

describe('decodeEventLine', () => {
  it('accepts a minimal event and returns it as parsed', () => {
    expect(decodeEventLine(JSON.stringify(base))).toEqual({ ok: true, event: base });
  });

  it('accepts an event with every optional field', () => {
    const full = {
      ...base,
      origin: {
        ip: '203.0.113.7',
        asn: 64500,
        asOrg: 'Example',
        country: 'ES',
        city: 'Madrid',
        lat: 40.4,
        lon: -3.7,
        proxy: true,
        proxyKind: 'residential',
      },
      device: {
        id: 'd1',
        kind: 'phone',
        hostname: 'h',
        os: 'iOS',
        osVersion: '18',
        model: 'iPhone',
        managed: true,
        compliant: false,
        serial: 'S',
      },
      app: 'Okta Dashboard',
      transaction: 't1',
      session: 's1',
      challenge: { id: 'c1', factor: 'push_number', result: 'denied' },
      outcome: 'failure',
      reason: 'denied',
      mac: { process: 'authd', method: 'login_window', shortName: 'ana', uid: 501, remoteIp: '10.0.0.2' },
    };
    expect(decodeEventLine(JSON.stringify(full))).toEqual({ ok: true, event: full });
  });

  it('accepts the first and the last millisecond of the time range (years 2000..2100)', () => {
    expect(decodeEventLine(line({ time: Date.UTC(2000, 0, 1) })).ok).toBe(true);
    expect(decodeEventLine(line({ time: Date.UTC(2101, 0, 1) - 1 })).ok).toBe(true);
  });

  const cases: Array<[string, string, QuarantineReason, string]> = [
    ['an empty line', '', 'empty_line', 'empty line'],
    ['a blank line', ' \t\r', 'empty_line', 'blank line (whitespace only)'],
    ['a truncated line', '{"id":"e1","ti', 'malformed_json', `malformed JSON: ${parseError('{"id":"e1","ti')}`],
    ['stray text', 'hello', 'malformed_json', `malformed JSON: ${parseError('hello')}`],
    ['an array', '[1,2]', 'not_an_object', 'expected a JSON object, got an array'],
    ['a string', '"event"', 'not_an_object', 'expected a JSON object, got "event"'],
    ['a number', '42', 'not_an_object', 'expected a JSON object, got 42'],
    ['null', 'null', 'not_an_object', 'expected a JSON object, got null'],
    ['no user', without('user'), 'missing_field', 'missing "user"'],
    ['no time', without('time'), 'missing_field', 'missing "time"'],
    ['an origin without ip', line({ origin: { country: 'ES' } }), 'missing_field', '/origin: missing "ip"'],
    ['a challenge without factor', line({ challenge: { id: 'c1' } }), 'missing_field', '/challenge: missing "factor"'],
    ['a numeric user', line({ user: 42 }), 'wrong_type', '/user: expected string, got 42'],
    ['a numeric type', line({ type: 7 }), 'wrong_type', '/type: expected string, got 7'],
    ['a string origin', line({ origin: '203.0.113.7' }), 'wrong_type', '/origin: expected object, got "203.0.113.7"'],
    ['an array device', line({ device: [] }), 'wrong_type', '/device: expected object, got an array'],
    ['a string proxy flag', line({ origin: { ip: 'x', proxy: 'yes' } }), 'wrong_type', '/origin/proxy: expected boolean, got "yes"'],
    ['a fractional uid', line({ mac: { process: 'authd', uid: 1.5 } }), 'wrong_type', '/mac/uid: expected integer, got 1.5'],
    ['a null app', line({ app: null }), 'wrong_type', '/app: expected string, got null'],
    ['a misspelt type', line({ type: 'mfa.chalenge' }), 'unknown_type', '/type: "mfa.chalenge" is not a known event type'],
    ['a date string for time', line({ time: '2026-03-02' }), 'bad_timestamp', '/time: expected integer epoch ms, got "2026-03-02"'],
    ['a fractional time', line({ time: time + 0.5 }), 'bad_timestamp', `/time: expected integer epoch ms, got ${time + 0.5}`],
    ['a negative time', line({ time: -1 }), 'bad_timestamp', '/time: expected epoch ms between 2000-01-01 and 2100-12-31, got -1'],
    [
      'seconds instead of ms',
      line({ time: 1772443800 }),
      'bad_timestamp',
      '/time: expected epoch ms between 2000-01-01 and 2100-12-31, got 1772443800',
    ],
    [
      'a time after 2100',
      line({ time: Date.UTC(2101, 0, 1) }),
      'bad_timestamp',
      `/time: expected epoch ms between 2000-01-01 and 2100-12-31, got ${Date.UTC(2101, 0, 1)}`,
    ],
    ['a huge time', line({ time: 1e300 }), 'bad_timestamp', '/time: expected epoch ms between 2000-01-01 and 2100-12-31, got 1e+300'],
    ['an unexpected field', line({ label: 'attack' }), 'invalid', 'unexpected field "label"'],
    ['an unexpected nested field', line({ device: { id: 'd', kind: 'mac', owner: 'x' } }), 'invalid', '/device: unexpected field "owner"'],
    ['an unknown source', line({ source: 'okta' }), 'invalid', '/source: "okta" is not one of "idp", "mac"'],
    [
      'an unknown factor',
      line({ challenge: { id: 'c', factor: 'voice' } }),
      'invalid',
      '/challenge/factor: "voice" is not one of "push", "push_number", "totp", "sms", "webauthn", "desktop_mfa"',
    ],
    ['an empty id', line({ id: '' }), 'invalid', '/id: expected a non-empty string, got ""'],
  ];
  it.each(cases)('rejects %s', (_, text, reason, detail) => {
    expect(decodeEventLine(text)).toEqual({ ok: false, reason, detail });
  });

  it('reports the most specific of several problems: missing field, wrong type, unknown type, timestamp, other', () => {
    const all = { id: 'e1', time: 'x', source: 'okta', type: 'nope', extra: 1 };
    expect(decodeEventLine(JSON.stringify(all))).toMatchObject({
      reason: 'missing_field',
      detail: 'missing "user"',
    });
    expect(decodeEventLine(JSON.stringify({ ...all, user: 1 }))).toMatchObject({
      reason: 'wrong_type',
      detail: '/user: expected string, got 1',
    });
    expect(decodeEventLine(JSON.stringify({ ...all, user: 'u' }))).toMatchObject({ reason: 'unknown_type' });
    expect(decodeEventLine(JSON.stringify({ ...all, user: 'u', type: 'mac.wake' }))).toMatchObject({
      reason: 'bad_timestamp',
    });
  });

  it('cuts long values in a detail at 40 characters', () => {
    const type = 'x'.repeat(100);
    expect(decodeEventLine(line({ type }))).toEqual({
      ok: false,
      reason: 'unknown_type',
      detail: `/type: "${'x'.repeat(40)}"… is not a known event type`,
    });
  });

  it('never lets a __proto__ key through', () => {
    const text = `{"__proto__":{"admin":true},${JSON.stringify(base).slice(1)}`;
    expect(decodeEventLine(text)).toEqual({ ok: false, reason: 'invalid', detail: 'unexpected field "__proto__"' });
  });

  it('survives deeply nested JSON', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(decodeEventLine(deep).ok).toBe(false);
    const deepObject = `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`;
    expect(decodeEventLine(deepObject).ok).toBe(false);
  });
});

describe('fast path', () => {
  it('was written for the current schema (else every line goes through ajv)', () => {
    expect(fastPathInSync).toBe(true);
  });

  it('accepts every event the simulator writes, as ajv does, and they decode to equal objects', async () => {
    const scenario = await loadScenarioFile('scenarios/tiny.yaml');
    const events: CanonicalEvent[] = [];
    simulate(scenario, (event) => events.push(event));
    expect(events.length).toBeGreaterThan(100);
    const types = new Set<string>();
    for (const event of events) {
      const text = JSON.stringify(event);
      const parsed = JSON.parse(text) as CanonicalEvent;
      expect(matchesEventSchemaFast(parsed)).toBe(true);
      expect(validateEventSchema(parsed)).toBe(true);
      expect(decodeEventLine(text)).toEqual({ ok: true, event: parsed });
      types.add(event.type);
    }
    expect(types.size).toBeGreaterThan(5);
  });
});

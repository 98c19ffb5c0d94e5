import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oktaClassicFormat, oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, expectValidEvents, worldEvents } from '../_harness.ts';

const golden = (name: string) =>
  readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

describe('oktaFormat', () => {
  it.each([1, 2, 3, 4, 5])('round-trips the held fields of world %i', (seed) => {
    expectRoundTrip(oktaFormat, worldEvents(seed, { numberMatching: seed % 2 === 0 }));
  });

  it('decodes hand-written Identity Engine and Classic records to the expected events', () => {
    const { events, steps } = decodeAll(oktaFormat, golden('records.ndjson'));
    expect(events).toEqual(golden('expected.ndjson') as CanonicalEvent[]);
    expectValidEvents(events);
    // policy.evaluate_sign_on is skipped, not rejected
    expect(steps.filter((s) => s.kind !== 'events').map((s) => s.kind)).toEqual(['skipped']);
  });

  it('reads a denied push the Classic way and the Identity Engine way as the same result', () => {
    const { events } = decodeAll(oktaFormat, golden('records.ndjson'));
    const denials = events.filter((e) => e.challenge?.result === 'denied');
    expect(denials.map((e) => [e.id, e.outcome, e.reason])).toEqual([
      ['c41e07a2-5d1b-4f0e-9a33-8e2f61b0d7c4', 'failure', 'denied'],
      ['f2c9b1e4-6a3d-4c7e-8b15-0d9e2a7f3b10', 'failure', 'denied'],
    ]);
  });

  it('writes the fields detection rules key on', () => {
    const events = worldEvents(2, { numberMatching: true });
    const records = encodeAll(oktaFormat, events) as Array<Record<string, any>>;
    const types = new Set(records.map((r) => r.eventType));
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['system.push.send_factor_verify_push', 'user.authentication.auth_via_mfa', 'user.session.start']),
    );
    for (const r of records) {
      expect(r.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.actor.alternateId).toMatch(/@/);
      expect(r.actor.id).toMatch(/^00u[0-9A-Za-z]{17}$/);
      expect(r.version).toBe('0');
    }
    // debugData as real exports write it: Java map text, not JSON
    for (const r of records.filter((x) => x.client !== null)) {
      expect(r.debugContext.debugData.behaviors).toMatch(
        /^\{New Geo-Location=(POSITIVE|NEGATIVE), New Device=(POSITIVE|NEGATIVE), New IP=(POSITIVE|NEGATIVE), .*\}$/,
      );
      expect(r.debugContext.debugData.risk).toMatch(/^\{level=(LOW|MEDIUM|HIGH)\}$/);
      expect(['true', 'false']).toContain(r.debugContext.debugData.threatSuspected);
    }
    const attacker = records.filter((r) => r.securityContext.isProxy === true);
    expect(attacker.length).toBeGreaterThan(0);
    expect(attacker.every((r) => r.debugContext.debugData.risk === '{level=HIGH}')).toBe(true);
    // A push and its answer are two requests of one attempt in one browser session.
    const push = records.find((r) => r.eventType === 'system.push.send_factor_verify_push')!;
    const answer = records.find(
      (r) =>
        r.eventType === 'user.authentication.auth_via_mfa' &&
        r.debugContext.debugData.authnRequestId === push.debugContext.debugData.authnRequestId &&
        r.debugContext.debugData.factor === 'OKTA_VERIFY_PUSH',
    );
    expect(answer, 'a push and its answer name one attempt').toBeDefined();
    expect(answer!.authenticationContext.externalSessionId).toBe(push.authenticationContext.externalSessionId);
    expect(answer!.transaction.id).not.toBe(push.transaction.id);
    for (const r of records) expect(r.debugContext.debugData.requestId).toBe(r.transaction.id);
  });

  it.each([
    ['oie', oktaFormat],
    ['classic', oktaClassicFormat],
  ] as const)("puts one browser session's attempts under one externalSessionId, as Okta does (%s)", (engine, format) => {
    const events = worldEvents(2, { numberMatching: true });
    const records = encodeAll(format, events) as Array<Record<string, any>>;
    const attemptsPerSession = new Map<string, Set<string>>();
    for (const r of records.filter((x) => x.eventType === 'system.push.send_factor_verify_push')) {
      const id: string = r.authenticationContext.externalSessionId;
      expect(id.startsWith(engine === 'oie' ? 'idx' : '102')).toBe(true);
      const attempts = attemptsPerSession.get(id) ?? new Set<string>();
      attempts.add(r.debugContext.debugData.authnRequestId);
      attemptsPerSession.set(id, attempts);
    }
    // The attacker's storm: many attempts (pushes) from one browser, one session id.
    const busiest = Math.max(...[...attemptsPerSession.values()].map((a) => a.size));
    expect(busiest).toBeGreaterThanOrEqual(5);
    // ...and each push is its own request, never merged by the decoder.
    const pushes = records.filter((r) => r.eventType === 'system.push.send_factor_verify_push');
    expect(new Set(pushes.map((r) => r.transaction.id)).size).toBe(pushes.length);
    const decoded = decodeAll(format, records).events.filter((e) => e.type === 'mfa.challenge' && e.challenge?.factor !== 'sms');
    expect(new Set(decoded.map((e) => e.challenge!.id)).size).toBe(pushes.length);
  });

  it('is deterministic: the same events give the same records', () => {
    const events = worldEvents(3);
    expect(JSON.stringify(encodeAll(oktaFormat, events))).toBe(JSON.stringify(encodeAll(oktaFormat, events)));
  });

  it('rejects broken records with a reason naming the field', () => {
    const [record] = golden('records.ndjson') as Array<Record<string, unknown>>;
    const cases: Array<[unknown, string, RegExp]> = [
      [[record], 'not_an_object', /LogEvent object/],
      [{ ...record, eventType: undefined }, 'missing_field', /eventType/],
      [{ ...record, published: 'yesterday' }, 'wrong_type', /\/published/],
      [{ ...record, published: '1999-12-31T23:59:59.000Z' }, 'wrong_type', /\/published/],
      [{ ...record, uuid: 7 }, 'wrong_type', /\/uuid/],
      [{ ...record, actor: null }, 'missing_field', /alternateId/],
    ];
    for (const [input, reason, detail] of cases) {
      const [step] = decodeAll(oktaFormat, [JSON.parse(JSON.stringify(input ?? null)) as unknown]).steps;
      expect(step.kind === 'rejected' ? [step.reason, step.detail] : step).toEqual([reason, expect.stringMatching(detail)]);
    }
  });

  it('never throws on fuzzed input', () => {
    expectDecoderTotal(oktaFormat, [
      ...golden('records.ndjson'),
      ...encodeAll(
        oktaFormat,
        worldEvents(6)
          .filter((_, i) => i % 7 === 0)
          .slice(0, 200),
      ),
    ]);
  });

  it('sniffs its records and not canonical events', () => {
    const events = worldEvents(1).slice(0, 20);
    expect([...golden('records.ndjson'), ...encodeAll(oktaFormat, events)].every((r) => oktaFormat.sniff(r))).toBe(true);
    expect(events.some((e) => oktaFormat.sniff(e))).toBe(false);
  });

  describe('Classic Engine', () => {
    it.each([1, 2, 3, 4, 5])('round-trips the held fields of world %i', (seed) => {
      expectRoundTrip(oktaClassicFormat, worldEvents(seed, { numberMatching: seed % 2 === 1 }));
    });

    it('writes a rejected push as deny_push and a bad password as a failed session start, and nothing for a good password or an unanswered push', () => {
      const events = [1, 2, 3, 4, 5].flatMap((seed) => worldEvents(seed));
      const records = encodeAll(oktaClassicFormat, events) as Array<Record<string, any>>;
      const denials = events.filter((e) => e.type === 'mfa.result' && e.challenge?.result === 'denied' && e.reason !== 'muted');
      const denyPush = records.filter((r) => r.eventType === 'user.mfa.okta_verify.deny_push');
      expect(denials.length).toBeGreaterThan(0);
      expect(denyPush.map((r) => r.uuid)).toEqual(denials.map((e) => e.id));
      expect(denyPush.every((r) => r.outcome.result === 'FAILURE' && r.outcome.reason === 'User rejected Okta push verify')).toBe(true);
      // The Classic Authentication API's paths: a push sent by .../verify, answered on its factor transaction's poll.
      for (const r of denyPush)
        expect(r.debugContext.debugData.requestUri).toMatch(/^\/api\/v1\/authn\/factors\/opf\w{17}\/transactions\/ftq\w{30}\/verify$/);
      for (const r of records.filter((x) => x.eventType === 'system.push.send_factor_verify_push'))
        expect(r.debugContext.debugData.requestUri).toMatch(/^\/api\/v1\/authn\/factors\/opf\w{17}\/verify$/);
      const badPasswords = events.filter((e) => e.type === 'auth.attempt' && e.outcome === 'failure').map((e) => e.id);
      expect(badPasswords.length).toBeGreaterThan(0);
      expect(records.filter((r) => r.eventType === 'user.session.start' && r.outcome.result === 'FAILURE').map((r) => r.uuid)).toEqual(
        badPasswords,
      );
      expect(records.some((r) => r.outcome.result === 'UNANSWERED' || r.debugContext.debugData.factor === 'PASSWORD_AS_FACTOR')).toBe(
        false,
      );
    });

    it('is read by the same decoder, and detected as okta', () => {
      const records = encodeAll(oktaClassicFormat, worldEvents(3));
      expect(decodeAll(oktaFormat, records).events).toEqual(oktaClassicFormat.held(worldEvents(3)));
    });
  });
});

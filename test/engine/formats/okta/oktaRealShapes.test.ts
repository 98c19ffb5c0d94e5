import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { pushKey } from '../../../../detectors/_internal/PushWindow.ts';
import { decodeAll, expectValidEvents } from '../_harness.ts';

/**
 * Hand-written Okta System Logs in the shapes Okta writes (field structure of Elastic's Okta pipeline test records,
 * stix-shifter's Okta samples and Okta's LogEvent reference; our own values), read as a new user would: push flows of
 * both engines, and one push storm from one attacker browser session.
 * @module
 */

type Json = Record<string, any>;

const golden = (name: string): Json[] =>
  readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Json);

const VICTIM = 'mara.lindqvist@example.com';

/** Every detector's alerts on the events in time order. */
/**
 * The golden storm was written for the burst detectors' counts of its time (5; the space tuning raised them to 6):
 * what these tests hold is the reading of Okta's records, so the counts are pinned.
 */
const pinned = { 'denied-burst': { threshold: 5 }, 'mfa-without-login': { threshold: 5 } };
const alertsOf = (events: readonly CanonicalEvent[]): Alert[] =>
  defaultAlerts(
    [...events].sort((a, b) => a.time - b.time),
    pinned,
  );

/** Who each of the three storm detectors alerted on. */
function stormVerdict(events: readonly CanonicalEvent[]): Record<string, Array<string | undefined>> {
  const alerts = alertsOf(events);
  const on = (id: string) => [...new Set(alerts.filter((a) => a.detector.id === id).map((a) => a.user))].sort();
  return {
    'mfa-without-login': on('mfa-without-login'),
    'denied-burst': on('denied-burst'),
    'approval-after-fatigue': on('approval-after-fatigue'),
  };
}

describe.each(['oie', 'classic'] as const)('Okta %s push flows in real shapes', (engine) => {
  const records = golden(`${engine}-push-flows.ndjson`);
  const { events, steps } = decodeAll(oktaFormat, records);

  it('decode to the expected events, every record decoded or skipped with a reason', () => {
    expect(events).toEqual(golden(`${engine}-push-flows.expected.ndjson`));
    expectValidEvents(events);
    expect(steps.filter((s) => s.kind === 'rejected')).toEqual([]);
    const skipped = steps.flatMap((s, i) => (s.kind === 'skipped' ? [[records[i].eventType, s.why]] : []));
    expect(skipped).toEqual([
      ['policy.evaluate_sign_on', expect.stringMatching(/not part of a push flow/)],
      ['user.mfa.attempt_bypass', expect.stringMatching(/not a push or its answer/)],
    ]);
  });

  it('cover every push outcome the engine logs', () => {
    const results = events.filter((e) => e.type === 'mfa.result').map((e) => `${e.challenge!.factor}:${e.challenge!.result}`);
    expect(new Set(results)).toEqual(
      new Set([
        'push:approved',
        'push:denied',
        // Classic logs nothing for a push left alone; the Identity Engine logs UNANSWERED.
        ...(engine === 'oie' ? ['push:timeout'] : []),
        'push_number:approved',
        'push_number:wrong_number',
        'push:fraud',
      ]),
    );
    expect(events.filter((e) => e.type === 'auth.attempt' && e.outcome === 'failure').map((e) => e.reason)).toEqual(['bad_password']);
    expect(events.filter((e) => e.type === 'session.start')).toHaveLength(3);
  });

  it('pair each answer with its own push, and each session with the approval that opened it', () => {
    const pushes = events.filter((e) => e.type === 'mfa.challenge');
    const answers = events.filter((e) => e.type === 'mfa.result');
    for (const answer of answers) {
      const push = pushes.filter((p) => p.user === answer.user && p.time <= answer.time).at(-1)!;
      expect([answer.challenge!.id, answer.transaction], answer.id).toEqual([push.challenge!.id, push.transaction]);
    }
    // The fraud report pairs through the push it names (suspiciousActivityEventId), not through its own session.
    const report = records.find((r) => r.eventType === 'user.account.report_suspicious_activity_by_enduser')!;
    expect(report.authenticationContext.externalSessionId).not.toBe(
      records.find((r) => r.uuid === report.debugContext.debugData.suspiciousActivityEventId)!.authenticationContext.externalSessionId,
    );
    for (const session of events.filter((e) => e.type === 'session.start')) {
      const approval = answers
        .filter((a) => a.user === session.user && a.challenge!.result === 'approved' && a.time <= session.time)
        .at(-1)!;
      expect(session.transaction, session.id).toBe(approval.transaction);
    }
    // Distinct pushes stay distinct, though one user's attempts share a browser session.
    expect(new Set(pushes.map(pushKey)).size).toBe(pushes.length);
  });
});

describe('the account a record concerns', () => {
  it('is the User target when Okta itself is the actor, as some exports write factor sends', () => {
    const [push] = golden('oie-push-flows.ndjson').filter((r) => r.eventType === 'system.push.send_factor_verify_push');
    const login = push.actor.alternateId;
    const bySystem = {
      ...push,
      actor: {
        id: '0oa2system0000000000',
        type: 'SystemPrincipal',
        alternateId: 'system@okta.com',
        displayName: 'Okta System',
        detailEntry: null,
      },
      target: [
        { id: push.actor.id, type: 'User', alternateId: login, displayName: push.actor.displayName, detailEntry: null },
        ...push.target,
      ],
    };
    const { events } = decodeAll(oktaFormat, [bySystem]);
    expect(events.map((e) => [e.type, e.user])).toEqual([['mfa.challenge', login]]);
    // Without a User target the record still names Okta, not a made-up user.
    expect(decodeAll(oktaFormat, [{ ...bySystem, target: null }]).events.map((e) => e.user)).toEqual(['system@okta.com']);
  });
});

describe.each(['oie', 'classic'] as const)('an Okta %s push storm from one browser session', (engine) => {
  const records = golden(`${engine}-storm.ndjson`);
  const attacker = records.filter((r) => r.client.ipAddress === '203.0.113.77');

  it('is written as Okta writes it: one externalSessionId, one IP, a request per push', () => {
    expect(new Set(attacker.map((r) => r.authenticationContext.externalSessionId)).size).toBe(1);
    const sent = attacker.filter((r) => r.eventType === 'system.push.send_factor_verify_push');
    expect(sent).toHaveLength(13);
    expect(new Set(sent.map((r) => r.transaction.id)).size).toBe(13);
  });

  it('decodes to one push per push record', () => {
    const { events, steps } = decodeAll(oktaFormat, records);
    expect(steps.filter((s) => s.kind !== 'events')).toEqual([]);
    const storm = events.filter((e) => e.user === VICTIM && e.origin?.ip === '203.0.113.77');
    expect(new Set(storm.filter((e) => e.type === 'mfa.challenge').map(pushKey)).size).toBe(13);
    const results = storm.filter((e) => e.type === 'mfa.result').map((e) => e.challenge!.result);
    expect(results.filter((r) => r === 'denied')).toHaveLength(engine === 'oie' ? 6 : 7);
    expect(results.filter((r) => r === 'timeout')).toHaveLength(engine === 'oie' ? 6 : 0);
    expect(results.at(-1)).toBe('approved');
  });

  it('makes mfa-without-login, denied-burst and approval-after-fatigue alert on the victim and no one else', () => {
    const { events } = decodeAll(oktaFormat, records);
    expect(stormVerdict(events)).toEqual({
      'mfa-without-login': [VICTIM],
      'denied-burst': [VICTIM],
      'approval-after-fatigue': [VICTIM],
    });
    // The approval's alert carries the session it opened.
    const approval = alertsOf(events).find((a) => a.detector.id === 'approval-after-fatigue' && (a.relatedLogins ?? []).length > 0);
    expect(approval, 'the session the approval opened is attached').toBeDefined();
  });

  it('still does when the records name no attempt (authnRequestId): answers pair within the browser session', () => {
    const bare = records.map((r) => {
      const copy = structuredClone(r);
      delete copy.debugContext.debugData.authnRequestId;
      return copy;
    });
    const { events } = decodeAll(oktaFormat, bare);
    const storm = events.filter((e) => e.user === VICTIM && e.origin?.ip === '203.0.113.77');
    expect(new Set(storm.filter((e) => e.type === 'mfa.challenge').map(pushKey)).size).toBe(13);
    expect(stormVerdict(events)).toEqual({
      'mfa-without-login': [VICTIM],
      'denied-burst': [VICTIM],
      'approval-after-fatigue': [VICTIM],
    });
  });

  it('would be one push if the browser session were the transaction (the bug this guards against)', () => {
    const { events } = decodeAll(oktaFormat, records);
    const merged = events.map((e) =>
      e.user === VICTIM && e.origin?.ip === '203.0.113.77' ? { ...e, transaction: attacker[0].authenticationContext.externalSessionId } : e,
    );
    expect(stormVerdict(merged)['mfa-without-login']).toEqual([]);
  });
});

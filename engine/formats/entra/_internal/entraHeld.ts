import type { CanonicalEvent, Challenge, NetworkOrigin } from '../../../model/generated/event.ts';
import type { FieldLimit } from '../../LogFormat.ts';
import { heldDevice } from './entraDevice.ts';
import { primaryFailureOf, resultOf } from './entraRowKind.ts';
import { isAnonymizedOrigin } from './entraSignInWriter.ts';
import { DERIVED_ID, pushIdsOf } from './entraIds.ts';
import { createRowGrouper, type RowGroup } from './entraRows.ts';
import { denialFor, isNotSent } from './entraVocabulary.ts';

/**
 * What of a canonical stream survives a trip through Entra sign-in logs (both the Azure Monitor envelope and the
 * Sentinel row carry the same), and the list of what does not.
 * @module
 */

/** The canonical fields and event types Entra sign-in logs cannot carry, shared by both Entra formats. */
export const ENTRA_LIMITS: readonly FieldLimit[] = [
  {
    field: 'type:account.lock',
    why: 'Smart Lockout writes no sign-in row when it locks an account; the attempts it then refuses are 50053 rows (auth.attempt failure locked_out)',
  },
  { field: 'type:factor.enroll', why: 'security-info registration is in the Entra audit log, not the sign-in log' },
  { field: 'type:factor.reset', why: 'security-info deletion is in the Entra audit log, not the sign-in log' },
  { field: 'type:mac.*', why: 'Mac events are not in Entra sign-in logs (the format carries source idp only)' },
  { field: 'outcome', why: 'session.start rows are errorCode 0; a failed session.start has no row and is dropped' },
  {
    field: 'reason',
    why: 'read back from the code and the "MFA denied; …" text: auth.attempt failures Entra has no code for become bad_password (50126); mfa.result reasons without a text of their own become the result; mfa.challenge failures other than muted/delivery_failed become error; session.start reasons other than mfa and remembered_device are dropped; successes carry none (mfa.result approved: approved)',
  },
  { field: 'user', why: 'userPrincipalName is always lower case' },
  { field: 'origin.asOrg', why: 'Entra records the AS number only (autonomousSystemNumber)' },
  {
    field: 'origin.proxy',
    why: "only Identity Protection's real-time anonymizedIPAddress detection (Tor, anonymising VPN) marks a proxy: those read back as proxy true; hosting and residential proxies, and proxy false, read back without the flag",
  },
  { field: 'origin.proxyKind', why: 'no field; anonymizedIPAddress does not say Tor or VPN' },
  { field: 'origin', why: 'dropped when the event has no IP address (ipAddress "")' },
  {
    field: 'device.id',
    why: 'deviceId is "" for a device not registered with Entra (pushstorm\'s browsers): the decoder names it entra-<hash of IP and OS>',
  },
  {
    field: 'device.kind',
    why: 'from registration and OS: a registered MacOs device is a mac, Ios/Android a phone, anything else (and every unregistered device) a browser',
  },
  { field: 'device.hostname', why: 'displayName is written for registered devices only' },
  {
    field: 'device.osVersion',
    why: 'operatingSystem carries no version except for Windows ("Windows10", which Entra also writes for Windows 11)',
  },
  { field: 'device.model', why: 'no field' },
  { field: 'device.serial', why: 'no field' },
  { field: 'device.managed', why: 'isManaged is always written: absent reads back as false' },
  { field: 'device.compliant', why: 'isCompliant is always written: absent reads back as false' },
  {
    field: 'id',
    why: "Entra writes one row per sign-in request, so a push is written once answered (500121, or 0 when approved): its challenge comes back implied by that row as <row id>.challenge, an approval's session as <row id>.session; a push still unanswered at the end of the file has no row yet",
  },
  {
    field: 'transaction',
    why: "originalRequestId, the first request of the sign-in, is the attempt; an event without a transaction takes its row id (correlationId is the browser's and is never read)",
  },
  { field: 'challenge.id', why: 'Entra has no id for a push: the decoder names it <row id>.mfa, one per push step of the row' },
  {
    field: 'challenge.factor',
    why: 'push with number matching only shows in authenticationAppPolicyEvaluationDetails (or a wrong-number text); desktop_mfa is a push from a desktop client (clientAppUsed "Mobile Apps and Desktop clients"); a wrong-number push reads back as push_number',
  },
  {
    field: 'session',
    why: 'the session an approval opens is its approved row, written when the push is approved, before the session id exists: it reads back at the answer, reason mfa, without an id; sessionId is written on the 0 rows of sessions without a push',
  },
];

/**
 * The held view of a stream: the events the decoder gives back, row by row (see `entraRows.ts`). A push's row gives
 * its challenge (implied, at the time the push went out), its result (at the answer) and, for an approval, the
 * session it opens (at the answer, without the session id); each under the row's ids (`entraIds.ts` `pushIdsOf`),
 * in the attempt's transaction. An unanswered push at the end of the file has no row yet.
 */
export function entraHeld(events: readonly CanonicalEvent[]): CanonicalEvent[] {
  const held: CanonicalEvent[] = [];
  const grouper = createRowGrouper();
  for (const e of events) {
    const g = grouper.push(e);
    if (g !== undefined) held.push(...heldRow(g));
  }
  return held;
}

/** The fields every event of a row has: the row event's user, origin, device, app, and the attempt. */
function heldBase(e: CanonicalEvent): Omit<CanonicalEvent, 'id' | 'time' | 'type'> {
  const h: Omit<CanonicalEvent, 'id' | 'time' | 'type'> = { source: 'idp', user: e.user.toLowerCase() };
  const origin = heldOrigin(e.origin, isAnonymizedOrigin(e));
  if (origin !== undefined) h.origin = origin;
  const device = heldDevice(e.device, e.origin?.ip ?? '');
  if (device !== undefined) h.device = device;
  if (e.app !== undefined && e.app !== '') h.app = e.app;
  h.transaction = e.transaction || e.id;
  return h;
}

function heldRow(g: RowGroup): CanonicalEvent[] {
  if (g.kind === 'single') {
    const h = heldSingle(g.event);
    return h === undefined ? [] : [h];
  }
  const r = g.result;
  const base = heldBase(r);
  const ids = pushIdsOf(r.id, base.transaction ?? r.id, 0);
  const result = resultOf(r);
  const read = result === 'approved' ? { result, reason: 'approved' } : denialFor(result, r.reason);
  const factor = heldFactor(r.challenge?.factor, read.result === 'wrong_number');
  const sent = !('text' in read && isNotSent(read.text));
  const challenge: CanonicalEvent = {
    id: ids.challengeEvent,
    time: g.challenge?.time ?? r.time,
    ...base,
    type: 'mfa.challenge',
    challenge: { id: ids.push, factor },
    outcome: sent ? 'success' : 'failure',
  };
  if (!sent) challenge.reason = read.reason;
  const answer: CanonicalEvent = {
    id: ids.resultEvent,
    time: r.time,
    ...base,
    type: 'mfa.result',
    challenge: { id: ids.push, factor, result: read.result },
    outcome: read.result === 'approved' ? 'success' : 'failure',
    reason: read.reason,
  };
  if (read.result !== 'approved') return [challenge, answer];
  const session: CanonicalEvent = {
    id: `${r.id}${DERIVED_ID.session}`,
    time: r.time,
    ...base,
    type: 'session.start',
    outcome: 'success',
    reason: 'mfa',
  };
  return [challenge, answer, session];
}

/** An event that is a row of its own. */
function heldSingle(e: CanonicalEvent): CanonicalEvent | undefined {
  if (e.source !== 'idp') return undefined;
  const h: CanonicalEvent = { id: e.id, time: e.time, ...heldBase(e), type: e.type };
  switch (e.type) {
    case 'auth.attempt':
      if (e.outcome === 'failure') return { ...h, outcome: 'failure', reason: primaryFailureOf(e.reason).reason };
      return { ...h, outcome: 'success' };
    case 'session.start':
      if (e.outcome === 'failure') return undefined;
      if (e.session !== undefined && e.session !== '') h.session = e.session;
      h.outcome = 'success';
      if (e.reason === 'mfa' || e.reason === 'remembered_device') h.reason = e.reason;
      return h;
    case 'rate.limit':
      return { ...h, outcome: 'failure', reason: 'rate_limited' };
    default:
      return undefined;
  }
}

/** A push's factor as it reads back (a wrong number means number matching was on). */
function heldFactor(factor: Challenge['factor'] | undefined, wrongNumber: boolean): Challenge['factor'] {
  const f = factor ?? 'push';
  return wrongNumber && (f === 'push' || f === 'push_number') ? 'push_number' : f;
}

function heldOrigin(o: NetworkOrigin | undefined, anonymized: boolean): NetworkOrigin | undefined {
  if (o === undefined || o.ip === '') return undefined;
  const h: NetworkOrigin = { ip: o.ip };
  if (o.asn !== undefined) h.asn = o.asn;
  if (o.country !== undefined && o.country !== '') h.country = o.country;
  if (o.city !== undefined && o.city !== '') h.city = o.city;
  if (o.lat !== undefined) h.lat = o.lat;
  if (o.lon !== undefined) h.lon = o.lon;
  if (anonymized) h.proxy = true;
  return h;
}

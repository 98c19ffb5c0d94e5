import type { CanonicalEvent, Challenge, Device, NetworkOrigin } from '../../../model/generated/event.ts';
import { DERIVED_ID } from './duoDecode.ts';
import { countryIn, countryOut, duoKey, healthOut, osIn, osOut, present, trustOut, txidFor } from './duoVocabulary.ts';

/** The origin after Duo's `access_device`: ip, city, country (through its English name); nothing else. */
function heldOrigin(o: NetworkOrigin | undefined): NetworkOrigin | undefined {
  const ip = present(o?.ip);
  if (o === undefined || ip === undefined) return undefined;
  const out: NetworkOrigin = { ip };
  const city = present(o.city);
  if (city !== undefined) out.city = city;
  const country = o.country !== undefined ? present(countryOut(o.country)) : undefined;
  if (country !== undefined) out.country = countryIn(country);
  return out;
}

/**
 * The device after Duo: a phone is its `auth_device.key`; a Mac or browser its `access_device` endpoint key, host
 * name (a Mac exactly when it has one), OS, `trusted_endpoint_status` (managed) and Device Health (compliant).
 */
function heldDevice(d: Device | undefined): Device | undefined {
  if (d === undefined) return undefined;
  if (d.kind === 'phone') return { id: duoKey.phone(d.id), kind: 'phone' };
  const hostname = present(d.hostname);
  const out: Device = { id: duoKey.endpoint(d.id), kind: hostname !== undefined ? 'mac' : 'browser' };
  if (hostname !== undefined) out.hostname = hostname;
  const os = d.os !== undefined ? present(osOut(d.os)) : undefined;
  if (os !== undefined) out.os = osIn(os);
  const osVersion = present(d.osVersion);
  if (osVersion !== undefined) out.osVersion = osVersion;
  const trust = trustOut(d.managed);
  if (trust !== 'unknown') out.managed = trust === 'trusted';
  const health = healthOut(d.compliant);
  if (health[0] !== 'unknown') out.compliant = !health.includes(false);
  return out;
}

/** The fields every event of a row shares: its txid is the id, the transaction, and (for challenges) the challenge id. */
function base(e: CanonicalEvent, type: CanonicalEvent['type'], txid: string, id = txid): CanonicalEvent {
  const out: CanonicalEvent = { id, time: e.time, source: 'idp', type, user: e.user };
  const origin = heldOrigin(e.origin);
  if (origin) out.origin = origin;
  const device = heldDevice(e.device);
  if (device) out.device = device;
  const app = present(e.app);
  if (app !== undefined) out.app = app;
  out.transaction = txid;
  return out;
}

/** What survives of an `mfa.result`: the challenge the decoder derives, the result, and the session an approval opens. */
function heldAttempt(e: CanonicalEvent, txid: string): CanonicalEvent[] {
  const factor: Challenge['factor'] = e.challenge?.factor ?? 'push';
  const muted = e.reason === 'muted';
  const result = muted ? 'denied' : (e.challenge?.result ?? (e.outcome === 'success' ? 'approved' : 'denied'));
  const challenge = base(e, 'mfa.challenge', txid, `${txid}${DERIVED_ID.challenge}`);
  challenge.challenge = { id: txid, factor };
  challenge.outcome = muted ? 'failure' : 'success';
  if (muted) challenge.reason = 'muted';
  const answer = base(e, 'mfa.result', txid);
  answer.challenge = { id: txid, factor, result };
  answer.outcome = result === 'approved' ? 'success' : 'failure';
  answer.reason = muted ? 'muted' : result;
  if (result !== 'approved') return [challenge, answer];
  const session = base(e, 'session.start', txid, `${txid}${DERIVED_ID.session}`);
  session.session = txid;
  session.outcome = 'success';
  session.reason = 'mfa';
  return [challenge, answer, session];
}

function heldEvent(e: CanonicalEvent, txid: string): CanonicalEvent[] {
  if (e.source !== 'idp') return [];
  switch (e.type) {
    case 'mfa.result':
      return heldAttempt(e, txid);
    case 'session.start': {
      // A session after MFA is the approval row's; only one that skipped MFA has a row of its own.
      if (e.reason === 'mfa') return [];
      const out = base(e, 'session.start', txid);
      out.session = txid;
      out.outcome = 'success';
      const reason = present(e.reason);
      if (reason !== undefined) out.reason = reason;
      return [out];
    }
    case 'rate.limit':
      return [{ ...base(e, 'rate.limit', txid), outcome: 'failure', reason: 'rate_limited' }];
    case 'factor.enroll':
      return [{ ...base(e, 'factor.enroll', txid), outcome: e.outcome === 'failure' ? 'failure' : 'success' }];
    default:
      return [];
  }
}

/**
 * What of a stream of canonical events a trip through Duo authentication logs gives back, in order (the
 * `duoFormat.held` of the round-trip tests): see `duoFormat`'s limits for each change.
 */
export function heldDuoEvents(events: readonly CanonicalEvent[]): CanonicalEvent[] {
  const used = new Set<string>();
  return events.flatMap((e) => {
    const txid = txidFor(e, used);
    const held = heldEvent(e, txid);
    if (held.length > 0) used.add(txid);
    return held;
  });
}

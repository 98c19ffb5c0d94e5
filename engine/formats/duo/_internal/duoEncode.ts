import type { CanonicalEvent, Challenge } from '../../../model/generated/event.ts';
import {
  FACTOR_OUT,
  MUTED_REASON,
  RATE_LIMIT_REASON,
  browserOut,
  countryOut,
  duoKey,
  healthOut,
  microDigits,
  osOut,
  resultOut,
  stateOf,
  trustOut,
} from './duoVocabulary.ts';

/** One Duo authentication-log row as `GET /admin/v2/logs/authentication` returns it (keys in Duo's order). */
export type DuoRow = Record<string, unknown>;

const nullLocation = () => ({ city: null, country: null, state: null });

/** `access_device`: the browser or Mac that asked for access, and where it asked from (the canonical origin). */
function accessDevice(e: CanonicalEvent, osLogon: boolean): Record<string, unknown> {
  const d = e.device !== undefined && e.device.kind !== 'phone' ? e.device : undefined;
  const o = e.origin;
  const [encryption, firewall, password] = healthOut(d?.compliant);
  return {
    // An OS logon integration (Desktop MFA at the login window) has no browser, and Duo writes null for it.
    browser: osLogon ? null : browserOut(d, o?.ip ?? e.user),
    browser_version: null,
    epkey: d !== undefined ? duoKey.endpoint(d.id) : null,
    flash_version: osLogon ? null : 'uninstalled',
    hostname: d?.hostname ?? null,
    ip: o?.ip ?? null,
    is_encryption_enabled: encryption,
    is_firewall_enabled: firewall,
    is_password_set: password,
    java_version: osLogon ? null : 'uninstalled',
    location: o
      ? { city: o.city ?? null, country: o.country !== undefined ? countryOut(o.country) : null, state: stateOf(o.city, o.country) }
      : nullLocation(),
    os: d?.os !== undefined ? osOut(d.os) : null,
    os_version: d?.osVersion ?? null,
    // Device Health reports its agents (none here) only where it reported the rest; browsers without it say null.
    security_agents: d?.compliant !== undefined ? [] : null,
  };
}

/**
 * `auth_device`: the phone, when the canonical device is one (an enrolment). On MFA rows the canonical device is the
 * requesting Mac or browser, and the phone that answered is not in the event: its fields are null, a shape Duo's own
 * rows have (the Elastic enrolment sample).
 */
function authDevice(e: CanonicalEvent): Record<string, unknown> {
  const phone = e.device?.kind === 'phone' ? e.device : undefined;
  return { ip: null, key: phone !== undefined ? duoKey.phone(phone.id) : null, location: nullLocation(), name: null };
}

/** The isotimestamp Duo writes: UTC, microseconds, `+00:00` (the sub-millisecond digits derived from the id). */
function isoTimestamp(ms: number, id: string): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${microDigits(id)}+00:00`;
}

function row(
  e: CanonicalEvent,
  txid: string,
  fields: { eventType: string; factor: string; result: string; reason: string | null; osLogon?: boolean },
): DuoRow {
  const at = e.user.indexOf('@');
  return {
    access_device: accessDevice(e, fields.osLogon === true),
    alias: '',
    application: e.app !== undefined ? { key: duoKey.application(e.app), name: e.app } : null,
    auth_device: authDevice(e),
    email: e.user,
    event_type: fields.eventType,
    factor: fields.factor,
    isotimestamp: isoTimestamp(e.time, e.id),
    ood_software: null,
    reason: fields.reason,
    result: fields.result,
    timestamp: Math.floor(e.time / 1000),
    trusted_endpoint_status: trustOut(e.device?.kind !== 'phone' ? e.device?.managed : undefined),
    txid,
    user: { groups: [], key: duoKey.user(e.user), name: at > 0 ? e.user.slice(0, at) : e.user },
  };
}

/** Factor session starts without a challenge are written with: Duo's name for the way the prompt was skipped. */
function skipFactor(reason: string | undefined): string {
  return reason === 'remembered_device' || reason === 'trusted_network' ? reason : 'not_available';
}

/**
 * The Duo row of one canonical event, or undefined when Duo logs nothing for it. Duo writes one row per resolved
 * attempt: an `mfa.result` is that row (the push it answers has none), a `session.start` that skipped MFA is a
 * `remembered_device` success, a `rate.limit` an `anomalous_push` denial, a `factor.enroll` an `enrollment` row. The
 * password step, the push sent, the session after an approval (the approval row stands for it), lockouts and factor
 * resets have no row.
 */
export function encodeDuoEvent(e: CanonicalEvent, txid: string = e.id): DuoRow | undefined {
  if (e.source !== 'idp') return undefined;
  switch (e.type) {
    case 'mfa.result': {
      const factor: Challenge['factor'] = e.challenge?.factor ?? 'push';
      const answer =
        e.reason === 'muted'
          ? { result: 'denied', reason: MUTED_REASON }
          : resultOut(e.challenge?.result ?? (e.outcome === 'success' ? 'approved' : 'denied'), factor);
      return row(e, txid, { eventType: 'authentication', factor: FACTOR_OUT[factor], ...answer, osLogon: factor === 'desktop_mfa' });
    }
    case 'session.start':
      if (e.reason === 'mfa') return undefined;
      return row(e, txid, { eventType: 'authentication', factor: skipFactor(e.reason), result: 'success', reason: e.reason ?? null });
    case 'rate.limit':
      return row(e, txid, { eventType: 'authentication', factor: FACTOR_OUT.push, result: 'denied', reason: RATE_LIMIT_REASON });
    case 'factor.enroll':
      return row(e, txid, {
        eventType: 'enrollment',
        factor: 'not_available',
        result: e.outcome === 'failure' ? 'failure' : 'success',
        reason: null,
      });
    default:
      return undefined;
  }
}

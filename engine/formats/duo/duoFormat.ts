import type { LogFormat } from '../LogFormat.ts';
import { decodeDuoRecord } from './_internal/duoDecode.ts';
import { encodeDuoEvent } from './_internal/duoEncode.ts';
import { heldDuoEvents } from './_internal/duoHeld.ts';
import { txidFor } from './_internal/duoVocabulary.ts';
import { numberAt, stringAt, valueAt } from '../_internal/recordFields.ts';

const limits = [
  { field: 'type:mac.*', why: 'Mac events are not in the IdP log (write them with --mac-format)' },
  {
    field: 'type:auth.attempt',
    why: 'Duo is the second factor: the password step happens at the IdP or application before Duo is called, and Duo logs nothing for it',
  },
  {
    field: 'type:mfa.challenge',
    why: 'Duo logs one row per resolved attempt and no "push sent" row; the decoder derives the challenge from the row (id `<txid>#push`, at the row\'s time), so a challenge whose answer never came (still pending when the stream ends) is lost',
  },
  { field: 'mfa.challenge id, time', why: "derived: `<txid>#push`, at the answer's time (the row has one time, the resolution's)" },
  {
    field: 'type:session.start (reason mfa)',
    why: 'Duo has no session row; the decoder derives the session from an approval row (id `<txid>#session`, at its time, reason mfa), which is the moment Duo lets the login through',
  },
  {
    field: 'type:account.lock',
    why: "the canonical lockout follows bad passwords, which Duo never sees; Duo's own lockout shows only as locked_out denials",
  },
  { field: 'type:factor.reset', why: "removing a phone is in Duo's administrator log, not the authentication log" },
  {
    field: 'transaction',
    why: "every event of a row gets its txid: a push's row the transaction of its attempt, any other row the id of the event it was written from",
  },
  { field: 'id', why: "an answer's is its row's txid; the push and session the row implies get `<txid>#push` and `<txid>#session`" },
  { field: 'challenge.id', why: 'the txid of the row' },
  { field: 'session', why: 'Duo has no session id; a session start gets the txid of its row' },
  { field: 'origin.asn, origin.asOrg, origin.lat, origin.lon', why: 'access_device.location has only city, state and country' },
  {
    field: 'origin.proxy, origin.proxyKind',
    why: 'Duo flags an anonymous network only as a denial reason (anonymous_ip), not on every row',
  },
  {
    field: 'origin.country',
    why: 'written as the English name GeoIP gives (`United States`); read back through ICU names, so a name no table knows stays as written',
  },
  {
    field: 'device.id',
    why: 'replaced by the Duo key derived from it: access_device.epkey (EP…) for a Mac or browser, auth_device.key (DP…) for a phone; a row of an OS logon integration without a key reads back as the Mac of its access_device.hostname',
  },
  {
    field: 'device.kind',
    why: 'read back from where the device sits: a phone in auth_device; an access device is a Mac when it has a host name, else a browser',
  },
  { field: 'device.model, device.serial', why: 'no access_device or auth_device field' },
  {
    field: 'device.os, device.osVersion, device.managed, device.compliant (phone)',
    why: 'auth_device holds only name, key, ip and location',
  },
  {
    field: 'device.managed, device.compliant',
    why: 'carried by trusted_endpoint_status (trusted / not trusted) and the Device Health booleans (all true = compliant, no disk encryption = not)',
  },
  { field: 'mfa.result reason', why: 'read back as the result (approved, denied, timeout, fraud, wrong_number, error) or muted' },
  { field: 'session.start outcome', why: 'only successful attempts are session starts' },
  { field: 'rate.limit outcome, reason', why: 'an anomalous_push denial reads back as failure, rate_limited' },
  { field: 'factor.enroll reason', why: 'Duo writes reason null on enrollment rows' },
] as const;

/**
 * Cisco Duo Admin API v2 authentication logs (`GET /admin/v2/logs/authentication`, one `authlogs` entry per line as
 * SIEMs keep them). Duo writes one row per resolved attempt with lower-case `result` and `reason`, `txid` (a push's
 * attempt's canonical transaction, else the event's id), `timestamp` in epoch seconds and `isotimestamp` in microseconds, the user (`email` = the IdP
 * login, `user.name` its local part, a derived `user.key`), `application`, the requesting `access_device` (the
 * canonical origin and Mac or browser) and the `auth_device` (the phone, when known).
 *
 * Writes: an `mfa.result` as its row, at the answer's time (Duo's time is that of the attempt's result, the only
 * thing the row records): approved `success`/`user_approved`, denied `denied`/`user_mistake`, timeout
 * `denied`/`no_response`, fraud `fraud`/`user_marked_fraud`, wrong number `denied`/`invalid_passcode` on a
 * `verified_duo_push` (Verified Duo Push, Duo's number matching), muted `denied`/`locked_out` (Duo locks a user out
 * after a fraud report), error `error`/`error`. Desktop MFA is a `duo_push` from an OS logon integration
 * (`access_device.browser: null`). A session start that skipped MFA is a `remembered_device` success; a rate limit an
 * `anomalous_push` denial; an enrolment an `enrollment` row.
 *
 * Reads: a push row back as the `mfa.challenge` it answers (`<txid>#push`, failed when Duo refused to prompt), the
 * `mfa.result` and, for an approval, the `session.start` it opened (`<txid>#session`): detectors count pushes from
 * challenges and logins from session starts, as they do on the IdP's own logs.
 */
export const duoFormat: LogFormat<'duo'> = {
  id: 'duo',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'cisco:duo:authentication', index: 'pushstorm-duo' },
  title: 'Cisco Duo authentication log (Admin API v2)',
  sources: ['idp'],
  fileStem: 'duo-authlogs',
  limits,
  held: (events) => heldDuoEvents(events),
  createEncoder: () => {
    const used = new Set<string>();
    return {
      encode: (e) => {
        const txid = txidFor(e, used);
        const row = encodeDuoEvent(e, txid);
        if (row === undefined) return [];
        used.add(txid);
        return [row];
      },
      end: () => [],
    };
  },
  createDecoder: () => ({ decode: decodeDuoRecord }),
  sniff: (record) =>
    stringAt(record, 'txid') !== undefined &&
    (stringAt(record, 'isotimestamp') !== undefined || numberAt(record, 'timestamp') !== undefined) &&
    (stringAt(record, 'result') !== undefined || stringAt(record, 'event_type') !== undefined || valueAt(record, ['factor']) !== undefined),
};

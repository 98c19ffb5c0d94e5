import type { CanonicalEvent, Device } from '../../model/generated/event.ts';
import type { LogFormat } from '../LogFormat.ts';
import { OktaDecoder } from './_internal/oktaDecode.ts';
import { encodeOktaEvent } from './_internal/oktaEncode.ts';
import { OktaLogState, type OktaEngine } from './_internal/oktaEncode.ts';
import { OktaBehaviors } from './_internal/oktaBehaviors.ts';
import { objectAt, stringAt } from '../_internal/recordFields.ts';

const limits = [
  { field: 'type:mac.*', why: 'Mac events are not in the IdP log (write them with --mac-format)' },
  {
    field: 'type:mfa.challenge (totp, webauthn)',
    why: 'Okta logs no "challenge sent" record for a TOTP or WebAuthn prompt, only the result',
  },
  { field: 'origin.proxyKind', why: 'securityContext has isProxy but not the kind of proxy' },
  { field: 'device.hostname', why: "the registered device's name field holds its model; the host name is not logged" },
  { field: 'device.serial', why: 'not in the System Log device object' },
  { field: 'device.compliant', why: 'not in the System Log device object (managed is)' },
  { field: 'device (browser)', why: 'a browser is known only by its device-token hash (debugData.dtHash) and user-agent OS' },
  { field: 'session.start reason', why: 'user.session.start does not say whether MFA was asked or a remembered device skipped it' },
  {
    field: 'challenge.factor push_number',
    why: 'a number challenge shows only in pushWithNumberChallengeResponseType of an approval, a wrong number or an error; the push-sent record and a denial or timeout read back as push',
  },
  { field: 'mfa.result reason', why: 'read back as the result (approved, denied, timeout, fraud, wrong_number, error) or muted' },
] as const;

/** What a device becomes after a trip through Okta's fields. */
function heldDevice(d: Device): Device {
  if (d.kind === 'browser')
    return d.os !== undefined && d.os !== 'Unknown' ? { id: d.id, kind: d.kind, os: d.os } : { id: d.id, kind: d.kind };
  const os = d.os ?? undefined;
  const kind = os === 'iOS' || os === 'Android' ? 'phone' : 'mac';
  const out: Device = { id: d.id, kind };
  if (os !== undefined) out.os = os;
  if (d.osVersion !== undefined) out.osVersion = d.osVersion;
  if (d.model !== undefined) out.model = d.model;
  if (d.managed !== undefined) out.managed = d.managed;
  return out;
}

function heldEvent(e: CanonicalEvent, engine: OktaEngine): CanonicalEvent | undefined {
  if (e.source !== 'idp') return undefined;
  if (
    engine === 'classic' &&
    ((e.type === 'auth.attempt' && e.outcome !== 'failure') || (e.type === 'mfa.result' && e.challenge?.result === 'timeout'))
  )
    return undefined;
  const c = e.challenge;
  if (e.type === 'mfa.challenge' && (!c || c.factor === 'totp' || c.factor === 'webauthn')) return undefined;
  if (
    (e.type === 'mfa.result' && !c) ||
    ![
      'auth.attempt',
      'mfa.challenge',
      'mfa.result',
      'session.start',
      'account.lock',
      'rate.limit',
      'factor.enroll',
      'factor.reset',
    ].includes(e.type)
  )
    return undefined;
  const out: CanonicalEvent = structuredClone(e);
  if (out.origin) delete out.origin.proxyKind;
  if (out.device) out.device = heldDevice(out.device);
  if (out.type === 'session.start') delete out.reason;
  if (out.type === 'session.start') out.outcome = 'success';
  if (out.type !== 'session.start') delete out.session;
  if (out.type === 'rate.limit') {
    out.outcome = 'failure';
    out.reason = 'rate_limited';
  }
  if (out.type === 'auth.attempt' && out.outcome === 'success') delete out.reason;
  if (out.type === 'auth.attempt' && out.outcome !== 'success') out.outcome = 'failure';
  if (out.type === 'auth.attempt' && out.outcome === 'failure' && out.reason === undefined) out.reason = 'bad_password';
  if (engine === 'classic' && out.type === 'auth.attempt') out.reason = out.reason === 'locked_out' ? 'locked_out' : 'bad_password';
  if (out.type !== 'mfa.challenge' && out.type !== 'mfa.result') delete out.challenge;
  if (out.type === 'mfa.challenge' && out.challenge) {
    delete out.challenge.result;
    if (out.challenge.factor === 'push_number') out.challenge.factor = 'push';
    out.outcome = out.outcome === 'failure' ? 'failure' : 'success';
  }
  if (out.type === 'mfa.result' && out.challenge) {
    const result = out.challenge.result ?? 'denied';
    out.challenge.result = result;
    if (out.challenge.factor === 'push_number' && !['approved', 'wrong_number', 'error'].includes(result)) out.challenge.factor = 'push';
    out.outcome = result === 'approved' ? 'success' : 'failure';
    out.reason = result === 'denied' && out.reason === 'muted' ? 'muted' : result;
  }
  if ((out.type === 'account.lock' || out.type === 'factor.enroll' || out.type === 'factor.reset') && out.outcome !== 'failure')
    out.outcome = 'success';
  return out;
}

/** Okta's sniff: a LogEvent has an event type, a publication time and an actor. */
const sniff = (record: unknown) =>
  stringAt(record, 'eventType') !== undefined && stringAt(record, 'published') !== undefined && objectAt(record, 'actor') !== undefined;

/**
 * Okta System Log (`LogEvent`, one JSON object per line as SIEMs keep it; `GET /api/v1/logs` pages decode too).
 * Writes Identity Engine records: `system.push.send_factor_verify_push` for a push sent, `user.authentication.auth_via_mfa`
 * for every verification (the password as `PASSWORD_AS_FACTOR`, a push answer with `pushOnlyResponseType` or
 * `pushWithNumberChallengeResponseType`, an unanswered push as UNANSWERED), `user.account.report_suspicious_activity_by_enduser`
 * for a fraud report, `user.session.start` for the login. Reads those and the Classic forms (`user.mfa.okta_verify.deny_push`,
 * a failed `user.session.start` for a bad password). `debugData.authnRequestId` (the request that began the attempt)
 * carries the canonical transaction, the push-sent record's `transaction.id` (its request) the challenge id, `uuid`
 * the event id; `authenticationContext.externalSessionId` is the browser session, one per user, browser and day,
 * holding many attempts, and never read as the transaction (docs/formats.md, "Okta System Log", Linking).
 */
export const oktaFormat: LogFormat<'okta'> = {
  id: 'okta',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'OktaIM2:log', index: 'pushstorm-okta' },
  title: 'Okta System Log',
  sources: ['idp'],
  fileStem: 'okta-system-log',
  limits,
  held: (events) => events.flatMap((e) => heldEvent(e, 'oie') ?? []),
  createEncoder: () => {
    const behaviors = new OktaBehaviors();
    const log = new OktaLogState();
    return {
      encode: (e) => (e.source === 'idp' ? [encodeOktaEvent(e, behaviors, 'oie', log)].filter((r) => r !== undefined) : []),
      end: () => [],
    };
  },
  createDecoder: () => new OktaDecoder(),
  sniff,
};

/**
 * The Okta System Log of a Classic Engine org: a rejected push is `user.mfa.okta_verify.deny_push` ("User rejected
 * Okta push verify"), a bad password a failed `user.session.start`, a good password and an unanswered push leave no
 * record. The rest as {@link oktaFormat}, whose decoder reads both (auto-detection names a Classic file `okta`).
 */
export const oktaClassicFormat: LogFormat<'okta-classic'> = {
  id: 'okta-classic',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'OktaIM2:log', index: 'pushstorm-okta-classic' },
  title: 'Okta System Log (Classic Engine)',
  sources: ['idp'],
  fileStem: 'okta-system-log',
  limits: [
    ...limits,
    {
      field: 'type:auth.attempt (success)',
      why: 'Classic logs no record for a correct password; the login is the user.session.start that follows MFA',
    },
    {
      field: 'mfa.result (timeout)',
      why: "Classic logs nothing for an unanswered push (the Identity Engine's UNANSWERED is an OIE feature)",
    },
    { field: 'auth.attempt reason', why: 'a failed user.session.start reads back as bad_password, or locked_out' },
  ],
  held: (events) => events.flatMap((e) => heldEvent(e, 'classic') ?? []),
  createEncoder: () => {
    const behaviors = new OktaBehaviors();
    const log = new OktaLogState();
    return {
      encode: (e) => (e.source === 'idp' ? [encodeOktaEvent(e, behaviors, 'classic', log)].filter((r) => r !== undefined) : []),
      end: () => [],
    };
  },
  createDecoder: () => new OktaDecoder(),
  sniff,
};

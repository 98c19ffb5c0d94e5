import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { FieldLimit, LogFormat } from '../LogFormat.ts';
import { decodeOcsfRecord } from './_internal/ocsfDecode.ts';
import { encodeOcsfEvent } from './_internal/ocsfEncode.ts';
import { isObject, own } from './_internal/ocsfFields.ts';
import { CLASS_UID, sourceOfType } from './_internal/ocsfVocabulary.ts';

const limits: readonly FieldLimit[] = [
  {
    field: 'origin (Mac events)',
    why: "a Mac record's src_endpoint is the ssh or screen-sharing peer (mac.remoteIp); Mac events carry no IdP origin",
  },
  { field: 'mac (IdP events)', why: 'actor.process, logon_type and the local user name and uid describe Mac records only' },
  { field: 'source', why: 'read from the event code: a mac.* type is a Mac record, any other type an IdP record' },
];

/** What one event becomes after a trip through an OCSF record. */
function heldEvent(e: CanonicalEvent): CanonicalEvent {
  // A JSON copy: undefined-valued keys (the simulator's `method: undefined`) are absent after decoding too.
  const out = JSON.parse(JSON.stringify(e)) as CanonicalEvent;
  out.source = sourceOfType(out.type);
  if (out.source === 'mac') delete out.origin;
  else delete out.mac;
  return out;
}

/**
 * OCSF 1.8.0 Authentication (class 3002), one record per line, for both sources: IdP events as an Okta-to-OCSF
 * pipeline writes them (`metadata.product` Okta System Log, Okta event types in `metadata.event_code`) and Mac events
 * as an endpoint sensor would (`metadata.product` macOS, Endpoint Security event names where ES has the event).
 *
 * Activities: 1 Logon for primary attempts, MFA results, session starts and Mac logins; 6 Preauth for a push sent
 * and the Mac plug-in's MFA request (OCSF-bento's convention); 2 Logoff for a Mac session end; 99 Other, with
 * `activity_name`, for lock, unlock, sleep, wake, account lock, factor enrolment and reset, and rate limits. The
 * canonical type is recovered from `metadata.event_code` (the OIE `user.authentication.auth_via_mfa` is the primary
 * attempt when its factor is the password, an MFA result otherwise).
 *
 * Where each canonical field goes: `metadata.uid` id; `time` epoch ms (epoch seconds read too); `user.email_addr`
 * user; `src_endpoint {ip, location {city, country, lat, long}, autonomous_system {number, name}}` origin, with the
 * proxy verdict as an `enrichments[]` entry on `src_endpoint.ip` (`data.is_proxy`, `data.proxy_type`; Okta's
 * `unmapped.securityContext.isProxy` is read too); `device {type_id, uid, hostname, model, os {name, version},
 * is_managed, is_compliant, hw_info.serial_number}` device; `service.name` app; `metadata.correlation_uid`
 * transaction; `session.uid` session; `http_request.uid` challenge id; `auth_factors[] {factor_type_id, provider}`
 * challenge factor (5 Push from provider Okta Verify, or Okta Device Access for desktop MFA; the label
 * `number_challenge` in `metadata.labels` for number matching; 7 OTP, 1 SMS, 10 WebAuthn); `status_detail` challenge
 * result; `status_id` outcome; `status_code` reason; `actor.process.name`, `logon_type_id` (2 Interactive, 7 Unlock,
 * 3 Network, 10 Remote Interactive, 99 `sudo`), `user.name`, `user.uid` and `src_endpoint.ip` the Mac process,
 * method, short name, uid and peer address.
 */
export const ocsfFormat: LogFormat<'ocsf'> = {
  id: 'ocsf',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'ocsf:authentication', index: 'pushstorm-ocsf' },
  title: 'OCSF Authentication (3002)',
  sources: ['idp', 'mac'],
  fileStem: 'ocsf-authentication',
  limits,
  held: (events) => events.map(heldEvent),
  createEncoder: () => ({ encode: (event) => [encodeOcsfEvent(event)], end: () => [] }),
  createDecoder: () => ({ decode: decodeOcsfRecord }),
  sniff(record) {
    if (!isObject(record) || own(record, 'class_uid') !== CLASS_UID) return false;
    const metadata = own(record, 'metadata');
    return isObject(metadata) && typeof own(record, 'time') === 'number';
  },
};

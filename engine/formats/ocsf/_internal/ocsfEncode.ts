import type { CanonicalEvent, Challenge, Device, MacContext, NetworkOrigin } from '../../../model/generated/event.ts';
import {
  ACTIVITY_NAME,
  CATEGORY_UID,
  CLASS_UID,
  DESKTOP_MFA_PROVIDER,
  DEVICE_TYPE_OUT,
  FACTOR_OUT,
  FACTOR_TYPE,
  FACTOR_TYPE_NAME,
  LOGON_TYPE_OUT,
  MAC_LOGIN_CODE,
  NUMBER_CHALLENGE_LABEL,
  OCSF_VERSION,
  OS_TYPE,
  PRODUCT,
  PROXY_ENRICHMENT,
  PUSH_PROVIDER,
  RESULT_DETAIL,
  SEVERITY_NAME,
  SMS_SENT_CODE,
  STATUS_NAME,
  TYPE_OUT,
  sourceOfType,
} from './ocsfVocabulary.ts';

/**
 * One canonical event as an OCSF 1.8.0 Authentication (3002) record. Field by field:
 * `metadata.uid` ← id, `time` ← time (epoch ms, with `time_dt`), `metadata.event_code` ← type (vocabulary),
 * `user.email_addr` ← user, `src_endpoint` ← origin (IdP) or `mac.remoteIp` (Mac), `device` ← device,
 * `service.name` ← app, `metadata.correlation_uid` ← transaction, `session.uid` ← session, `auth_factors[]` and
 * `http_request.uid` ← challenge factor and id, `status_id` ← outcome, `status_code` ← reason, `status_detail` ←
 * challenge result, `actor.process.name` / `logon_type_id` / `user.name` / `user.uid` ← mac process, method, short
 * name and uid.
 * @module
 */

type Json = Record<string, unknown>;

/** Copies the defined entries only, so absent canonical fields stay absent in the record. */
function defined(entries: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

function eventCode(e: CanonicalEvent): string {
  if (e.type === 'mfa.challenge' && e.challenge?.factor === 'sms') return SMS_SENT_CODE;
  if (e.type === 'mac.login' && e.mac?.method !== undefined) return MAC_LOGIN_CODE[e.mac.method] ?? TYPE_OUT[e.type].code;
  return TYPE_OUT[e.type].code;
}

function osOf(d: Device): Json | undefined {
  if (d.os === undefined && d.osVersion === undefined) return undefined;
  const type = d.os !== undefined ? OS_TYPE[d.os] : undefined;
  return defined({ name: d.os, type: type?.name ?? 'Other', type_id: type?.id ?? 99, version: d.osVersion });
}

function deviceOf(d: Device): Json {
  const type = DEVICE_TYPE_OUT[d.kind];
  return defined({
    type_id: type.id,
    type: type.name,
    uid: d.id,
    hostname: d.hostname,
    model: d.model,
    os: osOf(d),
    is_managed: d.managed,
    is_compliant: d.compliant,
    hw_info: d.serial !== undefined ? { serial_number: d.serial } : undefined,
  });
}

function srcEndpointOf(o: NetworkOrigin): Json {
  const location = defined({ city: o.city, country: o.country, lat: o.lat, long: o.lon });
  const as = defined({ number: o.asn, name: o.asOrg });
  return defined({
    ip: o.ip,
    location: Object.keys(location).length > 0 ? location : undefined,
    autonomous_system: Object.keys(as).length > 0 ? as : undefined,
  });
}

/** The IdP's proxy verdict on the source address, as an OCSF enrichment of `src_endpoint.ip`. */
function proxyEnrichment(o: NetworkOrigin): Json[] | undefined {
  if (o.proxy === undefined && o.proxyKind === undefined) return undefined;
  return [{ ...PROXY_ENRICHMENT, value: o.ip, data: defined({ is_proxy: o.proxy, proxy_type: o.proxyKind }) }];
}

function factorOf(c: Challenge): Json {
  const id = FACTOR_OUT[c.factor];
  const provider = c.factor === 'desktop_mfa' ? DESKTOP_MFA_PROVIDER : id === FACTOR_TYPE.push ? PUSH_PROVIDER : undefined;
  return defined({ factor_type_id: id, factor_type: FACTOR_TYPE_NAME[id], provider, is_totp: c.factor === 'totp' ? true : undefined });
}

function authFactorsOf(e: CanonicalEvent): Json[] | undefined {
  const factors: Json[] = [];
  // The OIE password step is an auth_via_mfa record whose factor is the password.
  if (e.type === 'auth.attempt')
    factors.push({ factor_type_id: FACTOR_TYPE.password, factor_type: FACTOR_TYPE_NAME[FACTOR_TYPE.password] });
  if (e.challenge) factors.push(factorOf(e.challenge));
  return factors.length > 0 ? factors : undefined;
}

function severityOf(e: CanonicalEvent): number {
  // Okta writes these as WARN.
  if (e.type === 'account.lock' || e.type === 'rate.limit' || e.challenge?.result === 'fraud') return 3;
  return 1;
}

function statusOf(e: CanonicalEvent): Json {
  const id = e.outcome === 'success' ? 1 : e.outcome === 'failure' ? 2 : 0;
  return defined({
    status_id: id,
    status: STATUS_NAME[id],
    status_code: e.reason,
    status_detail: e.challenge?.result !== undefined ? RESULT_DETAIL[e.challenge.result] : undefined,
  });
}

/** The Mac's user: local short name and uid, with the IdP login the inventory maps them to. */
function userOf(e: CanonicalEvent, mac: MacContext | undefined): Json {
  if (e.source === 'mac') {
    return defined({
      type_id: 1,
      type: 'User',
      name: mac?.shortName,
      uid: mac?.uid !== undefined ? String(mac.uid) : undefined,
      email_addr: e.user,
    });
  }
  return { type_id: 1, type: 'User', name: e.user, email_addr: e.user };
}

function macFields(e: CanonicalEvent, mac: MacContext | undefined): Json {
  const logon = mac?.method !== undefined ? LOGON_TYPE_OUT[mac.method] : undefined;
  const d = e.device;
  return defined({
    actor: mac ? { process: { name: mac.process } } : undefined,
    logon_type_id: logon?.id,
    logon_type: logon?.name,
    is_remote: mac?.method === 'ssh' || mac?.method === 'screen_sharing' ? true : mac?.method !== undefined ? false : undefined,
    src_endpoint: mac?.remoteIp !== undefined ? { ip: mac.remoteIp } : undefined,
    // The Mac is where the logon is targeted; the class asks for a service or a destination endpoint.
    dst_endpoint: d ? defined({ hostname: d.hostname, uid: d.id }) : { name: 'localhost' },
  });
}

function idpFields(e: CanonicalEvent): Json {
  return defined({
    src_endpoint: e.origin ? srcEndpointOf(e.origin) : undefined,
    enrichments: e.origin ? proxyEnrichment(e.origin) : undefined,
    // Without an app the sign-in targets the IdP itself.
    dst_endpoint: e.app === undefined ? { svc_name: PRODUCT.idp.vendor_name } : undefined,
  });
}

/**
 * The OCSF record of one canonical event. The source is the type's (a Mac type is a Mac record); what a source
 * has no room for (origin on a Mac record, mac detail on an IdP record) is left out, as `held` says.
 */
export function encodeOcsfEvent(e: CanonicalEvent): Json {
  const spelling = TYPE_OUT[e.type];
  const source = sourceOfType(e.type);
  const mac = source === 'mac' ? e.mac : undefined;
  const activity = spelling.activity;
  const severity = severityOf(e);
  const labels = e.challenge?.factor === 'push_number' ? [NUMBER_CHALLENGE_LABEL] : undefined;
  return defined({
    metadata: defined({
      version: OCSF_VERSION,
      product: PRODUCT[source],
      profiles: ['datetime', 'host'],
      uid: e.id,
      event_code: eventCode(e),
      correlation_uid: e.transaction,
      labels,
    }),
    time: e.time,
    time_dt: new Date(e.time).toISOString(),
    category_uid: CATEGORY_UID,
    category_name: 'Identity & Access Management',
    class_uid: CLASS_UID,
    class_name: 'Authentication',
    activity_id: activity,
    activity_name: spelling.otherName ?? ACTIVITY_NAME[activity],
    type_uid: CLASS_UID * 100 + activity,
    type_name: `Authentication: ${ACTIVITY_NAME[activity]}`,
    severity_id: severity,
    severity: SEVERITY_NAME[severity],
    ...statusOf(e),
    is_mfa: e.type === 'auth.attempt' ? false : e.challenge ? true : undefined,
    auth_factors: authFactorsOf(e),
    user: userOf(e, mac),
    service: e.app !== undefined ? { name: e.app } : undefined,
    session: e.session !== undefined ? { uid: e.session } : undefined,
    http_request: e.challenge ? { uid: e.challenge.id } : undefined,
    device: e.device ? deviceOf(e.device) : undefined,
    ...(source === 'mac' ? macFields(e, mac) : idpFields(e)),
  });
}

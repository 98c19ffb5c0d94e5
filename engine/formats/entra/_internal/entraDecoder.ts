import type { CanonicalEvent, Challenge, NetworkOrigin } from '../../../model/generated/event.ts';
import type { DecodeStep } from '../../LogFormat.ts';
import { deviceOfDetail } from './entraDevice.ts';
import {
  EntraRecordView,
  EntraRejection,
  entraShapeOf,
  member,
  optArray,
  optBoolean,
  optInteger,
  optNumber,
  optObject,
  optString,
  reqString,
  type Field,
} from './entraRecordView.ts';
import { parseEntraTime } from './entraTime.ts';
import {
  ANONYMIZED_IP,
  CLIENT_APP,
  CODE,
  INTERRUPT_CODES,
  METHOD,
  PRIMARY_FAILURES,
  SKIPPED_CODES,
  TELECOM_LIMIT_CODE,
  denialMeaning,
  factorFamilyOf,
  isDenial,
  isDuplicateAttempt,
} from './entraVocabulary.ts';
import { TIME_RANGE } from '../../_internal/recordFields.ts';

/**
 * Decodes one Entra sign-in record of any of the three shapes into the canonical event its row stands for (see
 * `entraRowKind.ts` for the table). Never throws.
 *
 * Skipped (not events pushstorm models): non-interactive, service-principal and managed-identity sign-ins
 * (`category` / `Type` other than the interactive table, `isInteractive: false`) and the Entra codes of
 * `SKIPPED_CODES` (keep-me-signed-in, registration, device and Conditional Access interrupts). Rejected: records
 * of none of the three shapes, a required field absent (`id`, `createdDateTime`, `userPrincipalName`, the code), a
 * field of the wrong type, an error code pushstorm does not know (`unknown_kind`).
 *
 * Graph v1.0 and many diagnostic exports have no `authenticationDetails`; then the status text decides: an
 * interrupt (50074/50076) is a push sent, a 0 row "MFA completed" an approval, any other 0 row a session, a 500121
 * row the result its "MFA denied; …" text names (denied when there is none), and the factor is a push unless
 * `mfaDetail` says otherwise.
 * @module
 */

const { min: EARLIEST, end: END } = TIME_RANGE;

/** One `authenticationDetails` entry, read. */
interface Step {
  method: string;
  succeeded: boolean | undefined;
  detail: string | undefined;
  requirement: string;
}

/** What a row is, before the fields every row has are read. */
type Kind =
  | { type: 'auth.attempt'; outcome: 'success' | 'failure'; reason?: string }
  | { type: 'mfa.challenge'; outcome: 'success' | 'failure'; reason?: string }
  | { type: 'mfa.result'; result: NonNullable<Challenge['result']>; reason: string }
  | { type: 'session.start'; reason?: string }
  | { type: 'rate.limit' };

/** Decodes one record; every failure becomes a rejected step. */
export function decodeEntraRecord(record: unknown): DecodeStep {
  try {
    return decode(record);
  } catch (error) {
    if (error instanceof EntraRejection) return { kind: 'rejected', reason: error.reason, detail: error.detail };
    return {
      kind: 'rejected',
      reason: 'invalid',
      detail: `unreadable record: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`,
    };
  }
}

function decode(record: unknown): DecodeStep {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return {
      kind: 'rejected',
      reason: 'not_an_object',
      detail: `expected a JSON object, got ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}`,
    };
  }
  const shape = entraShapeOf(record as Record<string, unknown>);
  if (shape === undefined) {
    return {
      kind: 'rejected',
      reason: 'missing_field',
      detail: '(root): not an Entra sign-in (no createdDateTime, userPrincipalName, properties or SigninLogs columns)',
    };
  }
  const view = new EntraRecordView(shape, record as Record<string, unknown>);
  const skip = skippedCategory(view);
  if (skip !== undefined) return { kind: 'skipped', why: skip };

  const status = optObject(view.field('status'));
  const codeField =
    status !== undefined && member(status, 'errorCode').value != null
      ? member(status, 'errorCode')
      : view.outer(shape === 'sentinel' ? 'ResultType' : 'resultType');
  const code = optInteger(codeField);
  if (code === undefined) throw new EntraRejection('missing_field', `${view.field('status').path}/errorCode: missing`);
  const additional = status === undefined ? undefined : optString(member(status, 'additionalDetails'));
  const steps = optArray(view.field('authenticationDetails')).map(readStep);
  const kind = kindOf(code, steps, additional);
  if (kind === 'skip') return { kind: 'skipped', why: `Entra code ${code} is not part of a push flow pushstorm models` };
  if (kind === undefined) throw new EntraRejection('unknown_kind', `${codeField.path}: ${code} is not an Entra code pushstorm reads`);

  const id = reqString(view.field('id'));
  const timeField = view.field('createdDateTime');
  const time = parseEntraTime(reqString(timeField));
  if (time === undefined)
    throw new EntraRejection('wrong_type', `${timeField.path}: not an ISO time (${JSON.stringify(String(timeField.value).slice(0, 40))})`);
  if (time < EARLIEST || time >= END)
    throw new EntraRejection(
      'wrong_type',
      `${timeField.path}: outside 2000..2100 (${JSON.stringify(String(timeField.value).slice(0, 40))})`,
    );
  const user = reqString(view.field('userPrincipalName'));

  const event: CanonicalEvent = { id, time, source: 'idp', type: kind.type, user };
  const ip = optString(view.field('ipAddress')) ?? '';
  const origin = originOf(view, ip);
  if (origin !== undefined) event.origin = origin;
  const detail = optObject(view.field('deviceDetail'));
  if (detail !== undefined) {
    const device = deviceOfDetail(
      {
        deviceId: optString(member(detail, 'deviceId')),
        displayName: optString(member(detail, 'displayName')),
        operatingSystem: optString(member(detail, 'operatingSystem')),
        isCompliant: optBoolean(member(detail, 'isCompliant')),
        isManaged: optBoolean(member(detail, 'isManaged')),
      },
      ip,
    );
    if (device !== undefined) event.device = device;
  }
  const app = optString(view.field('appDisplayName'));
  if (app !== undefined && app !== '') event.app = app;
  const transaction = optString(view.field('correlationId'));
  if (transaction !== undefined && transaction !== '') event.transaction = transaction;

  switch (kind.type) {
    case 'auth.attempt':
    case 'mfa.challenge':
      event.outcome = kind.outcome;
      if (kind.reason !== undefined) event.reason = kind.reason;
      if (kind.type === 'mfa.challenge') event.challenge = { id: `${transaction || id}.mfa`, factor: factorOf(view, steps, false) };
      break;
    case 'mfa.result':
      event.challenge = {
        id: `${transaction || id}.mfa`,
        factor: factorOf(view, steps, kind.result === 'wrong_number'),
        result: kind.result,
      };
      event.outcome = kind.result === 'approved' ? 'success' : 'failure';
      event.reason = kind.reason;
      break;
    case 'session.start': {
      const session = optString(view.field('sessionId'));
      if (session !== undefined && session !== '') event.session = session;
      event.outcome = 'success';
      if (kind.reason !== undefined) event.reason = kind.reason;
      break;
    }
    case 'rate.limit':
      event.outcome = 'failure';
      event.reason = 'rate_limited';
      break;
  }
  return { kind: 'events', events: [event] };
}

/** Why a record is skipped for its category, or undefined for an interactive user sign-in. */
function skippedCategory(view: EntraRecordView): string | undefined {
  const category = optString(view.outer(view.shape === 'sentinel' ? 'Category' : 'category'));
  if (view.shape !== 'graph' && category !== undefined && category !== '' && category.toLowerCase() !== 'signinlogs') {
    return `category ${category}: not an interactive user sign-in`;
  }
  const table = view.shape === 'sentinel' ? optString(view.outer('Type')) : undefined;
  if (table !== undefined && table !== '' && table.toLowerCase() !== 'signinlogs') return `table ${table}: not an interactive user sign-in`;
  if (optBoolean(view.field('isInteractive')) === false) return 'isInteractive false: not an interactive user sign-in';
  return undefined;
}

function readStep(f: Field): Step {
  if (typeof f.value !== 'object' || f.value === null || Array.isArray(f.value)) {
    throw new EntraRejection(
      'wrong_type',
      `${f.path}: expected an object, got ${f.value === null ? 'null' : Array.isArray(f.value) ? 'an array' : typeof f.value}`,
    );
  }
  return {
    method: optString(member(f, 'authenticationMethod')) ?? '',
    succeeded: optBoolean(member(f, 'succeeded')),
    detail: optString(member(f, 'authenticationStepResultDetail')),
    requirement: optString(member(f, 'authenticationStepRequirement')) ?? '',
  };
}

/** The MFA step: the last one required for multifactor authentication (or, unlabelled, by a second-factor method). */
function mfaStepOf(steps: readonly Step[]): Step | undefined {
  const isMfa = (s: Step) =>
    /multi-?factor/i.test(s.requirement) ||
    (s.requirement === '' && s.method !== '' && s.method !== METHOD.password && s.method !== METHOD.previouslySatisfied);
  return steps.findLast(isMfa);
}

/** The kind of row a code, its steps and its status text make; `'skip'` for codes outside push flows. */
function kindOf(code: number, steps: readonly Step[], additional: string | undefined): Kind | 'skip' | undefined {
  const mfa = mfaStepOf(steps);
  const denial = isDenial(mfa?.detail) ? mfa.detail : isDenial(additional) ? additional : undefined;
  if (code === CODE.success) {
    const approved =
      mfa !== undefined
        ? mfa.succeeded === true && mfa.method !== '' && mfa.method !== METHOD.previouslySatisfied
        : /mfa (successfully )?completed/i.test(additional ?? '');
    if (approved) return { type: 'mfa.result', result: 'approved', reason: 'approved' };
    const texts = `${additional ?? ''} ${mfa?.detail ?? ''}`;
    if (/remembered device/i.test(texts)) return { type: 'session.start', reason: 'remembered_device' };
    if (/mfa requirement satisfied/i.test(texts)) return { type: 'session.start', reason: 'mfa' };
    return { type: 'session.start' };
  }
  const primary = PRIMARY_FAILURES.find((f) => f.code === code);
  if (primary) return { type: 'auth.attempt', outcome: 'failure', reason: primary.reason };
  if (INTERRUPT_CODES.has(code)) {
    if (steps.length > 0 && mfa === undefined) return { type: 'auth.attempt', outcome: 'success' };
    if (denial === undefined) return { type: 'mfa.challenge', outcome: 'success' };
    return { type: 'mfa.challenge', outcome: 'failure', reason: denialMeaning(denial).reason };
  }
  if (code === CODE.mfaFailed) {
    if (denial !== undefined && isDuplicateAttempt(denial)) return { type: 'rate.limit' };
    return { type: 'mfa.result', ...(denial === undefined ? { result: 'denied', reason: 'denied' } : denialMeaning(denial)) };
  }
  if (code === TELECOM_LIMIT_CODE) return { type: 'rate.limit' };
  if (SKIPPED_CODES.has(code)) return 'skip';
  return undefined;
}

/** The canonical factor of a challenge or result row. */
function factorOf(view: EntraRecordView, steps: readonly Step[], wrongNumber: boolean): Challenge['factor'] {
  const mfaDetail = optObject(view.field('mfaDetail'));
  const method = mfaStepOf(steps)?.method || (mfaDetail ? optString(member(mfaDetail, 'authMethod')) : undefined) || '';
  const family = factorFamilyOf(method);
  if (family !== 'push') return family;
  if (optString(view.field('clientAppUsed')) === CLIENT_APP.desktop) return 'desktop_mfa';
  if (wrongNumber) return 'push_number';
  const policies = optArray(view.field('authenticationAppPolicyEvaluationDetails'));
  const numberMatch = policies.some((p) => {
    const o = optObject(p);
    if (o === undefined) return false;
    return /^numberMatch/i.test(optString(member(o, 'status')) ?? '') || /number ?match/i.test(optString(member(o, 'policyName')) ?? '');
  });
  return numberMatch ? 'push_number' : 'push';
}

/** The origin of a row: its address, AS number, place and Identity Protection's anonymous-IP flag. */
function originOf(view: EntraRecordView, ip: string): NetworkOrigin | undefined {
  if (ip === '') return undefined;
  const origin: NetworkOrigin = { ip };
  const asn = optInteger(view.field('autonomousSystemNumber'));
  if (asn !== undefined) origin.asn = asn;
  const location = optObject(view.field('location'));
  if (location !== undefined) {
    const country = optString(member(location, 'countryOrRegion'));
    if (country !== undefined && country !== '') origin.country = country;
    const city = optString(member(location, 'city'));
    if (city !== undefined && city !== '') origin.city = city;
    const geo = optObject(member(location, 'geoCoordinates'));
    if (geo !== undefined) {
      const lat = optNumber(member(geo, 'latitude'));
      const lon = optNumber(member(geo, 'longitude'));
      if (lat !== undefined) origin.lat = lat;
      if (lon !== undefined) origin.lon = lon;
    }
  }
  const risks = optArray(view.field('riskEventTypes_v2'));
  if (risks.some((r) => typeof r.value === 'string' && r.value.toLowerCase() === ANONYMIZED_IP.toLowerCase())) origin.proxy = true;
  return origin;
}

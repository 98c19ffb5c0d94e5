import type { CanonicalEvent, Challenge, NetworkOrigin } from '../../../model/generated/event.ts';
import type { DecodeStep } from '../../LogFormat.ts';
import { deviceOfDetail } from './entraDevice.ts';
import { DERIVED_ID, pushIdsOf } from './entraIds.ts';
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
  isNotSent,
} from './entraVocabulary.ts';
import { TIME_RANGE } from '../../_internal/recordFields.ts';

/**
 * Decodes one Entra sign-in record of any of the three shapes into the canonical events its row stands for. Never
 * throws. A row is one sign-in request (`id`; the attempt it belongs to is `originalRequestId`, the canonical
 * `transaction`), and each push is one MFA step of its `authenticationDetails`:
 *
 * | row | events |
 * |---|---|
 * | 50126, 50053, 50055, 50057, 50034 | `auth.attempt` failure |
 * | 50074 / 50076 interrupt (password right, MFA required) | `auth.attempt` success — no push yet |
 * | 500121, per push step | `mfa.challenge` (implied: Entra writes only the result) + `mfa.result` the "MFA denied; …" text names |
 * | 500121 "user is blocked" / "unable to send …" | `mfa.challenge` failure (the push was never sent) + `mfa.result` |
 * | 500121 "duplicate authentication attempt", 50088 | `rate.limit` |
 * | 0 with an MFA step passed | per push step `mfa.challenge` + `mfa.result`, then `session.start` (reason mfa) |
 * | 0 without an MFA step (previously satisfied, remembered device, single factor) | `session.start` |
 *
 * The implied challenge is at `createdDateTime` (when the sign-in request began), each answer at its step's
 * `authenticationStepDateTime` (when later), the session at the last answer. Rows sharing a `correlationId` (one
 * browser's sign-ins) stay distinct pushes: `correlationId` is never a push's or an attempt's key.
 *
 * Skipped (not events pushstorm models): non-interactive, service-principal and managed-identity sign-ins
 * (`category` / `Type` other than the interactive table, `isInteractive: false`) and the Entra codes of
 * `SKIPPED_CODES` (keep-me-signed-in 50140, registration, external MFA 50158, device and Conditional Access
 * interrupts). Rejected: records of none of the three shapes, a required field absent (`id`, `createdDateTime`,
 * `userPrincipalName`, the code), a field of the wrong type, an error code pushstorm does not know (`unknown_kind`).
 *
 * Graph v1.0 and many diagnostic exports have no `authenticationDetails`; then the status text decides: a 0 row
 * "MFA completed" is one approved push and its session, any other 0 row a session, a 500121 row one push with the
 * result its "MFA denied; …" text names (denied when there is none), and the factor is a push unless `mfaDetail`
 * says otherwise.
 * @module
 */

const { min: EARLIEST, end: END } = TIME_RANGE;

/** One `authenticationDetails` entry, read. */
interface Step {
  method: string;
  succeeded: boolean | undefined;
  detail: string | undefined;
  requirement: string;
  /** `authenticationStepDateTime`, epoch ms, when present and readable. */
  time: number | undefined;
}

/** One push a row records: its step (none when the row has no `authenticationDetails`) and its answer. */
interface Push {
  step: Step | undefined;
  result: NonNullable<Challenge['result']>;
  reason: string;
  /** Whether the push went out (false: "user is blocked", "unable to send the mobile app notification"). */
  sent: boolean;
}

/** What a row is, before the fields every row has are read. */
type Kind =
  | { type: 'auth.attempt'; outcome: 'success' | 'failure'; reason?: string }
  | { type: 'pushes'; pushes: Push[]; session: boolean }
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
  if (kind === 'skip') return { kind: 'skipped', why: `Entra code ${code}: ${SKIPPED_CODES.get(code)}` };
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

  const common: Omit<CanonicalEvent, 'id' | 'time' | 'type'> = { source: 'idp', user };
  const ip = optString(view.field('ipAddress')) ?? '';
  const origin = originOf(view, ip);
  if (origin !== undefined) common.origin = origin;
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
    if (device !== undefined) common.device = device;
  }
  const app = optString(view.field('appDisplayName'));
  if (app !== undefined && app !== '') common.app = app;
  // The attempt: the first request of the authentication sequence (an interrupt row and the row that finishes it
  // share it), else the row itself. Never correlationId: one browser's many sign-ins share that.
  const transaction = optString(view.field('originalRequestId')) || id;
  const at = (eventId: string, t: number, type: CanonicalEvent['type']): CanonicalEvent => ({
    id: eventId,
    time: t,
    ...common,
    type,
    transaction,
  });

  switch (kind.type) {
    case 'auth.attempt': {
      const event = at(id, time, 'auth.attempt');
      event.outcome = kind.outcome;
      if (kind.reason !== undefined) event.reason = kind.reason;
      return { kind: 'events', events: [event] };
    }
    case 'session.start':
      return { kind: 'events', events: [sessionEvent(at(id, time, 'session.start'), view, kind.reason)] };
    case 'rate.limit': {
      const event = at(id, time, 'rate.limit');
      event.outcome = 'failure';
      event.reason = 'rate_limited';
      return { kind: 'events', events: [event] };
    }
    case 'pushes': {
      const events: CanonicalEvent[] = [];
      let from = time;
      kind.pushes.forEach((push, i) => {
        const ids = pushIdsOf(id, transaction, i);
        const answered = Math.max(from, push.step?.time ?? from);
        const factor = factorOf(view, push.step?.method, push.result === 'wrong_number');
        const challenge = at(ids.challengeEvent, from, 'mfa.challenge');
        challenge.transaction = ids.transaction;
        challenge.challenge = { id: ids.push, factor };
        challenge.outcome = push.sent ? 'success' : 'failure';
        if (!push.sent) challenge.reason = push.reason;
        const result = at(ids.resultEvent, answered, 'mfa.result');
        result.transaction = ids.transaction;
        result.challenge = { id: ids.push, factor, result: push.result };
        result.outcome = push.result === 'approved' ? 'success' : 'failure';
        result.reason = push.reason;
        events.push(challenge, result);
        from = answered;
      });
      if (kind.session) {
        const last = events[events.length - 1];
        const session = sessionEvent(at(`${id}${DERIVED_ID.session}`, last.time, 'session.start'), view, 'mfa');
        if (last.transaction !== undefined) session.transaction = last.transaction;
        events.push(session);
      }
      return { kind: 'events', events };
    }
  }
}

/** A successful `session.start` with the row's `sessionId`, if any. */
function sessionEvent(event: CanonicalEvent, view: EntraRecordView, reason: string | undefined): CanonicalEvent {
  const session = optString(view.field('sessionId'));
  if (session !== undefined && session !== '') event.session = session;
  event.outcome = 'success';
  if (reason !== undefined) event.reason = reason;
  return event;
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
  const stepTime = member(f, 'authenticationStepDateTime');
  const text = typeof stepTime.value === 'string' ? stepTime.value : undefined;
  const time = text === undefined ? undefined : parseEntraTime(text);
  return {
    method: optString(member(f, 'authenticationMethod')) ?? '',
    succeeded: optBoolean(member(f, 'succeeded')),
    detail: optString(member(f, 'authenticationStepResultDetail')),
    requirement: optString(member(f, 'authenticationStepRequirement')) ?? '',
    time: time !== undefined && time >= EARLIEST && time < END ? time : undefined,
  };
}

/**
 * Whether a step is a second factor the user had to answer now: required for multifactor authentication (or,
 * unlabelled, by a second-factor method), and not "Previously satisfied" (a claim in the token, no prompt).
 */
const isMfaStep = (s: Step) =>
  s.method !== '' &&
  s.method !== METHOD.password &&
  s.method !== METHOD.previouslySatisfied &&
  (/multi-?factor/i.test(s.requirement) || s.requirement === '');

/** The push a failed step records: the "MFA denied; …" text of the step, else of the row, else a plain denial. */
function failedPush(step: Step | undefined, rowText: string | undefined): Push {
  const text = isDenial(step?.detail) ? step.detail : isDenial(rowText) ? rowText : undefined;
  if (text === undefined) return { step, result: 'denied', reason: 'denied', sent: true };
  return { step, ...denialMeaning(text), sent: !isNotSent(text) };
}

/** The kind of row a code, its steps and its status text make; `'skip'` for codes outside push flows. */
function kindOf(code: number, steps: readonly Step[], additional: string | undefined): Kind | 'skip' | undefined {
  const mfa = steps.filter(isMfaStep);
  if (code === CODE.success) {
    if (mfa.some((s) => s.succeeded === true)) {
      // Every push answered in this request: the failed ones before the one that passed, and that one.
      const pushes = mfa
        .filter((s) => s.succeeded === true || isDenial(s.detail))
        .map(
          (s): Push => (s.succeeded === true ? { step: s, result: 'approved', reason: 'approved', sent: true } : failedPush(s, undefined)),
        );
      return { type: 'pushes', pushes, session: true };
    }
    if (steps.length === 0 && /mfa (successfully )?completed/i.test(additional ?? '')) {
      return { type: 'pushes', pushes: [{ step: undefined, result: 'approved', reason: 'approved', sent: true }], session: true };
    }
    const texts = `${additional ?? ''} ${steps.map((s) => s.detail ?? '').join(' ')}`;
    if (/remembered device/i.test(texts)) return { type: 'session.start', reason: 'remembered_device' };
    if (/mfa requirement satisfied/i.test(texts)) return { type: 'session.start', reason: 'mfa' };
    return { type: 'session.start' };
  }
  const primary = PRIMARY_FAILURES.find((f) => f.code === code);
  if (primary) return { type: 'auth.attempt', outcome: 'failure', reason: primary.reason };
  // Strong authentication required: the password was right and MFA comes next; the push it leads to is on the
  // row that finishes the request (500121 or 0), so the interrupt itself is no push.
  if (INTERRUPT_CODES.has(code)) return { type: 'auth.attempt', outcome: 'success' };
  if (code === CODE.mfaFailed) {
    const last = mfa.at(-1);
    const text = isDenial(last?.detail) ? last.detail : additional;
    if (text !== undefined && isDenial(text) && isDuplicateAttempt(text)) return { type: 'rate.limit' };
    if (mfa.length === 0) return { type: 'pushes', pushes: [failedPush(undefined, additional)], session: false };
    const answered = mfa.filter((s, i) => i === mfa.length - 1 || isDenial(s.detail));
    return {
      type: 'pushes',
      pushes: answered.map((s, i) => failedPush(s, i === answered.length - 1 ? additional : undefined)),
      session: false,
    };
  }
  if (code === TELECOM_LIMIT_CODE) return { type: 'rate.limit' };
  if (SKIPPED_CODES.has(code)) return 'skip';
  return undefined;
}

/** The canonical factor of a push step (its method, else the row's `mfaDetail`). */
function factorOf(view: EntraRecordView, stepMethod: string | undefined, wrongNumber: boolean): Challenge['factor'] {
  const mfaDetail = optObject(view.field('mfaDetail'));
  const method = stepMethod || (mfaDetail ? optString(member(mfaDetail, 'authMethod')) : undefined) || '';
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

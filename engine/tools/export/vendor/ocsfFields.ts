import type { Challenge, EventType } from '../../../model/generated/event.ts';
import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import { ocsfFormat } from '../../../formats/ocsf/ocsfFormat.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { kindsAccepted } from './_internal/eventKinds.ts';
import { passesNothing } from './_internal/recordTable.ts';
import { simplified } from './_internal/simplified.ts';
import type { VendorFields } from './VendorFields.ts';

/** The Okta event type OCSF's Okta mapping keeps in `metadata.event_code` for every verification, the password too. */
const VIA_MFA = 'user.authentication.auth_via_mfa';

/** `metadata.event_code` of each type (an `auth_via_mfa` is split by `is_mfa`; see {@link typeCondition}). */
const CODES: Record<Exclude<EventType, 'auth.attempt' | 'mfa.result'>, readonly string[]> = {
  'mfa.challenge': ['system.push.send_factor_verify_push', 'system.sms.send_factor_verify_message'],
  'session.start': ['user.session.start'],
  'account.lock': ['user.account.lock'],
  'factor.enroll': ['user.mfa.factor.activate'],
  'factor.reset': ['user.mfa.factor.reset_all'],
  'rate.limit': ['system.operation.rate_limit.violation'],
  'mac.login': ['authentication', 'openssh_login', 'screensharing_attach', 'sudo'],
  'mac.mfa.request': ['desktop_mfa_request'],
  'mac.mfa.result': ['desktop_mfa_result'],
  'mac.session.start': ['lw_session_login'],
  'mac.session.lock': ['lw_session_lock'],
  'mac.session.unlock': ['lw_session_unlock'],
  'mac.session.end': ['lw_session_logout'],
  'mac.sleep': ['power_sleep'],
  'mac.wake': ['power_wake'],
};

/** `status_detail` of each challenge result. */
const RESULT_DETAIL: Record<NonNullable<Challenge['result']>, string> = {
  approved: 'MFA completed',
  denied: 'MFA denied',
  timeout: 'MFA denied; no response to the notification',
  fraud: 'MFA denied; user reported fraud',
  wrong_number: 'MFA denied; user did not select the correct number',
  error: 'MFA error',
};

/** `status_id` of an outcome (0 Unknown for none). */
const STATUS_ID = { success: 1, failure: 2 } as const;

/**
 * The records of the filter's types. The password step and an MFA result share Okta's `auth_via_mfa`; `is_mfa`
 * tells them apart (false for the password, true for a challenge's result).
 */
function typeCondition(types: readonly EventType[]): RecordCondition {
  const attempt = types.includes('auth.attempt');
  const result = types.includes('mfa.result');
  const codes = types.flatMap((t) => (t === 'auth.attempt' || t === 'mfa.result' ? [] : CODES[t]));
  const parts: RecordCondition[] = [];
  if (attempt && result) codes.push(VIA_MFA);
  else if (attempt)
    parts.push({
      all: [
        { field: 'metadata.event_code', oneOf: [VIA_MFA] },
        { field: 'is_mfa', oneOf: [false] },
      ],
    });
  else if (result)
    parts.push({
      all: [
        { field: 'metadata.event_code', oneOf: [VIA_MFA] },
        { field: 'is_mfa', notOneOf: [false] },
      ],
    });
  if (codes.length > 0) parts.unshift({ field: 'metadata.event_code', oneOf: codes });
  return { any: parts };
}

function where(filter: EventFilter): RecordCondition | { cannot: string } {
  if (kindsAccepted(filter).length === 0) return passesNothing(filter);
  const all: RecordCondition[] = [typeCondition(filter.types)];
  if (filter.outcome !== undefined) all.push({ field: 'status_id', oneOf: [STATUS_ID[filter.outcome]] });
  if (filter.outcomeNot !== undefined) all.push({ field: 'status_id', notOneOf: [STATUS_ID[filter.outcomeNot]] });
  if (filter.results !== undefined) {
    // A result pushstorm has no text for matches no record, as it matches no canonical event.
    const texts = filter.results.flatMap((r) => (Object.hasOwn(RESULT_DETAIL, r) ? [RESULT_DETAIL[r as keyof typeof RESULT_DETAIL]] : []));
    all.push({ field: 'status_detail', oneOf: texts });
  }
  return simplified({ all });
}

/**
 * OCSF Authentication (`ocsf`, class 3002, as pushstorm's encoder writes it): every canonical field the filters
 * read has a field of its own, so every filter has an exact condition, for any canonical event (a filter no event
 * pushstorm writes passes is refused, as for the other logs: its query would never match). The type is
 * `metadata.event_code` (Okta's event types for IdP events, Endpoint Security's names for Mac events; the password
 * step and an MFA result are both `user.authentication.auth_via_mfa`, told apart by `is_mfa`), the outcome
 * `status_id` (1 success, 2 failure, 0 none), the result `status_detail`:
 *
 * | result | `status_detail` |
 * |---|---|
 * | approved | MFA completed |
 * | denied | MFA denied |
 * | timeout | MFA denied; no response to the notification |
 * | fraud | MFA denied; user reported fraud |
 * | wrong_number | MFA denied; user did not select the correct number |
 * | error | MFA error |
 *
 * The user is `user.email_addr`, the source `src_endpoint.ip` (on a Mac record it is the ssh or screen-sharing
 * peer, which canonical events keep in `mac.remoteIp`), the time `time` (epoch milliseconds, as the canonical
 * events'), the id `metadata.uid`. The proxy verdict is an enrichment of `src_endpoint.ip`; pushstorm writes it as
 * the record's only enrichment, so `enrichments.0.data.is_proxy` (a pipeline that adds others must find it by
 * `name` `src_endpoint.ip`).
 */
export const ocsfFields: VendorFields = {
  format: 'ocsf',
  title: ocsfFormat.title,
  where,
  key: (key) => (key === 'user' ? 'user.email_addr' : 'src_endpoint.ip'),
  user: 'user.email_addr',
  time: 'time',
  id: 'metadata.uid',
  proxy: 'enrichments.0.data.is_proxy',
};

import { duoFormat } from '../../../formats/duo/duoFormat.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { macTypes } from './_internal/eventKinds.ts';
import { kind, kinds, type RecordTable, whereInTable } from './_internal/recordTable.ts';
import type { VendorFields } from './VendorFields.ts';

const field = (name: string, ...values: string[]): RecordCondition => ({ field: name, oneOf: values });

const authentication = field('event_type', 'authentication');
/** Duo's second factors pushstorm writes: push, Verified Duo Push, passcode from Duo Mobile, SMS passcode, security key. */
const secondFactor = field('factor', 'duo_push', 'verified_duo_push', 'duo_mobile_passcode', 'sms_passcode', 'u2f_token');
/** Duo's refusal of a push because of push harassment: the canonical rate limit. */
const ANOMALOUS_PUSH = 'anomalous_push';
const notRateLimit: RecordCondition = { field: 'reason', notOneOf: [ANOMALOUS_PUSH] };
const denied = (...reasons: string[]): RecordCondition => ({ all: [field('result', 'denied'), field('reason', ...reasons)] });

const table: RecordTable = {
  title: duoFormat.title,
  missing: {
    'auth.attempt': 'Duo is the second factor: the password is checked before Duo is called, and Duo logs nothing for it',
    'mfa.challenge':
      'Duo writes one row per resolved attempt and none for a push sent: a push is on the row of its answer (select mfa.result to count pushes)',
    'account.lock': "the canonical lockout follows bad passwords, which Duo never sees (Duo's own lockout shows as locked_out denials)",
    'factor.reset': "removing a phone is in Duo's administrator log, not the authentication log",
    ...Object.fromEntries(
      macTypes.map((t) => [t, 'Mac events are not in the Duo authentication log (export for the canonical events or OCSF)']),
    ),
  },
  records: [
    kinds(
      { all: [authentication, secondFactor, notRateLimit] },
      kind('mfa.result/approved', { all: [authentication, secondFactor, field('result', 'success')] }),
      kinds(
        { all: [authentication, secondFactor, field('result', 'denied', 'fraud', 'error'), notRateLimit] },
        kind('mfa.result/fraud', field('result', 'fraud')),
        kind('mfa.result/error', field('result', 'error')),
        // Denied by the user, or refused while the user is locked out after a fraud report.
        kind('mfa.result/denied', denied('user_mistake', 'locked_out')),
        kind('mfa.result/timeout', denied('no_response')),
        kind('mfa.result/wrong_number', denied('invalid_passcode')),
      ),
    ),
    kind('session.start/success', { all: [authentication, field('factor', 'remembered_device', 'trusted_network', 'not_available')] }),
    kind('rate.limit/failure', denied(ANOMALOUS_PUSH)),
    kind('factor.enroll/success', { all: [field('event_type', 'enrollment'), field('result', 'success')] }),
  ],
};

/**
 * The Cisco Duo authentication log (`duo`, Admin API v2 `authlogs` rows as pushstorm's encoder writes them): which
 * rows stand for which canonical events. Duo writes one row per resolved attempt, told apart by `result` and
 * `reason` (and `factor`, the second factor or how it was skipped):
 *
 * | canonical | Duo |
 * |---|---|
 * | `mfa.result` approved | `result` success with a second factor (`duo_push`, `verified_duo_push`, passcodes, `u2f_token`) |
 * | denied | denied, `reason` user_mistake, or locked_out (refused after a fraud report) |
 * | timeout | denied, no_response |
 * | fraud | fraud (user_marked_fraud) |
 * | wrong_number | denied, invalid_passcode (a Verified Duo Push answered with the wrong code) |
 * | error | error |
 * | `session.start` | success with `factor` remembered_device, trusted_network or not_available (MFA skipped) |
 * | `rate.limit` | denied, anomalous_push |
 * | `factor.enroll` | `event_type` enrollment |
 *
 * Duo has no row for the password (`auth.attempt`), a push sent (`mfa.challenge`: its answer's row stands for it),
 * a lockout or a factor reset: those refuse. The session an approved push opens has no row of its own (the approval
 * row stands for it), so a `session.start` condition finds only sessions that skipped MFA; select approved
 * `mfa.result` too for every login. Outcomes are read from the result, as Duo writes none apart. The time is
 * `isotimestamp` (ISO 8601, microseconds); Duo's `txid` is the attempt's, not the event's, so there is no id field,
 * and no proxy flag (Duo names an anonymous network only as a denial reason).
 */
export const duoFields: VendorFields = {
  format: 'duo',
  title: duoFormat.title,
  where: (filter) => whereInTable(table, filter),
  key: (key) => (key === 'user' ? 'email' : 'access_device.ip'),
  user: 'email',
  time: 'isotimestamp',
};

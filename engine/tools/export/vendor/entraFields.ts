import { entraFormat } from '../../../formats/entra/entraFormat.ts';
import { entraSentinelFormat } from '../../../formats/entra/entraSentinelFormat.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { macTypes } from './_internal/eventKinds.ts';
import { kind, kinds, type RecordTable, whereInTable } from './_internal/recordTable.ts';
import { renamedFields } from './_internal/renamedFields.ts';
import type { VendorFields } from './VendorFields.ts';

const code = (...codes: number[]): RecordCondition => ({ field: 'properties.status.errorCode', oneOf: codes });
const details = (...texts: string[]): RecordCondition => ({ field: 'properties.status.additionalDetails', oneOf: texts });

const MFA_COMPLETED = 'MFA completed in Azure AD';
const DUPLICATE = 'MFA denied; duplicate authentication attempt';
/** Authentication failed during strong authentication request: a push not approved, or refused. */
const mfaFailed = code(500121);
/** The primary-factor failures pushstorm writes: bad password, locked out, expired, disabled, unknown user. */
const primaryFailures = [50126, 50053, 50055, 50057, 50034];
/** MFA required: the password was right, the push comes next. */
const MFA_REQUIRED = 50076;
const denial = (...texts: string[]): RecordCondition => ({ all: [mfaFailed, details(...texts)] });

const table: RecordTable = {
  title: entraFormat.title,
  missing: {
    'mfa.challenge':
      'Entra writes one row per sign-in request, not one per push sent: a push is on the row of its answer (select mfa.result to count pushes)',
    'account.lock': 'Smart Lockout writes no sign-in row when it locks an account (the attempts it refuses are 50053 rows)',
    'factor.enroll': 'security-info registration is in the Entra audit log, not the sign-in log',
    'factor.reset': 'security-info deletion is in the Entra audit log, not the sign-in log',
    ...Object.fromEntries(macTypes.map((t) => [t, 'Mac events are not in Entra sign-in logs (export for the canonical events or OCSF)'])),
  },
  records: [
    kinds(
      code(MFA_REQUIRED, ...primaryFailures),
      kind('auth.attempt/success', code(MFA_REQUIRED)),
      kind('auth.attempt/failure', code(...primaryFailures)),
    ),
    kinds(
      {
        any: [
          { all: [code(0), details(MFA_COMPLETED)] },
          { all: [mfaFailed, { field: 'properties.status.additionalDetails', notOneOf: [DUPLICATE] }] },
        ],
      },
      kind('mfa.result/approved', { all: [code(0), details(MFA_COMPLETED)] }),
      kinds(
        { all: [mfaFailed, { field: 'properties.status.additionalDetails', notOneOf: [DUPLICATE] }] },
        // Declined by the user, or blocked (pushes refused after a fraud report).
        kind('mfa.result/denied', denial('MFA denied; user declined the authentication', 'MFA denied; user is blocked')),
        kind('mfa.result/timeout', denial('MFA denied; user did not respond to mobile app notification')),
        kind('mfa.result/fraud', denial('MFA denied; Phone App Reported Fraud')),
        kind('mfa.result/wrong_number', denial('MFA denied; user did not select the correct number')),
        kind('mfa.result/error', denial('MFA denied; service error', 'MFA denied; unable to send the mobile app notification')),
      ),
    ),
    kind('session.start/success', { all: [code(0), { field: 'properties.status.additionalDetails', notOneOf: [MFA_COMPLETED] }] }),
    kind('rate.limit/failure', denial(DUPLICATE)),
  ],
};

/**
 * Microsoft Entra ID sign-in logs (`entra`: the Azure Monitor export, the Graph `signIn` in `properties`, as
 * pushstorm's encoder writes it): which rows stand for which canonical events. Entra writes a row per sign-in
 * request, not per step, and tells the rows apart by `properties.status.errorCode` and the
 * `properties.status.additionalDetails` text:
 *
 * | canonical | Entra |
 * |---|---|
 * | `auth.attempt` success | 50076 (MFA required) |
 * | `auth.attempt` failure | 50126, 50053 (locked out), 50055, 50057, 50034 |
 * | `mfa.result` approved | 0, "MFA completed in Azure AD" (the row is also the session it opens) |
 * | denied | 500121, "MFA denied; user declined the authentication" or "…; user is blocked" |
 * | timeout | 500121, "MFA denied; user did not respond to mobile app notification" |
 * | fraud | 500121, "MFA denied; Phone App Reported Fraud" |
 * | wrong_number | 500121, "MFA denied; user did not select the correct number" |
 * | error | 500121, "MFA denied; service error" or "…; unable to send the mobile app notification" |
 * | `session.start` | 0, any other text (a claim in the token, a remembered device, none) |
 * | `rate.limit` | 500121, "MFA denied; duplicate authentication attempt" |
 *
 * No row for a push sent (`mfa.challenge`: its row is its answer's), a lockout or a factor change: those refuse. The
 * session an approved push opens has no row of its own (the approval's row stands for it), so a `session.start`
 * condition finds only sessions without a push; a query that wants both selects approved `mfa.result` too, as the
 * Elastic baseline's `until` does. A row's time (`properties.createdDateTime`) is when its request began: for a push,
 * when the push went out, not when it was answered (that is in the MFA step of `authenticationDetails`). The user is
 * `userPrincipalName`, which Entra writes lower case; the source `ipAddress` is `""` when the event has none. Entra
 * has no proxy flag (Identity Protection's `anonymizedIPAddress` risk marks Tor and anonymising VPNs only).
 *
 * The `entra-sentinel` format writes the same rows as `SigninLogs` table columns: `ResultType` (the code as text),
 * `Status.additionalDetails`, `UserPrincipalName`, `IPAddress`, `CreatedDateTime` / `TimeGenerated` and `Id`.
 */
export const entraFields: VendorFields = {
  format: 'entra',
  title: entraFormat.title,
  where: (filter) => whereInTable(table, filter),
  key: (key) => (key === 'user' ? 'properties.userPrincipalName' : 'properties.ipAddress'),
  user: 'properties.userPrincipalName',
  time: 'properties.createdDateTime',
  id: 'properties.id',
};

/**
 * Entra ID sign-ins as rows of Log Analytics' / Microsoft Sentinel's `SigninLogs` table (the `entra-sentinel` log):
 * the same rows as {@link entraFields}, the envelope's `properties.*` paths as the table's PascalCase columns. The
 * time is `TimeGenerated`, which the table sets to the sign-in's `createdDateTime`.
 */
export const entraSentinelFields: VendorFields = renamedFields(entraFields, 'entra-sentinel', entraSentinelFormat.title, {
  'properties.createdDateTime': 'TimeGenerated',
  'properties.id': 'Id',
  'properties.ipAddress': 'IPAddress',
  'properties.status.additionalDetails': 'Status.additionalDetails',
  'properties.status.errorCode': 'Status.errorCode',
  'properties.userPrincipalName': 'UserPrincipalName',
});

import type { LogFormat } from '../LogFormat.ts';
import { decodeEntraRecord } from './_internal/entraDecoder.ts';
import { entraEnvelopeOf } from './_internal/entraEnvelope.ts';
import { ENTRA_LIMITS, entraHeld } from './_internal/entraHeld.ts';
import { createEntraEncoder } from './_internal/entraSignInWriter.ts';
import { isEntraEnvelope, isGraphSignIn } from './_internal/entraSniff.ts';

/**
 * Microsoft Entra ID sign-in logs as the Azure Monitor diagnostic export writes them — what the Elastic and Splunk
 * integrations ingest, one record per line: the envelope (`time`, `operationName` "Sign-in activity", `category`
 * "SignInLogs", `resultType` the code as a string, `callerIpAddress`, `correlationId`, `identity`, `location`) with
 * the Graph `signIn` in `properties`.
 *
 * Each canonical IdP event is one row; the rows of a sign-in flow share `correlationId` (the canonical
 * `transaction`): a 50076 row for the correct password, a 50074 interrupt while the push is out, a 500121 row for a
 * push denied, ignored, reported or answered with the wrong number, a 0 row for an approval and one for the session
 * (`MFA requirement satisfied by claim in the token`). The decoder also reads bare Graph `signIn` objects (one
 * element of `GET /auditLogs/signIns`' `value`) and Sentinel `SigninLogs` rows.
 *
 * @example
 * const [record] = entraFormat.createEncoder().encode(event);
 * // { time: '2026-05-12T22:41:03.4810000Z', operationName: 'Sign-in activity', category: 'SignInLogs',
 * //   resultType: '500121', properties: { id: event.id, status: { errorCode: 500121, … }, … }, … }
 */
export const entraFormat: LogFormat<'entra'> = {
  id: 'entra',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'azure:monitor:aad', index: 'pushstorm-entra' },
  title: 'Microsoft Entra ID sign-in logs (Azure Monitor export)',
  sources: ['idp'],
  fileStem: 'entra-signins',
  limits: ENTRA_LIMITS,
  held: (events) => entraHeld(events),
  createEncoder: () => createEntraEncoder(entraEnvelopeOf),
  createDecoder: () => ({ decode: decodeEntraRecord }),
  sniff: (record) => isEntraEnvelope(record) || isGraphSignIn(record),
};

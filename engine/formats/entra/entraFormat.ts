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
 * Entra writes one row per sign-in request, not per step (see docs/formats.md): a 50076 interrupt for a correct
 * password, then, once the push is answered, the row of that request — 500121 with the "MFA denied; …" text for a
 * push declined, ignored, reported or answered with the wrong number, 0 for an approval (which is also the sign-in
 * that opens the session). Decoding implies the push from that row; `originalRequestId` is the attempt (the canonical
 * `transaction`), never `correlationId`, which one browser's attempts share. The decoder also reads bare Graph
 * `signIn` objects (one element of `GET /auditLogs/signIns`' `value`) and Sentinel `SigninLogs` rows.
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

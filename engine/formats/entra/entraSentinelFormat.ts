import type { LogFormat } from '../LogFormat.ts';
import { decodeEntraRecord } from './_internal/entraDecoder.ts';
import { ENTRA_LIMITS, entraHeld } from './_internal/entraHeld.ts';
import { entraSentinelRowOf } from './_internal/entraSentinelRow.ts';
import { createEntraEncoder } from './_internal/entraSignInWriter.ts';
import { isSentinelSignIn } from './_internal/entraSniff.ts';

/**
 * Microsoft Entra ID sign-in logs as rows of the Log Analytics / Microsoft Sentinel `SigninLogs` table, as a query
 * exports them: PascalCase columns, `ResultType` the code as a string, `AuthenticationDetails` a string holding
 * JSON, `Status`, `DeviceDetail`, `LocationDetails` and `MfaDetail` objects, `TimeGenerated` and `CreatedDateTime`.
 * Same rows, same mapping and same limits as {@link entraFormat}; the decoder reads all three Entra shapes.
 */
export const entraSentinelFormat: LogFormat<'entra-sentinel'> = {
  id: 'entra-sentinel',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'azure:monitor:aad', index: 'pushstorm-entra-sentinel' },
  title: 'Microsoft Entra ID sign-in logs (Sentinel SigninLogs table)',
  sources: ['idp'],
  fileStem: 'SigninLogs',
  limits: ENTRA_LIMITS,
  held: (events) => entraHeld(events),
  createEncoder: () => createEntraEncoder(entraSentinelRowOf),
  createDecoder: () => ({ decode: decodeEntraRecord }),
  sniff: (record) => isSentinelSignIn(record),
};

import { TENANT_ID } from './entraIds.ts';
import type { SignIn } from './entraSignInWriter.ts';

/**
 * The Azure Monitor diagnostic-export record of a sign-in ("Sign-in log schema in Azure Monitor"): what an Entra
 * diagnostic setting streams to a storage account or event hub, and what the Elastic and Splunk add-ons ingest. The
 * Graph `signIn` rides in `properties`; the envelope repeats its time, code (as a string), caller address, country
 * and correlation id.
 */
export function entraEnvelopeOf(signIn: SignIn): Record<string, unknown> {
  const status = signIn.status as { errorCode: number; failureReason: string };
  const location = signIn.location as { countryOrRegion: string };
  return {
    time: signIn.createdDateTime,
    resourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: 'SignInLogs',
    tenantId: TENANT_ID,
    resultType: String(status.errorCode),
    resultSignature: 'None',
    resultDescription: status.errorCode === 0 ? '' : status.failureReason,
    durationMs: 0,
    callerIpAddress: signIn.ipAddress,
    correlationId: signIn.correlationId,
    identity: signIn.userDisplayName,
    Level: 4,
    location: location.countryOrRegion,
    properties: signIn,
  };
}

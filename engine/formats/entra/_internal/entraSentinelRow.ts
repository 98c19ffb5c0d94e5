import { TENANT_ID, WORKSPACE_ID } from './entraIds.ts';
import type { SignIn } from './entraSignInWriter.ts';

/**
 * The Log Analytics / Microsoft Sentinel `SigninLogs` row of a sign-in, as a query result exports it: PascalCase
 * columns (azure-monitor-ref `signinlogs`), `ResultType` the code as a string, `AuthenticationDetails`,
 * `AuthenticationProcessingDetails`-style list columns as strings holding JSON, `Status`, `DeviceDetail`,
 * `LocationDetails`, `MfaDetail` and `ConditionalAccessPolicies` as objects (dynamic), `AutonomousSystemNumber` a
 * string. `SessionId` and `AuthenticationAppPolicyEvaluationDetails` are newer columns [2nd]; pushstorm writes the
 * latter as a string holding JSON, like the other list columns [inferred].
 */
export function entraSentinelRowOf(signIn: SignIn): Record<string, unknown> {
  const s = signIn;
  const status = s.status as { errorCode: number; failureReason: string };
  const location = s.location as { countryOrRegion: string };
  return {
    TenantId: WORKSPACE_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: s.createdDateTime,
    ResourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    OperationName: 'Sign-in activity',
    OperationVersion: '1.0',
    Category: 'SignInLogs',
    ResultType: String(status.errorCode),
    ResultSignature: 'None',
    ResultDescription: status.errorCode === 0 ? '' : status.failureReason,
    DurationMs: 0,
    CorrelationId: s.correlationId,
    Resource: 'Microsoft.aadiam',
    ResourceGroup: 'Microsoft.aadiam',
    ResourceProvider: 'Microsoft.aadiam',
    Identity: s.userDisplayName,
    Level: '4',
    Location: location.countryOrRegion,
    AlternateSignInName: s.userPrincipalName,
    AppDisplayName: s.appDisplayName,
    AppId: s.appId,
    AuthenticationDetails: JSON.stringify(s.authenticationDetails),
    AuthenticationRequirement: s.authenticationRequirement,
    ClientAppUsed: s.clientAppUsed,
    ConditionalAccessPolicies: s.appliedConditionalAccessPolicies,
    ConditionalAccessStatus: s.conditionalAccessStatus,
    CreatedDateTime: s.createdDateTime,
    DeviceDetail: s.deviceDetail,
    IsInteractive: s.isInteractive,
    Id: s.id,
    IPAddress: s.ipAddress,
    IsRisky: s.riskState === 'atRisk',
    LocationDetails: s.location,
    MfaDetail: s.mfaDetail,
    OriginalRequestId: s.originalRequestId,
    RiskDetail: s.riskDetail,
    RiskEventTypes: '[]',
    RiskEventTypes_V2: JSON.stringify(s.riskEventTypes_v2),
    RiskLevelAggregated: s.riskLevelAggregated,
    RiskLevelDuringSignIn: s.riskLevelDuringSignIn,
    RiskState: s.riskState,
    Status: s.status,
    TokenIssuerName: s.tokenIssuerName,
    TokenIssuerType: s.tokenIssuerType,
    UserAgent: s.userAgent,
    UserDisplayName: s.userDisplayName,
    UserId: s.userId,
    UserPrincipalName: s.userPrincipalName,
    AADTenantId: TENANT_ID,
    UserType: s.userType,
    FlaggedForReview: s.flaggedForReview,
    HomeTenantId: s.homeTenantId,
    SessionId: s.sessionId ?? '',
    AutonomousSystemNumber: s.autonomousSystemNumber === null ? '' : String(s.autonomousSystemNumber),
    CrossTenantAccessType: s.crossTenantAccessType,
    AuthenticationAppPolicyEvaluationDetails: JSON.stringify(s.authenticationAppPolicyEvaluationDetails ?? []),
    Type: 'SigninLogs',
  };
}

import type { RecordEncoder } from '../../LogFormat.ts';
import type { CanonicalEvent } from '../../../model/generated/event.ts';
import { browserOf, deviceDetailOf } from './entraDevice.ts';
import { displayNameOf } from '../../_internal/displayNameOf.ts';
import { TENANT_ID, entraGuid } from './entraIds.ts';
import { rowKindOf, type RowKind } from './entraRowKind.ts';
import { createRowGrouper } from './entraRows.ts';
import { formatEntraTime } from './entraTime.ts';
import { ANONYMIZED_IP, CLIENT_APP, MFA_DETAIL_METHOD, NUMBER_MATCH, STEP } from './entraVocabulary.ts';

/**
 * Canonical IdP events → Graph `signIn` objects (camelCase, the shape `properties` of the Azure Monitor export and
 * the beta `GET /auditLogs/signIns` hold). The envelope and the Sentinel row are built from these.
 * @module
 */

/** A Graph `signIn`, keys in the order Microsoft's schema sample lists them. */
export type SignIn = Record<string, unknown>;

/** The Conditional Access policy that asks for MFA on every sign-in in pushstorm's tenant. */
const MFA_POLICY = { id: entraGuid('policy: require MFA for all users'), displayName: 'Require multifactor authentication for all users' };

/**
 * Whether an origin is one Identity Protection flags as an anonymous IP (Tor, anonymising VPN). Hosting and
 * residential proxies it does not flag in real time.
 */
export const isAnonymizedOrigin = (e: CanonicalEvent): boolean =>
  e.origin?.proxy === true && (e.origin.proxyKind === undefined || e.origin.proxyKind === 'tor' || e.origin.proxyKind === 'vpn');

/** When a row's request began and when its second factor was answered (the same for rows without one). */
interface RowTimes {
  created: number;
  answered: number;
}

/** Turns a stream of canonical events into `signIn` objects; keeps which flows came from a desktop client. */
interface SignInWriter {
  /** The `signIn` complete once `e` is seen, or undefined (Entra's sign-in log has no row for it, or not yet). */
  write(e: CanonicalEvent): SignIn | undefined;
}

/**
 * A writer for one file. A push is written as the row of its request once answered (see `entraRows.ts`): begun when
 * the push went out, its MFA step at the answer. Flows are remembered from their first desktop (Mac login window)
 * push to their end.
 */
function createSignInWriter(): SignInWriter {
  const desktopFlows = new Set<string>();
  const grouper = createRowGrouper();
  return {
    write(e) {
      if (e.source !== 'idp') return undefined;
      const flow = e.transaction ?? '';
      if (e.challenge?.factor === 'desktop_mfa' && flow !== '') desktopFlows.add(flow);
      const inDesktopFlow = desktopFlows.has(flow);
      const g = grouper.push(e);
      // The flow ends with its session or its result.
      if (e.type === 'session.start' || e.type === 'mfa.result') desktopFlows.delete(flow);
      if (g === undefined) return undefined;
      if (g.kind === 'push') {
        const r = g.result;
        const desktop = r.challenge?.factor === 'desktop_mfa';
        const kind = rowKindOf(r, desktop);
        return kind === undefined ? undefined : signInOf(r, kind, desktop, { created: g.challenge?.time ?? r.time, answered: r.time });
      }
      const kind = rowKindOf(e, inDesktopFlow);
      return kind === undefined ? undefined : signInOf(e, kind, inDesktopFlow, { created: e.time, answered: e.time });
    },
  };
}

/** The `signIn` of an event whose row kind is known. */
function signInOf(e: CanonicalEvent, kind: RowKind, desktop: boolean, times: RowTimes): SignIn {
  const time = formatEntraTime(times.created);
  const answered = formatEntraTime(times.answered);
  const user = e.user.toLowerCase();
  const app = e.app ?? '';
  const appId = entraGuid(`app: ${app}`);
  const ip = e.origin?.ip ?? '';
  const deviceDetail = deviceDetailOf(e.device, desktop);
  const agent = desktop ? { userAgent: '' } : browserOf(deviceDetail.operatingSystem);
  const anonymized = isAnonymizedOrigin(e);
  const signIn: SignIn = {
    id: e.id,
    createdDateTime: time,
    userDisplayName: displayNameOf(user),
    userPrincipalName: user,
    userId: entraGuid(`user: ${user}`),
    appId,
    appDisplayName: app,
    ipAddress: ip,
    status: {
      errorCode: kind.errorCode,
      failureReason: kind.failureReason.replace('{resource}', appId),
      additionalDetails: kind.additionalDetails,
    },
    clientAppUsed: desktop ? CLIENT_APP.desktop : CLIENT_APP.browser,
    userAgent: agent.userAgent,
    deviceDetail,
    location: locationOf(e),
    correlationId: correlationIdOf(e),
    conditionalAccessStatus: kind.conditionalAccess,
    appliedConditionalAccessPolicies:
      kind.conditionalAccess === 'notApplied' && kind.requirement === 'singleFactorAuthentication'
        ? []
        : [{ ...MFA_POLICY, enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: kind.conditionalAccess }],
    originalRequestId: e.transaction || e.id,
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: anonymized ? 'medium' : 'none',
    riskLevelDuringSignIn: anonymized ? 'medium' : 'none',
    riskState: anonymized ? 'atRisk' : 'none',
    riskEventTypes_v2: anonymized ? [ANONYMIZED_IP] : [],
    homeTenantId: TENANT_ID,
    tokenIssuerName: '',
    tokenIssuerType: 'AzureAD',
    authenticationDetails: kind.steps.map((s) => ({
      authenticationStepDateTime: s.requirement === STEP.mfa ? answered : time,
      authenticationMethod: s.method,
      authenticationMethodDetail: s.methodDetail,
      succeeded: s.succeeded,
      authenticationStepResultDetail: s.detail,
      authenticationStepRequirement: s.requirement,
    })),
    authenticationRequirement: kind.requirement,
    mfaDetail: kind.mfaMethod === null ? null : { authMethod: MFA_DETAIL_METHOD[kind.mfaMethod] ?? kind.mfaMethod, authDetail: null },
    userType: 'Member',
    flaggedForReview: false,
    autonomousSystemNumber: e.origin?.asn ?? null,
    crossTenantAccessType: 'none',
    ssoExtensionVersion: '',
  };
  if (kind.numberMatch !== null) {
    signIn.authenticationAppPolicyEvaluationDetails = [
      {
        policyName: NUMBER_MATCH.policyName,
        adminConfiguration: 'enabled',
        authenticationEvaluation:
          kind.numberMatch === NUMBER_MATCH.incorrect || kind.numberMatch === NUMBER_MATCH.deny ? 'failure' : 'success',
        status: kind.numberMatch,
      },
    ];
  }
  if (e.type === 'session.start' && e.session !== undefined) signIn.sessionId = e.session;
  return signIn;
}

/**
 * The `correlationId` of a row: the id the client sends with its sign-ins, the same for every attempt of one browser
 * (user, device and address), as real logs show a push storm's rows sharing one. Decoding never keys on it.
 */
function correlationIdOf(e: CanonicalEvent): string {
  return entraGuid(`correlation: ${e.user.toLowerCase()}|${e.device?.id ?? ''}|${e.origin?.ip ?? ''}`);
}

/** `location` of the event's origin (Entra writes the object even when it knows nothing: empty strings). */
function locationOf(e: CanonicalEvent): Record<string, unknown> {
  const o = e.origin;
  return {
    city: o?.city ?? '',
    countryOrRegion: o?.country ?? '',
    geoCoordinates:
      o?.lat === undefined && o?.lon === undefined ? null : { altitude: null, latitude: o?.lat ?? null, longitude: o?.lon ?? null },
  };
}

/** An encoder writing each event's sign-in (if Entra logs one) in the shape `shapeOf` gives it: export or table row. */
export function createEntraEncoder(shapeOf: (signIn: SignIn) => unknown): RecordEncoder {
  const writer = createSignInWriter();
  return {
    encode(event) {
      const signIn = writer.write(event);
      return signIn === undefined ? [] : [shapeOf(signIn)];
    },
    end: () => [],
  };
}

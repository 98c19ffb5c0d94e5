import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { orgUsersParam } from './_internal/SharedAddresses.ts';
import { distinctUsersBySource, isFailedPush, isSuccess, type SprayParams, type SprayState } from './_internal/distinctUsersBySource.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

const params = {
  users: {
    default: 5,
    min: 2,
    max: 100,
    step: 1,
    unit: 'count',
    description: 'distinct users with a failed push from the source in the window',
  },
  windowMs: {
    default: 60 * MINUTE,
    min: 5 * MINUTE,
    max: 24 * 60 * MINUTE,
    step: 5 * MINUTE,
    unit: 'ms',
    description: 'window the challenges fall in',
  },
  orgUsers: orgUsersParam,
} as const;

/** Why neither spray detector exports. */
const ORG_CONTEXT =
  'it ignores failed pushes from the organisation’s own addresses (learnt from every user’s sign-ins): population context no query keyed by one address holds';

/**
 * A push spray from one source IP: pushes that at least `users` distinct users denied or left unanswered within
 * `windowMs`, all requested from the same IP (the attacker's browser, `origin.ip`), which saw fewer successful
 * sign-ins than that in the window (so an office's NAT address, where people mostly get in, stays quiet).
 */
export const sprayBySource: DetectorDefinition<SprayParams, SprayState> = {
  id: 'spray-by-source',
  version: '1.0.1',
  title: 'Push spray from one source IP',
  description: 'One IP whose MFA pushes many distinct users denied or ignored in a window (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: ['mfa.result', 'session.start'],
  entity: 'source',
  library: { catches: 'hosting-spray' },
  notExportable: ORG_CONTEXT,
  keyOf: (e) => (isFailedPush(e) || isSuccess(e) ? e.origin!.ip : undefined),
  params: { ...params },
  // Every IdP sign-in with an origin reaches it: its organisation table is the run's, shared with the others'.
  create: (p, scope) => distinctUsersBySource(p, scope),
};

/**
 * A push spray through an anonymising network: the same count of failed pushes keyed by the autonomous system of proxy, VPN, hosting
 * or Tor egress (`origin.proxy`), which catches sprays that rotate through one provider's addresses. Residential and
 * corporate networks are left out: thousands of ordinary users share them.
 */
export const sprayByAsn: DetectorDefinition<SprayParams, SprayState> = {
  id: 'spray-by-asn',
  version: '1.0.1',
  title: 'Push spray through one anonymising network (ASN)',
  description: 'One proxy, VPN, hosting or Tor network whose MFA pushes many distinct users denied or ignored in a window (ATT&CK T1621).',
  severity: 'medium',
  attack: { technique: 'T1621' },
  needs: ['mfa.result', 'session.start'],
  entity: 'source',
  library: { catches: 'hosting-spray' },
  notExportable: ORG_CONTEXT,
  keyOf: (e) =>
    (isFailedPush(e) || isSuccess(e)) && e.origin!.proxy === true && e.origin!.asn !== undefined ? `AS${e.origin!.asn}` : undefined,
  params: { ...params },
  // Only proxy networks' sign-ins reach it: its organisation table is its own.
  create: (p) => distinctUsersBySource(p, undefined),
};

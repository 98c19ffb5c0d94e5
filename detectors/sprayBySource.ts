import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { distinctUsersBySource, isSentChallenge, type SprayParams, type SprayState } from './_internal/distinctUsersBySource.ts';

const minute = 60_000;

const params = {
  users: { default: 5, min: 2, max: 100, step: 1, unit: 'count', description: 'distinct users challenged from the source in the window' },
  windowMs: { default: 60 * minute, min: 5 * minute, max: 24 * 60 * minute, step: 5 * minute, unit: 'ms', description: 'window the challenges fall in' },
} as const;

/**
 * A push spray from one source IP: challenges for at least `users` distinct users within `windowMs`, all requested
 * from the same IP (the attacker's browser, `origin.ip`).
 */
export const sprayBySource: DetectorDefinition<SprayParams, SprayState> = {
  id: 'spray-by-source',
  version: '1.0.0',
  title: 'Push spray from one source IP',
  description: 'One IP triggering MFA challenges for many distinct users in a window (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge'],
  entity: 'source',
  keyOf: (e) => (isSentChallenge(e) ? e.origin!.ip : undefined),
  params: { ...params },
  create: (p) => distinctUsersBySource(p),
};

/**
 * A push spray through an anonymising network: the same count keyed by the autonomous system of proxy, VPN, hosting
 * or Tor egress (`origin.proxy`), which catches sprays that rotate through one provider's addresses. Residential and
 * corporate networks are left out: thousands of ordinary users share them.
 */
export const sprayByAsn: DetectorDefinition<SprayParams, SprayState> = {
  id: 'spray-by-asn',
  version: '1.0.0',
  title: 'Push spray through one anonymising network (ASN)',
  description: 'One proxy, VPN, hosting or Tor network triggering MFA challenges for many distinct users in a window (ATT&CK T1621).',
  severity: 'medium',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge'],
  entity: 'source',
  keyOf: (e) => (isSentChallenge(e) && e.origin!.proxy === true && e.origin!.asn !== undefined ? `AS${e.origin!.asn}` : undefined),
  params: { ...params },
  create: (p) => distinctUsersBySource(p),
};

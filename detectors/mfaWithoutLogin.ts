import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { outageUsersParam } from './_internal/FailureCrowd.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { stormWithoutLogin, type StormParams, type StormShape, type StormState } from './_internal/stormWithoutLogin.ts';
import { stormWithoutLoginShared, type SharedStormState } from './_internal/stormWithoutLoginShared.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link mfaWithoutLogin}. */
export type MfaWithoutLoginParams = StormParams;

const isChallenge = (e: CanonicalEvent) => (e.type === 'mfa.challenge' && e.outcome === 'success') || e.type === 'mac.mfa.request';
const isLogin = (e: CanonicalEvent) => e.type === 'session.start' || e.type === 'mac.session.start' || e.type === 'mac.session.unlock';
const shape: StormShape = { isChallenge, isLogin };

/**
 * The AN0454 core: at least `threshold` MFA challenges for one user within `windowMs`, with no interactive session
 * started for that user from the start of the window until `graceMs` after the last of them. IdP pushes and the
 * Mac plug-in's MFA requests both count (once per transaction). The decision waits for the grace period in event
 * time, so an approval that logs the user in a few seconds later clears it.
 */
export const mfaWithoutLogin: DetectorDefinition<MfaWithoutLoginParams, StormState, SharedStormState> = {
  id: 'mfa-without-login',
  version: '1.0.0',
  title: 'MFA challenges without an interactive login',
  description:
    'Many MFA challenges (IdP pushes or Mac login-window MFA requests) for one user in a window, and no session ' +
    'started for that user in the window or the grace period after it (ATT&CK T1621, analytic AN0454).',
  severity: 'high',
  attack: { technique: 'T1621', analytic: 'AN0454' },
  needs: ['mfa.challenge', 'mac.mfa.request', 'mfa.result', 'mac.mfa.result', 'session.start', 'mac.session.start', 'mac.session.unlock'],
  entity: 'user',
  notExportable:
    'it stands down when many users’ pushes fail together from several networks (an outage): population context no query keyed by one user holds',
  library: { catches: 'uber-burst' },
  keyOf: (e) => e.user,
  params: {
    threshold: { default: 6, min: 2, max: 30, step: 1, unit: 'count', description: 'challenges in the window' },
    windowMs: {
      default: 10 * MINUTE,
      min: MINUTE,
      max: 120 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'window the challenges fall in',
    },
    graceMs: {
      default: 10 * MINUTE,
      min: 0,
      max: 60 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'time after the last challenge a login may still come',
    },
    outageUsers: outageUsersParam,
  },
  create: (params) => stormWithoutLogin(shape, params),
  createShared: (paramSets) => stormWithoutLoginShared(shape, paramSets),
};

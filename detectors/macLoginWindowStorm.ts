import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { outageUsersParam } from './_internal/FailureCrowd.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { stormWithoutLogin, type StormParams, type StormShape, type StormState } from './_internal/stormWithoutLogin.ts';
import { stormWithoutLoginShared, type SharedStormState } from './_internal/stormWithoutLoginShared.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link macLoginWindowStorm}. */
export type MacLoginWindowStormParams = StormParams;

const isMac = (e: CanonicalEvent) => e.source === 'mac' && e.device !== undefined;
const shape: StormShape = {
  isChallenge: (e) => e.type === 'mac.mfa.request',
  isLogin: (e) => e.type === 'mac.session.start' || e.type === 'mac.session.unlock',
};

/**
 * The macOS form of AN0454, keyed by the Mac: at least `threshold` MFA requests by authd / the MFA plug-in
 * (`mac.mfa.request`) on one Mac within `windowMs`, with no login-window session or screen unlock on that Mac from the
 * window's start until `graceMs` after. Catches a login-window storm even when the IdP side is not collected, and
 * names the device for the analyst.
 */
export const macLoginWindowStorm: DetectorDefinition<MacLoginWindowStormParams, StormState, SharedStormState> = {
  id: 'mac-login-window-storm',
  version: '1.0.0',
  title: 'MFA storm at a Mac login window',
  description:
    'Repeated MFA requests by authd or the MFA plug-in on one Mac with no successful login-window session or ' +
    'screen unlock on it (ATT&CK T1621, analytic AN0454, macOS unified log).',
  severity: 'high',
  attack: { technique: 'T1621', analytic: 'AN0454' },
  needs: ['mac.mfa.request', 'mac.mfa.result', 'mac.session.start', 'mac.session.unlock', 'mac.login'],
  entity: 'device',
  notExportable:
    'it stands down when many users’ pushes fail together from several networks (an outage): population context no query keyed by one Mac holds',
  library: { catches: 'night-login-window' },
  keyOf: (e) => (isMac(e) ? e.device!.id : undefined),
  params: {
    threshold: { default: 5, min: 2, max: 30, step: 1, unit: 'count', description: 'MFA requests on the Mac in the window' },
    windowMs: {
      default: 10 * MINUTE,
      min: MINUTE,
      max: 120 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'window the requests fall in',
    },
    graceMs: {
      default: 5 * MINUTE,
      min: 0,
      max: 60 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'time after the last request a login may still come',
    },
    outageUsers: outageUsersParam,
  },
  create: (params) => stormWithoutLogin(shape, params),
  createShared: (paramSets) => stormWithoutLoginShared(shape, paramSets),
};

import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import type { Place } from './geo.ts';
import type { Profile } from '../scenario/ResolvedScenario.ts';

/** A managed Mac as the IdP and the Mac's own logs know it. */
export interface MacIdentity {
  device: Device & { kind: 'mac' };
  /** The enterprise MFA plug-in asks for a push at the login window. */
  desktopMfa: boolean;
  /** Remote Login (ssh) and screen sharing are on. */
  remoteAccess: boolean;
  /** A lab Mac several users log in to. */
  shared: boolean;
  /** Local account short name and uid of this user on this Mac. */
  shortName: string;
  uid: number;
}

/** How a user answers a prompt they did not ask for. Probabilities per prompt. */
export interface AnswerBehaviour {
  /** Approval chance of a first unsolicited prompt (Microsoft: about 1%). */
  approveBase: number;
  /** Relative growth of the approval chance per further unsolicited prompt in the last hours. */
  approveGrowth: number;
  /** Multiplier on the approval chance after a believable "this is IT" message. */
  itMultiplier: number;
  /** Of the prompts not approved: share denied, reported as fraud; the rest are ignored. */
  deny: number;
  fraud: number;
  /** Median seconds to answer a push the user expects. */
  responseMedianS: number;
}

/** Everything fixed about one simulated person, drawn once from their own random stream. */
export interface UserIdentity {
  index: number;
  login: string;
  displayName: string;
  profile: Profile;
  timeZone: string;
  office: Place;
  officeOrigin: NetworkOrigin;
  homeOrigin: NetworkOrigin;
  mac?: MacIdentity;
  labMac?: MacIdentity;
  phone: Device & { kind: 'phone' };
  /** Mean IdP sign-ins on a workday. */
  loginsPerDay: number;
  /** Usual start and end of work, minutes after local midnight. */
  workStartMin: number;
  workEndMin: number;
  apps: string[];
  /** Share of workdays worked from home. */
  homeWorking: number;
  /** Chance of logging out (rather than locking) at the end of a day. */
  logoutRate: number;
  behaviour: AnswerBehaviour;
  /** Their department, when the population has departments. */
  department?: string;
  /** Their roles (executive, contractor, helpDesk, it; labUser with a lab Mac); absent when none. */
  roles?: string[];
}

import type { CanonicalEvent, Challenge } from '../../../model/generated/event.ts';
import type { MacHost } from '../../LogFormat.ts';

/**
 * What the unified-log lines of one canonical Mac event say, as plain facts: the encoder writes them into message
 * text and record fields, the decoder reads them back, and `held` derives from them what a round trip keeps.
 * @module
 */

/** The kinds of Mac events, each written as its own group of lines. */
export type MacLineKind =
  /** `mac.login` at the login window: authd checks the password for `system.login.console`. */
  | 'console'
  /** `mac.login` at the lock screen (`system.login.screensaver`), judged by loginwindow. */
  | 'screensaver'
  | 'ssh'
  | 'screensharing'
  | 'mfaRequest'
  | 'mfaResult'
  | 'sessionStart'
  | 'lock'
  | 'unlock'
  | 'end'
  | 'sleep'
  | 'wake'
  | 'boot';

/** How a push was answered, as the canonical challenge names it. */
export type ChallengeResult = NonNullable<Challenge['result']>;

/** Why a session ended, as loginwindow announces it. */
export type EndReason = 'logout' | 'restart' | 'shutdown';

/** The facts of one event (all present when made from an event; a line may hold only some of them). */
export interface MacFacts {
  kind: MacLineKind;
  time: number;
  /** Local account short name and uid. */
  shortName?: string;
  uid?: number;
  /** IdP login: only the MFA plug-in's lines name it. */
  login?: string;
  /** Authorization right of a console login (`system.login.console`). */
  right?: string;
  /** Outcome of a login attempt or of the MFA answer. */
  ok?: boolean;
  /** A console password accepted and handed to the MFA plug-in. */
  mfa?: boolean;
  transaction?: string;
  challenge?: string;
  result?: ChallengeResult;
  /** The MFA answer's reason when it says more than the result (`muted`, `cancelled`). */
  reason?: string;
  remoteIp?: string;
  endReason?: EndReason;
}

/** Kinds whose lines name the account by short name and uid together (authd's check, doLogin, the plug-in). */
export const namesAccount: ReadonlySet<MacLineKind> = new Set(['console', 'screensaver', 'mfaRequest', 'mfaResult', 'sessionStart']);
/** Kinds written by powerd, whose lines name no account at all. */
export const powerKinds: ReadonlySet<MacLineKind> = new Set(['sleep', 'wake', 'boot']);

// The first local account of a Mac gets uid 501; used only for an event that names no uid and a host that knows none.
const FIRST_UID = 501;

/** The account an event is about, falling back to the host's and then to the login's local part. */
function account(e: CanonicalEvent, host: MacHost): { shortName: string; uid: number } {
  return {
    shortName: e.mac?.shortName ?? host.shortName ?? e.user.split('@')[0] ?? e.user,
    uid: e.mac?.uid ?? host.uid ?? FIRST_UID,
  };
}

function kindOf(e: CanonicalEvent): MacLineKind | undefined {
  const process = e.mac?.process;
  const method = e.mac?.method;
  switch (e.type) {
    case 'mac.login':
      if (process === 'sshd' || method === 'ssh') return 'ssh';
      if (process === 'screensharingd' || method === 'screen_sharing') return 'screensharing';
      if (e.app === 'system.login.screensaver' || method === 'screen_unlock' || process === 'loginwindow') return 'screensaver';
      return 'console';
    case 'mac.mfa.request':
      return 'mfaRequest';
    case 'mac.mfa.result':
      return 'mfaResult';
    case 'mac.session.start':
      return 'sessionStart';
    case 'mac.session.lock':
      return 'lock';
    case 'mac.session.unlock':
      return 'unlock';
    case 'mac.session.end':
      return 'end';
    case 'mac.sleep':
      return 'sleep';
    case 'mac.wake':
      return e.reason === 'boot' ? 'boot' : 'wake';
    default:
      return undefined;
  }
}

/** The facts the encoder writes for `e`, or undefined for events the unified log has no room for (IdP events). */
export function factsOf(e: CanonicalEvent, host: MacHost): MacFacts | undefined {
  const kind = kindOf(e);
  if (kind === undefined) return undefined;
  const f: MacFacts = { kind, time: e.time, ...account(e, host) };
  if (e.transaction !== undefined) f.transaction = e.transaction;
  switch (kind) {
    case 'console':
      f.right = e.app ?? 'system.login.console';
      f.ok = e.outcome !== 'failure';
      f.mfa = f.ok && e.reason === 'mfa_required';
      break;
    case 'screensaver':
    case 'ssh':
    case 'screensharing':
      f.ok = e.outcome !== 'failure';
      if (kind !== 'screensaver') f.remoteIp = e.mac?.remoteIp ?? e.origin?.ip ?? '0.0.0.0';
      break;
    case 'mfaRequest':
    case 'mfaResult':
      f.login = e.user;
      if (e.challenge) f.challenge = e.challenge.id;
      if (kind === 'mfaResult') {
        f.ok = e.outcome !== 'failure';
        if (e.challenge?.result !== undefined) f.result = e.challenge.result;
        const reason = e.reason ?? f.result;
        if (reason !== undefined) f.reason = reason;
      }
      break;
    case 'end':
      f.endReason = e.reason === 'restart' || e.reason === 'shutdown' ? e.reason : 'logout';
      break;
    default:
      break;
  }
  return f;
}

/**
 * The facts of `f` that its own lines carry, before the decoder fills the gaps from earlier lines of the file and
 * the host: lock, unlock and logout lines give only the uid, ssh and screen-sharing lines only the user name, powerd
 * lines no account. The transaction is left as is (the caller knows whether an earlier plug-in line announced it).
 */
export function carriedFacts(f: MacFacts): MacFacts {
  const out = { ...f };
  if (powerKinds.has(f.kind)) {
    delete out.shortName;
    delete out.uid;
  } else if (f.kind === 'lock' || f.kind === 'unlock' || f.kind === 'end') {
    delete out.shortName;
  } else if (f.kind === 'ssh' || f.kind === 'screensharing') {
    delete out.uid;
  }
  return out;
}

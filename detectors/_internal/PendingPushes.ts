import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DAY, MINUTE } from '../../engine/model/duration/timeUnits.ts';
import type { ParamSpec } from '../../engine/runtime/DetectorDefinition.ts';
import { pushKey } from './PushWindow.ts';

/** The parameters of the detectors that pair a push with its own sign-in: how long to wait for it, how long to remember. */
export const answerParams: { graceMs: ParamSpec; lookbackMs: ParamSpec } = {
  graceMs: {
    default: 5 * MINUTE,
    min: MINUTE,
    max: 60 * MINUTE,
    step: MINUTE,
    unit: 'ms',
    description: 'time after a push its own sign-in may still come',
  },
  lookbackMs: {
    default: 30 * DAY,
    min: DAY,
    max: 90 * DAY,
    step: DAY,
    unit: 'ms',
    description: 'how long a sign-in keeps its address (or Mac) familiar to its user',
  },
};

/** One push and what it takes to answer it. */
export interface UnansweredPush {
  /** The push ({@link pushKey}): a Mac's request and the IdP's challenge of one login-window push are one. */
  key: string;
  user: string;
  /** Time of its first record. */
  time: number;
  /** The network that asked for it (`origin.ip`), when a record carries one. */
  ip: string | undefined;
  /** The Mac whose login window asked for it (login-window pushes only). */
  mac: string | undefined;
  /** Whether the requester was familiar when the push was sent (the detector's own test). */
  familiar: boolean;
  /** Its records, oldest first: the evidence. */
  records: CanonicalEvent[];
  /** Set once a sign-in answered it, late or not (population context reads it). */
  answered?: boolean;
  /** Set once the IdP logged its result (approved, denied, timed out…): the push is no longer on the phone. */
  resolved?: boolean;
}

/** A push sent to the user's phone by the IdP, or a Mac's login-window MFA request. */
export const isPushSent = (e: CanonicalEvent): boolean =>
  (e.type === 'mfa.challenge' && e.outcome === 'success') || e.type === 'mac.mfa.request';

/** A push asked for at a Mac's login window (by the Mac plug-in), not by a browser. */
export const isLoginWindowPush = (e: CanonicalEvent): boolean => e.type === 'mac.mfa.request' || e.challenge?.factor === 'desktop_mfa';

/** An interactive sign-in that got in: an IdP session, a Mac login-window session, a screen unlock. */
export const isSignedIn = (e: CanonicalEvent): boolean =>
  (e.type === 'session.start' && e.outcome === 'success') || e.type === 'mac.session.start' || e.type === 'mac.session.unlock';

/**
 * Whether `signIn` is the answer to `push`: the same user got in through the same attempt (transaction), from the same
 * network address (an IdP session), or at the same Mac (a login-window session or unlock). Pairing a push with *its*
 * sign-in, not with any session of the user: the victim's own sign-ins from their desk do not answer an attacker's
 * pushes from elsewhere.
 */
function answers(signIn: CanonicalEvent, push: UnansweredPush): boolean {
  if (signIn.user !== push.user) return false;
  if (signIn.transaction !== undefined && push.records.some((r) => r.transaction === signIn.transaction)) return true;
  if (signIn.source === 'mac') return push.mac !== undefined && signIn.device?.id === push.mac;
  return push.mac === undefined && push.ip !== undefined && signIn.origin?.ip === push.ip;
}

/**
 * The pushes of `list` that `signIn` does not answer; those it does are marked answered (a late answer: the push was
 * already counted). The list itself when it is empty, so the common sign-in costs nothing.
 */
export function withoutAnswered(list: UnansweredPush[], signIn: CanonicalEvent): UnansweredPush[] {
  if (list.length === 0) return list;
  return list.filter((push) => {
    if (!answers(signIn, push)) return true;
    push.answered = true;
    return false;
  });
}

/**
 * Pushes waiting `graceMs` for their sign-in, oldest first. A push nobody answered by then is *due*: the detectors
 * built on it count such pushes. Records of one push join it whenever they come.
 */
export class PendingPushes {
  private readonly byKey = new Map<string, UnansweredPush>();

  constructor(private readonly graceMs: number) {}

  /** The pending push a record belongs to, if that push is still waiting. */
  get(e: CanonicalEvent): UnansweredPush | undefined {
    return this.byKey.get(pushKey(e));
  }

  /** Starts waiting for a push's sign-in (its first record). */
  add(push: UnansweredPush): void {
    this.byKey.set(push.key, push);
  }

  /** Stops waiting for `push`; false when it was not waiting. */
  take(push: UnansweredPush): boolean {
    return this.byKey.delete(push.key);
  }

  /** Drops every pending push `signIn` answers. */
  answer(signIn: CanonicalEvent): void {
    for (const [key, push] of this.byKey)
      if (answers(signIn, push)) {
        push.answered = true;
        this.byKey.delete(key);
      }
  }

  /**
   * Removes and returns the pending pushes `next` supersedes: the same user's, still on the phone (no result logged),
   * oldest first. Someone asked again before the user could answer — from the same address or, rotating, another —
   * so those are unanswered now. A user's own retry comes after their push timed out or was denied.
   */
  supersededBy(next: UnansweredPush): UnansweredPush[] {
    const out: UnansweredPush[] = [];
    for (const [key, push] of this.byKey) {
      if (push.user !== next.user || push.resolved) continue;
      out.push(push);
      this.byKey.delete(key);
    }
    return out;
  }

  /** Removes and returns the pushes whose grace ended at or before `now`, oldest first. */
  due(now: number): UnansweredPush[] {
    const out: UnansweredPush[] = [];
    for (const [key, push] of this.byKey) {
      if (push.time + this.graceMs > now) break;
      out.push(push);
      this.byKey.delete(key);
    }
    return out;
  }

  /** When the oldest pending push's grace ends; undefined when none waits. */
  nextDue(): number | undefined {
    for (const push of this.byKey.values()) return push.time + this.graceMs;
    return undefined;
  }
}

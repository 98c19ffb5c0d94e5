import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { pushKey, PushWindow } from './_internal/PushWindow.ts';

/** How long after an approval the session it opened may start and still be attached to the alert. */
const loginWithinMs = MINUTE;

/** Parameters of {@link approvalAfterFatigue}. */
export interface ApprovalAfterFatigueParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
}

interface Fired {
  approval: CanonicalEvent;
  /** Last event time a session of the approval's transaction is attached. */
  until: number;
}

/** Per-user state. */
interface State {
  /** Failed prompt results in the window. */
  window: PushWindow;
  /** Time of the latest approval record of each push, to tell a push's second record from a new approval. */
  approved: Map<string, number>;
  /** Sessions of the last minute, for one that sorts before its approval at the same millisecond. */
  logins: CanonicalEvent[];
  /** Approvals that fired less than a minute ago, waiting for their session. */
  fired: Fired[];
}

const fatigue = new Set(['denied', 'timeout', 'wrong_number']);

const isResult = (e: CanonicalEvent) => e.type === 'mfa.result' || e.type === 'mac.mfa.result';
/** A prompt the user saw and did not approve; a `muted` denial was never sent, so nobody was prompted. */
const isFailedPrompt = (e: CanonicalEvent) =>
  isResult(e) && e.outcome === 'failure' && e.reason !== 'muted' && e.challenge?.result !== undefined && fatigue.has(e.challenge.result);
const isApproval = (e: CanonicalEvent) => isResult(e) && e.challenge?.result === 'approved';
const isLogin = (e: CanonicalEvent) => (e.type === 'session.start' || e.type === 'mac.session.start') && e.transaction !== undefined;

/**
 * Approval after fatigue — the likely compromise: an approved push (`mfa.result` or `mac.mfa.result` with result
 * `approved`) for a user when at least `threshold` distinct pushes of that user ended `timeout`, `denied` or
 * `wrong_number` (reason not `muted`) within `windowMs` before it (both ends inclusive; results at the approval's own
 * millisecond count when they sort before it). Fires at the approval, severity critical; the evidence is the failed
 * results in the window and the approval. A second record of an approved push (the Mac's and the IdP's result of one
 * login-window push) decides nothing.
 *
 * The session the approval opened — a `session.start` or `mac.session.start` with the approval's `transaction`,
 * starting from the approval's millisecond to one minute after it — is attached as a related login. The alert does
 * not wait for it: a session already seen goes into the finding, a later one grows the thread when it arrives (a
 * finding at the session's time with the approval as evidence), so time to detect stays the approval's time.
 *
 * A `fraud` result is not counted here: a fraud report is its own detector (`fraud-report`).
 *
 * The default threshold is 5 (1.0.0 had 3): a user at their own Mac's login window with the phone out of reach lets
 * three pushes time out, then approves — 13 critical false alerts on the quiet month at 3, none at 4 or 5, and 5 keeps
 * every incident 3 caught in the library while the false-positive week drops from 24 to 2.
 */
export const approvalAfterFatigue: DetectorDefinition<ApprovalAfterFatigueParams, State> = {
  id: 'approval-after-fatigue',
  version: '1.1.0',
  title: 'Push approved after a run of denied or unanswered pushes',
  description:
    'A user approved a push after many pushes they denied, ignored or answered with the wrong number in the window ' +
    'before it: the likely moment of compromise in an MFA-fatigue attack (ATT&CK T1621).',
  severity: 'critical',
  attack: { technique: 'T1621' },
  needs: ['mfa.result', 'mac.mfa.result', 'session.start', 'mac.session.start'],
  entity: 'user',
  notExportable:
    'it counts distinct pushes (a login-window push has a Mac and an IdP record) and skips an approval’s second record; no shape counts distinct pushes yet',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isFailedPrompt(e) || isApproval(e) || isLogin(e) ? e.user : undefined),
  params: {
    threshold: { default: 5, min: 1, max: 30, step: 1, unit: 'count', description: 'denied or unanswered pushes before the approval' },
    windowMs: {
      default: 30 * MINUTE,
      min: MINUTE,
      max: 24 * 60 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'how far before the approval they count',
    },
  },
  create({ threshold, windowMs }) {
    return {
      idleMs: windowMs + loginWithinMs + MINUTE,
      init: () => ({ window: new PushWindow(), approved: new Map(), logins: [], fired: [] }),
      onEvent(s, e, ctx) {
        const from = e.time - windowMs;
        s.window.evictBefore(from);
        for (const [key, time] of s.approved) if (time < from) s.approved.delete(key);
        s.fired = s.fired.filter((f) => f.until >= e.time);
        s.logins = s.logins.filter((l) => l.time >= e.time - loginWithinMs);

        if (isLogin(e)) {
          s.logins.push(e);
          for (const f of s.fired) {
            if (f.approval.transaction === e.transaction) ctx.alert({ evidence: [f.approval], relatedLogins: [e] });
          }
          return;
        }
        if (isFailedPrompt(e)) {
          s.window.add(e);
          return;
        }
        const key = pushKey(e);
        const repeat = s.approved.has(key);
        s.approved.set(key, e.time);
        if (repeat || s.window.distinct < threshold) return;
        const relatedLogins = s.logins.filter((l) => l.transaction === e.transaction && l.time >= e.time);
        const evidence = s.window.evidence();
        evidence.push(e);
        ctx.alert({ evidence, relatedLogins });
        if (e.transaction !== undefined) s.fired.push({ approval: e, until: e.time + loginWithinMs });
      },
    };
  },
};

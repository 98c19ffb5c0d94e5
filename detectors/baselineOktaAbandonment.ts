import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link baselineOktaAbandonment}. */
export interface BaselineOktaAbandonmentParams extends Record<string, number> {
  eventsAbove: number;
  usersAbove: number;
  proxyClause: number;
  windowMs: number;
}

interface State {
  /** Unanswered pushes from this source IP in the last `windowMs`, oldest first. */
  window: CanonicalEvent[];
}

const isUnanswered = (e: CanonicalEvent) => e.type === 'mfa.result' && e.challenge?.result === 'timeout';

/**
 * Baseline: Okta's "Suspicious MFA Abandonment" (O1), reimplemented on canonical events. Keyed by source IP.
 *
 * **Original logic** (`okta/customer-detections`, SPL, "run over an hour long period"):
 * `eventType=user.authentication.auth_via_mfa outcome.result IN ("UNANSWERED","ABANDONED") | stats dc(actor.id) as
 * user_count values(securityContext.isProxy) as isProxy count by client.ipAddress | where (user_count = 1 AND count >
 * 5) OR (user_count > 5) OR (isProxy = "true")`. Three clauses per source IP: one user with more than 5 abandoned
 * pushes; more than 5 distinct users; or any abandoned push from an IP Okta flags as a proxy. The rule names no
 * severity; this baseline reports `medium`.
 *
 * **Here**: an unanswered push is an IdP `mfa.result` with `challenge.result` `timeout`, keyed by its `origin.ip`
 * (events without an origin are skipped). After each one — at a timer on its time, so every push of that millisecond
 * is in — the detector looks at the unanswered pushes from that IP in `[t − windowMs, t]` and fires when
 * (distinct users = 1 and count > `eventsAbove`) or (distinct users > `usersAbove`) or (`proxyClause` = 1 and any of
 * them has `origin.proxy === true`). Evidence: the window's unanswered pushes.
 *
 * **Threshold semantics**: "> 5", as the query's code, i.e. six or more — the explanation text's "5 or more" is a
 * known inconsistency, not copied. Note the literal gap the rule has and this baseline keeps: 2 to 5 users with any
 * number of abandoned pushes from one IP match neither count clause.
 *
 * **Deliberate differences**
 * - A sliding hour ending at each unanswered push replaces the hour-long scheduled run. The one-user clause is not
 *   monotone (a second user's push in the window switches it off), so a window ending between pushes could match
 *   where no window ending at a push does; such windows are not evaluated — as the scheduled search, too, only ever
 *   sees its own hour.
 * - Only `timeout` maps to UNANSWERED/ABANDONED (canonical events have no separate abandonment); denials, fraud
 *   reports and errors do not count. Only IdP records are read.
 * - `isProxy` is taken from the canonical `origin.proxy` (VPN, hosting, residential proxy or Tor), which may be wider
 *   than Okta's own proxy flag.
 */
export const baselineOktaAbandonment: DetectorDefinition<BaselineOktaAbandonmentParams, State> = {
  id: 'baseline-okta-abandonment',
  version: '1.0.0',
  title: 'Baseline (Okta): suspicious MFA abandonment',
  description:
    'Reimplementation of Okta "Suspicious MFA Abandonment": unanswered MFA pushes from one source IP within an hour — ' +
    'more than 5 for one user, more than 5 distinct users, or any from a proxy IP (ATT&CK T1621).',
  severity: 'medium',
  attack: { technique: 'T1621' },
  baseline: 'Okta "Suspicious MFA Abandonment" (okta/customer-detections detections/suspicious_mfa_abandonment.yml)',
  needs: ['mfa.result'],
  entity: 'source',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isUnanswered(e) ? e.origin?.ip : undefined),
  shape: {
    kind: 'windowAt',
    key: 'source',
    where: { types: ['mfa.result'], results: ['timeout'] },
    windowParam: 'windowMs',
    anyOf: [{ singleUser: true, eventsAbove: 'eventsAbove' }, { usersAbove: 'usersAbove' }, { anyProxyWhen: 'proxyClause' }],
  },
  params: {
    eventsAbove: {
      default: 5,
      min: 1,
      max: 50,
      step: 1,
      unit: 'count',
      description: 'unanswered pushes for a single user from the IP (>)',
    },
    usersAbove: {
      default: 5,
      min: 1,
      max: 50,
      step: 1,
      unit: 'count',
      description: 'distinct users with unanswered pushes from the IP (>)',
    },
    proxyClause: {
      default: 1,
      min: 0,
      max: 1,
      step: 1,
      unit: 'count',
      description: '1: any unanswered push from a proxy IP fires; 0: clause off',
    },
    windowMs: {
      default: HOUR,
      min: 5 * MINUTE,
      max: 24 * HOUR,
      step: 5 * MINUTE,
      unit: 'ms',
      description: 'sliding window ending at each unanswered push',
    },
  },
  create({ eventsAbove, usersAbove, proxyClause, windowMs }) {
    return {
      idleMs: windowMs + MINUTE,
      init: () => ({ window: [] }),
      onEvent(s, e, ctx) {
        s.window.push(e);
        ctx.setTimer(e.time);
      },
      onTimer(s, ctx) {
        let drop = 0;
        while (drop < s.window.length && s.window[drop].time < ctx.now - windowMs) drop++;
        if (drop > 0) s.window.splice(0, drop);
        const users = new Set(s.window.map((e) => e.user)).size;
        const fromProxy = proxyClause >= 1 && s.window.some((e) => e.origin?.proxy === true);
        if ((users === 1 && s.window.length > eventsAbove) || users > usersAbove || fromProxy) {
          ctx.alert({ evidence: s.window.slice() });
        }
      },
    };
  },
};

import { MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition, Finding } from '../engine/runtime/DetectorDefinition.ts';
import { FailureCrowd, isFailedResult, outageUsersParam } from './_internal/FailureCrowd.ts';
import { FailureCrowds } from './_internal/FailureCrowds.ts';
import { PushWindow } from './_internal/PushWindow.ts';
import { PushWindows } from './_internal/PushWindows.ts';

/** Parameters of {@link deniedBurst}. */
export interface DeniedBurstParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  outageUsers: number;
}

/** Per-user state: the failed results in the window. */
type State = PushWindow;

const raising = new Set(['fraud', 'wrong_number']);

/**
 * Denied or unanswered push burst: at least `threshold` distinct pushes for one user whose result was a failure —
 * `denied`, `timeout` (unanswered), `fraud` or `wrong_number`, from `mfa.result` or `mac.mfa.result`, reason not
 * `muted` — within `windowMs` (a sliding window, both ends inclusive: results at `t − windowMs` and at `t` count).
 *
 * Fires at the failed result that reaches the count, with no grace period; every later result of a new push while the
 * window still holds `threshold` of them is another finding and grows the thread. A record of a push already in the
 * window (the Mac's and the IdP's result of one login-window push) joins the evidence but decides nothing. Severity
 * is medium, high when a `fraud` or `wrong_number` result is among the window's evidence.
 *
 * @example
 * // Five unanswered pushes at 0, 2, 4, 6 and 10 min: one finding at 10 min with the five results as evidence.
 */
export const deniedBurst: DetectorDefinition<DeniedBurstParams, State, PushWindows> = {
  id: 'denied-burst',
  version: '1.0.0',
  title: 'Burst of denied or unanswered pushes',
  description:
    'Many push results for one user in a window that the user denied, ignored until timeout, reported as fraud or ' +
    'answered with the wrong number (ATT&CK T1621).',
  severity: 'medium',
  attack: { technique: 'T1621' },
  needs: ['mfa.result', 'mac.mfa.result'],
  entity: 'user',
  notExportable:
    'it stands down when many users’ pushes fail together from several networks (an outage): population context no query keyed by one user holds',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isFailedResult(e) ? e.user : undefined),
  params: {
    threshold: { default: 6, min: 2, max: 30, step: 1, unit: 'count', description: 'failed push results in the window' },
    windowMs: {
      default: 10 * MINUTE,
      min: MINUTE,
      max: 120 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'window the failed results fall in',
    },
    outageUsers: outageUsersParam,
  },
  create({ threshold, windowMs, outageUsers }) {
    const crowd = new FailureCrowd(outageUsers, windowMs);
    return {
      idleMs: windowMs + MINUTE,
      init: () => new PushWindow(),
      onEvent(window, e, ctx) {
        crowd.note(e);
        window.evictBefore(e.time - windowMs);
        if (!window.add(e) || window.distinct < threshold) return;
        if (crowd.crowded(e.time - windowMs, e.time)) return; // a push outage: many users retrying at once
        const high = window.some((w) => raising.has(w.challenge!.result!));
        ctx.alert(high ? { evidence: window.evidence(), severity: 'high' } : { evidence: window.evidence() });
      },
    };
  },
  // Every set at once: one trail of the user's failed results for every window, each set comparing its threshold with
  // its window's count; sets of one window share the finding.
  createShared(sets) {
    const lengths = [...new Set(sets.map((p) => p.windowMs))];
    const windowOf = sets.map((p) => lengths.indexOf(p.windowMs));
    const minThreshold = Math.min(...sets.map((p) => p.threshold));
    const crowds = new FailureCrowds(sets.map((p) => ({ users: p.outageUsers, keepMs: p.windowMs })));
    const findings: Array<Finding | undefined> = lengths.map(() => undefined);
    return {
      idleMs: sets.map((p) => p.windowMs + MINUTE),
      init: () => new PushWindows(lengths),
      onEvent(windows, e, ctx) {
        crowds.note(e);
        windows.slide(e.time);
        if (!windows.add(e)) return;
        let reached = false;
        for (let k = 0; k < lengths.length && !reached; k++) reached = windows.isNew(k) && windows.distinct(k) >= minThreshold;
        if (!reached) return;
        for (let m = 0; m < sets.length; m++) {
          const k = windowOf[m];
          if (!windows.isNew(k) || windows.distinct(k) < sets[m].threshold) continue;
          if (crowds.crowded(m, e.time - sets[m].windowMs, e.time)) continue;
          let finding = findings[k];
          if (finding === undefined) {
            const evidence = windows.evidence(k);
            finding = evidence.some((w) => raising.has(w.challenge!.result!)) ? { evidence, severity: 'high' } : { evidence };
            findings[k] = finding;
          }
          ctx.alert(finding, m);
        }
        findings.fill(undefined);
      },
    };
  },
};

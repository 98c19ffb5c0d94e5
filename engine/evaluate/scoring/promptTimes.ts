import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import { incidentOf } from './incidentOf.ts';

interface Push {
  /** Earliest record of the push (a Mac's request comes a moment before the IdP's challenge). */
  first: number;
  /** The IdP logged a challenge for it: sent (`success`), or refused (muted after a fraud report, rate-limited). */
  idp?: 'sent' | 'refused';
}

/**
 * The times of each incident's prompts, oldest first: every push the attack made the IdP send to the victim, counted
 * once per push (its transaction) at its first record — a login-window push is logged by the Mac
 * (`mac.mfa.request`) a moment before the IdP (`mfa.challenge`), under one transaction.
 *
 * A push counts when its IdP challenge was sent (`mfa.challenge` with outcome `success`). A Mac's request whose IdP
 * challenge was refused (muted after a fraud report, rate-limited) reached no phone and does not count; a Mac's
 * request with no IdP record at all counts (a Mac-only log is all there is). So with both sources the count equals
 * the truth's `incident.prompts`. Only events whose truth label names the incident count ({@link incidentOf}): noise
 * and benign events never do. Feed it the events in any order.
 */
export function promptTimes(events: Iterable<CanonicalEvent>, truth: Pick<Truth, 'labels'>): Map<string, number[]> {
  const byIncident = new Map<string, Map<string, Push>>();
  for (const e of events) {
    if (e.type !== 'mfa.challenge' && e.type !== 'mac.mfa.request') continue;
    const incident = incidentOf(truth.labels[e.id]);
    if (incident === undefined) continue;
    const key = e.transaction ?? e.challenge?.id ?? e.id;
    let pushes = byIncident.get(incident);
    if (!pushes) byIncident.set(incident, (pushes = new Map()));
    const push = pushes.get(key) ?? { first: e.time };
    push.first = Math.min(push.first, e.time);
    if (e.type === 'mfa.challenge') push.idp = e.outcome === 'success' || push.idp === 'sent' ? 'sent' : 'refused';
    pushes.set(key, push);
  }
  const out = new Map<string, number[]>();
  for (const [incident, pushes] of byIncident) {
    const times = [...pushes.values()].filter((p) => p.idp !== 'refused').map((p) => p.first);
    if (times.length > 0)
      out.set(
        incident,
        times.sort((a, b) => a - b),
      );
  }
  return out;
}

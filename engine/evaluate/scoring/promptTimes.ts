import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';

/**
 * The times of each incident's prompts, oldest first, from the events and the truth's labels: every push the attack
 * caused (an IdP `mfa.challenge` that was sent, or a Mac `mac.mfa.request`), counted once per push however many
 * records it has (a login-window push is logged by the Mac and the IdP under one transaction), at its first record.
 * Feed it the events in any order; it keeps only the attack's records.
 */
export function promptTimes(events: Iterable<CanonicalEvent>, truth: Pick<Truth, 'labels'>): Map<string, number[]> {
  const first = new Map<string, Map<string, number>>();
  for (const e of events) {
    const incident = truth.labels[e.id];
    if (incident === undefined || incident.startsWith('noise:')) continue;
    const isPrompt = (e.type === 'mfa.challenge' && e.outcome === 'success') || e.type === 'mac.mfa.request';
    if (!isPrompt) continue;
    const push = e.transaction ?? e.challenge?.id ?? e.id;
    let pushes = first.get(incident);
    if (!pushes) first.set(incident, (pushes = new Map()));
    const seen = pushes.get(push);
    if (seen === undefined || e.time < seen) pushes.set(push, e.time);
  }
  const out = new Map<string, number[]>();
  for (const [incident, pushes] of first) out.set(incident, [...pushes.values()].sort((a, b) => a - b));
  return out;
}

import type { CanonicalEvent } from '../../../model/generated/event.ts';
import type { IncidentScore } from '../../scoring/scoreAlerts.ts';
import type { TimelineMark } from '../charts/incidentTimeline.ts';
import { MINUTE } from '../../../model/duration/timeUnits.ts';
import { promptTimes } from '../../scoring/promptTimes.ts';

/** The incident to tell as a story: the most prompted compromised one, else the most prompted. */
export function storyIncident(perIncident: readonly IncidentScore[]): IncidentScore | undefined {
  const byPrompts = [...perIncident].sort((a, b) => b.incident.prompts - a.incident.prompts || a.incident.start - b.incident.start);
  return byPrompts.find((p) => p.incident.compromisedAt !== null) ?? byPrompts[0];
}

/** The marks of the incident timeline: the prompts scoring counts, the victim's answers, the alerts, the compromise. */
export function timelineMarks(
  story: IncidentScore,
  events: readonly CanonicalEvent[],
  labels: Readonly<Record<string, string>>,
): TimelineMark[] {
  const { incident } = story;
  const at = (t: number) => (t - incident.start) / MINUTE;
  // The prompts are the ones scoring counts (a push the IdP sent, once, at its first record), so the chart and the
  // "prompts endured" figure never disagree.
  const marks: TimelineMark[] = (promptTimes(events, { labels }).get(incident.id) ?? []).map((t) => ({
    minute: at(t),
    lane: 'prompt',
    what: 'push sent',
  }));
  const answered = new Set<string>();
  for (const e of events) {
    if (labels[e.id] !== incident.id) continue;
    const push = e.transaction ?? e.challenge?.id ?? e.id;
    if ((e.type === 'mfa.result' || e.type === 'mac.mfa.result') && e.challenge?.result && !answered.has(push)) {
      answered.add(push);
      marks.push({ minute: at(e.time), lane: 'answer', what: e.challenge.result });
    }
  }
  for (const d of story.detections) marks.push({ minute: at(d.at), lane: 'alert', what: d.label });
  if (incident.socialEngineeringAt != null)
    marks.push({ minute: at(incident.socialEngineeringAt), lane: 'compromise', what: '"IT" message' });
  if (incident.compromisedAt !== null)
    marks.push({ minute: at(incident.compromisedAt), lane: 'compromise', what: 'approved by the victim' });
  if (incident.factorEnrolledAt != null)
    marks.push({ minute: at(incident.factorEnrolledAt), lane: 'factor enrolled', what: 'attacker factor' });
  return marks.sort((a, b) => a.minute - b.minute || (a.lane < b.lane ? -1 : 1));
}

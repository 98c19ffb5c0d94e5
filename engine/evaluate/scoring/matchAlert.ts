import type { Alert } from '../../model/generated/alert.ts';
import type { Incident } from '../../model/generated/truth.ts';

/** How long after an incident's end an alert about it still counts (default of {@link matchAlert}). */
export const defaultMatchGraceMs = 3_600_000;

/**
 * The incidents an alert matches, by the scoring definition (`docs/scoring.md`, Definitions): the alert names the incident's
 * target user — as its user, among its users, or as its entity — or its device (device-keyed detectors), or one of the
 * attacker's sources (source-keyed detectors: an alert source IP the incident lists), and its alert time falls
 * between the incident's start and its end plus `graceMs` (both inclusive). A spray is one campaign with one incident
 * per target, so for its incidents the time span is the campaign's — its first incident's start to its last one's end
 * plus grace: an alert that names a target while the spray goes on counts for that target, even before the target's
 * own pushes (a spray alert names the users seen so far and grows; its closing line names them all). Returns the
 * ids, in the incidents' order.
 *
 * @example matchAlert(alert, truth.incidents) // ['uber-burst#1']
 */
export function matchAlert(alert: Alert, incidents: readonly Incident[], graceMs = defaultMatchGraceMs): string[] {
  const matched: string[] = [];
  const campaigns = sprayCampaigns(incidents);
  for (const incident of incidents) {
    const span = campaigns.get(incident.campaign) ?? incident;
    if (alert.alertTime < span.start || alert.alertTime > span.end + graceMs) continue;
    if (namesIncident(alert, incident)) matched.push(incident.id);
  }
  return matched;
}

function namesIncident(alert: Alert, incident: Incident): boolean {
  const target = incident.target;
  if (alert.user === target || alert.entity.value === target || alert.users?.includes(target)) return true;
  if (incident.device !== undefined && (alert.entity.value === incident.device || alert.devices.some((d) => d.id === incident.device)))
    return true;
  return alert.entity.kind !== 'user' && alert.sources.some((s) => incident.sources.includes(s.ip));
}

/** Each spray campaign's span: its earliest incident start and latest incident end. */
function sprayCampaigns(incidents: readonly Incident[]): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  for (const i of incidents) {
    if (i.kind !== 'spray') continue;
    const span = spans.get(i.campaign);
    if (span === undefined) spans.set(i.campaign, { start: i.start, end: i.end });
    else {
      span.start = Math.min(span.start, i.start);
      span.end = Math.max(span.end, i.end);
    }
  }
  return spans;
}

import { formatDurationApprox } from '../../../model/duration/formatDurationApprox.ts';
import type { IncidentScore } from '../../scoring/scoreAlerts.ts';

const duration = (ms: number) => formatDurationApprox(Math.max(0, ms));

/**
 * The incidents `counts` did not prevent, worst first, as one line each: missed ones before ones caught only after the
 * victim's approval, compromised before not, then the most prompted. `counts` says which detections count (e.g. not
 * the baselines').
 */
export function worstMissed(perIncident: readonly IncidentScore[], counts: (label: string) => boolean, limit = 5): string[] {
  const rows = perIncident
    .map(({ incident, detections }) => ({ incident, first: detections.find((d) => counts(d.label)) }))
    .filter(({ incident, first }) => first === undefined || (incident.compromisedAt !== null && first.at >= incident.compromisedAt));
  rows.sort(
    (a, b) =>
      Number(a.first !== undefined) - Number(b.first !== undefined) ||
      Number(b.incident.compromisedAt !== null) - Number(a.incident.compromisedAt !== null) ||
      b.incident.prompts - a.incident.prompts ||
      a.incident.start - b.incident.start,
  );
  const lines = rows.slice(0, limit).map(({ incident, first }) => {
    const approved =
      incident.compromisedAt === null ? 'never approved' : `approved after ${duration(incident.compromisedAt - incident.start)}`;
    const caught =
      first === undefined ? 'missed' : `caught ${duration(first.at - incident.compromisedAt!)} after the approval (by ${first.label})`;
    return `${incident.id} (${incident.kind}, target ${incident.target}): ${caught}; ${incident.prompts} prompt${incident.prompts === 1 ? '' : 's'}, ${approved}`;
  });
  if (rows.length > limit) lines.push(`… and ${rows.length - limit} more (see the Incidents table)`);
  return lines;
}

import { describe, expect, it } from 'vitest';
import { worstMissed } from '../../../../../engine/evaluate/report/_internal/worstMissed.ts';
import type { IncidentScore } from '../../../../../engine/evaluate/scoring/scoreAlerts.ts';

const minute = 60_000;
const incident = (
  id: string,
  prompts: number,
  compromisedAfter: number | null,
  caughtAfter: Record<string, number> = {},
): IncidentScore => ({
  incident: {
    id,
    kind: 'burst',
    campaign: 'c',
    target: `${id}-user`,
    sources: [],
    start: 0,
    end: 60 * minute,
    compromisedAt: compromisedAfter === null ? null : compromisedAfter * minute,
    prompts,
  },
  detections: Object.entries(caughtAfter)
    .map(([label, m]) => ({
      label,
      at: m * minute,
      timeToDetectMs: m * minute,
      promptsBefore: null,
      beforeCompromise: compromisedAfter === null || m < compromisedAfter,
    }))
    .sort((a, b) => a.at - b.at),
});

describe('worstMissed', () => {
  const perIncident = [
    incident('prevented', 20, 10, { a: 5 }),
    incident('late', 30, 10, { a: 15 }),
    incident('missed-quiet', 3, null),
    incident('missed-compromised', 5, 8),
    incident('missed-loud', 12, null),
    incident('baseline-only', 9, 4, { base: 1 }),
  ];
  const counts = (label: string) => label !== 'base';

  it('lists what was not prevented, worst first: missed and compromised, then missed, each by prompts, then caught after the approval; baselines don’t count', () => {
    expect(worstMissed(perIncident, counts)).toEqual([
      'baseline-only (burst, target baseline-only-user): missed; 9 prompts, approved after 4m',
      'missed-compromised (burst, target missed-compromised-user): missed; 5 prompts, approved after 8m',
      'missed-loud (burst, target missed-loud-user): missed; 12 prompts, never approved',
      'missed-quiet (burst, target missed-quiet-user): missed; 3 prompts, never approved',
      'late (burst, target late-user): caught 5m after the approval (by a); 30 prompts, approved after 10m',
    ]);
  });

  it('says how many more there are past the limit, and nothing when all were prevented', () => {
    expect(worstMissed(perIncident, counts, 2).at(-1)).toBe('… and 3 more (see the Incidents table)');
    expect(worstMissed([perIncident[0]], counts)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatSweep } from '../../../engine/cli/tuneCommand.ts';
import type { SweepResult, SweepRow } from '../../../engine/evaluate/tuning/runSweep.ts';
import { rateInterval } from '../../../engine/evaluate/tuning/rateInterval.ts';
import { wilsonInterval } from '../../../engine/evaluate/tuning/wilsonInterval.ts';
import type { DetectorDefinition } from '../../../engine/runtime/DetectorDefinition.ts';

const spec = (unit: 'ms' | 'count', value: number, step: number) => ({
  default: value,
  min: 0,
  max: value * 10,
  step,
  unit,
  description: '',
});
// A plug-in detector (not in the built-in registry) with a duration that is not named …Ms.
const plugin = {
  id: 'my-burst',
  params: { count: spec('count', 3, 1), span: spec('ms', 600_000, 60_000) },
} as unknown as DetectorDefinition;
const pooled = { incidents: 4, detected: 4, prevented: 3, alerts: 4, falseAlerts: 0, userDays: 2000 };
const rowOf = (name: string, kind: SweepRow['kind'], params: Record<string, number>): SweepRow => ({
  label: `my-burst@${name}`,
  name,
  kind,
  detector: 'my-burst',
  params,
  front: kind === 'grid',
  pooled,
  recall: wilsonInterval(4, 4),
  preventedRate: wilsonInterval(3, 4),
  precision: wilsonInterval(4, 4),
  falseAlertsPer1000UserDays: rateInterval(0, 2000, 1000)!,
  timeToDetectMedianMs: null,
});
const result: SweepResult = {
  detector: 'my-burst',
  axes: [{ param: 'count', values: [2] }],
  runs: [{ scenario: 's', hash: 'h'.repeat(64), seed: 1, users: 1000, days: 2, events: 10, incidents: 4 }],
  rows: [rowOf('count=2', 'grid', { count: 2, span: 600_000 }), rowOf('defaults', 'defaults', { count: 3, span: 600_000 })],
  budget: 0.5,
  budgetSource: 'given',
  recommendedIndex: 0,
  recommended: { detector: 'my-burst', name: 'count=2', params: { count: 2, span: 600_000 }, tentative: true },
  evidence: {
    incidents: 4,
    minIncidents: 20,
    userDays: 2000,
    minUserDays: 10_000,
    shortfalls: ['4 incidents, fewer than 20', '2,000 user-days, fewer than 10,000'],
  },
};

describe('formatSweep', () => {
  it('writes the defaults in their units from the tuned detector’s own specs, a plug-in’s too', () => {
    expect(formatSweep(result, 1, plugin)).toContain('defaults (count=3,span=10m)');
  });

  it('prints pooled Wilson intervals, says the worlds are too small and marks the recommendation tentative', () => {
    const text = formatSweep(result, 1, plugin);
    expect(text).toMatch(/\n→ count=2 +1\.00 \[0\.51, 1\.00\] +0\.75 \[0\.30, 0\.95\] +0\.00 \[0\.00, 1\.92\] /);
    expect(text).toContain('worlds too small to decide: 4 incidents, fewer than 20; 2,000 user-days, fewer than 10,000');
    expect(text).toContain('recommended (tentative): count=2 — recall 1.00 [0.51, 1.00]');
  });
});

/**
 * `evade`'s search: seeded and reproducible; every evasion it reports evades — as judged again, and when its written
 * scenario file is run from scratch (shrinking never hands back an attack that is detected); and a detector set that
 * alerts on every push leaves nothing to find.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import type { DetectorDefinition } from '../../../../engine/runtime/DetectorDefinition.ts';
import { defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../../../engine/runtime/DetectorRuntime.ts';
import { searchEvasions, writeEvasions, type EvadeBudget } from '../../../../engine/tools/evade/index.ts';
import { judgeAttack } from '../../../../engine/tools/evade/judgeAttack.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-evade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The storm detectors alone: the whole default set leaves nothing this small search can find.
const instances: DetectorInstance[] = detectors
  .filter((d) => d.id === 'mfa-without-login' || d.id === 'denied-burst')
  .map((definition) => ({ definition, params: defaultParams(definition) }));
const budget: EvadeBudget = { minPrompts: 3, maxPrompts: 20, maxDays: 2 };
const options = { family: 'burst' as const, budget, goal: 'compromise' as const, seed: 4, users: 12, rounds: 2, tries: 40 };

/** A detector that alerts on every push it sees: nothing can get past it before an approval. */
const everyPush: DetectorDefinition<Record<string, number>, null> = {
  id: 'every-push',
  version: '1.0.0',
  title: 'Every push',
  description: 'Alerts on every MFA challenge (a test detector).',
  severity: 'low',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge'],
  entity: 'user',
  keyOf: (e) => (e.type === 'mfa.challenge' ? e.user : undefined),
  params: {},
  create: () => ({ idleMs: 60_000, init: () => null, onEvent: (_s, e, ctx) => ctx.alert({ evidence: [e] }) }),
};

describe('searchEvasions', () => {
  const result = searchEvasions(instances, options);

  it('finds the same evasions from the same seed', () => {
    expect(searchEvasions(instances, options)).toEqual(result);
    expect(result.worlds).toBeGreaterThan(0);
  });

  it('reports only attacks that evade, within the budget, judged again', () => {
    expect(result.evasions.length).toBeGreaterThan(0);
    for (const evasion of result.evasions) {
      expect(evasion.outcome.status).toBe('evaded');
      expect(evasion.outcome.prompts).toBeGreaterThanOrEqual(3);
      expect(evasion.outcome.prompts).toBeLessThanOrEqual(20);
      expect(judgeAttack(evasion.attack, result.context, instances, budget, 'compromise')).toEqual(evasion.outcome);
    }
    const costs = result.evasions.map((e) => e.outcome.prompts);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it('writes scenario files that evade when run from scratch: compromised, and no alert before the approval', async () => {
    const written = await writeEvasions(join(dir, 'out'), result, { ...options, detectors: instances.map((i) => i.definition.id) });
    expect(written.files).toContain('evade.json');
    for (const file of written.files.filter((f) => f.endsWith('.yaml'))) {
      const { score } = evaluateScenario(await loadScenarioFile(join(dir, 'out', file)), instances);
      const [incident] = score.perIncident;
      expect(incident.incident.compromisedAt).not.toBeNull();
      expect(incident.detections.filter((d) => d.beforeCompromise)).toEqual([]);
    }
  });

  it('finds nothing past a detector that alerts on every push', () => {
    const watched = [...instances, { definition: everyPush, params: {} } as DetectorInstance];
    const none = searchEvasions(watched, { ...options, rounds: 1, tries: 15 });
    expect(none.evasions).toEqual([]);
    expect(none.cleanRounds).toBe(1);
  });
});

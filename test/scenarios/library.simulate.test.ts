import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

/**
 * Every scenario of the library simulates, and each attack it declares shows up as it says: one incident per target,
 * of its strategy, with prompts in the stream. Populations are cut to 400 users (or the smallest that still holds the
 * named targets) so the whole library runs in seconds; durations stay as written.
 */
describe.each(files)('scenarios/%s', (file) => {
  it('simulates, and every declared attack appears as incidents of its kind with prompts in the stream', async () => {
    const full = await loadScenarioFile(path.join(dir, file));
    const needed = Math.max(0, ...full.attacks.map((a) => (Array.isArray(a.targets) ? Math.max(...a.targets) + 1 : a.targets + 10)));
    const users = Math.min(full.population.users, Math.max(needed, 400));
    const scenario = await loadScenarioFile(path.join(dir, file), { users });
    const events: CanonicalEvent[] = [];
    const { truth, summary } = simulate(scenario, (e) => events.push(e));
    expect(summary.records).toBe(events.length);
    expect(summary.records).toBeGreaterThan(users * 5);

    const byIncident = new Map<string, CanonicalEvent[]>();
    for (const e of events) {
      const label = truth.labels[e.id];
      if (label === undefined) continue;
      const list = byIncident.get(label);
      if (list) list.push(e);
      else byIncident.set(label, [e]);
    }
    for (const attack of scenario.attacks) {
      const incidents = truth.incidents.filter((i) => i.campaign === attack.name);
      const expected = Array.isArray(attack.targets) ? attack.targets.length : attack.targets;
      expect(incidents.length, attack.name).toBe(expected);
      for (const incident of incidents) {
        expect(incident.kind).toBe(attack.strategy);
        expect(incident.prompts, incident.id).toBeGreaterThan(0);
        expect(incident.sources.length).toBeGreaterThan(0);
        const labelled = byIncident.get(incident.id) ?? [];
        expect(labelled.every((e) => e.user === incident.target)).toBe(true);
        expect(labelled.filter((e) => e.type === 'mfa.challenge' && e.outcome === 'success').length).toBe(incident.prompts);
        if (attack.strategy === 'login-window') {
          expect(incident.device).toMatch(/^guo/);
          expect(labelled.some((e) => e.type === 'mac.mfa.request')).toBe(true);
        }
        if (attack.socialEngineering && incident.prompts >= attack.socialEngineering.afterPrompts && incident.compromisedAt === null) {
          expect(incident.socialEngineeringAt).not.toBeNull();
        }
      }
    }
    if (scenario.idp.numberMatching) {
      expect(events.some((e) => e.challenge?.factor === 'push_number')).toBe(true);
      expect(events.some((e) => e.challenge?.factor === 'push')).toBe(false);
    }
    if (scenario.attacks.length === 0) expect(truth.incidents).toEqual([]);
  });
});

/**
 * An attack's `response` decides how its victim answers: `approvesAt: N` ⇒ exactly N−1 prompts left unanswered or
 * denied before the approval of the Nth; `reportsFraudAt: N` ⇒ the Nth is reported as fraud; `deniesAll` ⇒ every
 * answer a denial; `never` ⇒ no approval; `approvesAfterContact` ⇒ the approval is of the first prompt after the
 * social-engineering contact. The truth names the rule. Scenarios without a rule are untouched (same bytes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { resolveScenario } from '../../../generators/scenario/index.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import type { ResolvedAttack, VictimResponse } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();

/** The attack's challenges and their results, in time order, for the incident `burst#1`. */
function attackFlow(response: VictimResponse | undefined, seed: number, pushes: number, extra: Partial<ResolvedAttack> = {}) {
  const attack: ResolvedAttack = { ...burst, pushes, ...(response ? { response } : {}), ...extra };
  const run = runWorld(tinyScenario({ seed, users: 6, days: 2, attacks: [attack] }));
  const mine = (e: CanonicalEvent) => run.truth.labels[e.id] === 'burst#1';
  const challenges = run.events.filter((e) => mine(e) && e.type === 'mfa.challenge');
  const results = new Map(run.events.filter((e) => mine(e) && e.type === 'mfa.result').map((e) => [e.challenge!.id, e]));
  const incident = run.truth.incidents.find((i) => i.id === 'burst#1')!;
  return { run, challenges, results, incident, answers: challenges.map((c) => results.get(c.challenge!.id)?.reason ?? 'none') };
}

describe('victim response rules', () => {
  it('approvesAt N: N−1 prompts unanswered or denied, then the Nth approved, and the truth says so (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 8 }), (seed, n) => {
        const { answers, incident } = attackFlow({ kind: 'approvesAt', n }, seed, 10);
        expect(answers).toHaveLength(n);
        expect(answers.slice(0, n - 1).every((a) => a === 'denied' || a === 'timeout')).toBe(true);
        expect(answers[n - 1]).toBe('approved');
        expect(incident.compromisedAt).not.toBeNull();
        expect(incident.response).toBe(`approvesAt:${n}`);
      }),
      { numRuns: 15 },
    );
  });

  it('reportsFraudAt N: the Nth answer is a fraud report, none an approval (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        const { answers, incident } = attackFlow({ kind: 'reportsFraudAt', n }, seed, 8);
        expect(answers[n - 1]).toBe('fraud');
        expect(answers).not.toContain('approved');
        expect(incident.compromisedAt).toBeNull();
      }),
      { numRuns: 10 },
    );
  });

  it('deniesAll and never: no approval, and deniesAll denies every prompt (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom<VictimResponse>({ kind: 'deniesAll' }, { kind: 'never' }),
        (seed, response) => {
          const { answers, incident } = attackFlow(response, seed, 12);
          expect(answers).toHaveLength(12);
          expect(incident.compromisedAt).toBeNull();
          if (response.kind === 'deniesAll') expect(new Set(answers)).toEqual(new Set(['denied']));
          else expect(answers.every((a) => a === 'denied' || a === 'timeout')).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('approvesAfterContact: the approval is of the first prompt after the contact (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, afterPrompts) => {
        const { challenges, answers, incident } = attackFlow({ kind: 'approvesAfterContact' }, seed, 12, {
          socialEngineering: { afterPrompts, channel: 'whatsapp', numberRelay: 1 },
        });
        const contact = incident.socialEngineeringAt!;
        const approved = answers.indexOf('approved');
        expect(approved).toBeGreaterThanOrEqual(0);
        expect(challenges.findIndex((c) => c.time >= contact)).toBeLessThanOrEqual(approved);
        expect(answers.slice(0, approved).every((a) => a === 'denied' || a === 'timeout')).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('leaves a scenario without a rule byte for byte as it was, and its truth without a response', () => {
    const plain = runWorld(tinyScenario({ seed: 5, users: 6, days: 2, attacks: [burst] }));
    expect(plain.truth.incidents.every((i) => !('response' in i))).toBe(true);
    const profile = resolveScenario({
      name: 'p',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5 },
      attacks: [{ name: 'a', strategy: 'burst', at: { day: 0 }, response: 'profile' }],
    });
    expect(profile.attacks[0]).not.toHaveProperty('response');
  });
});

describe('victim response validation', () => {
  const scenario = (attack: object) => ({
    name: 'v',
    start: '2026-03-02T00:00:00Z',
    duration: '2d',
    population: { users: 5 },
    attacks: [{ name: 'a', strategy: 'burst', at: { day: 0 }, pushes: 5, ...attack }],
  });
  it.each([
    [{ response: { approvesAt: 9 } }, '/attacks/0/response/approvesAt', 'must be <= 5'],
    [{ response: { reportsFraudAt: 6 } }, '/attacks/0/response/reportsFraudAt', 'must be <= 5'],
    [{ response: 'approvesAfterContact' }, '/attacks/0/response', 'needs socialEngineering'],
    [{ response: { approvesAt: 0 } }, '/attacks/0/response', ''],
    [{ response: 'sometimes' }, '/attacks/0/response', ''],
    [{ response: { approvesAt: 2, reportsFraudAt: 3 } }, '/attacks/0/response', ''],
  ])('refuses %j at its path', (attack, path, message) => {
    const issues = scenarioIssues(scenario(attack));
    const issue = issues.find((i) => i.path.startsWith(path));
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });
});

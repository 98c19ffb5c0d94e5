/**
 * A scripted attack (`strategy: script`) plays its steps at their times: each push step is exactly one sign-in and
 * one push at its time, a wrong password one failed sign-in, a login-window step one logon at the victim's Mac, an
 * enrolment one new factor when the victim had approved by then; the truth lists every step in time order; and the
 * scenario language refuses steps it cannot play, at their JSON paths.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import type { ResolvedAttack, ResolvedStep } from '../../../generators/scenario/ResolvedScenario.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();
const second = 1000;

const scripted = (steps: ResolvedStep[], fields: Partial<ResolvedAttack> = {}): ResolvedAttack => ({
  ...burst,
  name: 'script',
  strategy: 'script',
  targets: [2],
  targetProfile: undefined,
  socialEngineering: undefined,
  at: { day: 1, minuteOfDay: 10 * 60 },
  steps,
  ...fields,
});

/** A step of one kind at an offset, in seconds. */
const stepArbitrary: fc.Arbitrary<ResolvedStep> = fc.oneof(
  fc.record({ afterMs: fc.integer({ min: 0, max: 3600 }).map((s) => s * second), kind: fc.constant('push' as const) }),
  fc.record({
    afterMs: fc.integer({ min: 0, max: 3600 }).map((s) => s * second),
    kind: fc.constant('password' as const),
    ok: fc.constant(false),
  }),
  fc.record({
    afterMs: fc.integer({ min: 0, max: 3600 }).map((s) => s * second),
    kind: fc.constant('loginWindow' as const),
    mac: fc.constant('own' as const),
  }),
  fc.record({
    afterMs: fc.integer({ min: 0, max: 3600 }).map((s) => s * second),
    kind: fc.constant('contact' as const),
    channel: fc.constant('phone'),
    numberRelay: fc.constant(1),
  }),
);

describe('scripted attacks', () => {
  it('play each step once, at its time, and list them in the truth in time order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        // Steps at least a minute apart, so each push has its own answer and the Mac its own logon.
        fc.uniqueArray(stepArbitrary, {
          minLength: 1,
          maxLength: 8,
          selector: (s) => Math.floor(('afterMs' in s ? s.afterMs : 0) / 120_000),
        }),
        (seed, steps) => {
          const scenario = tinyScenario({ seed, users: 6, days: 3, attacks: [scripted(steps, { response: { kind: 'never' } })] });
          const run = runWorld(scenario);
          const [incident] = run.truth.incidents;
          const mine = run.events.filter((e) => run.truth.labels[e.id] === incident.id);
          const ordered = [...steps].sort((a, b) => ('afterMs' in a ? a.afterMs : 0) - ('afterMs' in b ? b.afterMs : 0));
          expect(incident.steps!.map((s) => s.kind)).toEqual(ordered.map((s) => s.kind));
          const first = incident.steps![0].at;
          incident.steps!.forEach((record, k) => {
            const step = ordered[k];
            expect(record.at - first).toBe(('afterMs' in step ? step.afterMs : 0) - ('afterMs' in ordered[0] ? ordered[0].afterMs : 0));
            const at = (type: string) => mine.filter((e) => e.type === type && e.time === record.at);
            if (step.kind === 'push') {
              expect(at('auth.attempt').filter((e) => e.outcome === 'success')).toHaveLength(1);
              expect(at('mfa.challenge')).toHaveLength(1);
            }
            if (step.kind === 'password') expect(at('auth.attempt').filter((e) => e.outcome === 'failure')).toHaveLength(1);
            // Unless the victim had signed in again after the restart: the Mac turns the attempt away, and the truth says so.
            if (step.kind === 'loginWindow') expect(at('mac.login')).toHaveLength(record.done ? 1 : 0);
            if (!record.done) expect(record.reason).toBe('the Mac was in use');
            if (step.kind === 'contact') expect(incident.socialEngineeringAt).toBe(incident.steps!.find((s) => s.kind === 'contact')!.at);
          });
        },
      ),
      { numRuns: Number(process.env.SCRIPT_RUNS ?? 25) },
    );
  });

  it('enrol a factor only after an approval, and say so in the truth when there was none', () => {
    const steps: ResolvedStep[] = [
      { afterMs: 0, kind: 'enrolFactor' },
      { afterMs: 60 * second, kind: 'push', ip: '203.0.113.9', country: 'NL' },
      { afterMs: 10 * 60 * second, kind: 'enrolFactor' },
    ];
    const run = runWorld(
      tinyScenario({ seed: 3, users: 6, days: 3, attacks: [scripted(steps, { response: { kind: 'approvesAt', n: 1 } })] }),
    );
    const [incident] = run.truth.incidents;
    expect(incident.steps).toEqual([
      { kind: 'enrolFactor', at: expect.any(Number), done: false, reason: 'the victim had approved no prompt yet' },
      { kind: 'push', at: expect.any(Number), done: true },
      { kind: 'enrolFactor', at: expect.any(Number), done: true },
    ]);
    expect(incident.compromisedAt).not.toBeNull();
    const enrolments = run.events.filter((e) => e.type === 'factor.enroll' && run.truth.labels[e.id] === incident.id);
    expect(enrolments.map((e) => [e.time, e.origin?.ip])).toEqual([[incident.steps![2].at, '203.0.113.9']]);
    const push = run.events.find((e) => e.type === 'mfa.challenge' && run.truth.labels[e.id] === incident.id)!;
    expect(push.origin).toMatchObject({ ip: '203.0.113.9', country: 'NL', proxy: false });
  });

  it('give the same bytes for the same seed', () => {
    const steps: ResolvedStep[] = [
      { afterMs: 0, kind: 'push' },
      { afterMs: 5 * 60 * second, kind: 'contact', channel: 'phone', numberRelay: 1 },
      { afterMs: 6 * 60 * second, kind: 'push' },
    ];
    const scenario = tinyScenario({
      seed: 9,
      users: 8,
      days: 2,
      attacks: [scripted(steps, { response: { kind: 'approvesAfterContact' } })],
    });
    expect(runWorld(scenario).lines).toEqual(runWorld(scenario).lines);
  });
});

describe('the scripted incident of the library', () => {
  it('plays its nine steps: four pushes, a wrong password, the call, two pushes (the second approved), the new factor', async () => {
    const run = runWorld(await loadScenarioFile(fileURLToPath(new URL('../../../scenarios/scripted-incident.yaml', import.meta.url))));
    const [incident] = run.truth.incidents;
    expect(incident.steps!.map((s) => s.kind)).toEqual([
      'push',
      'push',
      'push',
      'push',
      'password',
      'contact',
      'push',
      'push',
      'enrolFactor',
    ]);
    expect(incident.steps!.every((s) => s.done)).toBe(true);
    expect(incident).toMatchObject({ kind: 'script', prompts: 6, response: 'approvesAt:6' });
    expect(incident.compromisedAt).toBeGreaterThan(incident.steps![7].at);
    expect(incident.factorEnrolledAt).toBe(incident.steps![8].at);
    expect(incident.sources).toEqual(['185.220.101.34', '45.86.201.7']);
  });
});

describe('script validation', () => {
  const scenario = (attack: object, duration = '3d') => ({
    name: 's',
    start: '2026-03-02T00:00:00Z',
    duration,
    population: { users: 5 },
    attacks: [{ name: 'a', strategy: 'script', at: { day: 1 }, steps: [{ after: '0s', push: {} }], ...attack }],
  });
  it.each([
    [{ strategy: 'burst' }, '/attacks/0/steps', 'applies to script attacks, not burst'],
    [{ steps: undefined }, '/attacks/0/steps', 'a script attack needs its steps'],
    [{ steps: [{ after: '1m', push: {}, contact: {} }] }, '/attacks/0/steps/0', 'names push and contact: a step does exactly one of'],
    [{ steps: [{ push: {} }] }, '/attacks/0/steps/0', 'needs a time: after'],
    [{ steps: [{ after: '1m', at: '2026-03-02T10:00:00Z', push: {} }] }, '/attacks/0/steps/0', 'has both after and at'],
    [{ steps: [{ at: '2026-03-09T10:00:00Z', push: {} }] }, '/attacks/0/steps/0/at', 'must be inside the scenario'],
    [{ socialEngineering: { afterPrompts: 1 } }, '/attacks/0/socialEngineering', 'a script makes its contact with a contact step'],
    [{ response: 'approvesAfterContact' }, '/attacks/0/response', 'approvesAfterContact needs a contact step'],
    [{ response: { approvesAt: 2 } }, '/attacks/0/response/approvesAt', "must be <= 1, the attack's prompting steps"],
    [{ steps: [{ after: '3d', push: {} }] }, '/attacks/0/steps', 'runs its steps from day 1'],
    [{ steps: [{ after: '1m', push: { ip: '300.1.1.1' } }] }, '/attacks/0/steps/0/push/ip', ''],
  ])('refuses %j at its path', (attack, path, message) => {
    const issues = scenarioIssues(scenario(attack));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });

  it('accepts a script with a contact step and approvesAfterContact', () => {
    expect(
      scenarioIssues(
        scenario({
          response: 'approvesAfterContact',
          steps: [
            { after: '0s', contact: {} },
            { after: '1m', push: {} },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

import AjvModule from 'ajv';
import fc from 'fast-check';
import type { ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { describe, expect, it } from 'vitest';
import eventSchema from '../../../engine/model/schema/event.schema.json' with { type: 'json' };
import truthSchema from '../../../engine/model/schema/truth.schema.json' with { type: 'json' };
import type { SimulationProgress } from '../../../generators/world/SimulationResult.ts';
import { simulate } from '../../../generators/world/simulate.ts';
import { runWorld, type WorldRun } from '../../_fixtures/runWorld.ts';
import { everyStrategy, tinyScenario, type TinyScenarioOptions } from '../../_fixtures/tinyScenario.ts';

// ajv is CommonJS with `exports.default`: under `module: nodenext` the default import is the module object.
const Ajv = AjvModule.default;

const seedArb = fc.integer({ min: 0, max: 0xffffffff });

/** The NDJSON of the events of one user, in stream order. */
const linesOf = (run: WorldRun, user: string) => run.lines.filter((_, i) => run.events[i].user === user);
const usersOf = (run: WorldRun) => [...new Set(run.events.map((e) => e.user))].sort();
const labelsOf = (run: WorldRun, user: string) =>
  run.events.filter((e) => e.user === user && run.truth.labels[e.id] !== undefined).map((e) => [e.id, run.truth.labels[e.id]]);

describe('simulate: determinism', () => {
  it('(a) the same scenario and seed give byte-identical events and truth, also after another run in between', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        fc.boolean(),
        (seed, users, days, attacks, numberMatching) => {
          const scenario = () => tinyScenario({ seed, users, days, attacks, numberMatching });
          const first = runWorld(scenario());
          runWorld(tinyScenario({ seed: seed ^ 1, users: 3, days: 1 })); // module-level state must not leak between runs
          const second = runWorld(scenario());
          expect(second.lines.join('\n')).toBe(first.lines.join('\n'));
          expect(JSON.stringify(second.truth)).toBe(JSON.stringify(first.truth));
          expect(second.summary).toEqual(first.summary);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('(b) different seeds give different streams (10 users, 2 days)', () => {
    const pairs: Array<[number, number]> = [
      [1, 2],
      [7, 8],
      [0, 0xffffffff],
      [42, 4242],
      [123456, 654321],
    ];
    const cache = new Map<number, WorldRun>();
    const run = (seed: number) => cache.get(seed) ?? cache.set(seed, runWorld(tinyScenario({ seed, users: 10, days: 2 }))).get(seed)!;
    for (const [a, b] of pairs) {
      const ra = run(a);
      const rb = run(b);
      expect(ra.lines.join('\n'), `seeds ${a} and ${b}`).not.toBe(rb.lines.join('\n'));
      // Not just somewhere: the people themselves differ.
      expect(usersOf(ra), `seeds ${a} and ${b}`).not.toEqual(usersOf(rb));
      expect(ra.truth.seed).toBe(a);
    }
  });

  describe('(c) adding a user does not change the other users', () => {
    const compare = (options: TinyScenarioOptions, n: number) => {
      const small = runWorld(tinyScenario({ ...options, users: n }));
      const large = runWorld(tinyScenario({ ...options, users: n + 1 }));
      const before = usersOf(small);
      const after = usersOf(large);
      expect(before.length).toBeGreaterThan(0);
      // Every earlier user keeps their login; at most one new login appears.
      expect(after.filter((u) => !before.includes(u)).length).toBeLessThanOrEqual(1);
      for (const user of before) {
        expect(linesOf(large, user), user).toEqual(linesOf(small, user));
        expect(labelsOf(large, user), user).toEqual(labelsOf(small, user));
      }
      return { small, large };
    };

    it('with attacks off (and every kind of benign noise on)', () => {
      fc.assert(
        fc.property(seedArb, fc.integer({ min: 1, max: 12 }), fc.boolean(), (seed, n, noisy) => {
          compare(
            {
              seed,
              days: 2,
              attacks: false,
              ...(noisy
                ? {
                    outages: [{ at: { day: 0, minuteOfDay: 600 }, durationMs: 2 * 3_600_000 }],
                    enrolmentWaves: [{ at: { day: 0, minuteOfDay: 0 }, fraction: 0.5, overMs: 86_400_000 }],
                    macs: { shared: 2, sharedUsers: 0.3, desktopMfa: 0.5, labVisits: 0.7 },
                    noise: {
                      travel: 0.2,
                      deviceChange: 0.1,
                      fatFinger: 0.2,
                      missedPush: 0.2,
                      pluginReenrolments: [
                        { at: { day: 0, minuteOfDay: 14 * 60 }, fraction: 0.5, overMs: 4 * 3_600_000, minPrompts: 2, maxPrompts: 4 },
                      ],
                      macRestarts: [{ at: { day: 1, minuteOfDay: 120 }, fraction: 0.5, overMs: 3_600_000 }],
                    },
                  }
                : {}),
            },
            n,
          );
        }),
        { numRuns: 10 },
      );
    });

    it('with attacks on explicit targets that exist in both worlds (incidents unchanged too)', () => {
      fc.assert(
        fc.property(seedArb, fc.integer({ min: 4, max: 12 }), (seed, n) => {
          const explicit: ResolvedAttack[] = [
            ...everyStrategy().map((a) => ({ ...a, targets: a.strategy === 'night' ? [0, 3] : [1, 2] })),
            // The scenario language's newer constructs: a script, and starts from each target's own day.
            {
              ...everyStrategy()[0],
              name: 'script',
              strategy: 'script',
              targets: [2, 3],
              steps: [
                { afterMs: 0, kind: 'push' },
                { afterMs: 120_000, kind: 'password', ok: false },
                { afterMs: 240_000, kind: 'contact', channel: 'phone', numberRelay: 1 },
                { afterMs: 300_000, kind: 'loginWindow', mac: 'own' },
              ],
            },
            {
              ...everyStrategy()[0],
              name: 'routine',
              strategy: 'burst',
              targets: [0, 1],
              pushes: 4,
              anchor: { relativeTo: 'firstSignIn', offsetMs: 60_000, jitterMs: 120_000 },
            },
            { ...everyStrategy()[0], name: 'evening', strategy: 'burst', targets: [3], pushes: 4, anchor: { during: 'evening' } },
          ];
          const { small, large } = compare({ seed, days: 2, attacks: [...explicit, ...tinyScenario({ targets: [[0], [1]] }).attacks] }, n);
          expect(large.truth.incidents).toEqual(small.truth.incidents);
          expect(small.truth.incidents.length).toBeGreaterThan(0);
        }),
        { numRuns: 8 },
      );
    });

    // Conferences are the one bounded exception: `attendees` is a head count, so a new user whose ticket makes the cut
    // displaces one attendee (test/generators/world/conferences.property.test.ts checks that bound).
  });

  it('(d) events come out sorted by time, with unique, well-formed ids', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 3 }), (seed, users, days) => {
        const run = runWorld(tinyScenario({ seed, users, days, attacks: everyStrategy() }));
        const scenario = tinyScenario({ seed, users, days });
        const end = scenario.startMs + scenario.durationMs;
        const unordered: string[] = [];
        const outside: string[] = [];
        for (let i = 0; i < run.events.length; i++) {
          const e = run.events[i];
          if (i > 0 && e.time < run.events[i - 1].time) unordered.push(e.id);
          if (!Number.isInteger(e.time) || e.time < scenario.startMs || e.time > end) outside.push(e.id);
        }
        expect(unordered).toEqual([]);
        expect(outside).toEqual([]);
        const ids = run.events.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.filter((id) => !/^u[0-9a-z]+\.[0-9a-z]+$/.test(id))).toEqual([]);
        expect(run.summary.records).toBe(run.events.length);
      }),
      { numRuns: 10 },
    );
  });

  it('(e) every event validates against event.schema.json and the truth against truth.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validEvent = ajv.compile(eventSchema);
    const validTruth = ajv.compile(truthSchema);
    const types = new Set<string>();
    fc.assert(
      fc.property(seedArb, fc.boolean(), (seed, numberMatching) => {
        const run = runWorld(
          tinyScenario({
            seed,
            users: 20,
            days: 2,
            numberMatching,
            attacks: [...everyStrategy(), ...tinyScenario().attacks],
            outages: [{ at: { day: 0, minuteOfDay: 900 }, durationMs: 3_600_000 }],
            enrolmentWaves: [{ at: { day: 0, minuteOfDay: 0 }, fraction: 0.3, overMs: 86_400_000 }],
            macs: { shared: 2, sharedUsers: 0.3, desktopMfa: 0.7, sshEnabled: 0.5 },
            noise: { fatFinger: 0.1, travel: 0.1, deviceChange: 0.05 },
          }),
        );
        const invalid: unknown[] = [];
        for (const line of run.lines) {
          const event: unknown = JSON.parse(line);
          if (!validEvent(event)) invalid.push({ line, errors: validEvent.errors });
          types.add((event as { type: string }).type);
        }
        expect(invalid.slice(0, 3)).toEqual([]);
        const truth: unknown = JSON.parse(JSON.stringify(run.truth));
        expect(validTruth(truth) ? [] : validTruth.errors).toEqual([]);
      }),
      { numRuns: 6 },
    );
    // The runs above were meant to produce every kind of record that matters; make sure they did.
    for (const type of [
      'auth.attempt',
      'mfa.challenge',
      'mfa.result',
      'session.start',
      'factor.enroll',
      'mac.login',
      'mac.mfa.request',
      'mac.mfa.result',
      'mac.session.start',
      'mac.session.lock',
      'mac.session.unlock',
      'mac.sleep',
      'mac.wake',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it('(f) the progress step (how often the world drains its buffer) does not change the output', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 36 * 60 }), (seed, stepMinutes) => {
        const scenario = tinyScenario({ seed, users: 8, days: 2 });
        const reference = runWorld(scenario);
        const lines: string[] = [];
        const progress: SimulationProgress[] = [];
        const result = simulate(scenario, (e) => lines.push(JSON.stringify(e)), {
          progressEvery: stepMinutes * 60_000,
          onProgress: (p) => progress.push(p),
        });
        expect(lines.join('\n')).toBe(reference.lines.join('\n'));
        expect(JSON.stringify(result.truth)).toBe(JSON.stringify(reference.truth));
        expect(progress.length).toBe(Math.ceil(scenario.durationMs / (stepMinutes * 60_000)));
        expect(progress.at(-1)).toMatchObject({ virtualTime: scenario.startMs + scenario.durationMs, fraction: 1 });
        for (let i = 1; i < progress.length; i++) expect(progress[i].records).toBeGreaterThanOrEqual(progress[i - 1].records);
      }),
      { numRuns: 8 },
    );
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';
import { DetectorRuntime, type DetectorInstance, type RuntimeOptions } from '../../engine/runtime/DetectorRuntime.ts';
import { scoreAlerts } from '../../engine/evaluate/scoring/scoreAlerts.ts';
import { parseGrid } from '../../engine/evaluate/tuning/index.ts';
import { instanceLabel } from '../../engine/runtime/instanceLabel.ts';
import type { AnyDetectorDefinition } from '../../engine/runtime/DetectorDefinition.ts';
import { detectors } from '../../detectors/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { runWorld } from '../_fixtures/runWorld.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org', 'dee@x.org'];
/** The detectors that offer a shared logic. */
const sharing = detectors.filter((d) => d.createShared !== undefined);
type Params = Record<string, number>;

/** Runs `instances` over `events` (any order within the lateness): the alerts in the order they came, and the stats. */
function detect(instances: DetectorInstance[], events: readonly CanonicalEvent[], options: RuntimeOptions = {}) {
  const alerts: Alert[] = [];
  const rt = new DetectorRuntime(instances, (a) => alerts.push(a), { allowedLatenessMs: 2 * MINUTE, ...options });
  for (const e of events) rt.push(e);
  rt.finish();
  return { alerts, stats: rt.stats };
}

/**
 * The property: every parameter set's alerts from one runtime running them all (shared logic) are the alerts of that
 * set run alone (its own logic, its own runtime) — whole alert lines, in order: thread ids, evidence ids, times,
 * severity, counts. And the shared runtime gives the same lines, in the same order, and the same stats as the same
 * runtime forced to run each set's own logic.
 */
function expectSharedAsAlone(
  definition: AnyDetectorDefinition,
  sets: Params[],
  events: readonly CanonicalEvent[],
  options: RuntimeOptions = {},
) {
  const instances = sets.map((params, i) => ({ definition, params, paramSet: `p${i}` }));
  const shared = detect(instances, events, options);
  const perSet = detect(instances, events, { ...options, shareParamSets: false });
  expect(shared.alerts).toEqual(perSet.alerts);
  expect(shared.stats).toEqual(perSet.stats);
  instances.forEach((instance) => {
    const alone = detect([instance], events, options);
    expect(shared.alerts.filter((a) => a.detector.paramSet === instance.paramSet)).toEqual(alone.alerts);
    const label = instanceLabel({ id: definition.id, paramSet: instance.paramSet });
    expect(shared.stats.threads[label]).toBe(alone.stats.threads[label]);
  });
  return shared;
}

type Kind = 'push' | 'again' | 'macpush' | 'macagain' | 'login' | 'unlock' | 'denied' | 'macdenied' | 'refused';

/**
 * Streams of a few users on a 90-minute stretch at 20 s steps, so window and grace edges come up: pushes (new ones,
 * and further records of a recent push), Mac login-window requests on each user's Mac, logins, refused results from
 * a few networks (so a crowd can fail together), failed challenges riding along; shuffled within the lateness.
 */
const streamArb = fc
  .tuple(
    fc.array(
      fc.record({
        user: fc.integer({ min: 0, max: users.length - 1 }),
        step: fc.integer({ min: 0, max: 270 }),
        kind: fc.constantFrom<Kind>(
          'push',
          'push',
          'push',
          'again',
          'macpush',
          'macagain',
          'login',
          'unlock',
          'denied',
          'macdenied',
          'refused',
        ),
        back: fc.integer({ min: 1, max: 4 }),
        asn: fc.constantFrom(1, 1, 1, 2, 3),
      }),
      { maxLength: 150, size: 'max' },
    ),
    fc.integer(),
  )
  .map(([rows, seed]) => {
    const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.step - b.step || a.i - b.i);
    const sent: string[][] = users.map(() => []);
    const events = sorted.map((r): CanonicalEvent => {
      const user = users[r.user];
      const mine = sent[r.user];
      const again = (r.kind === 'again' || r.kind === 'macagain' || r.kind === 'denied' || r.kind === 'macdenied') && mine.length > 0;
      const transaction = again ? mine[Math.max(0, mine.length - r.back)] : `t${r.i}`;
      if (!again) mine.push(transaction);
      const base = { id: `e${String(r.i).padStart(4, '0')}`, time: T0 + r.step * 20_000, user, transaction };
      const origin = { ip: `198.51.100.${r.asn}`, asn: 64500 + r.asn };
      const mac = { id: `mac-${r.user}`, kind: 'mac' as const, hostname: `mac${r.user}` };
      switch (r.kind) {
        case 'push':
        case 'again':
          return {
            ...base,
            source: 'idp',
            type: 'mfa.challenge',
            origin,
            challenge: { id: `c${r.i}`, factor: 'push' },
            outcome: 'success',
          };
        case 'macpush':
        case 'macagain':
          return { ...base, source: 'mac', type: 'mac.mfa.request', device: mac, challenge: { id: `m${r.i}`, factor: 'desktop_mfa' } };
        case 'login':
          return { ...base, source: 'idp', type: 'session.start', origin, outcome: 'success' };
        case 'unlock':
          return { ...base, source: 'mac', type: 'mac.session.unlock', device: mac, outcome: 'success' };
        case 'denied':
          return {
            ...base,
            source: 'idp',
            type: 'mfa.result',
            origin,
            challenge: { id: `r${r.i}`, factor: 'push', result: r.asn === 3 ? 'timeout' : 'denied' },
            outcome: 'failure',
          };
        case 'macdenied':
          return {
            ...base,
            source: 'mac',
            type: 'mac.mfa.result',
            device: mac,
            challenge: { id: `r${r.i}`, factor: 'desktop_mfa', result: 'denied' },
            outcome: 'failure',
          };
        default: // 'refused': a challenge the IdP could not send, evidence only
          return {
            ...base,
            source: 'idp',
            type: 'mfa.challenge',
            origin,
            challenge: { id: `c${r.i}`, factor: 'push' },
            outcome: 'failure',
          };
      }
    });
    return swapNeighbours(events, seed, 2 * MINUTE);
  });

/** A parameter set; each detector takes the parameters it has. */
const setArb: fc.Arbitrary<Params> = fc.record({
  threshold: fc.integer({ min: 2, max: 6 }),
  windowMs: fc.constantFrom(1, 2, 3, 5, 8).map((m) => m * MINUTE),
  graceMs: fc.constantFrom(0, 1, 2, 5).map((m) => m * MINUTE),
  outageUsers: fc.integer({ min: 2, max: 4 }),
});

describe('createShared (property)', () => {
  it('is offered by the window detectors', () => {
    expect(sharing.map((d) => d.id).sort()).toEqual(['denied-burst', 'mac-login-window-storm', 'mfa-without-login']);
  });

  it('gives each parameter set exactly the alerts it gets alone, and the stats of per-set logic, over generated streams', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sharing.map((d) => d.id)),
        fc.array(setArb, { minLength: 2, maxLength: 8 }),
        streamArb,
        fc.record({ threadGapMs: fc.constantFrom(5 * MINUTE, 60 * MINUTE), maxEvidence: fc.constantFrom(3, 200) }),
        (id, sets, events, options) => {
          const definition = sharing.find((d) => d.id === id)!;
          const own = (p: Params) => Object.fromEntries(Object.keys(definition.params).map((name) => [name, p[name]]));
          expectSharedAsAlone(definition, sets.map(own), events, options);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a grid the alerts and scores of its points run one by one, on library worlds', async () => {
    const worlds = [
      await loadScenarioFile(fileURLToPath(new URL('../../scenarios/uber-burst.yaml', import.meta.url)), { users: 100 }),
      await loadScenarioFile(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)), { users: 100, days: 4 }),
    ];
    let alerts = 0;
    for (const scenario of worlds) {
      const { events, truth } = runWorld(scenario);
      for (const definition of sharing) {
        const grid = parseGrid(definition, `threshold=2..10:2,window=1m|3m|10m|30m${'graceMs' in definition.params ? ',grace=0s|5m' : ''}`);
        const sets = grid.points.map((p) => p.params);
        const shared = expectSharedAsAlone(definition, sets, events);
        alerts += shared.alerts.length;
        expectSameScores(truth, definition, sets, shared.alerts, events);
      }
    }
    expect(alerts).toBeGreaterThan(0);
  }, 120_000);
});

/** Each set's score from the shared run's alerts is its score from its alerts alone. */
function expectSameScores(
  truth: Truth,
  definition: AnyDetectorDefinition,
  sets: Params[],
  shared: Alert[],
  events: readonly CanonicalEvent[],
) {
  const ran = sets.map((params, i) => ({ id: definition.id, version: definition.version, baseline: false, params, paramSet: `p${i}` }));
  const together = scoreAlerts(truth, shared, { ran });
  ran.forEach((detector, i) => {
    const alone = detect([{ definition, params: sets[i], paramSet: detector.paramSet }], events).alerts;
    const score = scoreAlerts(truth, alone, { ran: [detector] });
    expect(together.detectors.find((d) => d.label === instanceLabel(detector))).toEqual(score.detectors[0]);
  });
}

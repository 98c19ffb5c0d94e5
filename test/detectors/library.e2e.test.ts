/**
 * Every detector against the scenario library, with its default parameters: it fires on the scenario made for it, as
 * its own `library` metadata names it (an alert that matches an incident by the scoring rule, `matchAlert`), and on the quiet month — 2,000 users, 30
 * days, no attack — it raises exactly the false alerts the README's table states (zero for most; the README says why
 * for the rest). Also: splitting a world's events by user (by device or source for detectors keyed so) and merging
 * the alerts gives the alerts of the whole stream.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { matchAlert } from '../../engine/evaluate/scoring/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { memoised } from '../_fixtures/memoised.ts';

/**
 * Open alert threads on quiet-month where the README's table states some, by detector; every other detector raises
 * none there. Every one is a false alert.
 */
const quietMonthFalseAlerts: Record<string, number> = {
  'baseline-okta-abandonment': 78,
};

const allDefaults: DetectorInstance[] = detectors.map((definition) => ({ definition, params: defaultParams(definition) }));

interface World {
  /** The events, kept only for the worlds the split property reads (see {@link world}). */
  events: CanonicalEvent[];
  truth: Truth;
  alerts: Alert[];
}

/** The library scenarios the detectors name as theirs (`library.catches`). */
const catches = [...new Set(detectors.flatMap((d) => (d.library !== undefined && 'catches' in d.library ? [d.library.catches] : [])))];
/** The worlds the split property splits. */
const splitWorlds = ['night-login-window', 'hosting-spray', 'uber-burst'];

/**
 * A library scenario simulated, every detector run over it as it goes — once in this file, for the tests that read
 * it. Its events are kept only when the split property reads them: a held world makes the collector's work on the
 * next one grow (holding the six worlds' 420,000 events made the quiet month's run a third slower).
 */
const world = memoised(
  (name: string) => name,
  async (name: string): Promise<World> => {
    const scenario = await loadScenarioFile(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)));
    const keep = splitWorlds.includes(name);
    const events: CanonicalEvent[] = [];
    const alerts: Alert[] = [];
    const runtime = new DetectorRuntime(allDefaults, (a) => alerts.push(a));
    const { truth } = simulate(scenario, (e) => {
      if (keep) events.push(e);
      runtime.push(e);
    });
    runtime.finish();
    return { events, truth, alerts };
  },
);

const worlds = new Map<string, World>();
/** Fills {@link worlds} with `names` (made once, whichever describe asks first). */
const load = (names: readonly string[]) => async () => {
  for (const name of names) worlds.set(name, await world(name));
};

// First, while no other world is held: its 667,000 events go through every detector as they are simulated.
describe('the detector library on the quiet month', () => {
  it('raises exactly the false alerts the README states', async () => {
    const { alerts, truth } = await world('quiet-month');
    expect(truth.incidents).toEqual([]);
    const counts: Record<string, number> = Object.fromEntries(detectors.map((d) => [d.id, 0]));
    for (const a of alerts) if (a.status === 'open') counts[a.detector.id]++;
    expect(counts).toEqual(Object.fromEntries(detectors.map((d) => [d.id, quietMonthFalseAlerts[d.id] ?? 0])));
  }, 180_000);
});

describe('the detector library on the scenario library', () => {
  beforeAll(load(catches), 120_000);

  it('knows how the library exercises every detector, and the false alerts it names are of detectors that exist', () => {
    expect(detectors.filter((d) => d.library === undefined).map((d) => d.id)).toEqual([]);
    for (const id of Object.keys(quietMonthFalseAlerts)) expect(detectors.map((d) => d.id)).toContain(id);
  });

  it.each(detectors.map((d) => [d.id, d.library] as const))(
    '%s fires on its scenario, about an incident (or is silent for a stated reason)',
    (id, library) => {
      if (library === undefined || !('catches' in library)) {
        // Silent everywhere it was run: the reason is in the README; check that it is indeed silent on the storms.
        for (const w of worlds.values()) expect(w.alerts.filter((a) => a.detector.id === id)).toEqual([]);
        return;
      }
      const { alerts, truth } = worlds.get(library.catches)!;
      const opened = alerts.filter((a) => a.detector.id === id && a.status === 'open');
      expect(opened.length).toBeGreaterThan(0);
      expect(opened.some((a) => matchAlert(a, truth.incidents).length > 0)).toBe(true);
    },
  );
});

describe('splitting the stream and merging the alerts', () => {
  beforeAll(load(splitWorlds), 120_000);
  const sortAlerts = (alerts: Alert[]) => alerts.map((a) => JSON.stringify(a)).sort();

  it('equals the whole stream: by user for user-keyed detectors, by their own key for the others (property)', () => {
    // Detectors split alike run together, each part in one pass: every user-keyed one by user, each other by its key.
    const splits = new Map<string, DetectorInstance[]>();
    for (const instance of allDefaults) {
      const { definition } = instance;
      const split = definition.entity === 'user' ? 'user' : definition.id;
      splits.set(split, [...(splits.get(split) ?? []), instance]);
    }
    fc.assert(
      fc.property(fc.constantFrom(...splitWorlds), fc.integer({ min: 2, max: 4 }), fc.integer(), (name, parts, salt) => {
        const { events, alerts } = worlds.get(name)!;
        for (const instances of splits.values()) {
          const [{ definition }] = instances;
          const partOf = (e: CanonicalEvent) => {
            const key = definition.entity === 'user' ? e.user : definition.keyOf(e);
            if (key === undefined) return 0;
            let h = salt | 0;
            for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
            return (h >>> 0) % parts;
          };
          const merged: Alert[] = [];
          for (let p = 0; p < parts; p++) {
            const runtime = new DetectorRuntime(instances, (a) => merged.push(a));
            for (const e of events) if (partOf(e) === p) runtime.push(e);
            runtime.finish();
          }
          for (const { definition: d } of instances) {
            const mine = merged.filter((a) => a.detector.id === d.id);
            expect(sortAlerts(mine), d.id).toEqual(sortAlerts(alerts.filter((a) => a.detector.id === d.id)));
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});

import type { ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { evaluateScenario } from '../evaluateScenario.ts';
import type { DetectorScore } from '../scoring/scoreAlerts.ts';
import type { Interval } from '../tuning/Interval.ts';
import { rateInterval } from '../tuning/rateInterval.ts';
import { wilsonInterval } from '../tuning/wilsonInterval.ts';

/** One world of a space, as drawn: its attack family and its kinds of benign noise. */
export interface SpaceWorld {
  family: string;
  noise: readonly string[];
  scenario: ResolvedScenario;
}

/** One detector's counts summed over a group of worlds. */
interface SpaceCounts {
  /** `overall` for every non-baseline detector together, else the detector's label. */
  detector: string;
  baseline: boolean;
  worlds: number;
  incidents: number;
  detected: number;
  prevented: number;
  falseAlerts: number;
  userDays: number;
}

/** The pooled figures of one detector over a group of worlds (a family, a noise kind, or all). */
export interface SpaceCell extends SpaceCounts {
  /** Detected / incidents (Wilson 95%); null without incidents. */
  recall: Interval | null;
  /** Prevented / incidents (Wilson 95%); null without incidents. */
  preventedRate: Interval | null;
  /** False alerts per 1,000 user-days (Poisson 95%). */
  falseAlertsPer1000UserDays: Interval | null;
}

/** A detector set's figures over a space: by attack family, by kind of benign noise, and over every world. */
export interface SpaceReport {
  worlds: number;
  events: number;
  /** Family → the cells of `overall` and every detector, in the order the instances ran. */
  byFamily: Array<{ family: string; cells: SpaceCell[] }>;
  /** Noise kind → cells over the worlds that had it (`none`: worlds with no added noise). */
  byNoise: Array<{ noise: string; cells: SpaceCell[] }>;
  all: SpaceCell[];
}

/** Options of {@link scoreSpace}. */
export interface ScoreSpaceOptions {
  /** A wall clock in ms for each world's `seconds` (the CLI passes `performance.now`); without one they are 0. */
  now?: () => number;
  /** Called after each world with its index and counts, for progress; `cached`: the world came from the world cache. */
  onWorld?: (index: number, world: SpaceWorld, counts: { events: number; incidents: number; seconds: number; cached: boolean }) => void;
  /** Read worlds simulated before from here, and store the others (same figures either way). */
  cache?: WorldCache;
}

function add(into: Map<string, Map<string, SpaceCounts>>, group: string, score: DetectorScore, userDays: number, incidents: number): void {
  let cells = into.get(group);
  if (!cells) into.set(group, (cells = new Map()));
  const label = score.label;
  const t = cells.get(label) ?? {
    detector: label,
    baseline: score.baseline,
    worlds: 0,
    incidents: 0,
    detected: 0,
    prevented: 0,
    falseAlerts: 0,
    userDays: 0,
  };
  t.worlds++;
  t.incidents += incidents;
  t.detected += score.incidentsDetected;
  t.prevented += score.prevented;
  t.falseAlerts += score.falseAlerts;
  t.userDays += userDays;
  cells.set(label, t);
}

const cellOf = (t: SpaceCounts): SpaceCell => ({
  ...t,
  recall: wilsonInterval(t.detected, t.incidents),
  preventedRate: wilsonInterval(t.prevented, t.incidents),
  falseAlertsPer1000UserDays: rateInterval(t.falseAlerts, t.userDays, 1000),
});

/**
 * Evaluates `instances` on every world of a space (each simulated and detected in memory, one pass per world) and
 * pools the figures: recall and prevented as proportions of the incidents of the group's worlds, false alerts per
 * 1,000 user-days over their user-days, each with its 95% interval. Groups are the attack families, the kinds of
 * benign noise (a world counts for every kind it has), and all worlds together.
 *
 */
export function scoreSpace(
  worlds: readonly SpaceWorld[],
  instances: readonly DetectorInstance[],
  options: ScoreSpaceOptions = {},
): SpaceReport {
  const now = options.now ?? (() => 0);
  const byFamily = new Map<string, Map<string, SpaceCounts>>();
  const byNoise = new Map<string, Map<string, SpaceCounts>>();
  const all = new Map<string, Map<string, SpaceCounts>>();
  let events = 0;
  worlds.forEach((world, index) => {
    const started = now();
    let cached = false;
    const evaluation = evaluateScenario(world.scenario, instances, {
      cache: options.cache,
      onWorld: (fromCache) => {
        cached = fromCache;
      },
    });
    const { score } = evaluation;
    events += evaluation.events;
    for (const detector of [score.overall, ...score.detectors]) {
      add(byFamily, world.family, detector, score.userDays, score.incidents);
      for (const kind of world.noise.length > 0 ? world.noise : ['none']) add(byNoise, kind, detector, score.userDays, score.incidents);
      add(all, 'all', detector, score.userDays, score.incidents);
    }
    options.onWorld?.(index, world, { events: evaluation.events, incidents: score.incidents, seconds: (now() - started) / 1000, cached });
  });
  const cells = (group: Map<string, SpaceCounts> | undefined) => [...(group?.values() ?? [])].map(cellOf);
  return {
    worlds: worlds.length,
    events,
    byFamily: [...byFamily.keys()].map((family) => ({ family, cells: cells(byFamily.get(family)) })),
    byNoise: [...byNoise.keys()].sort().map((noise) => ({ noise, cells: cells(byNoise.get(noise)) })),
    all: cells(all.get('all')),
  };
}

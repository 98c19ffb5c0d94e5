import type { Truth } from '../../../engine/model/generated/truth.ts';
import { pushstormVersion } from '../../../engine/model/version.ts';
import type { ResolvedScenario } from '../../scenario/ResolvedScenario.ts';
import type { SimulationResult } from '../SimulationResult.ts';
import type { PartitionRun } from './runPartition.ts';
import { day } from '../../clock/durations.ts';

/** What the truth says of the whole world, whichever part of it ran: the truth without its incidents and labels. */
export type WorldFacts = Omit<Truth, 'incidents' | 'labels'>;

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The {@link WorldFacts} of a scenario. */
function worldFacts(scenario: ResolvedScenario): WorldFacts {
  return {
    pushstormVersion,
    scenario: { name: scenario.name, hash: scenario.hash },
    seed: scenario.seed,
    start: scenario.startMs,
    end: scenario.startMs + scenario.durationMs,
    users: scenario.population.users,
    days: scenario.durationMs / day,
  };
}

/**
 * Builds the truth and the summary from the runs of every partition (one for a serial run). Incidents keep the
 * order of the attack plan; `labels` must already be in stream order.
 */
export function assembleResult(scenario: ResolvedScenario, runs: PartitionRun[], labels: Record<string, string>): SimulationResult {
  return combineRuns(worldFacts(scenario), runs, labels);
}

/**
 * {@link assembleResult} from the world's facts rather than its scenario: what merging partitions written apart
 * needs. The truth's keys are set in one fixed order, so its JSON is the same bytes however the facts were obtained.
 */
export function combineRuns(facts: WorldFacts, runs: PartitionRun[], labels: Record<string, string>): SimulationResult {
  const incidents = runs
    .flatMap((r) => r.incidents)
    .sort((a, b) => a.order - b.order)
    .map((i) => i.incident);
  const byType: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  let records = 0;
  let transitions = 0;
  for (const r of runs) {
    addCounts(byType, r.byType);
    addCounts(bySource, r.bySource);
    records += r.records;
    transitions += r.transitions;
  }
  const truth: Truth = {
    pushstormVersion: facts.pushstormVersion,
    scenario: { name: facts.scenario.name, hash: facts.scenario.hash },
    seed: facts.seed,
    start: facts.start,
    end: facts.end,
    users: facts.users,
    days: facts.days,
    incidents,
    labels,
  };
  return {
    truth,
    summary: {
      records,
      byType: sorted(byType),
      bySource: sorted(bySource),
      users: facts.users,
      macs: runs[0]?.macs ?? 0,
      phones: runs[0]?.phones ?? 0,
      incidents: incidents.length,
      compromises: incidents.filter((i) => i.compromisedAt !== null).length,
      simulatedDays: facts.days,
      transitions,
    },
  };
}

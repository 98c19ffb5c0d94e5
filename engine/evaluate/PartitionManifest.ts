import type { Partition } from '../../generators/world/Partition.ts';
import type { SimulationSummary } from '../../generators/world/SimulationResult.ts';

/** The name of a partition's manifest in its output folder. */
export const PARTITION_MANIFEST = 'partition.json';

/**
 * `partition.json`, written beside a partition's events and truth (`simulate --partition K/N`): which world and which
 * slice of it the folder holds, and what merging the N slices back into the world needs that the events and the
 * truth do not say. `pushstorm simulate merge` reads it.
 */
export interface PartitionManifest {
  /** What the file is, for a reader who opens it. */
  note: string;
  pushstormVersion: string;
  scenario: { name: string; hash: string };
  seed: number;
  partition: Partition;
  /** The events file beside it: `events.ndjson` or `events.parquet`. */
  events: string;
  /** The partition's counts (events, by type and source, incidents…); the world's Macs and phones. */
  summary: SimulationSummary;
  /** Each incident of the partition's truth with its place among the whole world's incidents. */
  incidentOrder: Record<string, number>;
}

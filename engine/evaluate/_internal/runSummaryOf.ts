import type { SimulationSummary } from '../../../generators/world/SimulationResult.ts';
import type { writeVendorLogs } from '../../formats/files/writeVendorLogs.ts';
import { pushstormVersion } from '../../model/version.ts';
import type { RunSummary } from '../RunSummary.ts';

/** What a run wrote, for its {@link RunSummary}. */
export interface RunWritten {
  scenario: RunSummary['scenario'];
  seed: number;
  summary: SimulationSummary;
  /** Event records in the events file. */
  records: number;
  dir: string;
  events: string;
  truth: string;
  logs?: Awaited<ReturnType<typeof writeVendorLogs>>;
  partition?: { index: number; count: number; manifest: string };
  /** The world was read from the world cache, not simulated. */
  cached?: boolean;
  wallMs: number;
}

/** The summary `simulate` prints and `--json` writes, the same for one run, a partition and a merge of partitions. */
export function runSummaryOf(w: RunWritten): RunSummary {
  const { summary, logs, partition } = w;
  return {
    pushstormVersion,
    scenario: w.scenario,
    seed: w.seed,
    users: summary.users,
    macs: summary.macs,
    phones: summary.phones,
    simulatedDays: summary.simulatedDays,
    incidents: summary.incidents,
    compromises: summary.compromises,
    records: w.records,
    byType: summary.byType,
    bySource: summary.bySource,
    ...(partition ? { partition: { index: partition.index, count: partition.count } } : {}),
    outputs: {
      dir: w.dir,
      events: w.events,
      truth: w.truth,
      ...(partition ? { manifest: partition.manifest } : {}),
      ...(logs ? { logs: logs.files.map((f) => ({ path: f.path, format: f.format, source: f.source, records: f.records })) } : {}),
      ...(logs?.inventory ? { inventory: logs.inventory } : {}),
    },
    ...(w.cached ? { cached: true } : {}),
    wallMs: Math.round(w.wallMs),
    recordsPerSecond: w.wallMs > 0 ? Math.round((w.records * 1000) / w.wallMs) : 0,
  };
}

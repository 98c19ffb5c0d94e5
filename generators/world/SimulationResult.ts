import type { Truth } from '../../engine/model/generated/truth.ts';

/** Counts a finished run reports; the CLI prints them and adds wall time and records/s. */
export interface SimulationSummary {
  /** Events written. */
  records: number;
  /** Events by canonical type, keys sorted. */
  byType: Record<string, number>;
  /** Events by source (`idp`, `mac`). */
  bySource: Record<string, number>;
  users: number;
  macs: number;
  phones: number;
  incidents: number;
  compromises: number;
  simulatedDays: number;
  /** xstate transitions processed (events delivered to actors). */
  transitions: number;
}

/** What {@link simulate} returns once the world has run to its end. */
export interface SimulationResult {
  truth: Truth;
  summary: SimulationSummary;
}

/** Progress of a running simulation, reported every few simulated hours. */
export interface SimulationProgress {
  /** Virtual time reached, UTC epoch ms. */
  virtualTime: number;
  /** Share of the simulated duration done, 0..1. */
  fraction: number;
  /** Events written so far. */
  records: number;
}

import type { GateFigure } from './figures.ts';

/** A baseline file: the figures of every detector in every run, as the gate last accepted them. */
export interface GateBaseline {
  pushstormVersion: string;
  gate: string;
  entries: Array<{
    scenario: string;
    scenarioHash: string;
    seed: number;
    detector: string;
    figures: Partial<Record<GateFigure, number | null>>;
  }>;
}

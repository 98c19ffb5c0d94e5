import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { SimulationResult } from '../../generators/world/SimulationResult.ts';
import type { ResolvedScenario } from '../../generators/scenario/ResolvedScenario.ts';
import { simulate } from '../../generators/world/simulate.ts';

/** One finished run: the events as written (objects and their NDJSON lines) and the result. */
export interface WorldRun extends SimulationResult {
  events: CanonicalEvent[];
  lines: string[];
}

/** Simulates `scenario` to its end and keeps every record (as the NDJSON line and as the parsed line). */
export function runWorld(scenario: ResolvedScenario): WorldRun {
  const lines: string[] = [];
  const result = simulate(scenario, (event) => lines.push(JSON.stringify(event)));
  return { ...result, lines, events: lines.map((line) => JSON.parse(line) as CanonicalEvent) };
}

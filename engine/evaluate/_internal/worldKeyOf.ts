import type { ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { WorldKey } from '../../formats/cache/WorldCache.ts';
import { worldCodeVersion } from './worldCodeVersion.ts';

/** The world cache's key of a resolved scenario's world: its hash (overrides included), its seed, the simulator's version. */
export const worldKeyOf = (scenario: ResolvedScenario): WorldKey => ({
  scenarioHash: scenario.hash,
  seed: scenario.seed,
  version: worldCodeVersion(),
});

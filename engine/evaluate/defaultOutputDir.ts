import { join } from 'node:path';
import type { ResolvedScenario, ScenarioOverrides } from '../../generators/scenario/index.ts';

/**
 * Where `simulate` and `run` write when no `--out` is given: `out/<scenario>-seed<seed>`, with `-<users>u` and
 * `-<days>d` appended when the population or the duration is overridden, so a short trial run never overwrites the
 * full run's files (`out/default-seed1-50u-2d` beside `out/default-seed1`). The seed is in the name already.
 *
 * @example defaultOutputDir(scenario, { users: 50, days: 2 }) // 'out/default-seed1-50u-2d'
 */
export function defaultOutputDir(scenario: Pick<ResolvedScenario, 'name' | 'seed'>, overrides: ScenarioOverrides = {}): string {
  const size = `${overrides.users !== undefined ? `-${overrides.users}u` : ''}${overrides.days !== undefined ? `-${overrides.days}d` : ''}`;
  return join('out', `${scenario.name}-seed${scenario.seed}${size}`);
}

import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { LargeWorldError } from '../model/errors/LargeWorldError.ts';
import { CONFIRM_USERS } from '../model/limits.ts';

/** Simulator state per user, measured (see engine/model/limits.ts). */
const BYTES_PER_USER = 60_000;

/**
 * Refuses a world above {@link CONFIRM_USERS} users unless `confirmed` (`--yes`): what it would cost is said before
 * the memory is taken, not after.
 *
 * @throws LargeWorldError (exit 2) naming the size and the estimate.
 */
export function checkWorldSize(scenario: ResolvedScenario, confirmed: boolean, command: string, file: string = scenario.name): void {
  const users = scenario.population.users;
  if (users > CONFIRM_USERS && !confirmed) throw new LargeWorldError(command, file, users, users * BYTES_PER_USER);
}

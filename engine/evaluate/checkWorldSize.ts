import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { type Partition, partitionUsers } from '../../generators/world/Partition.ts';
import { LargeWorldError } from '../model/errors/LargeWorldError.ts';
import { CONFIRM_USERS } from '../model/limits.ts';

/** Simulator state per user, measured (see engine/model/limits.ts). */
const BYTES_PER_USER = 60_000;

/**
 * Refuses a world above {@link CONFIRM_USERS} users unless `confirmed` (`--yes`): what it would cost is said before
 * the memory is taken, not after. With a `partition`, only its slice of the population is simulated, so its users are
 * what count: a 200,000-user world cut in 8 runs without `--yes`.
 *
 * @throws LargeWorldError (exit 2) naming the size and the estimate.
 */
export function checkWorldSize(
  scenario: ResolvedScenario,
  confirmed: boolean,
  command: string,
  file: string = scenario.name,
  partition?: Partition,
): void {
  const users = partition ? partitionUsers(partition, scenario.population.users) : scenario.population.users;
  if (users > CONFIRM_USERS && !confirmed) throw new LargeWorldError(command, file, users, users * BYTES_PER_USER, partition);
}

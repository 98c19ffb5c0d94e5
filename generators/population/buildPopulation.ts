import { createSeededFaker } from '../random/createSeededFaker.ts';
import { RandomStream } from '../random/RandomStream.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { buildIdentity } from './buildIdentity.ts';
import type { UserIdentity } from './UserIdentity.ts';

/**
 * Every user's identity exactly as the simulation draws them (same streams, same order), without running the world:
 * for what the events do not carry, such as each Mac's time zone when writing its local-time unified log.
 */
export function buildPopulation(scenario: ResolvedScenario): UserIdentity[] {
  const faker = createSeededFaker(scenario.startMs);
  const taken = new Set<string>();
  const labSeed = RandomStream.create(scenario.seed, 'lab-macs');
  const identities: UserIdentity[] = [];
  for (let i = 0; i < scenario.population.users; i++) {
    identities.push(buildIdentity(i, scenario, RandomStream.create(scenario.seed, `user:${i}`), faker, taken, labSeed));
  }
  return identities;
}

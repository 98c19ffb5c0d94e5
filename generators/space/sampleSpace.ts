import fc from 'fast-check';
import { RandomStream } from '../random/RandomStream.ts';
import { spaceFamilies, type SpaceFamily } from './SpaceFamily.ts';
import { spaceScenario, type SpaceScenario } from './spaceScenario.ts';

/** What to draw from the scenario space. */
export interface SpaceSampleOptions {
  /** Scenarios in all, shared out evenly among the families (the first families get one more when it does not divide). */
  n: number;
  /** The sample's seed: the same seed, count and families give the same scenarios. */
  seed: number;
  /** The families to draw, in this order (default: every family, `benign` included). */
  families?: readonly SpaceFamily[];
}

/**
 * A stratified sample of the scenario space: `n` scenarios, an even share for each family, each family drawn from its
 * own seed (derived from `seed` and the family's name, so adding a family leaves the others' scenarios unchanged).
 * Names are `<family>-<k>`, numbered from 1 within the family.
 */
export function sampleSpace(options: SpaceSampleOptions): SpaceScenario[] {
  const families = options.families ?? spaceFamilies;
  const drawn: SpaceScenario[] = [];
  families.forEach((family, index) => {
    const count = Math.floor(options.n / families.length) + (index < options.n % families.length ? 1 : 0);
    if (count === 0) return;
    const seed = RandomStream.create(options.seed, `space:${family}`).uint32() | 0;
    const width = String(count).length;
    const names = Array.from({ length: count }, (_, k) => `${family}-${String(k + 1).padStart(width, '0')}`);
    const values = fc.sample(spaceScenario(family, 'space'), { seed, numRuns: count });
    values.forEach((value, k) => {
      drawn.push({ ...value, scenario: { ...value.scenario, name: names[k] } });
    });
  });
  return drawn;
}

import fc from 'fast-check';

/** The seed {@link firingExample} draws with: the same every run, so the example is too. */
const EXAMPLE_SEED = 20_261_204;

/**
 * A value of `arbitrary` for which `fires` holds, drawn with a fixed seed — the same value on every run. Handed to
 * `fc.assert` as an example, it makes a property about what a detector finds check at least one case where it finds
 * something, whatever seed the run draws its own cases with: a "the streams make it fire" count then fails only when
 * the streams cannot make it fire, not when one run's draws happen not to.
 *
 * @throws Error when none of the `tries` values drawn fires.
 * @example
 * const example = firingExample(fc.tuple(streams, params), ([events, p]) => reference(p, events).length > 0);
 * fc.assert(fc.property(streams, params, check), { examples: [example] });
 */
export function firingExample<T>(arbitrary: fc.Arbitrary<T>, fires: (value: T) => boolean, tries = 2_000): T {
  const found = fc.sample(arbitrary, { seed: EXAMPLE_SEED, numRuns: tries }).find(fires);
  if (found === undefined) throw new Error(`none of ${tries} values drawn with seed ${EXAMPLE_SEED} fires`);
  return found;
}

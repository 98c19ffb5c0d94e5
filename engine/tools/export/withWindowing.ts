import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { slidingVariant } from './slidingVariant.ts';
import { tumblingVariant } from './tumblingVariant.ts';

/**
 * How a run's shaped detectors count: as each is written (`own`), every count over sliding windows (`sliding`: each
 * fixed-bucket detector as its {@link slidingVariant}, what an EQL export catches), or every count in fixed buckets
 * (`tumbling`: each sliding-window detector as its {@link tumblingVariant}, what an ES|QL or KQL `bin()` export
 * catches).
 */
export const windowings = ['own', 'sliding', 'tumbling'] as const;

/** One of {@link windowings}. */
export type Windowing = (typeof windowings)[number];

/** The detectors of a registry as `windowing` counts them: their own, or each one's sliding or tumbling variant. */
export function withWindowing(
  registry: ReadonlyMap<string, AnyDetectorDefinition>,
  windowing: Windowing,
): ReadonlyMap<string, AnyDetectorDefinition> {
  if (windowing === 'own') return registry;
  const variant = windowing === 'sliding' ? slidingVariant : tumblingVariant;
  return new Map([...registry].map(([id, definition]) => [id, variant(definition)]));
}

import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { slidingVariant } from './slidingVariant.ts';
import { tumblingVariant } from './tumblingVariant.ts';
import type { Windowing } from './Windowing.ts';

/** The detectors of a registry as `windowing` counts them: their own, or each one's sliding or tumbling variant. */
export function withWindowing(
  registry: ReadonlyMap<string, AnyDetectorDefinition>,
  windowing: Windowing,
): ReadonlyMap<string, AnyDetectorDefinition> {
  if (windowing === 'own') return registry;
  const variant = windowing === 'sliding' ? slidingVariant : tumblingVariant;
  return new Map([...registry].map(([id, definition]) => [id, variant(definition)]));
}

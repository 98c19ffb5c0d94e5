import { type AnyDetectorDefinition, defaultParams } from '../../engine/runtime/DetectorDefinition.ts';

/**
 * A detector's defaults with every count parameter (but on/off switches) at `k`, or its minimum if higher: the count
 * rules then fire on small library worlds, so a comparison of findings is never of nothing.
 */
export function lowCounts(definition: AnyDetectorDefinition, k = 2): Record<string, number> {
  const params = defaultParams(definition);
  for (const [name, spec] of Object.entries(definition.params))
    if (spec.unit === 'count' && spec.max > 1) params[name] = Math.max(spec.min, k);
  return params;
}

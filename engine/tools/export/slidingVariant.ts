import { MINUTE } from '../../model/duration/timeUnits.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { AnyDetectorDefinition, DetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { recordMatches } from './RecordCondition.ts';
import { canonicalCondition } from './vendor/canonicalFields.ts';

interface State {
  /** The key's accepted events of the last span, oldest first, in the runtime's order. */
  recent: CanonicalEvent[];
}

/**
 * A fixed-bucket count's **sliding-window variant**: what an export that can only say "N events within a span" (EQL's
 * `sequence by <key> with maxspan=<span> [filter] with runs=N`) catches for a `bucketCount` shape. Each event the
 * filter accepts, at time `t`, is a finding at `t` when its key has at least the threshold of accepted events in
 * `[t − span, t]` — both ends included, the span being the bucket length — counting only those at or before it in the
 * runtime's order (time, then id): the event that completes the count decides, as a sequence completes at its last
 * stage. Evidence: the last threshold accepted events, the ones such a sequence matches. Its title says "(sliding
 * windows)"; any other detector is returned as it is (its windows slide already, or it has none).
 *
 * @example withWindowing(registry, 'sliding') // each bucketCount detector as this variant
 */
export function slidingVariant(definition: AnyDetectorDefinition): AnyDetectorDefinition {
  const shape = definition.shape;
  if (shape?.kind !== 'bucketCount') return definition;
  const accepts = canonicalCondition(shape.where);
  const variant: DetectorDefinition<Record<string, number>, State> = {
    ...definition,
    title: `${definition.title} (sliding windows)`,
    keyOf: (e) => (recordMatches(accepts, e) ? e.user : undefined),
    create(params) {
      const span = params[shape.bucketParam];
      const threshold = params[shape.thresholdParam];
      return {
        idleMs: span + MINUTE,
        init: () => ({ recent: [] }),
        onEvent(s, e, ctx) {
          s.recent.push(e);
          let drop = 0;
          while (s.recent[drop].time < e.time - span) drop++;
          if (drop > 0) s.recent.splice(0, drop);
          if (s.recent.length >= threshold) ctx.alert({ evidence: s.recent.slice(-threshold) });
        },
      };
    },
  };
  return variant;
}

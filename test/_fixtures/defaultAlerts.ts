import { detectors } from '../../detectors/index.ts';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';

/**
 * The alert lines every built-in detector (baselines included), at its default parameters — but those `pinned` — raises
 * on `events`.
 */
export function defaultAlerts(events: Iterable<CanonicalEvent>, pinned: Record<string, Record<string, number>> = {}): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(
    detectors.map((definition) => ({ definition, params: { ...defaultParams(definition), ...pinned[definition.id] } })),
    (a) => alerts.push(a),
  );
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

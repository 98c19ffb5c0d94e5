import { detectors } from '../../detectors/index.ts';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';

/** The alert lines every built-in detector (baselines included), at its default parameters, raises on `events`. */
export function defaultAlerts(events: Iterable<CanonicalEvent>): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(
    detectors.map((definition) => ({ definition, params: defaultParams(definition) })),
    (a) => alerts.push(a),
  );
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

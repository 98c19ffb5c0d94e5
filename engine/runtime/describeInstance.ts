import type { Alert } from '../model/generated/alert.ts';
import type { DetectorInstance } from './DetectorRuntime.ts';

/** A runtime instance described as its alerts describe it (`Alert['detector']`), so a score can list it even if it never fired. */
export function describeInstance(instance: DetectorInstance): Alert['detector'] {
  return {
    id: instance.definition.id,
    version: instance.definition.version,
    baseline: instance.definition.baseline !== undefined,
    params: instance.params,
    paramSet: instance.paramSet ?? 'default',
  };
}

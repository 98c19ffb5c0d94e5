import type { Alert } from '../generated/alert.ts';
import type { DetectorInstance } from './DetectorRuntime.ts';

/**
 * How tables, stats and scores name a detector under one parameter set: its id, or `id@set` for a named set.
 *
 * @example instanceLabel({ id: 'mfa-without-login', paramSet: 'strict' }) // 'mfa-without-login@strict'
 */
export function instanceLabel(detector: { id: string; paramSet?: string }): string {
  const set = detector.paramSet ?? 'default';
  return set === 'default' ? detector.id : `${detector.id}@${set}`;
}

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

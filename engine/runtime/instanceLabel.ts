/**
 * How tables, stats and scores name a detector under one parameter set: its id, or `id@set` for a named set.
 *
 * @example instanceLabel({ id: 'mfa-without-login', paramSet: 'strict' }) // 'mfa-without-login@strict'
 */
export function instanceLabel(detector: { id: string; paramSet?: string }): string {
  const set = detector.paramSet ?? 'default';
  return set === 'default' ? detector.id : `${detector.id}@${set}`;
}

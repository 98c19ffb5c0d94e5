/**
 * The rules by which findings about one key become alert threads — shared by the streaming runtime and by whatever
 * folds another engine's findings (`score --alerts` on rows), so both count alerts the same way.
 * @module
 */
import type { Alert } from '../model/generated/alert.ts';
import { HOUR } from '../model/duration/timeUnits.ts';

/** How long of event time a thread stays open after its last finding, by default: 1 h. */
export const DEFAULT_THREAD_GAP_MS = HOUR;

/**
 * Whether a finding at `now` joins the thread whose last finding was at `lastFindingAt`: it does when no more than
 * `gapMs` of event time passed (a finding exactly one gap later still joins; findings of one instant always do).
 *
 * @example continuesThread(0, 3_600_000, 3_600_000) // true
 */
export function continuesThread(lastFindingAt: number, now: number, gapMs: number = DEFAULT_THREAD_GAP_MS): boolean {
  return now - lastFindingAt <= gapMs;
}

/**
 * A thread's id: detector, parameter set, entity kind, key and the event time it opened at — unique, since a key's
 * next thread opens only after this one's last finding.
 *
 * @example threadId('fraud-report', 'default', 'user', 'ann', 1772442300000) // 'fraud-report:default:user:ann:1772442300000'
 */
export function threadId(detector: string, paramSet: string, kind: Alert['entity']['kind'], key: string, openedAt: number): string {
  return `${detector}:${paramSet}:${kind}:${key}:${openedAt}`;
}

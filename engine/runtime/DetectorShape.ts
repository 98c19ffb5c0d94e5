import type { EventType } from '../model/generated/event.ts';

/**
 * Which events a declarative detector reads: every condition given must hold. Field names are the canonical event's
 * (`challenge.result` is `result`).
 */
export interface EventFilter {
  /** The event's `type` is one of these. */
  types: readonly EventType[];
  /** The event's `outcome` is this. */
  outcome?: 'success' | 'failure';
  /** The event's `outcome` is not this (an event without an outcome passes). */
  outcomeNot?: 'success' | 'failure';
  /** The challenge's `result` is one of these. */
  results?: readonly string[];
}

/**
 * One way a {@link DetectorShape} of kind `windowAt` fires: every condition given holds over the window's events.
 * Each names the parameter that holds its number.
 */
export interface WindowClause {
  /** More than this parameter's value of events. */
  eventsAbove?: string;
  /** More than this parameter's value of distinct users. */
  usersAbove?: string;
  /** Exactly one distinct user. */
  singleUser?: true;
  /** Any event from a proxy (`origin.proxy`), while this parameter is 1 (0 turns the clause off). */
  anyProxyWhen?: string;
}

/** Who a shape's findings are about: the event's `user`, or its source address `origin.ip` (events without one are skipped). */
export type ShapeKey = 'user' | 'source';

/**
 * What a detector finds, said declaratively, once, so that other engines can run it: `pushstorm export` generates
 * each target language from it, and a test holds the generated query to the streaming detector's own alerts. A
 * detector without a shape cannot be exported (it says why in `exportable`). Events of one millisecond are taken
 * in the runtime's order: by `id`.
 *
 * - `each`: every event the filter accepts is a finding for its key, at its own time (a single-event rule).
 * - `bucketCount`: per key, tumbling buckets of the duration parameter `bucketParam` aligned to the epoch; a bucket
 *   holding at least the count parameter `thresholdParam` of accepted events is a finding at the bucket's end.
 * - `countBefore`: an event the `trigger` filter accepts, at time `t`, is a finding at `t` when more than the count
 *   parameter `aboveParam` events of its key that the `counted` filter accepts lie in `[t − window, t]` (the duration
 *   parameter `windowParam`; both ends included, events of the same millisecond too).
 * - `windowAt`: a sliding window ending at each accepted event: at its time `t`, the key's accepted events in
 *   `[t − window, t]` (same millisecond included) are a finding at `t` when any of the clauses `anyOf` holds (counts
 *   and distinct users over the window; see {@link WindowClause}).
 * - `runUntil`: a sequence of `runsParam` `counted` events of a key, the first and last at most `windowParam` apart,
 *   with none of the `until` events of that key between them (EQL's `sequence … with runs … until`): each counted
 *   event at `t` that completes one — at least `runs` counted events in `[t − window, t]` since the key's last
 *   `until` event, in the runtime's order — is a finding at `t`.
 */
export type DetectorShape =
  | { kind: 'each'; key: 'user'; where: EventFilter }
  | { kind: 'bucketCount'; key: 'user'; where: EventFilter; bucketParam: string; thresholdParam: string }
  | { kind: 'countBefore'; key: 'user'; trigger: EventFilter; counted: EventFilter; windowParam: string; aboveParam: string }
  | { kind: 'windowAt'; key: ShapeKey; where: EventFilter; windowParam: string; anyOf: readonly WindowClause[] }
  | { kind: 'runUntil'; key: 'user'; counted: EventFilter; until: readonly EventFilter[]; windowParam: string; runsParam: string };

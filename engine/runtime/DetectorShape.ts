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
  /** The challenge's `result` is one of these. */
  results?: readonly string[];
}

/**
 * What a detector finds, said declaratively, once, so that other engines can run it: `pushstorm export` generates
 * each target language from it, and a test holds the generated query to the streaming detector's own alerts. A
 * detector without a shape cannot be exported (it says why in `exportable`).
 *
 * - `each`: every event the filter accepts is a finding for its key, at its own time (a single-event rule).
 * - `bucketCount`: per key, tumbling buckets of the duration parameter `bucketParam` aligned to the epoch; a bucket
 *   holding at least the count parameter `thresholdParam` of accepted events is a finding at the bucket's end.
 * - `countBefore`: an event the `trigger` filter accepts, at time `t`, is a finding at `t` when more than the count
 *   parameter `aboveParam` events of its key that the `counted` filter accepts lie in `[t − window, t]` (the duration
 *   parameter `windowParam`; both ends included, events of the same millisecond too).
 *
 * More kinds (sliding counts, distinct counts, absence within a grace period, ordered pairs) come with the detectors
 * that need them.
 */
export type DetectorShape =
  | { kind: 'each'; key: 'user'; where: EventFilter }
  | { kind: 'bucketCount'; key: 'user'; where: EventFilter; bucketParam: string; thresholdParam: string }
  | { kind: 'countBefore'; key: 'user'; trigger: EventFilter; counted: EventFilter; windowParam: string; aboveParam: string };

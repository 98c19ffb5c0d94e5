import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { pushKey } from './PushWindow.ts';

/** One event of the trail: its push (undefined when it does not count), its place, and whether its push came again. */
interface TrailRecord {
  event: CanonicalEvent;
  time: number;
  push: string | undefined;
  /** Position in the trail since it began (records are dropped from the front, positions never reused). */
  seq: number;
  /** Whether a later record of the same push was added. */
  repeated: boolean;
}

/**
 * Several {@link PushWindow}s of different lengths over one key's events, kept as one trail: the events in time order
 * since the start of the longest window, and per window the position where it starts and the distinct pushes in it.
 * A record is a new push for a window when its push's previous record is before that window's start, and a window
 * loses a push when it slides past the push's last record — so sliding and adding cost a few steps per window, and
 * the events are held once, whatever the number of windows. What each window says is what a `PushWindow` of that
 * length would say, fed the same events and evicted at the same times (`test/detectors/_internal/PushWindows.property.test.ts`).
 *
 * @example
 * const w = new PushWindows([MINUTE, 10 * MINUTE]);
 * w.slide(e.time);
 * if (w.add(e) && w.isNew(1) && w.distinct(1) >= threshold) ctx.alert({ evidence: w.evidence(1) });
 */
export class PushWindows {
  private readonly records: TrailRecord[] = [];
  /** `seq` of `records[0]`. */
  private base = 0;
  private next = 0;
  /** Per window: the `seq` of its first record, its distinct pushes, whether the last added record was new to it. */
  private readonly starts: number[];
  private readonly sizes: number[];
  private readonly fresh: boolean[];
  /** The index of the longest window: the trail starts where it does. */
  private readonly longest: number;
  /** Each push's latest record in the trail. */
  private readonly latest = new Map<string, TrailRecord>();

  /**
   * @param lengths - the windows' lengths (ms), any order; a window at `now` holds the events at `now - length` or later.
   * @param counts - which events count for their push (default: all); the others are evidence only.
   */
  constructor(
    private readonly lengths: readonly number[],
    private readonly counts?: (event: CanonicalEvent) => boolean,
  ) {
    this.starts = lengths.map(() => 0);
    this.sizes = lengths.map(() => 0);
    this.fresh = lengths.map(() => false);
    this.longest = lengths.indexOf(Math.max(...lengths));
  }

  /** Distinct pushes with a record in window `k`. */
  distinct(k: number): number {
    return this.sizes[k];
  }

  /** Whether the last {@link add}ed event was a new push for window `k` (false after one that does not count). */
  isNew(k: number): boolean {
    return this.fresh[k];
  }

  /** Slides every window to end at `now`: each drops its events before `now - length` (times never go back). */
  slide(now: number): void {
    const { records, lengths, starts, sizes } = this;
    const end = this.base + records.length;
    for (let k = 0; k < lengths.length; k++) {
      const from = now - lengths[k];
      let s = starts[k];
      while (s < end) {
        const r = records[s - this.base];
        if (r.time >= from) break;
        if (r.push !== undefined && !r.repeated) sizes[k]--;
        s++;
      }
      starts[k] = s;
    }
    const drop = starts[this.longest] - this.base;
    if (drop > 0) {
      for (let i = 0; i < drop; i++) {
        const r = records[i];
        if (r.push !== undefined && !r.repeated) this.latest.delete(r.push);
      }
      records.splice(0, drop);
      this.base += drop;
    }
  }

  /** Adds an event (the latest so far); true when it counts and is a new push for at least one window. */
  add(event: CanonicalEvent): boolean {
    const push = this.counts !== undefined && !this.counts(event) ? undefined : pushKey(event);
    const record: TrailRecord = { event, time: event.time, push, seq: this.next++, repeated: false };
    this.records.push(record);
    const fresh = this.fresh;
    if (push === undefined) {
      fresh.fill(false);
      return false;
    }
    const previous = this.latest.get(push);
    this.latest.set(push, record);
    if (previous !== undefined) previous.repeated = true;
    const before = previous === undefined ? -1 : previous.seq;
    let any = false;
    for (let k = 0; k < fresh.length; k++) {
      const isNew = before < this.starts[k];
      fresh[k] = isNew;
      if (isNew) {
        this.sizes[k]++;
        any = true;
      }
    }
    return any;
  }

  /** A copy of window `k`'s events, oldest first: the evidence of a finding. */
  evidence(k: number): CanonicalEvent[] {
    const from = this.starts[k] - this.base;
    const out = new Array<CanonicalEvent>(this.records.length - from);
    for (let i = from; i < this.records.length; i++) out[i - from] = this.records[i].event;
    return out;
  }
}

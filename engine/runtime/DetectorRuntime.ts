import type { Alert } from '../generated/alert.ts';
import type { CanonicalEvent } from '../generated/event.ts';
import { AlertThread } from './_internal/AlertThread.ts';
import { EventHeap } from './_internal/EventHeap.ts';
import { TimerHeap, type Timer } from './_internal/TimerHeap.ts';
import type { DetectorContext, DetectorDefinition, DetectorLogic, Finding } from './DetectorDefinition.ts';

/** One detector under one parameter set. Many instances of the same detector can run in one pass. */
export interface DetectorInstance {
  definition: DetectorDefinition<any, any>;
  params: Record<string, number>;
  /** Names the parameter set in alerts (default "default"). */
  paramSet?: string;
}

/** Options of {@link DetectorRuntime}. */
export interface RuntimeOptions {
  /** How far out of order events may arrive and still be processed in time order (default 60 s). */
  allowedLatenessMs?: number;
  /** A thread closes once no finding came for this long in event time (default 1 h). */
  threadGapMs?: number;
  /** Evidence ids listed per alert (default 200; `evidenceTotal` counts them all). */
  maxEvidence?: number;
  /** Receives each event that came later than the allowed lateness (counted, never silently dropped). */
  onLate?: (event: CanonicalEvent) => void;
}

/** Counts of one pass, for the summary. */
export interface RuntimeStats {
  /** Events processed (after de-duplication and lateness). */
  processed: number;
  duplicates: number;
  late: number;
  /** Alert threads opened, by detector id and parameter set (`id` or `id@set`). */
  threads: Record<string, number>;
  /** Key states alive now, and dropped for idleness so far. */
  liveKeys: number;
  expiredKeys: number;
}

interface KeyState {
  state: unknown;
  lastSeen: number;
  timer?: Timer<Slot>;
  thread?: AlertThread;
}

interface Slot {
  instance: number;
  key: string;
  keyState: KeyState;
}

interface Running {
  definition: DetectorDefinition<Record<string, number>, unknown>;
  logic: DetectorLogic<unknown>;
  params: Record<string, number>;
  paramSet: string;
  label: string;
  keys: Map<string, KeyState>;
}

/**
 * The streaming detector runtime. Events go in in any order within the allowed lateness; it de-duplicates them by
 * id, orders them by event time in a bounded reorder buffer, advances a watermark (the latest time seen minus the
 * allowed lateness), fires event-time timers once the watermark passes them, keeps per-key state per detector and
 * drops it when idle, and groups each detector's findings about one key into alert threads: a line when a thread
 * opens, and one more when it closes if it grew.
 *
 * @example
 * const runtime = new DetectorRuntime([{ definition: mfaWithoutLogin, params: defaultParams(mfaWithoutLogin) }], (a) => alerts.push(a));
 * for (const e of events) runtime.push(e);
 * runtime.finish();
 */
export class DetectorRuntime {
  private readonly running: Running[];
  private readonly byType = new Map<string, number[]>();
  private readonly heap = new EventHeap();
  private readonly timers = new TimerHeap<Slot>();
  /** Ids of events accepted recently, with their times, for de-duplication. */
  private readonly seen = new Map<string, number>();
  private readonly lateness: number;
  private readonly threadGap: number;
  private readonly maxEvidence: number;
  private readonly sweepEvery: number;
  private maxTime = -Infinity;
  /**
   * Everything before this event time is final: events before it were processed and timers before it fired. An event
   * older than this is late; one exactly at it is still ordered among the buffered ones.
   */
  private horizon = -Infinity;
  private nextSweep = -Infinity;
  private finished = false;
  readonly stats: RuntimeStats = { processed: 0, duplicates: 0, late: 0, threads: {}, liveKeys: 0, expiredKeys: 0 };

  constructor(
    instances: readonly DetectorInstance[],
    private readonly sink: (alert: Alert) => void,
    private readonly options: RuntimeOptions = {},
  ) {
    this.lateness = options.allowedLatenessMs ?? 60_000;
    this.threadGap = options.threadGapMs ?? 3_600_000;
    this.maxEvidence = options.maxEvidence ?? 200;
    this.running = instances.map((inst) => {
      const paramSet = inst.paramSet ?? 'default';
      const label = paramSet === 'default' ? inst.definition.id : `${inst.definition.id}@${paramSet}`;
      this.stats.threads[label] = 0;
      return {
        definition: inst.definition,
        logic: inst.definition.create(inst.params),
        params: inst.params,
        paramSet,
        label,
        keys: new Map(),
      };
    });
    this.running.forEach((r, index) => {
      for (const type of r.definition.needs) {
        const list = this.byType.get(type) ?? [];
        list.push(index);
        this.byType.set(type, list);
      }
    });
    const idle = Math.min(...this.running.map((r) => r.logic.idleMs), this.threadGap);
    this.sweepEvery = Math.max(60_000, Number.isFinite(idle) ? idle / 2 : 3_600_000);
  }

  /** Takes one event (any arrival order within the allowed lateness). */
  push(event: CanonicalEvent): void {
    if (this.finished) throw new Error('DetectorRuntime: push after finish');
    if (this.seen.has(event.id)) {
      this.stats.duplicates++;
      return;
    }
    if (event.time < this.horizon) {
      this.stats.late++;
      this.options.onLate?.(event);
      return;
    }
    this.seen.set(event.id, event.time);
    this.heap.push(event);
    if (event.time > this.maxTime) this.maxTime = event.time;
    this.release(this.maxTime - this.lateness);
  }

  /** Processes everything still buffered, fires every timer and closes every thread. */
  finish(): void {
    if (this.finished) return;
    this.release(Infinity);
    this.fireTimersBefore(Infinity);
    this.closeThreads(() => true);
    this.finished = true;
    this.stats.liveKeys = this.running.reduce((n, r) => n + r.keys.size, 0);
  }

  /**
   * Processes buffered events older than `watermark` in (time, id) order, firing each timer after the events at or
   * before its time, then makes `watermark` the horizon. Events exactly at the watermark stay buffered: one arriving
   * now at that time (exactly the allowed lateness behind) must still be ordered among them by id.
   */
  private release(watermark: number): void {
    for (let e = this.heap.peek(); e !== undefined && e.time < watermark; e = this.heap.peek()) {
      this.heap.pop();
      this.fireTimersBefore(e.time);
      this.process(e);
    }
    if (watermark === Infinity) return;
    if (watermark > this.horizon) {
      this.fireTimersBefore(watermark);
      this.horizon = watermark;
    }
    if (this.horizon >= this.nextSweep) this.sweep();
  }

  private process(event: CanonicalEvent): void {
    this.stats.processed++;
    const targets = this.byType.get(event.type);
    if (!targets) return;
    for (const index of targets) {
      const r = this.running[index];
      const key = r.definition.keyOf(event);
      if (key === undefined) continue;
      let ks = r.keys.get(key);
      if (!ks) {
        ks = { state: r.logic.init(key), lastSeen: event.time };
        r.keys.set(key, ks);
      }
      ks.lastSeen = event.time;
      r.logic.onEvent(ks.state, event, this.context(index, key, ks, event.time));
    }
  }

  private fireTimersBefore(limit: number): void {
    for (let t = this.timers.popBefore(limit); t !== undefined; t = this.timers.popBefore(limit)) {
      const { instance, key, keyState } = t.target;
      keyState.timer = undefined;
      const r = this.running[instance];
      r.logic.onTimer?.(keyState.state, this.context(instance, key, keyState, t.at));
    }
  }

  private context(instance: number, key: string, ks: KeyState, now: number): DetectorContext {
    const r = this.running[instance];
    return {
      key,
      now,
      setTimer: (at: number) => {
        if (ks.timer) ks.timer.live = false;
        ks.timer = this.timers.add(at, { instance, key, keyState: ks });
      },
      clearTimer: () => {
        if (ks.timer) ks.timer.live = false;
        ks.timer = undefined;
      },
      alert: (finding: Finding) => this.raise(r, key, ks, finding, now),
    };
  }

  private raise(r: Running, key: string, ks: KeyState, finding: Finding, now: number): void {
    if (ks.thread && now - ks.thread.lastFindingAt > this.threadGap) this.closeThread(ks);
    if (ks.thread) {
      ks.thread.grow(finding, now);
      return;
    }
    ks.thread = new AlertThread(r.definition, r.params, r.paramSet, key, finding, now, this.maxEvidence);
    this.stats.threads[r.label]++;
    this.sink(ks.thread.toAlert('open'));
  }

  private closeThread(ks: KeyState): void {
    const thread = ks.thread;
    if (!thread) return;
    ks.thread = undefined;
    if (thread.changed) this.sink(thread.toAlert('closed'));
  }

  /**
   * Closes the open threads `which` selects, in the order of their last finding (then id), so the closing lines come
   * out in the same order whatever order the keys were first seen in.
   */
  private closeThreads(which: (thread: AlertThread) => boolean): void {
    const closing: KeyState[] = [];
    for (const r of this.running) for (const ks of r.keys.values()) if (ks.thread && which(ks.thread)) closing.push(ks);
    closing.sort((a, b) => a.thread!.lastFindingAt - b.thread!.lastFindingAt || (a.thread!.id < b.thread!.id ? -1 : 1));
    for (const ks of closing) this.closeThread(ks);
  }

  /**
   * Closes quiet threads, drops idle key states and old de-duplication ids — all relative to the horizon, since no
   * event or timer before it can come any more.
   */
  private sweep(): void {
    const horizon = this.horizon;
    this.nextSweep = horizon + this.sweepEvery;
    this.closeThreads((thread) => horizon - thread.lastFindingAt > this.threadGap);
    for (const r of this.running) {
      const idleBefore = horizon - r.logic.idleMs;
      for (const [key, ks] of r.keys) {
        if (!ks.thread && !ks.timer && ks.lastSeen < idleBefore) {
          r.keys.delete(key);
          this.stats.expiredKeys++;
        }
      }
    }
    const forgetBefore = horizon - this.lateness;
    for (const [id, time] of this.seen) if (time < forgetBefore) this.seen.delete(id);
    this.stats.liveKeys = this.running.reduce((n, r) => n + r.keys.size, 0);
  }
}

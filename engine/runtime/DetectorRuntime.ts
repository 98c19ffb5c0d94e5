import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import { HOUR, MINUTE } from '../model/duration/timeUnits.ts';
import { AlertThread } from './_internal/AlertThread.ts';
import { ReorderBuffer } from './_internal/ReorderBuffer.ts';
import { TimerHeap } from './_internal/TimerHeap.ts';
import {
  type ContextHost,
  type DetectorGroup,
  type KeyEntry,
  type MemberState,
  newKeyEntry,
  newMemberState,
  type Running,
  type TimerTarget,
} from './_internal/DetectorGroup.ts';
import { MemberContext } from './_internal/MemberContext.ts';
import { SharedContext } from './_internal/SharedContext.ts';
import type { AnyDetectorDefinition, Finding } from './DetectorDefinition.ts';
import { instanceLabel } from './instanceLabel.ts';
import { newRunScope } from './_internal/newRunScope.ts';
import { continuesThread, DEFAULT_THREAD_GAP_MS } from './threadRules.ts';

/** One detector under one parameter set. Many instances of the same detector can run in one pass. */
export interface DetectorInstance {
  definition: AnyDetectorDefinition;
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
  /**
   * Receives each event as it is processed: in (time, id) order, once (repeats dropped), late ones left out — the
   * stream the detectors see (SQL detectors' event table is filled from it).
   */
  onProcessed?: (event: CanonicalEvent) => void;
  /**
   * Whether several parameter sets of a detector that offers a shared logic (`createShared`) run as that one logic
   * (default true). False runs each set's own logic: the same alerts and stats, more work — for comparisons.
   */
  shareParamSets?: boolean;
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

/**
 * The streaming detector runtime. Events go in in any order within the allowed lateness; it orders them by
 * (time, id) in a bounded reorder buffer, processes a repeated event (same id and time) once, advances a watermark
 * (the latest time seen minus the allowed lateness), fires event-time timers once the watermark passes them, keeps
 * per-key state per detector and drops it when idle, and groups each detector's findings about one key into alert
 * threads: a line when a thread opens, and one more when it closes (a thread gap of event time after its last
 * finding, or at the end) if it grew. The output depends only on the events, not on their arrival order within the
 * lateness. Records that share an id but not a time are different records to it: both are processed.
 *
 * @example
 * const runtime = new DetectorRuntime([{ definition: mfaWithoutLogin, params: defaultParams(mfaWithoutLogin) }], (a) => alerts.push(a));
 * for (const e of events) runtime.push(e);
 * runtime.finish();
 */
export class DetectorRuntime implements ContextHost {
  private readonly running: Running[];
  private readonly groups: DetectorGroup[] = [];
  /** Event type → the groups that read it. */
  private readonly byType = new Map<string, DetectorGroup[]>();
  private readonly buffer = new ReorderBuffer();
  private readonly timers = new TimerHeap<TimerTarget>();
  private readonly ctx = new MemberContext(this);
  private readonly sharedCtx = new SharedContext(this);
  /**
   * De-duplication needs no set of ids. Copies of an event share its (time, id), so while both are buffered they
   * leave the buffer one after the other: the one after is dropped. A copy arriving after its event left the buffer
   * is older than the horizon; it is told from a late event by looking it up among the events processed in the last
   * allowed lateness before the horizon, kept in time order here (ids and times in parallel arrays from `doneFrom`).
   */
  private lastId = '';
  private lastTime = -Infinity;
  private doneIds: string[] = [];
  private doneTimes: number[] = [];
  private doneFrom = 0;
  private readonly lateness: number;
  private readonly threadGap: number;
  private readonly maxEvidence: number;
  /** `options.onProcessed`, read once: `process` runs for every event. */
  private readonly onProcessed: ((event: CanonicalEvent) => void) | undefined;
  private readonly sweepEvery: number;
  private maxTime = -Infinity;
  /**
   * Everything before this event time is final: events before it were processed and timers before it fired. An event
   * older than this is late; one exactly at it is still ordered among the buffered ones.
   */
  private horizon = -Infinity;
  private nextSweep = -Infinity;
  /** Events processed since the last sweep, and the key states that sweep had to look at. */
  private sinceSweep = 0;
  private lastSweepSize = 0;
  private finished = false;
  readonly stats: RuntimeStats = { processed: 0, duplicates: 0, late: 0, threads: {}, liveKeys: 0, expiredKeys: 0 };

  constructor(
    instances: readonly DetectorInstance[],
    private readonly sink: (alert: Alert) => void,
    private readonly options: RuntimeOptions = {},
  ) {
    this.lateness = options.allowedLatenessMs ?? MINUTE;
    this.threadGap = options.threadGapMs ?? DEFAULT_THREAD_GAP_MS;
    this.maxEvidence = options.maxEvidence ?? 200;
    this.onProcessed = options.onProcessed;
    this.running = instances.map((inst) => {
      const paramSet = inst.paramSet ?? 'default';
      const label = instanceLabel({ id: inst.definition.id, paramSet });
      this.stats.threads[label] = 0;
      return { definition: inst.definition, params: inst.params, paramSet, label };
    });
    const byDefinition = new Map<AnyDetectorDefinition, number[]>();
    this.running.forEach((r, index) => {
      const members = byDefinition.get(r.definition) ?? [];
      members.push(index);
      byDefinition.set(r.definition, members);
    });
    const idleTimes: number[] = [];
    const scope = newRunScope();
    for (const [definition, members] of byDefinition) {
      const params = members.map((m) => this.running[m].params);
      const shared =
        members.length > 1 && options.shareParamSets !== false && definition.createShared
          ? definition.createShared(params, scope)
          : undefined;
      const logics = shared ? [] : params.map((p) => definition.create(p, scope));
      const idle = shared ? [...shared.idleMs] : logics.map((l) => l.idleMs);
      idleTimes.push(...idle);
      this.groups.push({ definition, members, logics, shared, idleMs: Math.max(...idle), keys: new Map() });
    }
    for (const group of this.groups) {
      for (const type of group.definition.needs) {
        const list = this.byType.get(type) ?? [];
        list.push(group);
        this.byType.set(type, list);
      }
    }
    const idle = Math.min(...idleTimes, this.threadGap);
    this.sweepEvery = Math.max(MINUTE, Number.isFinite(idle) ? idle / 2 : HOUR);
  }

  /** Takes one event (any arrival order within the allowed lateness). */
  push(event: CanonicalEvent): void {
    if (this.finished) throw new Error('DetectorRuntime: push after finish');
    const time = event.time;
    if (time < this.horizon) {
      if (this.wasProcessed(event.id, time)) {
        this.stats.duplicates++;
      } else {
        this.stats.late++;
        this.options.onLate?.(event);
      }
      return;
    }
    this.buffer.push(event, time);
    if (time > this.maxTime) {
      this.maxTime = time;
      this.release(time - this.lateness);
    }
  }

  /** Processes everything still buffered, fires every timer and closes every thread. */
  finish(): void {
    if (this.finished) return;
    this.release(Infinity);
    this.fireTimersBefore(Infinity); // the thread-closing timers among them close every thread
    this.finished = true;
    this.stats.liveKeys = this.liveKeyStates();
  }

  private liveKeyStates(): number {
    return this.groups.reduce((n, g) => n + g.keys.size * g.members.length, 0);
  }

  /**
   * Processes buffered events older than `watermark` in (time, id) order, firing each timer after the events at or
   * before its time, then makes `watermark` the horizon. Events exactly at the watermark stay buffered: one arriving
   * now at that time (exactly the allowed lateness behind) must still be ordered among them by id.
   */
  private release(watermark: number): void {
    for (let e = this.buffer.popBefore(watermark); e !== undefined; e = this.buffer.popBefore(watermark)) {
      const time = e.time;
      if (time === this.lastTime && e.id === this.lastId) {
        this.stats.duplicates++;
        continue;
      }
      this.lastTime = time;
      this.lastId = e.id;
      this.doneIds.push(e.id);
      this.doneTimes.push(time);
      if (this.timers.size > 0) this.fireTimersBefore(time);
      this.process(e);
    }
    if (watermark === Infinity) return;
    if (watermark > this.horizon) {
      this.fireTimersBefore(watermark);
      this.horizon = watermark;
      this.forgetDoneBefore(watermark - this.lateness);
    }
    // A sweep looks at every key state; waiting for as many events as half the states it last looked at keeps its
    // cost a constant per event, and memory within a constant factor of what is alive.
    if (this.horizon >= this.nextSweep && 2 * this.sinceSweep >= this.lastSweepSize) this.sweep();
  }

  private process(event: CanonicalEvent): void {
    this.stats.processed++;
    this.sinceSweep++;
    if (this.onProcessed !== undefined) this.onProcessed(event);
    const targets = this.byType.get(event.type);
    if (targets === undefined) return;
    const time = event.time;
    for (let i = 0; i < targets.length; i++) {
      const group = targets[i];
      const key = group.definition.keyOf(event);
      if (key === undefined) continue;
      let entry = group.keys.get(key);
      const shared = group.shared;
      if (entry === undefined) {
        if (shared) entry = newKeyEntry(time, shared.init(key));
        else {
          const logics = group.logics;
          entry = newKeyEntry(time, logics[0].init(key));
          if (logics.length > 1) entry.others = logics.slice(1).map((logic) => newMemberState(logic.init(key)));
        }
        group.keys.set(key, entry);
      }
      entry.lastSeen = time;
      if (shared) {
        const ctx = this.sharedCtx;
        ctx.group = group;
        ctx.entry = entry;
        ctx.key = key;
        ctx.now = time;
        shared.onEvent(entry.state, event, ctx);
        continue;
      }
      const ctx = this.ctx;
      ctx.group = group;
      ctx.entry = entry;
      ctx.key = key;
      ctx.now = time;
      const logics = group.logics;
      for (let j = 0; j < logics.length; j++) {
        const ms = j === 0 ? entry : entry.others![j - 1]!;
        ctx.member = j;
        ctx.memberState = ms;
        logics[j].onEvent(ms.state, event, ctx);
      }
    }
  }

  private fireTimersBefore(limit: number): void {
    for (let t = this.timers.popBefore(limit); t !== undefined; t = this.timers.popBefore(limit)) {
      const { group, member, key, entry, closes } = t.target;
      const ms = member === 0 ? entry : entry.others![member - 1]!;
      if (closes) {
        this.closeThread(ms);
        continue;
      }
      ms.timer = undefined;
      if (group.shared) {
        const ctx = this.sharedCtx;
        ctx.group = group;
        ctx.entry = entry;
        ctx.key = key;
        ctx.now = t.at;
        group.shared.onTimer?.(entry.state, ctx, member);
        continue;
      }
      const ctx = this.ctx;
      ctx.group = group;
      ctx.entry = entry;
      ctx.member = member;
      ctx.memberState = ms;
      ctx.key = key;
      ctx.now = t.at;
      group.logics[member].onTimer?.(ms.state, ctx);
    }
  }

  /** Whether an event with this id and time was processed (among those the horizon passed at most a lateness ago). */
  private wasProcessed(id: string, time: number): boolean {
    const times = this.doneTimes;
    let lo = this.doneFrom;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] < time) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < times.length && times[i] === time; i++) if (this.doneIds[i] === id) return true;
    return false;
  }

  private forgetDoneBefore(time: number): void {
    const times = this.doneTimes;
    let from = this.doneFrom;
    while (from < times.length && times[from] < time) from++;
    this.doneFrom = from;
    if (from >= 4096 && 2 * from >= times.length) {
      this.doneIds = this.doneIds.slice(from);
      this.doneTimes = times.slice(from);
      this.doneFrom = 0;
    }
  }

  /** @internal Called by the contexts when a detector asks for a timer. */
  setTimer(group: DetectorGroup, member: number, key: string, entry: KeyEntry, ms: MemberState, at: number): void {
    if (ms.timer) ms.timer.live = false;
    ms.timer = this.timers.add(at, { group, member, key, entry, closes: false });
  }

  /** @internal Called by the contexts when a detector reports a finding. */
  raise(group: DetectorGroup, member: number, key: string, entry: KeyEntry, ms: MemberState, finding: Finding, now: number): void {
    const r = this.running[group.members[member]];
    if (ms.thread && !continuesThread(ms.thread.lastFindingAt, now, this.threadGap)) this.closeThread(ms);
    if (ms.thread) {
      ms.thread.grow(finding, now);
    } else {
      ms.thread = new AlertThread(r.definition, r.params, r.paramSet, key, finding, now, this.maxEvidence);
      this.stats.threads[r.label]++;
      this.sink(ms.thread.toAlert('open'));
    }
    // Closing is an event-time timer, so closing lines come out at the same point of the stream whatever order the
    // events arrived in.
    const thread = ms.thread;
    if (thread.closeTimer) thread.closeTimer.live = false;
    thread.closeTimer = this.timers.add(now + this.threadGap + 1, { group, member, key, entry, closes: true });
  }

  private closeThread(ms: MemberState): void {
    const thread = ms.thread;
    if (!thread) return;
    ms.thread = undefined;
    if (thread.closeTimer) thread.closeTimer.live = false;
    if (thread.changed) this.sink(thread.toAlert('closed'));
  }

  /** Drops idle key states: no open thread, no pending timer, quiet for longer than the detector's idle time. */
  private sweep(): void {
    const horizon = this.horizon;
    this.nextSweep = horizon + this.sweepEvery;
    this.sinceSweep = 0;
    for (const group of this.groups) {
      const idleBefore = horizon - group.idleMs;
      for (const [key, entry] of group.keys) {
        // A key goes when every member's state for it may go: a member's state lives as long as the key does.
        let idle = entry.lastSeen < idleBefore && !entry.thread && !entry.timer;
        const others = entry.others;
        if (others !== undefined)
          for (let j = 0; j < others.length && idle; j++) {
            const ms = others[j];
            idle = ms === undefined || (!ms.thread && !ms.timer);
          }
        if (idle) {
          group.keys.delete(key);
          this.stats.expiredKeys += group.members.length;
        }
      }
    }
    this.stats.liveKeys = this.liveKeyStates();
    this.lastSweepSize = this.stats.liveKeys;
  }
}

import type { AnyActorRef, EventObject } from 'xstate';
import { SimulationError } from '../../engine/model/errors/SimulationError.ts';
import { VirtualClock, type TimerHandle } from '../clock/VirtualClock.ts';
import type { ResolvedOutage, ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { RecordBuffer, type RecordSink } from './_internal/RecordBuffer.ts';
import { eventId } from './eventId.ts';
import type { Cell, EventDraft, WorldPort } from './WorldPort.ts';
import { day } from '../clock/durations.ts';

/** Per-incident facts read off the records as they are written (so the truth matches the stream exactly). */
export interface IncidentTally {
  prompts: number;
  compromisedAt: number | null;
}

/**
 * The world: one virtual clock, the cells of actors, message delivery with latency, and the ordered record stream.
 * Records go through a reorder buffer and reach the sink sorted by (time, cell, emission order), each with its truth
 * label beside it (never inside the event).
 */
export class World implements WorldPort {
  readonly clock: VirtualClock;
  readonly cells: Cell[] = [];
  readonly tallies = new Map<string, IncidentTally>();
  readonly byType: Record<string, number> = {};
  readonly bySource: Record<string, number> = {};
  records = 0;
  private readonly buffer = new RecordBuffer();
  private readonly seqs: number[] = [];
  private readonly txns: number[] = [];
  private readonly outages: Array<{ from: number; to: number; outage: ResolvedOutage }>;
  private failure: SimulationError | undefined;

  constructor(
    readonly scenario: ResolvedScenario,
    private readonly sink: RecordSink,
  ) {
    this.clock = new VirtualClock(scenario.startMs);
    this.outages = scenario.noise.outages.map((outage) => {
      const from = scenario.startMs + outage.at.day * day + outage.at.minuteOfDay * 60_000;
      return { from, to: from + outage.durationMs, outage };
    });
  }

  deliver<E extends EventObject>(to: AnyActorRef, event: E, delayMs: number): TimerHandle {
    return this.clock.sendAfter(to, event, delayMs);
  }

  recall(handle: TimerHandle): void {
    this.clock.clearTimeout(handle);
  }

  emit(cell: number, draft: EventDraft, label?: string): string {
    const seq = this.seqs[cell]++;
    const id = eventId(cell, seq);
    draft.id = id;
    this.buffer.push(draft.time, cell, seq, draft, label);
    if (label !== undefined && !label.startsWith('noise:')) this.tally(label, draft);
    return id;
  }

  nextTxn(cell: number): string {
    return `t${cell.toString(36)}.${(this.txns[cell]++).toString(36)}`;
  }

  outageAt(at: number, app: string, timeZone: string): { index: number; outage: ResolvedOutage } | undefined {
    const outages = this.outages;
    for (let index = 0; index < outages.length; index++) {
      const { from, to, outage } = outages[index];
      if (at < from || at >= to) continue;
      if (outage.scope?.app !== undefined && outage.scope.app !== app) continue;
      if (outage.scope?.timeZone !== undefined && outage.scope.timeZone !== timeZone) continue;
      return { index, outage };
    }
    return undefined;
  }

  cell(index: number): Cell {
    return this.cells[index];
  }

  /** Adds a cell; its actors must be created (not necessarily started) already. */
  addCell(cell: Cell): void {
    this.cells[cell.index] = cell;
    this.seqs[cell.index] = 0;
    this.txns[cell.index] = 0;
  }

  /** Watches an actor so an error inside it fails the run with the actor's id and the virtual time. */
  watch(actor: AnyActorRef, actorId: string): void {
    actor.subscribe({
      error: (err: unknown) => {
        this.failure ??= new SimulationError(actorId, this.clock.now(), err);
      },
    });
  }

  /** Runs the clock to `until` and writes every record that can no longer be preceded by a new one. */
  advance(until: number): void {
    this.clock.runUntil(until);
    if (this.failure) throw this.failure;
    this.buffer.drainBefore(this.clock.now(), this.write);
  }

  /** Writes every buffered record (at the end of the run). */
  finish(): void {
    this.buffer.drainAll(this.write);
  }

  private readonly write: RecordSink = (event, label, cell, seq) => {
    this.records++;
    this.byType[event.type] = (this.byType[event.type] ?? 0) + 1;
    this.bySource[event.source] = (this.bySource[event.source] ?? 0) + 1;
    this.sink(event, label, cell, seq);
  };

  private tally(incident: string, draft: EventDraft): void {
    let t = this.tallies.get(incident);
    if (!t) {
      t = { prompts: 0, compromisedAt: null };
      this.tallies.set(incident, t);
    }
    if (draft.type === 'mfa.challenge' && draft.outcome === 'success') t.prompts++;
    if (draft.type === 'mfa.result' && draft.challenge?.result === 'approved' && t.compromisedAt === null) {
      t.compromisedAt = draft.time;
    }
  }
}

import type { AnyActorRef, EventObject } from 'xstate';
import type { ResolvedOutage } from '../scenario/ResolvedScenario.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { TimerHandle, VirtualClock } from '../clock/VirtualClock.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import type { UserIdentity } from '../population/UserIdentity.ts';

/**
 * A canonical event before the world gives it an id: written with `id: ''` as its first key, which
 * {@link WorldPort.emit} fills in place — the record keeps the canonical key order (id first) without a copy.
 */
export type EventDraft = CanonicalEvent;

/** The actors of one user: everything that concerns them lives in their cell. */
export interface Cell {
  index: number;
  identity: UserIdentity;
  user: AnyActorRef;
  idp: AnyActorRef;
  phone: AnyActorRef;
  mac?: AnyActorRef;
  labMac?: AnyActorRef;
  /** Attackers whose start is anchored to this user's day: told each day's plan as it is made. */
  dayWatchers?: AnyActorRef[];
}

/**
 * What actors may do to the world: read virtual time, send a message with a latency, write a record. Actors never
 * call each other; they hold this port (in their input) and the world delivers.
 */
export interface WorldPort {
  readonly clock: VirtualClock;
  readonly scenario: ResolvedScenario;
  /** Delivers `event` to `to` after `delayMs` of virtual time; the handle cancels it with {@link WorldPort.recall}. */
  deliver<E extends EventObject>(to: AnyActorRef, event: E, delayMs: number): TimerHandle;
  /** Cancels a delivery not yet made (a timeout that no longer matters). */
  recall(handle: TimerHandle): void;
  /**
   * Writes a record concerning the user of `cell`. Its time must not be before now; the world sorts records by
   * (time, cell, emission order). `label` goes to the truth file, never into the event. Sets the draft's `id` and
   * returns it; the draft is the record from then on (the actor must not change it).
   */
  emit(cell: number, draft: EventDraft, label?: string): string;
  /** A new IdP transaction id, stable for a seed (numbered per cell). */
  nextTxn(cell: number): string;
  /**
   * The outage the IdP's push delivery is in at `at` for a sign-in to `app` by a user of `timeZone` (an outage may
   * reach one application or one region only), with its number in the scenario; undefined when delivery works.
   */
  outageAt(at: number, app: string, timeZone: string): { index: number; outage: ResolvedOutage } | undefined;
  /** The cell of user `index`. */
  cell(index: number): Cell;
}

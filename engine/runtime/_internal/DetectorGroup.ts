import type { DetectorDefinition, DetectorLogic, Finding, SharedDetectorLogic } from '../DetectorDefinition.ts';
import type { AlertThread } from './AlertThread.ts';
import type { Timer } from './TimerHeap.ts';

/** What the runtime keeps for one member (parameter set) about one key. */
export interface MemberState {
  /** The member's own logic's state; unused under a shared logic. */
  state: unknown;
  timer?: Timer<TimerTarget>;
  /** When the open thread closes if no finding comes: its last finding plus the thread gap, plus 1 ms. */
  closeTimer?: Timer<TimerTarget>;
  thread?: AlertThread;
}

/** One key of a group: when it was last seen, the shared logic's state, and each member's. */
export interface KeyEntry {
  lastSeen: number;
  /** The shared logic's state; unused with per-member logics. */
  shared: unknown;
  /** In member order; under a shared logic, made on a member's first timer or finding. */
  members: Array<MemberState | undefined>;
}

/** What a runtime timer is for: a member's timer for a key, or the closing of its alert thread. */
export interface TimerTarget {
  group: DetectorGroup;
  /** Index into the group's members. */
  member: number;
  key: string;
  entry: KeyEntry;
  /** A thread-closing timer rather than the detector's own. */
  closes: boolean;
}

/** The member's state for the key, made on first use (a shared logic's members get one on their first timer or finding). */
export const memberOf = (entry: KeyEntry, member: number): MemberState => {
  let ms = entry.members[member];
  if (ms === undefined) {
    ms = { state: undefined, timer: undefined, closeTimer: undefined, thread: undefined };
    entry.members[member] = ms;
  }
  return ms;
};

/** One detector instance as the runtime runs it. */
export interface Running {
  definition: DetectorDefinition<Record<string, number>, unknown>;
  params: Record<string, number>;
  paramSet: string;
  label: string;
}

/**
 * The instances of one detector definition (its parameter sets, the members): they share the key of an event, so it
 * is computed once, and one map lookup finds the key's entry. With two members or more and a detector that offers
 * it, one shared logic serves them all; otherwise each member runs its own.
 */
export interface DetectorGroup {
  definition: DetectorDefinition<Record<string, number>, unknown>;
  /** Indexes into `running`. */
  members: number[];
  /** Each member's own logic, when not shared. */
  logics: Array<DetectorLogic<unknown>>;
  shared: SharedDetectorLogic<unknown> | undefined;
  /** The longest of the members' idle times: a key goes once every member's state may go. */
  idleMs: number;
  keys: Map<string, KeyEntry>;
}

/** What the contexts ask of the runtime. */
export interface ContextHost {
  setTimer(group: DetectorGroup, member: number, key: string, entry: KeyEntry, ms: MemberState, at: number): void;
  raise(group: DetectorGroup, member: number, key: string, entry: KeyEntry, ms: MemberState, finding: Finding, now: number): void;
}

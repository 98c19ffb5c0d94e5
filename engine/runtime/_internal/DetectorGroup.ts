import type { DetectorDefinition, DetectorLogic, Finding, SharedDetectorLogic } from '../DetectorDefinition.ts';
import type { AlertThread } from './AlertThread.ts';
import type { Timer } from './TimerHeap.ts';

/** What the runtime keeps for one member (parameter set) about one key. */
export interface MemberState {
  /** The member's own logic's state; under a shared logic, the first member's holds the shared state, the others none. */
  state: unknown;
  timer?: Timer<TimerTarget>;
  /** The open alert thread, with its closing timer. */
  thread?: AlertThread;
}

/**
 * One key of a group: when it was last seen, and each member's state. The first member's state is the entry itself
 * and the others' hang off it: most runs have one member per detector, and a user kept for weeks by several detectors
 * then costs one small object per detector rather than three (an entry, an array, a member state).
 */
export interface KeyEntry extends MemberState {
  lastSeen: number;
  /**
   * The members after the first (member `j` at `j − 1`). Absent in a group of one — not even an empty field: a user kept
   * for weeks by a few detectors pays for every field. Under a shared logic, made on a member's first timer or finding.
   */
  others?: Array<MemberState | undefined>;
}

/** A key entry whose first member's state (or the shared logic's) is `state`; the others' are the caller's to add. */
export const newKeyEntry = (lastSeen: number, state: unknown): KeyEntry => ({ state, timer: undefined, thread: undefined, lastSeen });

/** A member's state for a key: no timer, no thread. */
export const newMemberState = (state: unknown): MemberState => ({ state, timer: undefined, thread: undefined });

/** The member's state for the key if it was made (the first member's always is). */
export const memberIfAny = (entry: KeyEntry, member: number): MemberState | undefined =>
  member === 0 ? entry : entry.others?.[member - 1];

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
  if (member === 0) return entry;
  const others = (entry.others ??= []);
  let ms = others[member - 1];
  if (ms === undefined) {
    ms = newMemberState(undefined);
    others[member - 1] = ms;
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

import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { FailureCrowd } from './FailureCrowd.ts';

interface Watch {
  crowd: FailureCrowd;
  /** The last question and its answer; stale once a failed result was noted since (`notes`). */
  from: number;
  to: number;
  notes: number;
  crowded: boolean;
}

/**
 * The {@link FailureCrowd}s of several parameter sets (members) of one detector, for its shared logic: one per
 * distinct `outageUsers`, keeping the longest span any of its members needs — a longer memory answers a member's
 * questions as its own crowd would, as long as they reach back no further than its own span before the latest failure
 * (the detectors' never do) — and the same question asked by several members between two failed results is answered
 * once.
 */
export class FailureCrowds {
  private readonly watches: Watch[] = [];
  private readonly watchOf: Watch[];
  private notes = 0;

  /** @param members - each member's `outageUsers` and the span (ms) its own crowd would keep. */
  constructor(members: ReadonlyArray<{ users: number; keepMs: number }>) {
    const sizes = [...new Set(members.map((m) => m.users))];
    for (const users of sizes) {
      const keepMs = Math.max(...members.filter((m) => m.users === users).map((m) => m.keepMs));
      this.watches.push({ crowd: new FailureCrowd(users, keepMs), from: Number.NaN, to: Number.NaN, notes: -1, crowded: false });
    }
    this.watchOf = members.map((m) => this.watches[sizes.indexOf(m.users)]);
  }

  /** Records a failed push result (events in time order). */
  note(e: CanonicalEvent): void {
    for (const w of this.watches) w.crowd.note(e);
    this.notes++;
  }

  /** Whether `member`'s crowd saw a push outage in `[from, to]` ({@link FailureCrowd.crowded}). */
  crowded(member: number, from: number, to: number): boolean {
    const w = this.watchOf[member];
    if (w.notes !== this.notes || w.from !== from || w.to !== to) {
      w.crowded = w.crowd.crowded(from, to);
      w.from = from;
      w.to = to;
      w.notes = this.notes;
    }
    return w.crowded;
  }
}

import type { Finding, SharedDetectorContext } from '../DetectorDefinition.ts';
import { type ContextHost, type DetectorGroup, type KeyEntry, memberIfAny, memberOf } from './DetectorGroup.ts';

/** The {@link SharedDetectorContext} of a runtime, re-aimed like `MemberContext`; the member is an argument. */
export class SharedContext implements SharedDetectorContext {
  key = '';
  now = 0;
  group!: DetectorGroup;
  entry!: KeyEntry;

  constructor(private readonly runtime: ContextHost) {}

  setTimer(at: number, member: number): void {
    this.runtime.setTimer(this.group, member, this.key, this.entry, memberOf(this.entry, member), at);
  }

  clearTimer(member: number): void {
    const ms = memberIfAny(this.entry, member);
    if (ms?.timer) ms.timer.live = false;
    if (ms) ms.timer = undefined;
  }

  alert(finding: Finding, member: number): void {
    this.runtime.raise(this.group, member, this.key, this.entry, memberOf(this.entry, member), finding, this.now);
  }
}

import type { DetectorContext, Finding } from '../DetectorDefinition.ts';
import type { ContextHost, DetectorGroup, KeyEntry, MemberState } from './DetectorGroup.ts';

/**
 * The one {@link DetectorContext} of a runtime, re-aimed at each (member, key, time) before a detector is called:
 * creating closures per event and detector cost more than the detectors' own work. Valid only during the call.
 */
export class MemberContext implements DetectorContext {
  key = '';
  now = 0;
  member = 0;
  group!: DetectorGroup;
  entry!: KeyEntry;
  memberState!: MemberState;

  constructor(private readonly runtime: ContextHost) {}

  setTimer(at: number): void {
    this.runtime.setTimer(this.group, this.member, this.key, this.entry, this.memberState, at);
  }

  clearTimer(): void {
    const ms = this.memberState;
    if (ms.timer) ms.timer.live = false;
    ms.timer = undefined;
  }

  alert(finding: Finding): void {
    this.runtime.raise(this.group, this.member, this.key, this.entry, this.memberState, finding, this.now);
  }
}

import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { FailureCrowd } from '../../../detectors/_internal/FailureCrowd.ts';
import { FailureCrowds } from '../../../detectors/_internal/FailureCrowds.ts';
import { MINUTE } from '../../../engine/model/duration/timeUnits.ts';

const denied = (id: string, minute: number, user: string, asn: number): CanonicalEvent => ({
  id,
  time: minute * MINUTE,
  source: 'idp',
  type: 'mfa.result',
  user,
  origin: { ip: `198.51.100.${asn}`, asn },
  challenge: { id, factor: 'push', result: 'denied' },
  outcome: 'failure',
});

describe('FailureCrowds', () => {
  it('answers each member as its own FailureCrowd would (within its span), a question asked again after a new failure afresh', () => {
    const members = [
      { users: 2, keepMs: 5 * MINUTE },
      { users: 3, keepMs: 5 * MINUTE },
      { users: 2, keepMs: 30 * MINUTE },
    ];
    const crowds = new FailureCrowds(members);
    const own = members.map((m) => new FailureCrowd(m.users, m.keepMs));
    const events = [denied('a', 10, 'ann', 1), denied('b', 10, 'bob', 2), denied('c', 10, 'cy', 2), denied('d', 40, 'dee', 3)];
    for (const e of events) {
      crowds.note(e);
      for (const c of own) c.note(e);
      // The same question after every failure: its answer changes as the crowd grows within one instant.
      const [from, to] = [e.time - 5 * MINUTE, e.time];
      for (let m = 0; m < members.length; m++) expect([m, crowds.crowded(m, from, to)]).toEqual([m, own[m].crowded(from, to)]);
    }
    expect(crowds.crowded(0, 35 * MINUTE, 40 * MINUTE)).toBe(false);
    expect(crowds.crowded(2, 0, 40 * MINUTE)).toBe(true);
  });
});

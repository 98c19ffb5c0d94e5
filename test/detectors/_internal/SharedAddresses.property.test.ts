import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedAddresses } from '../../../detectors/_internal/SharedAddresses.ts';

/** The plain model: every sign-in ever, per address; nothing compacted, nothing dropped. */
class Reference {
  private readonly signIns = new Map<string, Map<string, number>>();
  constructor(private readonly users: number) {}
  signedIn(address: string, user: string, time: number): void {
    const latest = this.signIns.get(address) ?? new Map<string, number>();
    this.signIns.set(address, latest);
    latest.set(user, time);
  }
  /** At least `users` distinct users whose latest sign-in there is at or after `since`, among its latest `users` users. */
  shared(address: string, since: number): boolean {
    const times = [...(this.signIns.get(address)?.values() ?? [])].sort((a, b) => b - a).slice(0, this.users);
    return times.length >= this.users && times[times.length - 1] >= since;
  }
  signedInSince(address: string, user: string, since: number): boolean {
    return (this.signIns.get(address)?.get(user) ?? -Infinity) >= since || this.shared(address, since);
  }
}

type Step = { dt: number; address: number; user: number; back: number };

/**
 * Sign-ins at non-decreasing times from a pool of addresses and users, each followed by questions about a few addresses
 * with `since` at most the lookback back. A narrow pool gives addresses second and third users; a wide one (`spread`
 * 0) signs in from the latest 40 addresses of an ever-growing list, so the table (pruning from 8 entries) drops old
 * ones again and again while the questions are about addresses still in the lookback.
 */
const runArb = fc.record({
  users: fc.integer({ min: 1, max: 4 }),
  keepMs: fc.integer({ min: 1, max: 50 }),
  spread: fc.constantFrom(3, 12, 0),
  steps: fc.array(
    fc.record({ dt: fc.integer({ min: 0, max: 3 }), address: fc.nat(), user: fc.integer({ min: 0, max: 5 }), back: fc.nat() }),
    { maxLength: 300, size: 'max' },
  ),
});

describe('SharedAddresses (property)', () => {
  it('answers shared and signedInSince as the model with every sign-in kept does, old entries dropped and all', () => {
    fc.assert(
      fc.property(runArb, ({ users, keepMs, spread, steps }: { users: number; keepMs: number; spread: number; steps: Step[] }) => {
        const table = new SharedAddresses(users, keepMs, 8);
        const reference = new Reference(users);
        let now = 0;
        for (const [i, step] of steps.entries()) {
          now += step.dt;
          const near = (k: number) => `a${spread === 0 ? i - (k % 40) : k % spread}`;
          const address = near(step.address);
          table.signedIn(address, `u${step.user}`, now);
          reference.signedIn(address, `u${step.user}`, now);
          const since = now - (step.back % (keepMs + 1));
          for (const asked of [address, near(step.address + 1), near(step.back), near(i)]) {
            expect(table.shared(asked, since), `${asked} since ${since}`).toBe(reference.shared(asked, since));
            for (const user of ['u0', `u${step.user}`])
              expect(table.signedInSince(asked, user, since)).toBe(reference.signedInSince(asked, user, since));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('drops what no lookback reaches: a thousand one-off addresses leave a table the size of the recent ones', () => {
    const table = new SharedAddresses(3, 10);
    for (let t = 0; t < 5000; t++) table.signedIn(`a${t}`, 'u', t);
    // Only the entries of the last pruning interval stay; without pruning all 5,000 would.
    expect((table as unknown as { slots: Map<string, number> }).slots.size).toBeLessThan(1100);
  });
});

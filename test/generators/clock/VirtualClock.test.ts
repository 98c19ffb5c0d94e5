import { assign, createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../generators/clock/index.ts';

const T0 = Date.UTC(2026, 2, 2);

describe('VirtualClock', () => {
  it('starts at the given time with nothing pending', () => {
    const clock = new VirtualClock(T0);
    expect(clock.now()).toBe(T0);
    expect(clock.pending).toBe(0);
    expect(clock.firedCount).toBe(0);
    expect(clock.peek()).toBeUndefined();
  });

  it('runs callbacks in due order, not insertion order, with now() at each due time', () => {
    const clock = new VirtualClock(T0);
    const log: Array<[string, number]> = [];
    clock.setTimeout(() => log.push(['c', clock.now() - T0]), 300);
    clock.setTimeout(() => log.push(['a', clock.now() - T0]), 100);
    clock.setTimeout(() => log.push(['b', clock.now() - T0]), 200);
    expect(clock.pending).toBe(3);
    expect(clock.peek()).toBe(T0 + 100);
    expect(clock.runUntil(T0 + 1000)).toBe(3);
    expect(log).toEqual([
      ['a', 100],
      ['b', 200],
      ['c', 300],
    ]);
    expect(clock.now()).toBe(T0 + 1000);
    expect(clock.pending).toBe(0);
    expect(clock.firedCount).toBe(3);
  });

  it('runs timers due at the same instant in insertion order', () => {
    const clock = new VirtualClock(T0);
    const log: number[] = [];
    for (let i = 0; i < 20; i++) clock.setTimeout(() => log.push(i), 500);
    clock.setTimeout(() => log.push(-1), 499);
    clock.runUntil(T0 + 500);
    expect(log).toEqual([-1, ...Array.from({ length: 20 }, (_, i) => i)]);
  });

  it('gives handles with the due time and an increasing sequence', () => {
    const clock = new VirtualClock(T0);
    const a = clock.setTimeout(() => {}, 10);
    const b = clock.setTimeout(() => {}, 5);
    expect(a.due).toBe(T0 + 10);
    expect(b.due).toBe(T0 + 5);
    expect(b.seq).toBe(a.seq + 1);
  });

  it('runs a timer due exactly at `until`, and not one a millisecond later', () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    clock.setTimeout(() => log.push('at'), 1000);
    clock.setTimeout(() => log.push('after'), 1001);
    expect(clock.runUntil(T0 + 1000)).toBe(1);
    expect(log).toEqual(['at']);
    expect(clock.pending).toBe(1);
    expect(clock.peek()).toBe(T0 + 1001);
    expect(clock.runUntil(T0 + 1001)).toBe(1);
    expect(log).toEqual(['at', 'after']);
  });

  describe('cancellation', () => {
    it('never runs a cancelled timer and keeps `pending` right', () => {
      const clock = new VirtualClock(T0);
      const log: string[] = [];
      const a = clock.setTimeout(() => log.push('a'), 10);
      const b = clock.setTimeout(() => log.push('b'), 20);
      clock.setTimeout(() => log.push('c'), 30);
      expect(clock.pending).toBe(3);
      clock.clearTimeout(b);
      expect(clock.pending).toBe(2);
      clock.clearTimeout(b); // twice: no-op
      expect(clock.pending).toBe(2);
      clock.clearTimeout(undefined);
      expect(clock.pending).toBe(2);
      clock.runUntil(T0 + 15);
      expect(log).toEqual(['a']);
      expect(clock.pending).toBe(1);
      clock.clearTimeout(a); // after it ran: no-op
      expect(clock.pending).toBe(1);
      expect(clock.runUntil(T0 + 100)).toBe(1);
      expect(log).toEqual(['a', 'c']);
      expect(clock.pending).toBe(0);
      expect(clock.firedCount).toBe(2);
    });

    it('skips a cancelled head in peek()', () => {
      const clock = new VirtualClock(T0);
      const a = clock.setTimeout(() => {}, 10);
      clock.setTimeout(() => {}, 20);
      clock.clearTimeout(a);
      expect(clock.peek()).toBe(T0 + 20);
    });

    it('lets a callback cancel a later timer due at the same instant', () => {
      const clock = new VirtualClock(T0);
      const log: string[] = [];
      let later: ReturnType<VirtualClock['setTimeout']> | undefined;
      clock.setTimeout(() => {
        log.push('first');
        clock.clearTimeout(later);
      }, 50);
      later = clock.setTimeout(() => log.push('second'), 50);
      expect(clock.runUntil(T0 + 50)).toBe(1);
      expect(log).toEqual(['first']);
      expect(clock.pending).toBe(0);
    });

    it('lets a callback cancel itself (a no-op: it already runs)', () => {
      const clock = new VirtualClock(T0);
      const self: { h?: ReturnType<VirtualClock['setTimeout']> } = {};
      self.h = clock.setTimeout(() => clock.clearTimeout(self.h), 5);
      clock.setTimeout(() => {}, 6);
      clock.runUntil(T0 + 5);
      expect(clock.pending).toBe(1);
    });
  });

  describe('timers scheduled inside the window (the xstate SimulatedClock bug)', () => {
    it('runs a timer set by a callback in the same runUntil, at its own due time', () => {
      const clock = new VirtualClock(T0);
      const log: Array<[string, number]> = [];
      clock.setTimeout(() => {
        log.push(['outer', clock.now() - T0]);
        clock.setTimeout(() => {
          log.push(['inner', clock.now() - T0]);
          clock.setTimeout(() => log.push(['innermost', clock.now() - T0]), 250);
        }, 100);
      }, 100);
      clock.setTimeout(() => log.push(['between', clock.now() - T0]), 150);
      expect(clock.runUntil(T0 + 10_000)).toBe(4);
      expect(log).toEqual([
        ['outer', 100],
        ['between', 150],
        ['inner', 200],
        ['innermost', 450],
      ]);
      expect(clock.now()).toBe(T0 + 10_000);
    });

    it('runs a zero-delay timer set by a callback after the timers already due at that instant', () => {
      const clock = new VirtualClock(T0);
      const log: string[] = [];
      clock.setTimeout(() => {
        log.push('a');
        clock.setTimeout(() => log.push('a0'), 0);
      }, 10);
      clock.setTimeout(() => log.push('b'), 10);
      clock.runUntil(T0 + 10);
      expect(log).toEqual(['a', 'b', 'a0']);
    });

    it('leaves a timer set by a callback beyond the window for a later runUntil', () => {
      const clock = new VirtualClock(T0);
      const log: number[] = [];
      clock.setTimeout(() => clock.setTimeout(() => log.push(clock.now() - T0), 1000), 500);
      clock.runUntil(T0 + 1000);
      expect(log).toEqual([]);
      expect(clock.pending).toBe(1);
      expect(clock.peek()).toBe(T0 + 1500);
      clock.runUntil(T0 + 2000);
      expect(log).toEqual([1500]);
    });
  });

  describe('time', () => {
    it('never goes backwards: runUntil to an earlier time runs nothing and keeps now', () => {
      const clock = new VirtualClock(T0);
      clock.setTimeout(() => {}, 5000);
      clock.runUntil(T0 + 1000);
      expect(clock.runUntil(T0 + 500)).toBe(0);
      expect(clock.now()).toBe(T0 + 1000);
      expect(clock.pending).toBe(1);
    });

    it('runUntil sets now to the target even with no timers', () => {
      const clock = new VirtualClock(T0);
      expect(clock.runUntil(T0 + 12_345)).toBe(0);
      expect(clock.now()).toBe(T0 + 12_345);
    });

    it('rounds delays to whole milliseconds', () => {
      const clock = new VirtualClock(T0);
      expect(clock.setTimeout(() => {}, 0.4).due).toBe(T0);
      expect(clock.setTimeout(() => {}, 0.5).due).toBe(T0 + 1);
      expect(clock.setTimeout(() => {}, 1234.4999).due).toBe(T0 + 1234);
      expect(clock.setTimeout(() => {}, 1234.5).due).toBe(T0 + 1235);
      const times: number[] = [];
      clock.setTimeout(() => times.push(clock.now()), 99.7);
      clock.runUntil(T0 + 200);
      expect(times).toEqual([T0 + 100]);
      expect(Number.isInteger(times[0])).toBe(true);
    });

    it('treats negative and NaN delays as 0 (due now, never in the past)', () => {
      const clock = new VirtualClock(T0);
      clock.runUntil(T0 + 100);
      expect(clock.setTimeout(() => {}, -50).due).toBe(T0 + 100);
      expect(clock.setTimeout(() => {}, -0.2).due).toBe(T0 + 100);
      expect(clock.setTimeout(() => {}, Number.NaN).due).toBe(T0 + 100);
      const seen: number[] = [];
      clock.setTimeout(() => seen.push(clock.now()), -1e9);
      clock.runUntil(T0 + 100);
      expect(seen).toEqual([T0 + 100]);
    });

    it('schedule(at) rounds and clamps an absolute time to now', () => {
      const clock = new VirtualClock(T0);
      clock.runUntil(T0 + 100);
      expect(clock.schedule(T0 + 50, () => {}).due).toBe(T0 + 100);
      expect(clock.schedule(T0 + 200.6, () => {}).due).toBe(T0 + 201);
    });
  });

  describe('as the xstate clock', () => {
    const machine = setup({}).createMachine({
      id: 'ab',
      initial: 'a',
      states: { a: { after: { 1000: 'b' } }, b: {} },
    });

    it('fires `after: { 1000 }` exactly when virtual time reaches 1000 ms, not before', () => {
      const clock = new VirtualClock(T0);
      const actor = createActor(machine, { clock });
      actor.start();
      expect(actor.getSnapshot().value).toBe('a');
      expect(clock.pending).toBe(1);
      expect(clock.peek()).toBe(T0 + 1000);
      clock.runUntil(T0 + 999);
      expect(actor.getSnapshot().value).toBe('a');
      clock.runUntil(T0 + 1000);
      expect(actor.getSnapshot().value).toBe('b');
      expect(clock.pending).toBe(0);
      actor.stop();
    });

    it('never fires on real time', async () => {
      const clock = new VirtualClock(T0);
      const fast = setup({}).createMachine({ initial: 'a', states: { a: { after: { 1: 'b' } }, b: {} } });
      const actor = createActor(fast, { clock });
      actor.start();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(actor.getSnapshot().value).toBe('a');
      actor.stop();
    });

    it('cancels the delayed transition when the state is left first', () => {
      const clock = new VirtualClock(T0);
      const m = setup({ types: { events: {} as { type: 'GO' } } }).createMachine({
        initial: 'a',
        states: { a: { after: { 1000: 'b' }, on: { GO: 'c' } }, b: {}, c: {} },
      });
      const actor = createActor(m, { clock });
      actor.start();
      clock.runUntil(T0 + 500);
      actor.send({ type: 'GO' });
      expect(clock.pending).toBe(0);
      clock.runUntil(T0 + 5000);
      expect(actor.getSnapshot().value).toBe('c');
      actor.stop();
    });

    it('runs a chain of delays in one runUntil, each state entered at its own virtual time', () => {
      const clock = new VirtualClock(T0);
      const m = setup({ types: { context: {} as { entered: number[] } } }).createMachine({
        initial: 's0',
        context: { entered: [] },
        states: {
          s0: { after: { 300: 's1' } },
          s1: { entry: assign({ entered: ({ context }) => [...context.entered, clock.now() - T0] }), after: { 300: 's2' } },
          s2: { entry: assign({ entered: ({ context }) => [...context.entered, clock.now() - T0] }), after: { 400: 's3' } },
          s3: { entry: assign({ entered: ({ context }) => [...context.entered, clock.now() - T0] }) },
        },
      });
      const actor = createActor(m, { clock });
      actor.start();
      clock.runUntil(T0 + 60_000);
      expect(actor.getSnapshot().value).toBe('s3');
      expect(actor.getSnapshot().context.entered).toEqual([300, 600, 1000]);
      actor.stop();
    });
  });
});

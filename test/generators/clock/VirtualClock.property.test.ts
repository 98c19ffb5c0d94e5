import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock, type TimerHandle } from '../../../generators/clock/index.ts';

const T0 = Date.UTC(2026, 2, 2);

/** The obvious discrete-event clock: a list scanned for the smallest (due, seq) each step. The model to compare to. */
class NaiveClock {
  private entries: Array<{ due: number; seq: number; fn: (() => void) | null }> = [];
  private seq = 0;
  constructor(private time: number) {}
  now() {
    return this.time;
  }
  get pending() {
    return this.entries.filter((e) => e.fn !== null).length;
  }
  setTimeout(fn: () => void, delayMs: number) {
    const entry = { due: this.time + (delayMs > 0 ? Math.round(delayMs) : 0), seq: this.seq++, fn: fn as (() => void) | null };
    this.entries.push(entry);
    return entry;
  }
  clearTimeout(handle: { fn: (() => void) | null } | undefined) {
    if (handle) handle.fn = null;
  }
  runUntil(until: number) {
    let ran = 0;
    for (;;) {
      let best: (typeof this.entries)[number] | undefined;
      for (const e of this.entries) {
        if (e.fn === null || e.due > until) continue;
        if (!best || e.due < best.due || (e.due === best.due && e.seq < best.seq)) best = e;
      }
      if (!best) break;
      const fn = best.fn!;
      best.fn = null;
      this.time = best.due;
      ran++;
      fn();
    }
    if (until > this.time) this.time = until;
    return ran;
  }
}

interface ClockLike {
  now(): number;
  readonly pending: number;
  setTimeout(fn: () => void, delayMs: number): unknown;
  /** The real clock's message timer; the model has none and stands in with a closure. */
  sendAfter?<E>(to: { send(event: E): void }, event: E, delayMs: number): unknown;
  clearTimeout(handle: never): void;
  runUntil(until: number): number;
}

/** What a callback does when it runs: schedule children, and maybe cancel some earlier-scheduled timer. */
interface Spec {
  delay: number;
  /** Scheduled as a message to a receiver (`sendAfter`) rather than a callback (`setTimeout`). */
  message: boolean;
  cancel: number | null;
  children: readonly Spec[];
}

/** Root timers, cancellations made before running, and the successive runUntil steps (relative, may go back). */
interface Script {
  roots: Spec[];
  cancelsBefore: number[];
  steps: number[];
}

const delayArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2000 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 100, 500) }, // plenty of ties
  { weight: 1, arbitrary: fc.double({ min: -500, max: 2000, noNaN: true }) },
);

const specArb: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.record({
    delay: delayArb,
    message: fc.boolean(),
    cancel: fc.option(fc.nat({ max: 1000 }), { freq: 4 }),
    children: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant([]), fc.array(tie('spec'), { maxLength: 3 })),
  }),
})).spec;

const scriptArb: fc.Arbitrary<Script> = fc.record({
  roots: fc.array(specArb, { maxLength: 25 }),
  cancelsBefore: fc.array(fc.nat({ max: 1000 }), { maxLength: 5 }),
  steps: fc.array(fc.integer({ min: -500, max: 3000 }), { minLength: 1, maxLength: 6 }),
});

/** Runs a script on a clock and returns the trace: (label, now) per callback, plus now/pending after each step. */
function play(clock: ClockLike, script: Script) {
  const handles: unknown[] = [];
  const trace: Array<string | number> = [];
  let label = 0;
  const add = (spec: Spec) => {
    const me = label++;
    const run = (event: number) => {
      trace.push(`run ${event}@${clock.now() - T0}`);
      if (spec.cancel !== null && handles.length > 0) clock.clearTimeout(handles[spec.cancel % handles.length] as never);
      for (const child of spec.children) add(child);
    };
    handles.push(
      spec.message && clock.sendAfter ? clock.sendAfter({ send: run }, me, spec.delay) : clock.setTimeout(() => run(me), spec.delay),
    );
  };
  for (const spec of script.roots) add(spec);
  for (const c of script.cancelsBefore) if (handles.length > 0) clock.clearTimeout(handles[c % handles.length] as never);
  let target = T0;
  for (const step of script.steps) {
    target += step;
    const ran = clock.runUntil(target);
    trace.push(`step ran=${ran} now=${clock.now() - T0} pending=${clock.pending}`);
  }
  return trace;
}

describe('VirtualClock (properties)', () => {
  it('behaves like the naive (due, insertion) model on arbitrary schedules, nested timers, messages and cancellations', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const real = play(new VirtualClock(T0), script);
        const model = play(new NaiveClock(T0), script);
        expect(real).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });

  it('runs flat schedules in the order of a stable sort by due time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (delays) => {
        const clock = new VirtualClock(T0);
        const ran: number[] = [];
        for (const [i, d] of delays.entries()) clock.setTimeout(() => ran.push(i), d);
        clock.runUntil(T0 + 50);
        const expected = delays
          .map((d, i) => ({ d, i }))
          .sort((a, b) => a.d - b.d)
          .map((x) => x.i); // Array#sort is stable
        expect(ran).toEqual(expected);
      }),
    );
  });

  it('never runs cancelled timers; pending counts exactly the live ones (cancelling twice or after run is a no-op)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 1000 }), cancel: fc.boolean(), twice: fc.boolean() }), { maxLength: 100 }),
        fc.integer({ min: 0, max: 1000 }),
        (timers, mid) => {
          const clock = new VirtualClock(T0);
          const ran = new Set<number>();
          const handles = timers.map((t, i) => clock.setTimeout(() => ran.add(i), t.delay));
          timers.forEach((t, i) => {
            if (t.cancel) clock.clearTimeout(handles[i]);
            if (t.cancel && t.twice) clock.clearTimeout(handles[i]);
          });
          const live = timers.filter((t) => !t.cancel).length;
          expect(clock.pending).toBe(live);
          clock.runUntil(T0 + mid);
          const ranMid = timers.filter((t) => !t.cancel && t.delay <= mid).length;
          expect(ran.size).toBe(ranMid);
          expect(clock.pending).toBe(live - ranMid);
          // Cancelling everything that already ran changes nothing.
          timers.forEach((_t, i) => {
            if (ran.has(i)) clock.clearTimeout(handles[i]);
          });
          expect(clock.pending).toBe(live - ranMid);
          clock.runUntil(T0 + 1000);
          expect(clock.pending).toBe(0);
          for (const [i, t] of timers.entries()) expect(ran.has(i)).toBe(!t.cancel);
          expect(clock.firedCount).toBe(live);
        },
      ),
    );
  });

  it('now() inside a callback equals its due time; time never goes backwards; runUntil ends at max(now, until)', () => {
    fc.assert(
      fc.property(
        fc.array(delayArb, { maxLength: 60 }),
        fc.array(fc.integer({ min: -1000, max: 3000 }), { minLength: 1, maxLength: 8 }),
        (delays, steps) => {
          const clock = new VirtualClock(T0);
          const observed: number[] = [];
          const handles: TimerHandle[] = [];
          delays.forEach((d) => {
            const h = clock.setTimeout(() => {
              expect(clock.now()).toBe(h.due);
              observed.push(clock.now());
              // A child at half the delay: scheduled inside the window, must still be ordered.
              const child = clock.setTimeout(() => {
                expect(clock.now()).toBe(child.due);
                observed.push(clock.now());
              }, d / 2);
            }, d);
            handles.push(h);
            expect(Number.isInteger(h.due)).toBe(true);
            expect(h.due).toBe(T0 + (d > 0 ? Math.round(d) : 0));
          });
          let target = T0;
          let last = clock.now();
          for (const step of steps) {
            target += step;
            clock.runUntil(target);
            expect(clock.now()).toBe(Math.max(last, target));
            last = clock.now();
          }
          for (let i = 1; i < observed.length; i++) expect(observed[i]).toBeGreaterThanOrEqual(observed[i - 1]);
          for (const t of observed) expect(t).toBeLessThanOrEqual(clock.now());
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { assign, createActor, setup, type AnyActorRef } from 'xstate';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../../engine/model/errors/SimulationError.ts';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { World } from '../../../generators/world/World.ts';
import { RecordBuffer } from '../../../generators/world/_internal/RecordBuffer.ts';
import type { Cell, EventDraft } from '../../../generators/world/WorldPort.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const minute = 60_000;
const day = 86_400_000;
const hour = 3_600_000;

const ev = (id: string, time = 0): CanonicalEvent => ({ id, time, source: 'idp', type: 'auth.attempt', user: 'a@example.org' });
const draft = (time: number, extra: Partial<Omit<EventDraft, 'id'>> = {}): EventDraft => ({
  id: '',
  time,
  source: 'idp',
  type: 'auth.attempt',
  user: 'a@example.org',
  ...extra,
});
/** A cell with stand-in actors: enough for emit/nextTxn, which only need the cell registered. */
const cell = (index: number): Cell => ({ index, identity: {} as never, user: {} as never, idp: {} as never, phone: {} as never });

describe('RecordBuffer', () => {
  it('hands records out by (time, cell, emission sequence)', () => {
    const buffer = new RecordBuffer();
    const input: Array<[number, number, number, string]> = [
      [20, 0, 0, 'd'],
      [10, 1, 0, 'b'],
      [10, 0, 1, 'a1'],
      [30, 0, 2, 'e'],
      [10, 0, 0, 'a0'],
      [10, 2, 5, 'c'],
    ];
    for (const [time, c, seq, id] of input) buffer.push(time, c, seq, ev(id, time), undefined);
    expect(buffer.size).toBe(6);
    const out: string[] = [];
    buffer.drainAll((e) => out.push(e.id));
    expect(out).toEqual(['a0', 'a1', 'b', 'c', 'd', 'e']);
    expect(buffer.size).toBe(0);
  });

  it('drainBefore(t) writes only records strictly before t, and keeps the rest in order', () => {
    const buffer = new RecordBuffer();
    buffer.push(5, 0, 0, ev('a', 5), undefined);
    buffer.push(10, 0, 1, ev('b', 10), undefined);
    buffer.push(9, 1, 0, ev('c', 9), undefined);
    buffer.push(11, 0, 2, ev('d', 11), undefined);
    const out: string[] = [];
    buffer.drainBefore(10, (e) => out.push(e.id));
    expect(out).toEqual(['a', 'c']);
    expect(buffer.size).toBe(2);
    buffer.drainBefore(10, (e) => out.push(e.id));
    expect(out).toEqual(['a', 'c']);
    buffer.drainBefore(11, (e) => out.push(e.id));
    expect(out).toEqual(['a', 'c', 'b']);
    buffer.drainAll((e) => out.push(e.id));
    expect(out).toEqual(['a', 'c', 'b', 'd']);
  });

  it('sorts any input like a stable sort by (time, cell, seq) (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 20 }), cell: fc.integer({ min: 0, max: 4 }) }), { maxLength: 200 }),
        (rows) => {
          const buffer = new RecordBuffer();
          const seqs = [0, 0, 0, 0, 0];
          const entries = rows.map((r, i) => ({ ...r, seq: seqs[r.cell]++, id: String(i) }));
          for (const e of entries) buffer.push(e.time, e.cell, e.seq, ev(e.id, e.time), undefined);
          const out: string[] = [];
          buffer.drainAll((e) => out.push(e.id));
          const expected = [...entries].sort((a, b) => a.time - b.time || a.cell - b.cell || a.seq - b.seq).map((e) => e.id);
          expect(out).toEqual(expected);
        },
      ),
    );
  });

  it('gives a sorted stream when records are pushed no earlier than the last drain point (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('push' as const), ahead: fc.integer({ min: 0, max: 30 }), cell: fc.integer({ min: 0, max: 3 }) }),
            fc.record({ kind: fc.constant('drain' as const), step: fc.integer({ min: 0, max: 20 }) }),
          ),
          { maxLength: 150 },
        ),
        (ops) => {
          const buffer = new RecordBuffer();
          const seqs = [0, 0, 0, 0];
          let now = 0;
          const out: CanonicalEvent[] = [];
          let n = 0;
          for (const op of ops) {
            if (op.kind === 'push') {
              const time = now + op.ahead;
              buffer.push(time, op.cell, seqs[op.cell]++, ev(String(n++), time), undefined);
            } else {
              now += op.step;
              buffer.drainBefore(now, (e) => out.push(e));
              expect(out.every((e) => e.time < now)).toBe(true);
            }
          }
          buffer.drainAll((e) => out.push(e));
          expect(out.length).toBe(n);
          for (let i = 1; i < out.length; i++) expect(out[i].time).toBeGreaterThanOrEqual(out[i - 1].time);
        },
      ),
    );
  });
});

describe('World', () => {
  const scenario = tinyScenario({
    attacks: false,
    outages: [
      { at: { day: 1, minuteOfDay: 90 }, durationMs: 30 * minute },
      { at: { day: 0, minuteOfDay: 0 }, durationMs: 1 },
    ],
  });
  const start = scenario.startMs;

  it('gives ids u<cell base 36>.<per-cell sequence base 36>, stable per cell whatever the interleaving', () => {
    const world = new World(scenario, () => {});
    for (const i of [0, 1, 35, 36]) world.addCell(cell(i));
    expect(world.emit(0, draft(start))).toBe('u0.0');
    expect(world.emit(35, draft(start))).toBe('uz.0');
    expect(world.emit(0, draft(start))).toBe('u0.1');
    expect(world.emit(36, draft(start))).toBe('u10.0');
    expect(world.emit(1, draft(start))).toBe('u1.0');
    for (let k = 2; k < 36; k++) world.emit(0, draft(start));
    expect(world.emit(0, draft(start))).toBe('u0.10');
    expect(world.emit(35, draft(start))).toBe('uz.1');
  });

  it('numbers transactions per cell: t<cell36>.<n36>', () => {
    const world = new World(scenario, () => {});
    world.addCell(cell(0));
    world.addCell(cell(11));
    expect(world.nextTxn(11)).toBe('tb.0');
    expect(world.nextTxn(0)).toBe('t0.0');
    expect(world.nextTxn(11)).toBe('tb.1');
  });

  it('writes records to the sink only once time has passed them, sorted by (time, cell, emission), and counts them', () => {
    const out: CanonicalEvent[] = [];
    const world = new World(scenario, (e) => out.push(e));
    world.addCell(cell(0));
    world.addCell(cell(1));
    world.clock.setTimeout(() => {
      world.emit(1, draft(world.clock.now(), { type: 'mfa.challenge' }));
      world.emit(0, draft(world.clock.now(), { type: 'auth.attempt', source: 'mac' as never }));
    }, 1000);
    world.clock.setTimeout(() => world.emit(0, draft(world.clock.now(), { type: 'session.start' })), 2000);
    world.advance(start + 1000);
    expect(out).toEqual([]); // records at exactly `now` may still be joined by others at the same instant
    world.advance(start + 1500);
    expect(out.map((e) => e.id)).toEqual(['u0.0', 'u1.0']);
    world.advance(start + 2000);
    expect(out.length).toBe(2);
    world.finish();
    expect(out.map((e) => e.id)).toEqual(['u0.0', 'u1.0', 'u0.1']);
    expect(out.map((e) => e.time)).toEqual([start + 1000, start + 1000, start + 2000]);
    expect(world.records).toBe(3);
    expect(world.byType).toEqual({ 'mfa.challenge': 1, 'auth.attempt': 1, 'session.start': 1 });
    expect(world.bySource).toEqual({ idp: 2, mac: 1 });
  });

  it('keeps labels out of events, and tallies prompts and the first approval per incident (not for noise)', () => {
    const out: CanonicalEvent[] = [];
    const labels: Record<string, string> = {};
    const world = new World(scenario, (e, label) => {
      out.push(e);
      if (label !== undefined) labels[e.id] = label;
    });
    world.addCell(cell(0));
    const challenge = (time: number, outcome: 'success' | 'failure') =>
      draft(time, { type: 'mfa.challenge', outcome, challenge: { id: `c${time}`, factor: 'push' } });
    const result = (time: number, r: 'approved' | 'denied') =>
      draft(time, { type: 'mfa.result', challenge: { id: `c${time}`, factor: 'push', result: r } });
    const a = world.emit(0, challenge(start + 1, 'success'), 'burst#1');
    world.emit(0, challenge(start + 2, 'failure'), 'burst#1');
    world.emit(0, challenge(start + 3, 'success'), 'burst#1');
    world.emit(0, result(start + 4, 'denied'), 'burst#1');
    world.emit(0, result(start + 5, 'approved'), 'burst#1');
    world.emit(0, result(start + 6, 'approved'), 'burst#1');
    world.emit(0, challenge(start + 7, 'success'), 'noise:retry');
    world.emit(0, result(start + 8, 'approved'), 'noise:retry');
    const unlabelled = world.emit(0, challenge(start + 9, 'success'));
    expect(world.tallies.get('burst#1')).toEqual({ prompts: 2, compromisedAt: start + 5 });
    expect(world.tallies.has('noise:retry')).toBe(false);
    world.finish();
    // Labels travel beside each record to the sink, never inside it.
    expect(labels[a]).toBe('burst#1');
    expect(labels[unlabelled]).toBeUndefined();
    expect(Object.keys(labels).length).toBe(8);
    expect(out.length).toBe(9);
    for (const e of out) expect(Object.keys(e)).not.toContain('label');
  });

  it('outageAt: outage windows are half-open [start, start + duration), at UTC offsets from the scenario start', () => {
    const world = new World(scenario, () => {});
    const isOutage = (at: number) => world.outageAt(at, 'Slack', 'Europe/London') !== undefined;
    const from = start + day + 90 * minute;
    const to = from + 30 * minute;
    expect(isOutage(from - 1)).toBe(false);
    expect(isOutage(from)).toBe(true);
    expect(isOutage(from + 15 * minute)).toBe(true);
    expect(isOutage(to - 1)).toBe(true);
    expect(isOutage(to)).toBe(false);
    expect(isOutage(start)).toBe(true);
    expect(isOutage(start + 1)).toBe(false);
    expect(new World(tinyScenario({ attacks: false }), () => {}).outageAt(from, 'Slack', 'Europe/London')).toBeUndefined();
  });

  it('outageAt: an outage scoped to one application or one time zone reaches only those sign-ins', () => {
    const scoped = tinyScenario({
      attacks: false,
      outages: [
        { at: { day: 0, minuteOfDay: 0 }, durationMs: day, scope: { app: 'Slack' } },
        { at: { day: 1, minuteOfDay: 0 }, durationMs: day, scope: { timeZone: 'Europe/London' } },
      ],
    });
    const world = new World(scoped, () => {});
    const t0 = scoped.startMs + hour;
    expect(world.outageAt(t0, 'Slack', 'America/New_York')?.index).toBe(0);
    expect(world.outageAt(t0, 'Zoom', 'America/New_York')).toBeUndefined();
    expect(world.outageAt(t0 + day, 'Zoom', 'Europe/London')?.index).toBe(1);
    expect(world.outageAt(t0 + day, 'Zoom', 'America/New_York')).toBeUndefined();
  });

  it('delivers a message to an actor after the latency, on virtual time', () => {
    const world = new World(scenario, () => {});
    const receiver = setup({ types: { context: {} as { at: number[] }, events: {} as { type: 'PING' } } }).createMachine({
      context: { at: [] },
      on: { PING: { actions: assign({ at: ({ context }) => [...context.at, world.clock.now() - start] }) } },
    });
    const actor = createActor(receiver, { clock: world.clock });
    actor.start();
    world.deliver(actor, { type: 'PING' }, 250.4);
    world.deliver(actor, { type: 'PING' }, 0);
    world.advance(start + 249);
    expect(actor.getSnapshot().context.at).toEqual([0]);
    world.advance(start + 250);
    expect(actor.getSnapshot().context.at).toEqual([0, 250]);
    actor.stop();
  });

  describe('an actor that throws', () => {
    const failing = (afterMs: number, message: string) =>
      setup({}).createMachine({
        initial: 'ok',
        states: {
          ok: {
            after: {
              [afterMs]: {
                target: 'broken',
                actions: () => {
                  throw new Error(message);
                },
              },
            },
          },
          broken: {},
        },
      });

    const watched = (world: World, machine: ReturnType<typeof failing>, id: string): AnyActorRef => {
      const actor = createActor(machine, { clock: world.clock });
      world.watch(actor, id);
      actor.start();
      return actor;
    };

    it('makes advance throw a SimulationError naming the actor id and the virtual time', () => {
      const world = new World(scenario, () => {});
      watched(world, failing(1000, 'boom'), 'x:1');
      world.advance(start + 999);
      let error: unknown;
      try {
        world.advance(start + 5000);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimulationError);
      const sim = error as SimulationError;
      expect(sim.name).toBe('SimulationError');
      expect(sim.actorId).toBe('x:1');
      expect(sim.virtualTime).toBe(start + 1000);
      expect((sim.cause as Error).message).toBe('boom');
      expect(sim.message).toBe('actor x:1 failed at virtual time 2026-03-02T00:00:01.000Z: boom');
    });

    it('reports the first failure when several actors fail', () => {
      const world = new World(scenario, () => {});
      watched(world, failing(3000, 'later'), 'x:late');
      watched(world, failing(2000, 'first'), 'x:early');
      expect(() => world.advance(start + 10_000)).toThrow('actor x:early failed at virtual time 2026-03-02T00:00:02.000Z: first');
    });

    it('fails on an error inside an action run by a delivered message', () => {
      const world = new World(scenario, () => {});
      const m = setup({ types: { events: {} as { type: 'HIT' } } }).createMachine({
        on: {
          HIT: {
            actions: () => {
              throw new TypeError('bad message');
            },
          },
        },
      });
      const actor = createActor(m, { clock: world.clock });
      world.watch(actor, 'user:3');
      actor.start();
      world.deliver(actor, { type: 'HIT' }, 42_000);
      expect(() => world.advance(start + minute)).toThrow(/^actor user:3 failed at virtual time 2026-03-02T00:00:42\.000Z: bad message$/);
    });

    it('fails on an error in an entry action run at start', () => {
      const world = new World(scenario, () => {});
      const m = setup({}).createMachine({
        entry: () => {
          throw new Error('cannot start');
        },
      });
      const actor = createActor(m, { clock: world.clock });
      world.watch(actor, 'phone:0');
      actor.start();
      expect(() => world.advance(start + 1)).toThrow('actor phone:0 failed at virtual time 2026-03-02T00:00:00.000Z: cannot start');
    });
  });
});

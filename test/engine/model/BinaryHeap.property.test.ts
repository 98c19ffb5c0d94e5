import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BinaryHeap } from '../../../engine/model/BinaryHeap.ts';

interface Item {
  time: number;
  seq: number;
}

const byTimeThenSeq = (a: Item, b: Item) => a.time < b.time || (a.time === b.time && a.seq < b.seq);

/** Pushes (times from a small range, so ties are common) and pops, interleaved. */
const opsArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant<'pop'>('pop')), { maxLength: 200 });

describe('BinaryHeap (property)', () => {
  it('pops in (time, seq) order — ties by time first in, first out — whatever the interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const heap = new BinaryHeap<Item>(byTimeThenSeq);
        const model: Item[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op === 'pop') {
            // The model: the earliest time, and among equal times the earliest pushed.
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
            expect(heap.pop()).toBe(model.shift());
          } else {
            const item = { time: op, seq: seq++ };
            heap.push(item);
            model.push(item);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe([...model].sort((a, b) => a.time - b.time || a.seq - b.seq)[0]);
        }
        const rest: Item[] = [];
        for (let item = heap.pop(); item !== undefined; item = heap.pop()) rest.push(item);
        expect(rest).toEqual(model.sort((a, b) => a.time - b.time || a.seq - b.seq));
      }),
    );
  });

  it('sorts any list of numbers as Array.prototype.sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (xs) => {
        const heap = new BinaryHeap<number>((a, b) => a < b);
        for (const x of xs) heap.push(x);
        const out: number[] = [];
        while (heap.size > 0) out.push(heap.pop()!);
        expect(out).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
  });
});

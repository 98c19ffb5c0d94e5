import { describe, expect, it } from 'vitest';
import { BinaryHeap } from '../../../engine/model/BinaryHeap.ts';

const lessThan = (a: number, b: number) => a < b;

describe('BinaryHeap', () => {
  it('is empty at first: size 0, peek and pop give undefined', () => {
    const heap = new BinaryHeap(lessThan);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it('pops the smallest first, peek shows it without removing it', () => {
    const heap = new BinaryHeap(lessThan);
    for (const n of [5, 1, 4, 1, 3]) heap.push(n);
    expect(heap.size).toBe(5);
    expect(heap.peek()).toBe(1);
    expect(heap.size).toBe(5);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 1, 3, 4, 5, undefined]);
    expect(heap.size).toBe(0);
  });

  it('takes its order from the comparator: a max-heap with the comparator reversed', () => {
    const heap = new BinaryHeap<number>((a, b) => a > b);
    for (const n of [2, 9, 4]) heap.push(n);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([9, 4, 2]);
  });
});

/**
 * A binary min-heap: {@link BinaryHeap.pop} returns the item that sorts first under `before`. The priority queue of
 * the detector runtime's reorder buffer and event-time timers and of the merge of a parallel simulation's partitions;
 * the virtual clock writes its own out (the world's innermost loop, where a call through `before` costs).
 *
 * Not stable by itself: items that tie under `before` pop in an unspecified order. Users that need first-in,
 * first-out among equal times give each item an insertion sequence and compare it last (`(time, seq)`), which
 * makes every order total and so every run reproducible.
 *
 * @typeParam T - the items; the heap never copies or inspects them except through `before`.
 * @example
 * const timers = new BinaryHeap<{ at: number; seq: number }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
 * timers.push({ at: 20, seq: 0 });
 * timers.push({ at: 10, seq: 1 });
 * timers.pop(); // { at: 10, seq: 1 }
 */
export class BinaryHeap<T> {
  private readonly items: T[] = [];

  /** @param before - whether `a` must pop before `b`: a strict order (false for equal items). */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  /** Items in the heap. */
  get size(): number {
    return this.items.length;
  }

  /** The item that pops next, left in the heap; undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds `item`. O(log n). */
  push(item: T): void {
    const { items, before } = this;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent];
      if (before(p, item)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the item that sorts first; undefined when empty. O(log n). */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    const n = items.length;
    if (n > 0) {
      const before = this.before;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(items[r], items[l]) ? r : l;
        if (before(last as T, items[c])) break;
        items[i] = items[c];
        i = c;
      }
      items[i] = last as T;
    }
    return top;
  }
}

/**
 * A map for per-key detector state that mostly holds one entry: a user's one home address, their one Mac. The first
 * entry lives in two fields; a `Map` is made only for a second. An empty `Map` costs about 200 bytes in V8, one with
 * an entry a little more, and a detector keeps one per user for weeks: a million users' worth is most of a gigabyte.
 * Keys are strings or numbers (`undefined` marks the empty field). Iteration order is not kept: the detectors using it
 * only look entries up, test them all, or drop some.
 *
 * @example
 * const addresses = new SmallMap<string, number>();
 * addresses.set('73.12.218.149', t);
 * addresses.get('73.12.218.149'); // t
 */
export class SmallMap<K extends string | number, V> {
  private key: K | undefined = undefined;
  private value: V | undefined = undefined;
  /** The entries but the inline one; made at the second key, dropped when it empties. */
  private more: Map<K, V> | undefined = undefined;

  /** Entries held. */
  get size(): number {
    return (this.key === undefined ? 0 : 1) + (this.more?.size ?? 0);
  }

  get(key: K): V | undefined {
    return key === this.key ? this.value : this.more?.get(key);
  }

  has(key: K): boolean {
    return key === this.key || (this.more?.has(key) ?? false);
  }

  set(key: K, value: V): void {
    if (key === this.key) this.value = value;
    else if (this.more?.has(key)) this.more.set(key, value);
    else if (this.key === undefined) {
      this.key = key;
      this.value = value;
    } else (this.more ??= new Map()).set(key, value);
  }

  /** Whether some entry's value meets `test`. */
  some(test: (value: V) => boolean): boolean {
    if (this.key !== undefined && test(this.value as V)) return true;
    if (this.more !== undefined) for (const v of this.more.values()) if (test(v)) return true;
    return false;
  }

  /** Drops every entry whose value meets `test`. */
  deleteWhere(test: (value: V) => boolean): void {
    if (this.key !== undefined && test(this.value as V)) {
      this.key = undefined;
      this.value = undefined;
    }
    if (this.more === undefined) return;
    for (const [k, v] of this.more) if (test(v)) this.more.delete(k);
    if (this.more.size === 0) this.more = undefined;
  }
}

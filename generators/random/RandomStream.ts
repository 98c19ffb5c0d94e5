/** 32-bit FNV-1a-style mix of a string into four seed words (cyrb128), so stream ids split the seed evenly. */
function hashSeed(seed: number, id: string): [number, number, number, number] {
  let h1 = 1779033703 ^ seed,
    h2 = 3144134277 ^ seed,
    h3 = 1013904242 ^ seed,
    h4 = 2773480762 ^ seed;
  for (let i = 0; i < id.length; i++) {
    const k = id.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/**
 * A seeded pseudo-random stream (sfc32). Every actor draws from its own stream, split from the scenario seed by the
 * actor's id, so adding an actor never changes what the others draw.
 *
 * @example
 * const rng = RandomStream.create(42, 'user:7');
 * rng.float(); // same value for seed 42 and id "user:7", every run
 */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(
    readonly seed: number,
    readonly id: string,
  ) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed >>> 0, id);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The stream for `id` under `seed`. */
  static create(seed: number, id: string): RandomStream {
    return new RandomStream(seed, id);
  }

  /** An independent stream for a sub-id (`"user:7"` → `"user:7/mac"`), unaffected by draws made on this one. */
  fork(sub: string): RandomStream {
    return new RandomStream(this.seed, `${this.id}/${sub}`);
  }

  /** Uniform unsigned 32-bit integer. */
  uint32(): number {
    const a = this.a,
      b = this.b,
      c = this.c,
      d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** An element chosen by weight from `[value, weight]` pairs (weights need not sum to 1). */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let x = this.float() * total;
    for (const [value, w] of pairs) {
      x -= w;
      if (x < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** Normal deviate (Box–Muller; one draw pair per call, so the draw count per call is fixed). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal deviate with the given median and log-space sigma — for latencies and response times. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Exponential deviate with the given mean — for gaps between independent events. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count with mean `lambda` (Knuth; fine for the small means used here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** `n` distinct indexes from [0, size), in draw order (partial Fisher–Yates over a sparse map). */
  sample(size: number, n: number): number[] {
    const count = Math.min(n, size);
    const swapped = new Map<number, number>();
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.float() * (size - i));
      const vj = swapped.get(j) ?? j;
      const vi = swapped.get(i) ?? i;
      swapped.set(j, vi);
      out.push(vj);
    }
    return out;
  }
}

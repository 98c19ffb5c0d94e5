import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream, createSeededFaker } from '../../../generators/random/index.ts';

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const idArb = fc.string({ maxLength: 20 });
const draws = (rng: RandomStream, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('RandomStream', () => {
  it('gives the same sequence for the same seed and id', () => {
    fc.assert(
      fc.property(seedArb, idArb, (seed, id) => {
        expect(draws(RandomStream.create(seed, id), 32)).toEqual(draws(RandomStream.create(seed, id), 32));
      }),
    );
  });

  it('pins the first draws of known streams (a change to the generator changes every simulated world)', () => {
    expect(draws(RandomStream.create(42, 'user:7'), 4)).toEqual([675368104, 2122365041, 3761887402, 2081777729]);
    expect(draws(RandomStream.create(0, ''), 2)).toEqual([345226382, 1258551070]);
  });

  it('differs for different ids under one seed, and for different seeds under one id', () => {
    fc.assert(
      fc.property(seedArb, idArb, idArb, (seed, a, b) => {
        fc.pre(a !== b);
        expect(draws(RandomStream.create(seed, a), 8)).not.toEqual(draws(RandomStream.create(seed, b), 8));
      }),
    );
    fc.assert(
      fc.property(seedArb, seedArb, idArb, (s1, s2, id) => {
        fc.pre(s1 !== s2);
        expect(draws(RandomStream.create(s1, id), 8)).not.toEqual(draws(RandomStream.create(s2, id), 8));
      }),
    );
  });

  it('keeps the streams of neighbouring actor ids apart (user:1 vs user:10, user:1/x vs user:1x)', () => {
    const ids = ['user:1', 'user:10', 'user:11', 'user:1/mac', 'user:1mac', 'user:1/mac-actor', ''];
    const firsts = ids.map((id) => draws(RandomStream.create(7, id), 4).join(','));
    expect(new Set(firsts).size).toBe(ids.length);
  });

  it('forks are independent of draws made on the parent, and differ from the parent and each other', () => {
    fc.assert(
      fc.property(seedArb, idArb, fc.nat({ max: 200 }), (seed, id, n) => {
        const fresh = RandomStream.create(seed, id);
        const used = RandomStream.create(seed, id);
        draws(used, n);
        const f1 = fresh.fork('mac');
        const f2 = used.fork('mac');
        expect(draws(f2, 16)).toEqual(draws(f1, 16));
        expect(used.fork('mac').id).toBe(`${id}/mac`);
        expect(draws(fresh.fork('phone'), 8)).not.toEqual(draws(fresh.fork('mac'), 8));
        expect(draws(RandomStream.create(seed, id).fork('mac'), 8)).not.toEqual(draws(RandomStream.create(seed, id), 8));
      }),
    );
  });

  it('draws from a fork do not move the parent', () => {
    const a = RandomStream.create(3, 'p');
    const b = RandomStream.create(3, 'p');
    draws(a.fork('child'), 100);
    expect(draws(a, 10)).toEqual(draws(b, 10));
  });

  it('float is in [0, 1)', () => {
    fc.assert(
      fc.property(seedArb, idArb, (seed, id) => {
        const rng = RandomStream.create(seed, id);
        const bad: number[] = [];
        for (let i = 0; i < 500; i++) {
          const x = rng.float();
          if (!(x >= 0 && x < 1)) bad.push(x);
        }
        expect(bad).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('int(min, max) stays within inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 5 }), (seed, min, width) => {
        const max = min + width;
        const rng = RandomStream.create(seed, 'int');
        const seen = new Set<number>();
        for (let i = 0; i < 400; i++) seen.add(rng.int(min, max));
        // Every value in [min, max] and nothing else (400 draws over at most 6 values miss one with p < 1e-30).
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: width + 1 }, (_, k) => min + k));
      }),
      { numRuns: 50 },
    );
  });

  it('sample(size, n) gives min(n, size) distinct indexes in [0, size)', () => {
    fc.assert(
      fc.property(seedArb, fc.nat({ max: 300 }), fc.nat({ max: 320 }), (seed, size, n) => {
        const out = RandomStream.create(seed, 'sample').sample(size, n);
        expect(out.length).toBe(Math.min(n, size));
        expect(new Set(out).size).toBe(out.length);
        for (const i of out) {
          expect(Number.isInteger(i)).toBe(true);
          expect(i).toBeGreaterThanOrEqual(0);
          expect(i).toBeLessThan(size);
        }
        if (n >= size) expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
      }),
    );
  });

  it('sample is roughly uniform: each of 10 indexes picked as first about 1/10 of the time', () => {
    const rng = RandomStream.create(11, 'uniform-sample');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[rng.sample(10, 3)[0]]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('weighted never picks a zero-weight value, wherever it sits', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 100, noNaN: true })), { minLength: 1, maxLength: 8 }),
        (seed, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const rng = RandomStream.create(seed, 'weighted');
          const pairs = weights.map((w, i) => [i, w] as const);
          const zeroPicks: number[] = [];
          for (let k = 0; k < 200; k++) {
            const i = rng.weighted(pairs);
            if (!(weights[i] > 0)) zeroPicks.push(i);
          }
          expect(zeroPicks).toEqual([]);
        },
      ),
    );
  });

  it('weighted follows the weights (3:1)', () => {
    const rng = RandomStream.create(5, 'w');
    let a = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['a', 3],
          ['b', 1],
          ['z', 0],
        ] as const) === 'a'
      )
        a++;
    expect(Math.abs(a / 10_000 - 0.75)).toBeLessThan(0.02);
  });

  it('has a sane distribution: mean of 10k floats within 0.02 of 0.5, chance(p) near p, poisson mean near lambda', () => {
    const rng = RandomStream.create(1, 'distribution');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += rng.float();
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.2)) hits++;
    expect(Math.abs(hits / 10_000 - 0.2)).toBeLessThan(0.02);
    let total = 0;
    for (let i = 0; i < 5_000; i++) total += rng.poisson(2.5);
    expect(Math.abs(total / 5_000 - 2.5)).toBeLessThan(0.1);
    expect(rng.chance(0)).toBe(false);
    expect(rng.poisson(0)).toBe(0);
    let n = 0;
    for (let i = 0; i < 10_000; i++) n += rng.normal(10, 2);
    expect(Math.abs(n / 10_000 - 10)).toBeLessThan(0.1);
  });
});

describe('createSeededFaker', () => {
  const ref = Date.UTC(2020, 5, 15, 12);

  it('gives the same name for the same stream (also across Faker instances)', () => {
    const f1 = createSeededFaker(ref);
    const f2 = createSeededFaker(ref);
    const name = (f: ReturnType<typeof createSeededFaker>) =>
      f.using(RandomStream.create(9, 'user:3/name'), (faker) => `${faker.person.firstName()} ${faker.person.lastName()}`);
    expect(name(f1)).toBe(name(f2));
    expect(name(f1)).toBe(name(f1));
    const names = new Set(
      Array.from({ length: 20 }, (_, i) => f1.using(RandomStream.create(9, `user:${i}/name`), (f) => f.person.fullName())),
    );
    expect(names.size).toBeGreaterThan(10);
  });

  it('`using` restores the previous stream after a nested call, even one that throws', () => {
    const f = createSeededFaker(ref);
    const outer = (withInner: boolean) => {
      const drawn: string[] = [];
      f.using(RandomStream.create(1, 'outer'), (faker) => {
        drawn.push(faker.string.alphanumeric(12));
        if (withInner) {
          f.using(RandomStream.create(1, 'inner'), (g) => g.string.alphanumeric(12));
          expect(() =>
            f.using(RandomStream.create(1, 'thrower'), (g) => {
              g.string.alphanumeric(3);
              throw new Error('inside');
            }),
          ).toThrow('inside');
        }
        drawn.push(faker.string.alphanumeric(12));
      });
      return drawn;
    };
    // The inner calls drew from their own streams, so the outer stream's draws are the same as without them.
    expect(outer(true)).toEqual(outer(false));
  });

  it('refuses to draw outside `using`', () => {
    const f = createSeededFaker(ref);
    const faker = f.using(RandomStream.create(1, 'x'), (g) => g);
    expect(() => faker.person.firstName()).toThrow(/outside/);
  });

  it('date helpers use the reference date, not the real clock', async () => {
    const f = createSeededFaker(ref);
    const recent = () =>
      f.using(RandomStream.create(4, 'dates'), (g) => [g.date.recent().getTime(), g.date.soon().getTime(), g.date.past().getTime()]);
    const first = recent();
    await new Promise((resolve) => setTimeout(resolve, 25));
    expect(recent()).toEqual(first);
    const [r, s, p] = first;
    expect(r).toBeLessThanOrEqual(ref);
    expect(r).toBeGreaterThanOrEqual(ref - 86_400_000);
    expect(s).toBeGreaterThanOrEqual(ref);
    expect(s).toBeLessThanOrEqual(ref + 86_400_000);
    expect(p).toBeLessThanOrEqual(ref);
    expect(p).toBeGreaterThanOrEqual(ref - 366 * 86_400_000);
  });
});

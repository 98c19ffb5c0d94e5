import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileContentError } from '../../../engine/model/errors/FileContentError.ts';
import { PartitionSetError } from '../../../engine/model/errors/PartitionSetError.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { mergePartitions, type PartitionOutput } from '../../../generators/world/mergePartitions.ts';
import { simulatePartition } from '../../../generators/world/simulatePartition.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { everyStrategy, tinyScenario } from '../../_fixtures/tinyScenario.ts';

/** Every partition of `scenario` cut into `count`, each run on its own, as mergePartitions reads them. */
async function partitionsOf(scenario: ResolvedScenario, count: number, workers = 1): Promise<PartitionOutput[]> {
  const parts: PartitionOutput[] = [];
  for (let index = 1; index <= count; index++) {
    const lines: string[] = [];
    const result = await simulatePartition(scenario, { index, count }, (line) => lines.push(line), { workers });
    // Through JSON, as a partition's files are read back on another machine.
    const { truth, summary, incidentOrder } = JSON.parse(JSON.stringify(result)) as typeof result;
    parts.push({ source: `p${index}`, partition: { index, count }, lines, truth, summary, incidentOrder });
  }
  return parts;
}

async function merged(parts: readonly PartitionOutput[]) {
  const lines: string[] = [];
  const result = await mergePartitions(parts, (line) => lines.push(line));
  return { lines, result };
}

interface SmallWorld {
  seed: number;
  users: number;
  days: number;
  attacks: 'default' | 'every' | 'none';
  wave: boolean;
}
const scenarioArb: fc.Arbitrary<SmallWorld> = fc.record({
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  users: fc.integer({ min: 1, max: 10 }),
  days: fc.integer({ min: 1, max: 2 }),
  attacks: fc.constantFrom<'default' | 'every' | 'none'>('default', 'every', 'none'),
  wave: fc.boolean(),
});
/**
 * With `wave`, everyone re-enrols at one instant: users' events then share a millisecond, which otherwise almost
 * never happens, and only the (cell, seq) of their ids can put them back in order.
 */
const scenarioOf = ({ seed, users, days, attacks, wave }: SmallWorld) =>
  tinyScenario({
    seed,
    users,
    days,
    attacks: attacks === 'every' ? everyStrategy() : attacks === 'default',
    enrolmentWaves: wave ? [{ at: { day: 0, minuteOfDay: 600 }, fraction: 1, overMs: 0 }] : [],
  });

describe('simulatePartition and mergePartitions', () => {
  it('the N partitions are disjoint, together hold every event, and merge, in any order, into the whole world’s bytes, truth and summary (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 1, max: 4 }), fc.integer(), async (world, count, shuffleSeed) => {
        const scenario = scenarioOf(world);
        const whole = runWorld(scenario);
        const parts = await partitionsOf(scenario, count);

        const ids = parts.flatMap((p) => [...(p.lines as string[])].map((l) => (JSON.parse(l) as { id: string }).id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(parts.flatMap((p) => [...(p.lines as string[])]).sort()).toEqual([...whole.lines].sort());
        expect(parts.reduce((n, p) => n + p.truth.incidents.length, 0)).toBe(whole.truth.incidents.length);

        const order = fc.sample(fc.shuffledSubarray(parts, { minLength: count, maxLength: count }), { numRuns: 1, seed: shuffleSeed })[0];
        const { lines, result } = await merged(order);
        expect(lines.join('\n')).toBe(whole.lines.join('\n'));
        expect(JSON.stringify(result.truth, null, 2)).toBe(JSON.stringify(whole.truth, null, 2));
        expect(result.summary).toEqual(whole.summary);
      }),
      { numRuns: 20 },
    );
  }, 60_000);

  it('a partition shared among worker threads writes the bytes of one thread', async () => {
    const scenario = tinyScenario({ seed: 11, users: 9, days: 1, attacks: everyStrategy() });
    const [alone, threaded] = [await partitionsOf(scenario, 2, 1), await partitionsOf(scenario, 2, 2)];
    expect(threaded.map((p) => p.lines)).toEqual(alone.map((p) => p.lines));
    expect(threaded.map((p) => JSON.stringify(p.truth))).toEqual(alone.map((p) => JSON.stringify(p.truth)));
  }, 60_000);

  it('refuses a set that is not one whole world, naming every problem, before writing anything', async () => {
    const scenario = tinyScenario({ seed: 3, users: 6, days: 1 });
    const three = await partitionsOf(scenario, 3);
    const other = await partitionsOf(tinyScenario({ seed: 4, users: 6, days: 1 }), 3);
    const two = await partitionsOf(scenario, 2);
    const written: string[] = [];
    const attempt = (parts: PartitionOutput[]) => mergePartitions(parts, (l) => written.push(l));

    await expect(attempt([three[0], three[2]])).rejects.toThrow(/partition 2\/3 is missing/);
    await expect(attempt([three[0], three[1], three[1], three[2]])).rejects.toThrow(/p2: is partition 2\/3, as p2 is/);
    await expect(attempt([three[0], other[1], three[2]])).rejects.toThrow(/p2: is a partition of scenario tiny \(hash test\), seed 4/);
    await expect(attempt([three[0], three[1], two[1]])).rejects.toThrow(/is partition 2\/2, p1 is 1\/3/);
    await expect(attempt([])).rejects.toThrow(PartitionSetError);
    const error = await attempt([three[0], { ...three[1], source: 'elsewhere' }, other[1]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartitionSetError);
    expect((error as PartitionSetError).issues.length).toBe(3); // a duplicate 2/3, another world, and 3/3 missing
    expect(written).toEqual([]);
  }, 60_000);

  it('refuses lines that are not the partition’s own events', async () => {
    const scenario = tinyScenario({ seed: 5, users: 6, days: 1 });
    const [p1, p2] = await partitionsOf(scenario, 2);
    const lines = (p: PartitionOutput) => [...(p.lines as string[])];
    const swapped = { ...p1, lines: [...lines(p1).slice(0, 2), lines(p2)[0], ...lines(p1).slice(2)] };
    await expect(mergePartitions([swapped, p2], () => {})).rejects.toThrow(
      /p1: .*line 3 \/id: u[13579]\.0 is an event of user [13579], who is not in partition 1\/2/s,
    );
    const reversed = { ...p1, lines: [lines(p1)[1], lines(p1)[0], ...lines(p1).slice(2)] };
    await expect(mergePartitions([reversed, p2], () => {})).rejects.toThrow(/line 2: u\w+\.\w+ is out of the order a simulation writes/);
    const short = { ...p1, lines: lines(p1).slice(0, -1) };
    await expect(mergePartitions([short, p2], () => {})).rejects.toThrow(FileContentError);
    const foreign = { ...p1, lines: ['{"id":"e1","time":5}', ...lines(p1)] };
    await expect(mergePartitions([foreign, p2], () => {})).rejects.toThrow(/must be an event id a simulation gave/);
  }, 60_000);
});

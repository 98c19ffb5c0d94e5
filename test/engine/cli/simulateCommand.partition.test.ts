/**
 * `simulate --partition K/N`, `simulate merge` and `--out-format parquet` as a user runs them: the N partitions of a
 * world, simulated apart and merged in any order, are the bytes of one run; Parquet holds every event of the NDJSON;
 * what cannot be honoured is refused with exit 2.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../detectors/index.ts';
import { canonicalEventsView, sqlOfShape } from '../../../engine/tools/export/index.ts';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-partition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();

let runs = 0;
/** Runs `simulate` on the tiny scenario into a new folder with `args`; returns the folder. */
async function simulate(args: string[]): Promise<string> {
  const out = join(dir, `run${runs++}`);
  const run = await cli(['simulate', 'scenarios/tiny.yaml', '--quiet', '--out', out, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

async function merge(parts: string[], args: string[] = []): Promise<string> {
  const out = join(dir, `merged${runs++}`);
  const run = await cli(['simulate', 'merge', ...parts, '--out', out, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

const bytes = (folder: string, file: string) => readFileSync(join(folder, file));
const lines = (folder: string) => bytes(folder, 'events.ndjson').toString('utf8').split('\n').filter(Boolean);

async function parquetLines(glob: string): Promise<string[]> {
  return (await connection.runAndReadAll(`SELECT event FROM read_parquet('${glob}')`)).getRowsJS().map((r) => r[0] as string);
}

describe('simulate --partition K/N and simulate merge', () => {
  it('N partitions are disjoint, hold every event together, and merge, in any order, into the bytes of one run (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('ndjson', 'parquet'),
        fc.integer(),
        async (seed, users, count, format, shuffleSeed) => {
          const world = ['--seed', String(seed), '--users', String(users), '--days', '1'];
          const whole = await simulate(world);
          const parts: string[] = [];
          for (let k = 1; k <= count; k++) parts.push(await simulate([...world, '--partition', `${k}/${count}`, '--out-format', format]));

          const partLines =
            format === 'ndjson'
              ? parts.flatMap(lines)
              : (await Promise.all(parts.map((p) => parquetLines(join(p, 'events.parquet'))))).flat();
          expect(new Set(partLines).size).toBe(partLines.length);
          expect([...partLines].sort()).toEqual([...lines(whole)].sort());

          const order = fc.sample(fc.shuffledSubarray(parts, { minLength: count, maxLength: count }), { numRuns: 1, seed: shuffleSeed })[0];
          const merged = await merge(order);
          expect(bytes(merged, 'events.ndjson').equals(bytes(whole, 'events.ndjson'))).toBe(true);
          expect(bytes(merged, 'truth.json').equals(bytes(whole, 'truth.json'))).toBe(true);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  it('writes partition.json and a summary that says which slice it is; merge prints the whole world’s summary', async () => {
    const out = join(dir, 'summary');
    const run = await cli(['simulate', 'scenarios/tiny.yaml', '--partition', '2/3', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.partition).toEqual({ index: 2, count: 3 });
    expect(summary.outputs.manifest).toBe(join(out, 'partition.json'));
    const manifest = JSON.parse(bytes(out, 'partition.json').toString('utf8'));
    expect(manifest).toMatchObject({ partition: { index: 2, count: 3 }, events: 'events.ndjson', summary: { records: summary.records } });
    expect(lines(out).every((l) => Number.parseInt(JSON.parse(l).id.slice(1).split('.')[0], 36) % 3 === 1)).toBe(true);
    const text = await cli(['simulate', 'scenarios/tiny.yaml', '--partition', '2/3', '--out', out]);
    expect(text.stdout).toContain('partition 2 of 3: the users i with i mod 3 = 1');
  }, 60_000);
});

describe('simulate --out-format parquet', () => {
  let ndjson: string;
  let parquet: string;
  beforeAll(async () => {
    ndjson = await simulate(['--format', 'okta']);
    parquet = await simulate(['--out-format', 'parquet', '--format', 'okta']);
  }, 60_000);

  it('writes events.parquet, read back by DuckDB as every event of the NDJSON run, in order; the rest is the same', async () => {
    expect(existsSync(join(parquet, 'events.ndjson'))).toBe(false);
    expect(readdirSync(parquet).filter((f) => f.includes('tmp'))).toEqual([]);
    expect(await parquetLines(join(parquet, 'events.parquet'))).toEqual(lines(ndjson));
    const rows = (
      await connection.runAndReadAll(`SELECT id, "time", "type", "user" FROM read_parquet('${join(parquet, 'events.parquet')}')`)
    ).getRowsJS();
    expect(rows).toEqual(
      lines(ndjson)
        .map((l) => JSON.parse(l))
        .map((e) => [e.id, BigInt(e.time), e.type, e.user]),
    );
    expect(bytes(parquet, 'truth.json').equals(bytes(ndjson, 'truth.json'))).toBe(true);
    expect(bytes(parquet, 'logs/okta-system-log.ndjson').equals(bytes(ndjson, 'logs/okta-system-log.ndjson'))).toBe(true);
  });

  it('partitions in Parquet read as one dataset, and merge into the Parquet and the vendor log of one run', async () => {
    const root = join(dir, 'dataset');
    for (const k of [1, 2, 3])
      await cli([
        'simulate',
        'scenarios/tiny.yaml',
        '--quiet',
        '--partition',
        `${k}/3`,
        '--out-format',
        'parquet',
        '--out',
        join(root, `part-${k}`),
      ]);
    expect((await parquetLines(join(root, '*', 'events.parquet'))).sort()).toEqual(lines(ndjson).sort());
    // The exported SQL runs unchanged over the partitioned dataset and finds what it finds in the one run's NDJSON.
    let found = 0;
    for (const definition of detectors.filter((d) => d.shape !== undefined)) {
      const params = Object.fromEntries(
        Object.entries(definition.params).map(([k, spec]) => [k, spec.unit === 'count' ? spec.min : spec.max]),
      );
      const rows = async (file: string) => {
        await connection.run(canonicalEventsView(file));
        const out = (await connection.runAndReadAll(sqlOfShape(definition.shape!, params))).getRowObjectsJS();
        return out.map((r) => `${r.entity} ${r.decision_time}`).sort();
      };
      const fromDataset = await rows(join(root, '*', 'events.parquet'));
      expect(fromDataset, definition.id).toEqual(await rows(join(ndjson, 'events.ndjson')));
      found += fromDataset.length;
    }
    expect(found, 'the queries find something').toBeGreaterThan(0);
    const merged = await merge(
      [join(root, 'part-3'), join(root, 'part-1'), join(root, 'part-2')],
      ['--out-format', 'parquet', '--format', 'okta'],
    );
    expect(bytes(merged, 'events.parquet').equals(bytes(parquet, 'events.parquet'))).toBe(true);
    expect(bytes(merged, 'logs/okta-system-log.ndjson').equals(bytes(ndjson, 'logs/okta-system-log.ndjson'))).toBe(true);
  }, 60_000);
});

describe('refusals: exit 2, nothing written', () => {
  it.each([
    [['--partition', '0/3'], "'0/3' is invalid. expected K/N"],
    [['--partition', '4/3'], "'4/3' is invalid"],
    [['--partition', 'a/b'], "'a/b' is invalid"],
    [['--partition', '3'], "'3' is invalid"],
    [['--out-format', 'csv'], "'csv' is invalid. Allowed choices are ndjson, parquet"],
    [['--partition', '1/2', '--format', 'okta'], 'write it when merging (simulate merge DIR... --out DIR --format okta)'],
    [['--partition', '1/2', '--mac-format', 'unifiedlog'], 'one log per Mac'],
  ])('simulate %j', async (args, message) => {
    const out = join(dir, `refused${runs++}`);
    const run = await cli(['simulate', 'scenarios/tiny.yaml', '--out', out, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('merge refuses partitions that are not one whole world, folders that are not partitions, and per-Mac logs', async () => {
    const world = await simulate(['--seed', '3']);
    const [p1, p2, p3] = [
      await simulate(['--partition', '1/3']),
      await simulate(['--partition', '2/3']),
      await simulate(['--partition', '3/3']),
    ];
    const other = await simulate(['--seed', '2', '--partition', '2/3']);
    const refused = async (args: string[], message: string | RegExp) => {
      const out = join(dir, `refused${runs++}`);
      const run = await cli(['simulate', 'merge', ...args.map((a) => (a === 'OUT' ? out : a))]);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(existsSync(join(out, 'events.ndjson'))).toBe(false);
    };
    await refused([p1, p3, '--out', 'OUT'], 'partition 2/3 is missing');
    await refused([p1, p2, p2, p3, '--out', 'OUT'], `${p2}: is partition 2/3, as ${p2} is`);
    await refused([p1, other, p3, '--out', 'OUT'], /is a partition of scenario tiny \(hash \w+\), seed 2/);
    await refused([p1, p2, world, '--out', 'OUT'], /partition\.json: no such file/);
    await refused([p1, p2, p3, '--out', p2], 'is one of the partitions being merged');
    await refused([p1, p2, p3, '--out', 'OUT', '--mac-format', 'unifiedlog'], 'writes one log per Mac');
    await refused([p1, p2, p3], "required option '--out <dir>' not specified");

    const damaged = await simulate(['--partition', '2/3']);
    writeFileSync(join(damaged, 'partition.json'), '{"partition": {"index": 5, "count": 3}}');
    await refused(
      [p1, damaged, p3, '--out', 'OUT'],
      /partition\.json: not a valid partition manifest, \d+ problems\n {2}\(root\): missing "pushstormVersion"/,
    );
    const short = await simulate(['--partition', '2/3']);
    writeFileSync(join(short, 'events.ndjson'), `${lines(short).slice(0, -1).join('\n')}\n`);
    await refused([p1, short, p3, '--out', 'OUT'], /holds \d+ events; the partition wrote \d+/);
  }, 60_000);

  it('help teaches both options with examples', async () => {
    const help = (await cli(['simulate', '--help'])).stdout;
    expect(help).toContain('--partition <K/N>');
    expect(help).toContain('--out-format <format>');
    expect(help).toContain('$ pushstorm simulate scenarios/tiny.yaml --out-format parquet');
    expect(help).toMatch(/\$ pushstorm simulate .* --partition 2\/4/);
    expect(help).toContain('$ pushstorm simulate merge part1 part2 part3 part4 --out world');
    expect((await cli(['simulate', 'merge', '--help'])).stdout).toContain('Usage: pushstorm simulate merge [options] <dir...>');
  });
});

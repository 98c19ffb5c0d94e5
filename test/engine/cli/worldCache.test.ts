/**
 * `--cache` on gate, tune, space score, run and evade: a second run over unchanged scenarios reads every world from the cache, says so, and
 * reports the same figures; PUSHSTORM_CACHE_DIR turns the cache on, --no-cache off. Every cache here lives in a
 * temporary directory: the variable is set for the whole file, so nothing reaches the real home.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';
import { worldCacheFrom } from '../../../engine/cli/_internal/worldCacheOption.ts';
import { OptionError } from '../../../engine/model/errors/OptionError.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-cli-cache-'));
const saved = process.env.PUSHSTORM_CACHE_DIR;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let envDir: string;
beforeEach(() => {
  envDir = mkdtempSync(join(dir, 'env-'));
  process.env.PUSHSTORM_CACHE_DIR = envDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.PUSHSTORM_CACHE_DIR;
  else process.env.PUSHSTORM_CACHE_DIR = saved;
});

const gateFile = join(dir, 'g.yaml');
writeFileSync(
  gateFile,
  `name: g\nsuite:\n  - { scenario: ${JSON.stringify(join(process.cwd(), 'scenarios', 'tiny.yaml'))}, seeds: [1, 2] }\nrequire:\n  - { detector: overall, figure: falseAlerts, max: 50 }\n`,
);
/** A gate result without what may differ between a simulated and a cached run. */
const figures = (json: string) => {
  const result = JSON.parse(json);
  return result.runs.map(({ seconds: _s, cached: _c, ...run }: Record<string, unknown>) => run);
};

describe('--cache', () => {
  it('gate: the second run reads every world from the cache, says so, and checks the same figures', async () => {
    const cache = join(dir, 'gate');
    const first = await cli(['gate', gateFile, '--cache', cache, '--json']);
    const second = await cli(['gate', gateFile, '--cache', cache, '--json']);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(first.stdout).cachedRuns).toBe(0);
    expect(JSON.parse(second.stdout).cachedRuns).toBe(2);
    expect(figures(second.stdout)).toEqual(figures(first.stdout));
    expect(readdirSync(cache)).toHaveLength(2);
    const text = await cli(['gate', gateFile, '--cache', cache]);
    expect(text.stdout).toContain('2 runs (2 from the world cache)');
    expect(text.stderr).toContain('(cached world)');
    expect(readdirSync(envDir)).toEqual([]); // --cache DIR wins over the variable
  });

  it('gate: PUSHSTORM_CACHE_DIR turns the cache on; --no-cache simulates anyway', async () => {
    await cli(['gate', gateFile, '--json']);
    expect(readdirSync(envDir)).toHaveLength(2);
    expect(JSON.parse((await cli(['gate', gateFile, '--json'])).stdout).cachedRuns).toBe(2);
    expect(JSON.parse((await cli(['gate', gateFile, '--json', '--no-cache'])).stdout).cachedRuns).toBe(0);
    delete process.env.PUSHSTORM_CACHE_DIR;
    expect(JSON.parse((await cli(['gate', gateFile, '--json'])).stdout).cachedRuns).toBe(0);
  });

  it('tune: the second sweep reads its worlds from the cache and finds the same rows', async () => {
    const cache = join(dir, 'tune');
    const args = [
      'tune',
      'scenarios/tiny.yaml',
      '--detector',
      'denied-burst',
      '--grid',
      'threshold=3..5',
      '--seeds',
      '2',
      '--json',
      '--cache',
      cache,
    ];
    const first = await cli(args);
    const second = await cli(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    const [a, b] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
    expect([a.cachedWorlds, b.cachedWorlds]).toEqual([0, 2]);
    expect(b.rows).toEqual(a.rows);
    expect(b.runs).toEqual(a.runs);
  });

  it('space score: the second run reads its worlds from the cache and pools the same figures', async () => {
    const space = join(dir, 'space');
    expect((await cli(['space', 'sample', '--n', '2', '--seed', '9', '--families', 'burst', '--out', space])).code).toBe(0);
    const cache = join(dir, 'space-cache');
    const args = ['space', 'score', space, '--detectors', 'mfa-without-login', '--cache', cache];
    const first = await cli(args);
    const second = await cli(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stderr).not.toContain('(cached world)');
    expect(second.stderr.match(/\(cached world\)/g)).toHaveLength(2);
    expect(second.stdout).toBe(first.stdout);
  });

  it('run: the second run writes the world from the cache, byte for byte, and prints the same report', async () => {
    const cache = join(dir, 'run-cache');
    const [a, b] = [join(dir, 'run-a'), join(dir, 'run-b')];
    const args = (out: string) => ['run', 'scenarios/tiny.yaml', '--users', '40', '--days', '2', '--out', out, '--cache', cache, '-q'];
    const first = await cli(args(a));
    const second = await cli(args(b));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(first.stdout).toMatch(/^wall time {2}simulate /m);
    expect(second.stdout).toMatch(/^wall time {2}world from the cache /m);
    /** The printed report without the folder and the wall times. */
    const report = (text: string, out: string) => text.replaceAll(out, 'OUT').replace(/^wall time .*$/m, '');
    expect(report(second.stdout, b)).toBe(report(first.stdout, a));
    for (const file of ['events.ndjson', 'truth.json', 'alerts.ndjson', 'report/report.md'])
      expect(readFileSync(join(b, file), 'utf8').replaceAll(b, 'OUT'), file).toBe(readFileSync(join(a, file), 'utf8').replaceAll(a, 'OUT'));
    const json = await cli([...args(join(dir, 'run-c')), '--json']);
    expect(JSON.parse(json.stdout).cached).toBe(true);
  });

  it('evade: the second search reads every world from the cache and finds the same evasions', async () => {
    const cache = join(dir, 'evade-cache');
    const args = (out: string) => [
      'evade',
      '--family',
      'burst',
      '--detectors',
      'mfa-without-login,denied-burst',
      '--max-prompts',
      '12',
      '--max-days',
      '1',
      '--users',
      '10',
      '--rounds',
      '1',
      '--tries',
      '10',
      '--out',
      out,
      '--json',
      '--cache',
      cache,
    ];
    const first = await cli(args(join(dir, 'evade-a')));
    const second = await cli(args(join(dir, 'evade-b')));
    expect(first.code).toBe(second.code);
    const [a, b] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
    expect(a.cachedWorlds).toBeLessThan(a.worlds); // only the attacks judged twice (a shrunk evasion, judged again)
    expect(b.cachedWorlds).toBe(b.worlds);
    expect(b.worlds).toBe(a.worlds);
    expect(b.evasions).toEqual(a.evasions);
    expect(readFileSync(join(dir, 'evade-b', 'evade.json'), 'utf8').replaceAll('evade-b', 'X')).toBe(
      readFileSync(join(dir, 'evade-a', 'evade.json'), 'utf8').replaceAll('evade-a', 'X'),
    );
  });

  it('refuses a cache size that does not parse (exit 2), and reads 500MiB, 4GiB and plain bytes', async () => {
    const bad = await cli(['gate', gateFile, '--cache', join(dir, 'bad'), '--cache-max', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cache-max lots: must be a size');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
    expect((await worldCacheFrom('gate', { cache: '/c', cacheMax: '500MiB' }))?.maxBytes).toBe(500 * 1024 ** 2);
    expect((await worldCacheFrom('gate', { cache: '/c' }, { PUSHSTORM_CACHE_MAX: '4GiB' }))?.maxBytes).toBe(4 * 1024 ** 3);
    expect((await worldCacheFrom('gate', { cache: '/c', cacheMax: '1234' }))?.maxBytes).toBe(1234);
    await expect(worldCacheFrom('gate', { cache: '/c' }, { PUSHSTORM_CACHE_MAX: '2 TB' })).rejects.toThrow(OptionError);
  });
});

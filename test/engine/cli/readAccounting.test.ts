/**
 * What detect and score say they read adds up: lines are lines, late events are counted once (quarantined, not also
 * accepted), and an --events file with no event in it fails score as it fails detect.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-accounting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCliCollected;

const golden = readFileSync('test/engine/formats/okta/golden/records.ndjson', 'utf8').trim().split('\n');

describe('detect accounting', () => {
  it('counts a late event once: quarantined as late, not also among the events accepted', async () => {
    const file = join(dir, 'okta.ndjson');
    writeFileSync(file, `${golden.join('\n')}\n`);
    const run = await cli(['detect', file, '--json', '--out', join(dir, 'alerts.ndjson')]);
    const summary = JSON.parse(run.stderr.trim().split('\n').at(-1)!);
    expect(summary.late).toBeGreaterThan(0);
    expect(summary.accepted + summary.late).toBe(summary.events);
    expect(summary.processed + summary.duplicates).toBe(summary.accepted);
  });

  it('reports the lines of a file of pages as lines, and its records as records (regression: 103 lines → lines=105)', async () => {
    const file = join(dir, 'pages.ndjson');
    writeFileSync(file, `[${golden[0]},${golden[1]}]\n[]\n${golden.slice(2).join('\n')}\n`);
    const run = await cli(['detect', file, '--json', '--out', join(dir, 'alerts2.ndjson')]);
    const summary = JSON.parse(run.stderr.trim().split('\n').at(-1)!);
    expect(summary.lines).toBe(golden.length);
    expect(summary.records).toBe(golden.length + 1);
    expect(summary.records).toBe(summary.decoded + summary.skipped + summary.quarantined);
  });
});

describe('score --events', () => {
  it('fails on a file with no event in it, as detect does (it scored "0 prompts", exit 0)', async () => {
    const world = join(dir, 'world');
    expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', world])).code).toBe(0);
    expect((await cli(['detect', join(world, 'events.ndjson'), '--out', join(world, 'alerts.ndjson')])).code).toBe(0);
    const garbage = join(dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    const run = await cli(['score', '--truth', join(world, 'truth.json'), '--alerts', join(world, 'alerts.ndjson'), '--events', garbage]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: score: no events accepted from .*garbage\.bin/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushstorm stats', () => {
  it('prints the realism figures of a simulated world, and the same as JSON', async () => {
    expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', join(dir, 'w')])).code).toBe(0);
    const text = await cli(['stats', join(dir, 'w', 'events.ndjson')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}users +20$/m);
    expect(text.stdout).toMatch(/^ {2}MFA prompts +[\d,]+ \(\d+\.\d\d per user-day; public figures: about 0\.22–2\.1\)$/m);
    const json = JSON.parse((await cli(['stats', join(dir, 'w', 'events.ndjson'), '--json'])).stdout);
    expect(json).toMatchObject({ format: 'canonical', users: 20, days: 2, userDays: 40 });
    expect(json.prompts / json.userDays).toBeCloseTo(json.promptsPerUserDay);
    // The world's directory reads its events.ndjson.
    expect((await cli(['stats', join(dir, 'w'), '--json'])).stdout).toBe(
      `${JSON.stringify({ ...json, input: join(dir, 'w', 'events.ndjson') })}\n`,
    );
  });

  it('fails on an input with no events (exit 1) and on a missing file (exit 2)', async () => {
    writeFileSync(join(dir, 'junk.ndjson'), 'not json\n');
    const junk = await cli(['stats', join(dir, 'junk.ndjson'), '--format', 'canonical']);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/^error: stats: no events accepted/);
    expect((await cli(['stats', join(dir, 'missing.ndjson')])).code).toBe(2);
    const empty = await cli(['stats', dir]);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      `error: cannot read input ${dir}: is a directory without events.ndjson: give a log file, or the output directory of simulate or run\n`,
    ]);
  });
});

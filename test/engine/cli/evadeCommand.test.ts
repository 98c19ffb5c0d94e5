import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-evade-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushstorm evade', () => {
  it('exits 1 on an evasion within the budget, listing it and writing its scenario, the summary and the boundary', async () => {
    const out = join(dir, 'e');
    const args = [
      'evade',
      '--family',
      'burst',
      // The storm detectors alone: the whole set leaves no evasion this cheap search can find.
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
      '30',
      '--boundary',
      '--out',
      out,
    ];
    const run = await cli(args);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^evade burst, goal compromise, pushstorm [\d.]+: 2 detectors, budget 3-12 prompts and 1 day$/m);
    expect(run.stdout).toMatch(/^evasion-1\.yaml +\d+ /m);
    expect(run.stderr).toMatch(/^error: evade burst: 1 evasion within 3-12 prompts and 1 day \(see above\)$/m);
    expect(readdirSync(out).sort()).toEqual(['.pushstorm-files.json', 'boundary.json', 'boundary.svg', 'evade.json', 'evasion-1.yaml']);
    const summary = JSON.parse(readFileSync(join(out, 'evade.json'), 'utf8'));
    expect(summary).toMatchObject({ family: 'burst', goal: 'compromise', budget: { minPrompts: 3, maxPrompts: 12, maxDays: 1 } });
    expect(summary.evasions[0].outcome.status).toBe('evaded');
    expect(readFileSync(join(out, 'boundary.svg'), 'utf8')).toMatch(/^<svg/);
    // The same search writes the same files.
    const before = readFileSync(join(out, 'evasion-1.yaml'));
    expect((await cli(args)).code).toBe(1);
    expect(readFileSync(join(out, 'evasion-1.yaml'))).toEqual(before);
    // The scenario replays: run it.
    expect((await cli(['run', join(out, 'evasion-1.yaml'), '--out', join(dir, 'replay'), '--json'])).code).toBe(0);
  });

  it('refuses a budget whose minimum is above its maximum, and an unknown family (exit 2)', async () => {
    const budget = await cli(['evade', '--family', 'burst', '--min-prompts', '9', '--max-prompts', '4', '--out', join(dir, 'x')]);
    expect([budget.code, budget.stderr]).toEqual([2, expect.stringContaining('--min-prompts')]);
    const family = await cli(['evade', '--family', 'brust', '--out', join(dir, 'x')]);
    expect(family.code).toBe(2);
    expect(family.stderr).toContain('Allowed choices are burst, low-and-slow, login-window, social-engineering');
  });
});

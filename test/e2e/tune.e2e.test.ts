/**
 * `pushstorm tune` as a user runs it: a small sweep over an attack scenario and a quiet one, its table, JSON and
 * report, and refusals of bad grids.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;
const pushstorm = (args: string[]) => {
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'pushstorm.mjs'), ...args], { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
const scenarios = [join(repo, 'scenarios', 'uber-burst.yaml'), join(repo, 'scenarios', 'quiet-month.yaml')];

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-tune-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm tune', () => {
  it('sweeps the grid over scenarios × seeds and prints the front, the defaults, the baselines and a recommendation', () => {
    const run = pushstorm([
      'tune',
      ...scenarios,
      '--users',
      '60',
      '--days',
      '7',
      '--detector',
      'denied-burst',
      '--grid',
      'threshold=3|5|30,window=10m',
      '--seeds',
      '2',
      '--fp-budget',
      '0.5',
      '--report',
      'rep',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^tuning denied-burst, pushstorm \S+: uber-burst \(hash [0-9a-f]{12}\), quiet-month \(hash [0-9a-f]{12}\); seeds 2022, 2023, \d+, \d+; 4 worlds/,
    );
    expect(run.stdout).toContain('grid threshold (3) × windowMs = 3 points, all in one detection pass per world');
    // Pooled with Wilson intervals: 2 of 2 incidents is not "1.00 ± 0.00".
    expect(run.stdout).toMatch(/\n→ threshold=3,windowMs=10m +1\.00 \[0\.34, 1\.00\] +1\.00 \[0\.34, 1\.00\] +0\.00 \[0\.00, 2\.29\] /);
    expect(run.stdout).not.toMatch(/\n {2}threshold=30,windowMs=10m /); // recall 0: dominated, off the front
    expect(run.stdout).toMatch(/\n {2}defaults \(threshold=6,windowMs=10m,outageUsers=5\) /);
    expect(run.stdout).toMatch(/\n {2}baseline-okta-abandonment \(baseline\) /);
    expect(run.stdout).toContain('worlds too small to decide: 2 incidents, fewer than 20; 1,680 user-days, fewer than 10,000');
    expect(run.stdout).toContain('recommended (tentative): threshold=3,windowMs=10m — recall 1.00 [0.34, 1.00]');
    expect(run.stdout).toContain('within the budget of 0.50 (--fp-budget)');
    for (const file of ['report.html', 'report.md', 'report.json', 'charts/sweep-recall-vs-false-alerts.svg', 'charts/grid-heatmap.svg'])
      expect(existsSync(join(cwd, 'rep', file)), file).toBe(true);
  });

  it('--json has every point', () => {
    const run = pushstorm([
      'tune',
      scenarios[0],
      '--users',
      '40',
      '--detector',
      'mfa-without-login',
      '--grid',
      'threshold=3..6',
      '--seeds',
      '1',
      '--no-baselines',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const sweep = JSON.parse(run.stdout);
    expect(sweep.rows.map((r: { name: string }) => r.name)).toEqual([
      'threshold=3',
      'threshold=4',
      'threshold=5',
      'threshold=6',
      'defaults',
    ]);
    expect(sweep.budgetSource).toBe('defaults');
    // The recommendation is its parameters (the index is kept as recommendedIndex), tentative on one small world.
    expect(sweep.recommended).toMatchObject({
      detector: 'mfa-without-login',
      params: { threshold: expect.any(Number), windowMs: 600_000, graceMs: 600_000 },
      tentative: true,
    });
    expect(sweep.rows[sweep.recommendedIndex].name).toBe(sweep.recommended.name);
    expect(sweep.evidence.shortfalls.length).toBeGreaterThan(0);
    expect(sweep.rows[0].recall).toMatchObject({ method: 'wilson', n: sweep.evidence.incidents });
  });

  it('refuses an unknown detector, a bad grid and a bad budget with exit 2, before simulating', () => {
    const detector = pushstorm(['tune', scenarios[0], '--detector', 'mfa-witout-login', '--grid', 'threshold=3']);
    expect(detector.code).toBe(2);
    expect(detector.stderr).toContain(
      'error: tune options: 1 problem\n  --detector mfa-witout-login: unknown detector; did you mean "mfa-without-login"?\n',
    );
    const bad = pushstorm(['tune', scenarios[0], '--detector', 'mfa-without-login', '--grid', 'threshold=1..3,colour=red']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'error: tune options: 2 problems\n' +
        '  --grid threshold=1: must be within [2, 30]\n' +
        '  --grid colour: unknown parameter of mfa-without-login (allowed: threshold, windowMs, graceMs, outageUsers)\n',
    );
    expect(bad.stderr).not.toContain('detector parameters');
    const budget = pushstorm(['tune', scenarios[0], '--detector', 'mfa-without-login', '--grid', 'threshold=3', '--fp-budget', 'lots']);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain(
      'error: tune options: 1 problem\n  --fp-budget lots: must be a number >= 0 (false alerts per 1,000 user-days)\n',
    );
  });

  it('refuses grid values off the parameter’s step, naming the step (they were swept)', () => {
    const run = pushstorm(['tune', scenarios[0], '--detector', 'mfa-without-login', '--grid', 'threshold=3.5|4,window=7m30s|10m']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--grid threshold=3.5: must be a multiple of 1 (the parameter's step)");
    expect(run.stderr).toContain("--grid window=7m30s: must be a multiple of 1m (the parameter's step)");
    expect(run.stdout).toBe('');
  });
});

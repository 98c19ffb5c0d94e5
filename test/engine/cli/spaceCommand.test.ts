import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-space-'));
/**
 * The scoring runs below score one sample's six worlds: they share a world cache, so the first simulates them and the
 * rest read them back (the cache has its own tests) — before, each of the six runs simulated all six again.
 */
const cached = ['--cache', join(dir, 'worlds')];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushstorm space', () => {
  it('samples a space into scenario files and space.json, the same bytes for the same seed (a smaller n its prefix), and replaces a folder whole', async () => {
    const out = join(dir, 's');
    const first = await cli(['space', 'sample', '--n', '6', '--seed', '9', '--families', 'burst,benign', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^space sample, seed 9, pushstorm [\d.]+: 6 scenarios \(burst 3, benign 3\)$/m);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      '.pushstorm-files.json',
      'benign-1.yaml',
      'benign-2.yaml',
      'benign-3.yaml',
      'burst-1.yaml',
      'burst-2.yaml',
      'burst-3.yaml',
      'space.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'space.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: 9, n: 6, families: ['burst', 'benign'] });
    expect(manifest.scenarios[0]).toMatchObject({ file: 'burst-1.yaml', name: 'burst-1', family: 'burst' });
    const bytes = readFileSync(join(out, 'burst-2.yaml'));
    expect((await cli(['space', 'sample', '--n', '2', '--seed', '9', '--families', 'burst', '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.pushstorm-files.json', 'burst-1.yaml', 'burst-2.yaml', 'space.json']);
    // A smaller sample of the same seed is the start of the larger one, family by family.
    expect(readFileSync(join(out, 'burst-2.yaml'))).toEqual(bytes);
    expect((await cli(['space', 'sample', '--n', '6', '--seed', '9', '--families', 'burst,benign', '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'burst-2.yaml'))).toEqual(bytes);
    // A sampled file is a scenario like any other.
    expect((await cli(['simulate', join(out, 'burst-1.yaml'), '--out', join(dir, 'w'), '-q'])).code).toBe(0);
  });

  it('scores a detector set over the sample by family and noise kind, as text and JSON', async () => {
    const out = join(dir, 's');
    const text = await cli(['space', 'score', out, '--detectors', 'mfa-without-login,denied-burst', ...cached]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toMatch(/^world 1\/6: burst-1, [\d,]+ events, \d+ incidents/m);
    expect(text.stdout).toMatch(/^family \(overall\) +worlds +incidents +recall +prevented +false\/1k user-days$/m);
    expect(text.stdout).toMatch(/^burst +3 +\d+ /m);
    expect(text.stdout).toMatch(/^recall by family +burst$/m);
    expect(text.stdout).toMatch(/^mfa-without-login +\d+%$/m);
    const json = JSON.parse((await cli(['space', 'score', out, '--detectors', 'mfa-without-login', '--json', ...cached])).stdout);
    expect(json.worlds).toBe(6);
    expect(json.byFamily.map((f: { family: string }) => f.family)).toEqual(['burst', 'benign']);
    expect(json.all.map((c: { detector: string }) => c.detector)).toEqual(['overall', 'mfa-without-login']);
  });

  it('compares each baseline with the pushstorm set at its false-alert rate (--compare-baselines)', async () => {
    const out = join(dir, 's');
    const args = [
      'space',
      'score',
      out,
      '--detectors',
      'unanswered-pushes,baseline-elastic-push-denials',
      '--compare-baselines',
      ...cached,
    ];
    const text = await cli(args);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^at equal false alerts +setting +recall +prevented +false\/1k user-days$/m);
    expect(text.stdout).toMatch(/^pushstorm \(overall\) +defaults /m);
    expect(text.stdout).toMatch(/^baseline-elastic-push-denials +runs \d+/m);
    // The sweep's settings are in the comparison, not rows of the recall matrix.
    expect(text.stdout).not.toMatch(/^baseline-elastic-push-denials@/m);
    const json = JSON.parse((await cli([...args, '--json'])).stdout);
    const [row] = json.baselinesAtBudget;
    expect(row).toMatchObject({ baseline: 'baseline-elastic-push-denials', param: 'runs' });
    const overall = json.all.find((c: { detector: string }) => c.detector === 'overall');
    // Within the budget: at most the set's false alerts, and the most sensitive such setting.
    const rate = (c: { falseAlerts: number; userDays: number }) => c.falseAlerts / c.userDays;
    if (row.withinBudget) expect(rate(row.cell)).toBeLessThanOrEqual(rate(overall));
    const swept = json.all.filter((c: { detector: string }) => c.detector.startsWith('baseline-elastic-push-denials@runs='));
    expect(swept.length).toBeGreaterThan(3);
    for (const c of swept) if (rate(c) <= rate(overall)) expect(c.detected).toBeLessThanOrEqual(row.cell.detected);
  });

  it('writes a report with recall by family, false alerts by noise kind and an evasion boundary (--report, --boundary)', async () => {
    const out = join(dir, 's');
    const rep = join(dir, 'rep');
    const run = await cli([
      'space',
      'score',
      out,
      '--detectors',
      'unanswered-pushes,denied-burst',
      '--report',
      rep,
      '--boundary',
      'burst',
      ...cached,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(rep).sort()).toEqual([
      '.pushstorm-files.json',
      'boundary-burst.svg',
      'false-alerts-by-noise.svg',
      'recall-by-family.svg',
      'space-report.json',
      'space-report.md',
    ]);
    const md = readFileSync(join(rep, 'space-report.md'), 'utf8');
    expect(md).toMatch(/^## Recall by attack family$/m);
    expect(md).toMatch(/^\| burst \| 3 \| \d+ \| /m);
    expect(md).toMatch(/^## False alerts by kind of benign noise$/m);
    expect(md).toMatch(/^## The evasion boundary: burst$/m);
    for (const svg of ['recall-by-family.svg', 'false-alerts-by-noise.svg', 'boundary-burst.svg'])
      expect(readFileSync(join(rep, svg), 'utf8')).toMatch(/^<svg/);
    const json = JSON.parse(readFileSync(join(rep, 'space-report.json'), 'utf8'));
    expect(json.boundary.family).toBe('burst');
    expect(json.boundary.boundary.cells.length).toBeGreaterThan(0);
    // Figures the report gives are the ones the JSON output gives.
    const scored = JSON.parse(
      (await cli(['space', 'score', out, '--detectors', 'unanswered-pushes,denied-burst', '--json', ...cached])).stdout,
    );
    expect(json.all).toEqual(scored.all);
    const bad = await cli(['space', 'score', out, '--boundary', 'spray']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--boundary spray: is not a family evade searches');
    expect(bad.stderr).toContain('needs --report DIR');
  });

  it('refuses an unknown family, a folder without space.json and an unknown detector (exit 2)', async () => {
    const family = await cli(['space', 'sample', '--n', '2', '--families', 'burst,brust', '--out', join(dir, 'x')]);
    expect([family.code, family.stderr]).toEqual([2, expect.stringContaining('--families')]);
    expect(family.stderr).toContain('has no family "brust"');
    writeFileSync(join(dir, 'not-a-space.yaml'), 'name: x\n');
    const noManifest = await cli(['space', 'score', dir]);
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toContain('space.json');
    expect((await cli(['space', 'score', join(dir, 's'), '--detectors', 'nope'])).code).toBe(2);
  });
});

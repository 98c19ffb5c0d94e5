import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import { formatDurationApprox } from '../../engine/model/duration/formatDurationApprox.ts';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-run-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm run', () => {
  it('simulates, detects and scores into one directory, and prints a row for every detector', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'uber-burst.yaml'), '--users', '60', '--out', 'r']);
    expect(run.code).toBe(0);
    for (const file of ['events.ndjson', 'truth.json', 'alerts.ndjson', 'score.json'])
      expect(existsSync(join(cwd, 'r', file)), file).toBe(true);
    expect(run.stdout).toMatch(/^scenario uber-burst \(hash [0-9a-f]{12}\), seed 2022, pushstorm /);
    expect(run.stdout).toContain('1 incident (1 compromised)');
    for (const d of detectors) expect(run.stdout).toMatch(new RegExp(`\\n${d.id}( \\(baseline\\))? +\\d+ +(\\d+%|—) `));
    expect(run.stdout).toMatch(/\noverall \(all but baselines\) +\d+ +100% /);
    const { provenance, score } = JSON.parse(readFileSync(join(cwd, 'r', 'score.json'), 'utf8'));
    expect(provenance).toMatchObject({ scenario: { name: 'uber-burst' }, seed: 2022, alertsFile: 'r/alerts.ndjson' });
    expect(score.detectors).toHaveLength(detectors.length);
    expect(score.overall.promptsBeforeDetection.median).toBeGreaterThan(0);
  });

  it('--json prints the summary as one object; a bad scenario is refused with exit 2 and nothing written', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'tiny.yaml'), '--out', 't', '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ scenario: { name: 'tiny' }, incidents: 1, outputs: { score: 't/score.json' } });
    expect(pushstorm(['run', 'missing.yaml', '--out', 'm']).code).toBe(2);
    expect(existsSync(join(cwd, 'm'))).toBe(false);
  });

  it('names the default output directory after the size it ran: --users/--days do not overwrite the full run', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'tiny.yaml'), '--users', '12', '--days', '1', '--json', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).outputs.dir).toBe(join('out', 'tiny-seed1-12u-1d'));
    expect(existsSync(join(cwd, 'out', 'tiny-seed1'))).toBe(false);
  });

  it('runs a tuned parameter set: tune --write-params, then run --params with it, and the score follows the parameters', () => {
    const tiny = join(repo, 'scenarios', 'tiny.yaml');
    const tune = pushstorm([
      'tune',
      tiny,
      '--detector',
      'denied-burst',
      '--grid',
      'threshold=4|30',
      '--seeds',
      '1',
      '--no-baselines',
      '--fp-budget',
      '1000',
      '--write-params',
      'tuned.yaml',
      '--quiet',
    ]);
    expect(tune.code, tune.stderr).toBe(0);
    expect(tune.stdout).toContain('params  tuned.yaml (tentative): run it with pushstorm run --params tuned.yaml');
    const written = readFileSync(join(cwd, 'tuned.yaml'), 'utf8');
    expect(written).toMatch(/^# denied-burst threshold=4: recommended by pushstorm /);
    expect(written).toContain('denied-burst:\n  threshold: 4\n  windowMs: 10m\n');
    const tuned = JSON.parse(
      pushstorm(['run', tiny, '--detectors', 'denied-burst', '--params', 'tuned.yaml', '--out', 'tuned', '--json', '--quiet']).stdout,
    );
    expect(tuned.detectors[0]).toMatchObject({ label: 'denied-burst', params: { threshold: 4, windowMs: 600_000 }, recall: 1 });
    // A threshold above the burst's 10 pushes (written with the grid's short name) misses it: the score is the parameters'.
    writeFileSync(join(cwd, 'deaf.yaml'), 'denied-burst: { threshold: 30, window: 10m }\n');
    const deaf = JSON.parse(
      pushstorm(['run', tiny, '--detectors', 'denied-burst', '--params', 'deaf.yaml', '--out', 'deaf', '--json', '--quiet']).stdout,
    );
    expect(deaf.detectors.map((d: { label: string }) => d.label)).toEqual(['denied-burst', 'overall']);
    expect(deaf.detectors[0]).toMatchObject({ params: { threshold: 30 }, recall: 0 });
    expect(JSON.parse(readFileSync(join(cwd, 'deaf', 'score.json'), 'utf8')).score.detectors[0].params.threshold).toBe(30);
  });

  it('--help names the tuned-set options and where a sized-down run goes', () => {
    const help = pushstorm(['run', '--help']).stdout;
    for (const text of ['--detectors <ids>', '--params <file>', 'out/<scenario>-seed<seed>, with -<users>u and -<days>d appended'])
      expect(help).toContain(text);
    expect(Math.max(...help.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('prints the false-alerts-by-cause table after the detector table', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'false-positive-week.yaml'), '--users', '200', '--days', '2', '--out', 'fp']);
    expect(run.code, run.stderr).toBe(0);
    const { score } = JSON.parse(readFileSync(join(cwd, 'fp', 'score.json'), 'utf8'));
    const heading = "\nfalse alerts by cause (the truth's labels of their evidence)\n";
    expect(run.stdout.indexOf('\noverall (all but baselines)')).toBeLessThan(run.stdout.indexOf(heading));
    expect(run.stdout.indexOf(heading)).toBeLessThan(run.stdout.indexOf('\nreport   '));
    const table = run.stdout.slice(run.stdout.indexOf(heading) + heading.length, run.stdout.indexOf('\n\nreport   ')).split('\n');
    const header = table[0].trim().split(/ {2,}/);
    expect(header.slice(0, 2)).toEqual(['detector', 'false alerts']);
    const noisy = score.detectors.filter((d: { falseAlerts: number }) => d.falseAlerts > 0);
    expect(noisy.length).toBeGreaterThan(0);
    expect(table.slice(1, 1 + noisy.length).map((row) => row.trim().split(/ {2,}/))).toEqual(
      noisy.map((d: { label: string; baseline: boolean; falseAlerts: number; falseAlertsByCause: Record<string, number> }) => [
        d.label + (d.baseline ? ' (baseline)' : ''),
        String(d.falseAlerts),
        ...header.slice(2).map((cause) => String(d.falseAlertsByCause[cause] ?? 0)),
      ]),
    );
  });

  it('writes times to detect as the reports do (it rounded them to whole seconds with a formatter of its own: 23s, not 23.2s)', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'duo-fraud-mute.yaml'), '--users', '60', '--days', '3', '--out', 'duo']);
    expect(run.code, run.stderr).toBe(0);
    const { score } = JSON.parse(readFileSync(join(cwd, 'duo', 'score.json'), 'utf8'));
    const detected = (score.detectors as Array<{ label: string; baseline: boolean; timeToDetectMs: { median: number | null } }>).filter(
      (d) => d.timeToDetectMs.median !== null,
    );
    // Under a minute the two formats differ (tenths of a second), so the comparison below can fail.
    expect(detected.some((d) => d.timeToDetectMs.median! < 60_000 && d.timeToDetectMs.median! % 1000 !== 0)).toBe(true);
    for (const d of score.detectors as Array<{ label: string; baseline: boolean; timeToDetectMs: { median: number | null } }>) {
      const line = run.stdout.split('\n').find((l) => l.startsWith(`${d.label}${d.baseline ? ' (baseline)' : ''} `))!;
      const cells = line.trim().split(/ {2,}/);
      expect(cells[5], d.label).toBe(d.timeToDetectMs.median === null ? '—' : formatDurationApprox(d.timeToDetectMs.median));
    }
  });

  it('refuses a parameter off its step before simulating anything', () => {
    writeFileSync(join(cwd, 'half.yaml'), 'mfa-without-login: { threshold: 3.5, windowMs: 7m30s }\n');
    const run = pushstorm(['run', join(repo, 'scenarios', 'tiny.yaml'), '--params', 'half.yaml', '--out', 'half']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('half.yaml: 2 problems'); // the file as the user named it
    expect(run.stderr).not.toContain(cwd);
    expect(run.stderr).toContain("/mfa-without-login/threshold: must be a multiple of 1 (the parameter's step; got 3.5)");
    expect(run.stderr).toContain("/mfa-without-login/windowMs: must be a multiple of 1m (the parameter's step; got 7m30s)");
    expect(existsSync(join(cwd, 'half'))).toBe(false);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/model/generated/alert.ts';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const example = join(repo, 'examples', 'sql', 'unansweredFromAnonymisers.sql');
const world = join(repo, 'scenarios', 'duo-fraud-mute.yaml');
let cwd: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd);
const write = (name: string, text: string) => {
  writeFileSync(join(cwd, name), text);
  return name;
};
type Row = { label: string; params: Record<string, number>; alerts: number; recall: number | null; falseAlertsPer1000UserDays: number };

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-sql-'));
  mkdirSync(join(cwd, 'tmp'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('--sql-detector', () => {
  it('run scores a SQL detector beside a built-in one, and an exported baseline scores as its TypeScript version', () => {
    const exported = pushstorm(['export', '--detector', 'baseline-okta-abandonment', '--as-detector']);
    expect(exported.code).toBe(0);
    write('okta.sql', exported.stdout);
    const run = pushstorm([
      'run',
      world,
      '--users',
      '120',
      '--out',
      'w',
      '--quiet',
      '--json',
      '--sql-detector',
      example,
      '--sql-detector',
      'okta.sql',
      '--detectors',
      'unanswered-from-anonymisers,baseline-okta-abandonment,baseline-okta-abandonment-sql',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = (JSON.parse(run.stdout) as { detectors: Row[] }).detectors;
    const row = (label: string) => rows.find((d) => d.label === label)!;
    expect(row('unanswered-from-anonymisers')).toMatchObject({ recall: 1, falseAlertsPer1000UserDays: 0 });
    expect(row('unanswered-from-anonymisers').alerts).toBeGreaterThan(0);
    expect({ ...row('baseline-okta-abandonment-sql'), label: '' }).toEqual({ ...row('baseline-okta-abandonment'), label: '' });
    expect(row('baseline-okta-abandonment').alerts).toBeGreaterThan(0);
  });

  it('detect raises its alerts from an events file, with its parameters from --params', () => {
    const detect = pushstorm([
      'detect',
      'w/events.ndjson',
      '--sql-detector',
      example,
      '--detectors',
      'unanswered-from-anonymisers',
      '--params',
      write('p.yaml', 'unanswered-from-anonymisers: { window: 1h, threshold: 3 }\n'),
    ]);
    expect(detect.code).toBe(0);
    const alerts = detect.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Alert);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0].detector).toMatchObject({ id: 'unanswered-from-anonymisers', params: { window: 3_600_000, threshold: 3 } });
    expect(alerts[0].evidence.length).toBeGreaterThanOrEqual(3);
  });

  it('tune sweeps its parameters, and gate checks a requirement on it', () => {
    const tune = pushstorm([
      'tune',
      world,
      '--users',
      '120',
      '--detector',
      'unanswered-from-anonymisers',
      '--sql-detector',
      example,
      '--grid',
      'threshold=2|30',
      '--no-baselines',
      '--quiet',
      '--json',
    ]);
    expect(tune.stderr).toBe('');
    expect(tune.code).toBe(0);
    const sweep = JSON.parse(tune.stdout) as {
      rows: Array<{ kind: string; params: { threshold: number }; timeToDetectMedianMs: { mean: number } | null }>;
    };
    const grid = sweep.rows.filter((r) => r.kind === 'grid');
    expect(grid.map((r) => r.params.threshold)).toEqual([2, 30]);
    // A higher threshold waits for more pushes: later detection.
    expect(grid[0].timeToDetectMedianMs!.mean).toBeLessThan(grid[1].timeToDetectMedianMs!.mean);

    const gate = write(
      'gate.yaml',
      `name: sql\nsuite:\n  - { scenario: ${world}, seeds: [2023], users: 120 }\ndetectors: [unanswered-from-anonymisers]\nrequire:\n  - { detector: unanswered-from-anonymisers, figure: recall, min: 1 }\n`,
    );
    const passed = pushstorm(['gate', gate, '--sql-detector', example]);
    expect(passed.stderr + passed.stdout).toMatch(/every check holds/);
    expect(passed.code).toBe(0);
  });

  it('--windowing tumbling scores the fixed-bucket variant of a sliding-window detector: what a bucketed export catches', () => {
    const ttd = (windowing: string) => {
      const run = pushstorm([
        'run',
        join(repo, 'scenarios', 'uber-burst.yaml'),
        '--users',
        '200',
        '--out',
        `win-${windowing}`,
        '--quiet',
        '--json',
        '--windowing',
        windowing,
        '--detectors',
        'baseline-okta-abandonment',
      ]);
      expect(run.stderr).toBe('');
      const row = (JSON.parse(run.stdout) as { detectors: Array<Row & { timeToDetectMedianMs: number }> }).detectors[0];
      expect(row.recall).toBe(1);
      return row.timeToDetectMedianMs;
    };
    // The sliding hour fires at the push that tips a clause; the fixed bucket only at its end.
    expect(ttd('tumbling')).toBeGreaterThan(ttd('sliding'));
    const alerts = readFileSync(join(cwd, 'win-tumbling', 'alerts.ndjson'), 'utf8');
    expect(alerts).toContain('(tumbling windows)');
  });

  it('stops with exit 2 before anything runs when a SQL detector cannot be used', () => {
    write('nohead.sql', 'SELECT 1\n');
    write('typo.sql', '/* pushstorm detector\nid: typo\ntitle: T\nseverity: high\nentity: user\n*/\nSELECT :treshold\n');
    const cases: Array<[string[], string]> = [
      [['detect', '-', '--sql-detector', 'nohead.sql'], 'detectors from nohead.sql: a SQL detector opens with a header comment'],
      [
        ['run', world, '--sql-detector', 'typo.sql'],
        'detectors from typo.sql: 1 problem\n  query: :treshold is not a declared parameter (none declared)',
      ],
    ];
    for (const [args, message] of cases) {
      const run = pushstorm(args);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.code, args.join(' ')).toBe(2);
    }
  });
});

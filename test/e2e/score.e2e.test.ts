import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-score-'));
  expect(pushstorm(['simulate', join(repo, 'scenarios', 'uber-burst.yaml'), '--users', '60', '--out', 'w', '--quiet']).code).toBe(0);
  expect(pushstorm(['detect', 'w/events.ndjson', '--out', 'w/alerts.ndjson']).code).toBe(0);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm score', () => {
  it('prints where the figures come from, a row per detector, the incident and the definitions', () => {
    const run = pushstorm(['score', '--truth', 'w/truth.json', '--alerts', 'w/alerts.ndjson', '--events', 'w/events.ndjson']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^scenario uber-burst \(hash [0-9a-f]{12}\), seed 2022, pushstorm \d+\.\d+\.\d+\n60 users × 7 days = 420 user-days · 1 incident, 1 compromised · match grace 1h\n/,
    );
    expect(run.stdout).toMatch(/\nmfa-without-login +1 +1 +0 +1\.00 +1\.00 +1\.00 /);
    expect(run.stdout).toMatch(/\n {2}contractor-burst#1 .* \+\d+m\d*s? \(\d+ prompts?\) /);
    expect(run.stdout).toContain('\nDefinitions:\n- An incident is one attack against one target user');
  });

  it('--json gives the provenance, the parameters and every figure', () => {
    const run = pushstorm(['score', '--truth', 'w/truth.json', '--alerts', 'w/alerts.ndjson', '--json']);
    expect(run.code).toBe(0);
    const { provenance, score } = JSON.parse(run.stdout);
    expect(provenance).toMatchObject({
      scenario: { name: 'uber-burst' },
      seed: 2022,
      truthFile: 'w/truth.json',
      alertsFile: 'w/alerts.ndjson',
    });
    const row = score.detectors.find((d: { label: string }) => d.label === 'mfa-without-login');
    expect(row).toMatchObject({
      params: { threshold: 6, windowMs: 600_000, graceMs: 600_000, outageUsers: 5 },
      recall: 1,
      promptsBeforeDetection: null,
    });
    expect(score.overall.recall).toBe(1);
    expect(score.perIncident).toHaveLength(1);
  });

  it('refuses a file of the wrong kind with every problem, and bad options, with exit code 2', () => {
    writeFileSync(join(cwd, 'bad.ndjson'), '{"id":"a"}\nnot json\n');
    const wrong = pushstorm(['score', '--truth', 'w/events.ndjson', '--alerts', 'w/alerts.ndjson']);
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([2, 'error: w/events.ndjson: not a valid truth file, 1 problem']);
    const bad = pushstorm(['score', '--truth', 'w/truth.json', '--alerts', 'bad.ndjson']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.ndjson: not a valid alerts file');
    expect(bad.stderr).toContain('  line 1: missing "status"');
    expect(bad.stderr).toMatch(/ {2}line 2: not JSON/);
    const options = pushstorm(['score', '--truth', 'w/truth.json', '--alerts', 'w/alerts.ndjson', '--grace', 'soon', '--incidents', '-1']);
    expect(options.code).toBe(2);
    expect(options.stderr).toBe(
      'error: score options: 2 problems\n  --grace soon: must be a duration such as 30m or 1h\n  --incidents -1: must be a whole number >= 0\n',
    );
    expect(pushstorm(['score', '--alerts', 'w/alerts.ndjson']).code).toBe(2);
    expect(pushstorm(['score', '--truth', 'missing.json', '--alerts', 'w/alerts.ndjson']).stderr).toContain(
      'cannot read input missing.json: no such file or directory (ENOENT)',
    );
  });
});

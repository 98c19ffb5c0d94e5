/**
 * `pushstorm run`, the main job, as a user runs it: simulate, detect with every detector and baseline, score.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
let cwd: string;

function pushstorm(args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-run-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm run', () => {
  it('simulates, detects and scores into one directory, and prints a row for every detector', () => {
    const run = pushstorm(['run', join(repo, 'scenarios', 'uber-burst.yaml'), '--users', '60', '--out', 'r']);
    expect(run.code).toBe(0);
    for (const file of ['events.ndjson', 'truth.json', 'alerts.ndjson', 'score.json']) expect(existsSync(join(cwd, 'r', file)), file).toBe(true);
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
});

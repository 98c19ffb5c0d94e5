import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd);
type Row = { alerts: number; recall: number | null; timeToDetectMedianMs: number | null };

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-windowing-'));
  // The library's storms never reach 10 failures in 5 minutes; 3 makes the count fire.
  writeFileSync(join(cwd, 'low.yaml'), 'baseline-splunk-failed-mfa: { threshold: 3, bucketMs: 5m }\n');
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('--windowing sliding', () => {
  const run = (windowing: string) => {
    const args = ['run', join(repo, 'scenarios', 'daily-bursts.yaml'), '--users', '60', '--days', '2', '--out', `w-${windowing}`];
    const done = pushstorm([
      ...args,
      '--quiet',
      '--json',
      '--params',
      'low.yaml',
      '--windowing',
      windowing,
      '--detectors',
      'baseline-splunk-failed-mfa',
    ]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    return (JSON.parse(done.stdout) as { detectors: Row[] }).detectors[0];
  };

  it('run scores the sliding variant of a fixed-bucket detector: it decides at the failure that completes the count', () => {
    const own = run('own');
    const sliding = run('sliding');
    expect(own.recall).toBe(1);
    expect(sliding.recall).toBe(1);
    // The bucket decides at its end; the window at the third failure, within it.
    expect(sliding.timeToDetectMedianMs!).toBeLessThan(own.timeToDetectMedianMs!);
    expect(readFileSync(join(cwd, 'w-sliding', 'alerts.ndjson'), 'utf8')).toContain('(sliding windows)');
    expect(readFileSync(join(cwd, 'w-own', 'alerts.ndjson'), 'utf8')).not.toContain('(sliding windows)');
  });

  it('detect takes it too, and an unknown mode stops with exit 2', () => {
    const events = join('w-own', 'events.ndjson');
    const detect = (windowing: string) =>
      pushstorm(['detect', events, '--detectors', 'baseline-splunk-failed-mfa', '--params', 'low.yaml', '--windowing', windowing]);
    const alerts = (text: string) => text.split('\n').filter((l) => l.startsWith('{'));
    const own = detect('own');
    const sliding = detect('sliding');
    expect(own.code).toBe(0);
    expect(sliding.code).toBe(0);
    expect(alerts(sliding.stdout).length).toBeGreaterThanOrEqual(alerts(own.stdout).length);
    expect(alerts(sliding.stdout).every((l) => l.includes('(sliding windows)'))).toBe(true);
    const bad = detect('hopping');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--windowing <mode>' argument 'hopping' is invalid. Allowed choices are own, sliding, tumbling.");
  });
});

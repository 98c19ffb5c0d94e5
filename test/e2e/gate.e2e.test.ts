/**
 * `pushstorm gate` as CI runs it: exit 0 when every check holds, 1 on a regression (named), 2 on a bad gate file;
 * JUnit XML and a Markdown summary written; --update-baseline. Also the repository's own gate (gates/ci.yaml), so
 * `npm test` fails when detection quality regresses.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const gate = (name: string, require: string, extra = '') => {
  writeFileSync(
    join(cwd, name),
    `name: ${name.replace(/\.yaml$/, '')}\nsuite:\n  - { scenario: ${JSON.stringify(join(repo, 'scenarios', 'tiny.yaml'))}, seeds: [1, 2] }\nrequire:\n${require}${extra}`,
  );
  return name;
};

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-gate-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm gate', () => {
  it('exits 0 when every check holds, and writes JUnit XML and a Markdown summary', () => {
    const run = pushstorm([
      'gate',
      gate('ok.yaml', '  - { detector: overall, figure: falseAlerts, max: 5 }\n'),
      '--junit',
      'j.xml',
      '--summary',
      's.md',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('every check holds');
    expect(readFileSync(join(cwd, 'j.xml'), 'utf8')).toMatch(/<testsuites name="pushstorm gate ok" tests="2" failures="0" skipped="0">/);
    expect(readFileSync(join(cwd, 's.md'), 'utf8').split('\n')[0]).toBe('## pushstorm gate ok: passed');
  });

  it('exits 1 on a regression, naming the figure, the detector, the scenario and the seed', () => {
    const run = pushstorm(['gate', gate('strict.yaml', '  - { detector: fraud-report, figure: recall, min: 0.5 }\n'), '--junit', 'j2.xml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\ntiny seed 1 +fraud-report recall >= 0\.5 +0 < 0\.500 +FAIL\n/);
    expect(run.stdout).toMatch(/\ntiny seed 2 +fraud-report recall >= 0\.5 +0 < 0\.500 +FAIL\n/);
    // Each failure once (it was printed in the table and again below it).
    expect(run.stdout.match(/0 < 0\.500/g)).toHaveLength(2);
    expect(run.stdout).toContain('2 checks failed: the FAIL rows above');
    expect(run.stderr).toContain('error: gate strict: 2 of 2 checks failed');
    expect(readFileSync(join(cwd, 'j2.xml'), 'utf8')).toContain('failures="2"');
  });

  it('exits 2 on a bad gate file, with every problem and nothing written', () => {
    writeFileSync(join(cwd, 'bad.yaml'), 'name: bad\nsuite: []\nrequire: [{ detector: overall, figure: speed, min: 1 }]\n');
    const run = pushstorm(['gate', 'bad.yaml', '--junit', 'never.xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.yaml: not a valid gate file');
    expect(run.stderr).toContain('/require/0/figure: must be one of');
    expect(existsSync(join(cwd, 'never.xml'))).toBe(false);
  });

  it('exits 2 with every problem of the gate at once: a bound never met, an unknown detector, a missing scenario', () => {
    writeFileSync(
      join(cwd, 'many.yaml'),
      `name: many\nsuite:\n  - { scenario: nowhere.yaml, seeds: [1] }\n  - { scenario: ${JSON.stringify(join(repo, 'scenarios', 'tiny.yaml'))}, seeds: [1] }\n` +
        'detectors: [denied-burst, nope]\nrequire:\n  - { detector: overall, figure: recall, min: 1.5 }\n  - { detector: overall, figure: falseAlertsPer1000UserDays, max: -0.1 }\n',
    );
    const run = pushstorm(['gate', 'many.yaml', '--junit', 'many.xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('many.yaml: not a valid gate file, 4 problems');
    for (const text of [
      '/require/0/min: 1.5 can never be met: recall lies in [0, 1]',
      '/require/1/max: -0.1 can never be met',
      '/suite/0/scenario: nowhere.yaml',
      '/detectors/1: unknown detector "nope"',
    ]) {
      expect(run.stderr).toContain(text);
    }
    expect(existsSync(join(cwd, 'many.xml'))).toBe(false);
  });

  it('--detectors and --params gate a tuned set instead of the file’s own', () => {
    writeFileSync(join(cwd, 'keen.yaml'), 'denied-burst: { threshold: 3 }\n');
    writeFileSync(join(cwd, 'deaf.yaml'), 'denied-burst: { threshold: 30 }\n');
    const file = gate('tuned.yaml', '  - { detector: denied-burst, figure: recall, min: 1 }\n');
    expect(pushstorm(['gate', file, '--detectors', 'denied-burst', '--params', 'keen.yaml']).code).toBe(0);
    const deaf = pushstorm(['gate', file, '--detectors', 'denied-burst', '--params', 'deaf.yaml']);
    expect(deaf.code).toBe(1);
    expect(deaf.stdout).toMatch(/denied-burst recall >= 1 +0 < 1 +FAIL/);
  });

  it('--update-baseline writes the baseline; the next run compares every figure with it', () => {
    const file = gate('based.yaml', '  - { detector: overall, figure: recall, min: 0.9 }\n', 'baseline: based.baseline.json\n');
    expect(pushstorm(['gate', file]).code).toBe(2); // no baseline yet: says how to make one
    const update = pushstorm(['gate', file, '--update-baseline']);
    expect(update.code, update.stderr).toBe(0);
    const baseline = JSON.parse(readFileSync(join(cwd, 'based.baseline.json'), 'utf8'));
    expect(baseline.entries.length).toBeGreaterThan(10);
    const run = pushstorm(['gate', file]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/baseline: \d+ figures compared, 0 worse beyond the tolerance/);
  });
});

describe('pushstorm gate --cache', () => {
  const pushstormAsync = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(repo, 'bin', 'pushstorm.mjs'), ...args], { cwd });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout }));
    });

  it('two gates filling one cache at once both pass and leave entries the next run reads back', async () => {
    const file = gate('cached.yaml', '  - { detector: overall, figure: falseAlerts, max: 50 }\n');
    const cache = join(cwd, 'world-cache');
    const [a, b] = await Promise.all([pushstormAsync(['gate', file, '--cache', cache]), pushstormAsync(['gate', file, '--cache', cache])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readdirSync(cache)).toHaveLength(2); // one entry per world, no temporary left
    const again = pushstorm(['gate', file, '--cache', cache]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('2 runs (2 from the world cache)');
    // The same report: either concurrent run may have read a world the other had just filled, and says so.
    const report = (stdout: string) => stdout.replace(/ \(\d from the world cache\)/, '');
    expect(report(again.stdout)).toBe(report(a.stdout));
    expect(report(b.stdout)).toBe(report(a.stdout));
  });
});

describe('the repository’s own gate (gates/ci.yaml)', () => {
  it('holds', () => {
    const run = pushstorm(['gate', join(repo, 'gates', 'ci.yaml'), '--junit', 'ci.xml']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readFileSync(join(cwd, 'ci.xml'), 'utf8')).toContain('failures="0"');
  }, 60_000);
});

/**
 * `pushstorm detect` and `pushstorm detectors` run as a user runs them, on events simulated from scenarios/tiny.yaml
 * (with a burst) and on broken input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
let cwd: string;

function pushstorm(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const lines = (text: string) => text.split('\n').filter(Boolean);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-detect-'));
  const sim = pushstorm(['simulate', join(repo, 'scenarios', 'uber-burst.yaml'), '--users', '60', '--out', 'w', '--quiet']);
  expect(sim.code).toBe(0);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm detect', () => {
  it('writes schema-valid alerts, finds the burst, and accounts for every line', () => {
    const run = pushstorm(['detect', 'w/events.ndjson', '--json']);
    expect(run.code).toBe(0);
    const alerts = lines(run.stdout).map((l) => JSON.parse(l) as Alert);
    const AjvClass = ((Ajv as unknown as { default?: unknown }).default ?? Ajv) as unknown as new (o: object) => { compile(s: object): ((v: unknown) => boolean) & { errors?: unknown } };
    const validate = new AjvClass({ allErrors: true }).compile(JSON.parse(readFileSync(join(repo, 'engine/model/schema/alert.schema.json'), 'utf8')));
    for (const a of alerts) expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
    const truth = JSON.parse(readFileSync(join(cwd, 'w/truth.json'), 'utf8')) as Truth;
    const incident = truth.incidents[0];
    expect(alerts.some((a) => a.detector.id === 'mfa-without-login' && a.user === incident.target)).toBe(true);
    const summary = JSON.parse(run.stderr.trim());
    const events = lines(readFileSync(join(cwd, 'w/events.ndjson'), 'utf8')).length;
    expect(summary).toMatchObject({ lines: events, accepted: events, quarantined: 0, duplicates: 0, late: 0 });
    expect(existsSync(join(cwd, 'quarantine.ndjson'))).toBe(false);
  });

  it('reads stdin, quarantines bad lines with their numbers and reasons, and keeps going', () => {
    const good = lines(readFileSync(join(cwd, 'w/events.ndjson'), 'utf8')).slice(0, 50);
    const input = [good[0], '{not json', good[1], '{"id":"x","time":"yesterday","source":"idp","type":"mfa.challenge","user":"a"}', good[1], ...good.slice(2)].join('\n') + '\n';
    const run = pushstorm(['detect', '-', '--json', '--quarantine', 'q.ndjson'], input);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stderr.trim());
    expect(summary).toMatchObject({ lines: 53, accepted: 51, quarantined: 2, duplicates: 1 });
    expect(summary.lines).toBe(summary.accepted + summary.quarantined);
    const q = lines(readFileSync(join(cwd, 'q.ndjson'), 'utf8')).map((l) => JSON.parse(l));
    expect(q.map((r) => [r.line, r.reason])).toEqual([
      [2, 'malformed_json'],
      [4, 'bad_timestamp'],
    ]);
  });

  it('--strict stops at the first bad line with exit code 1', () => {
    const run = pushstorm(['detect', '-', '--strict'], '{"broken"\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 1/);
  });

  it('runs several parameter sets of a detector in one pass', () => {
    writeFileSync(
      join(cwd, 'sets.yaml'),
      '- { detector: mfa-without-login, set: strict, params: { threshold: 3, windowMs: 5m } }\n- { detector: mfa-without-login, set: loose, params: { threshold: 12 } }\n',
    );
    const run = pushstorm(['detect', 'w/events.ndjson', '--detectors', 'mfa-without-login', '--params', 'sets.yaml', '--out', 'a.ndjson', '--json']);
    expect(run.code).toBe(0);
    const alerts = lines(readFileSync(join(cwd, 'a.ndjson'), 'utf8')).map((l) => JSON.parse(l) as Alert);
    const sets = new Set(alerts.map((a) => a.detector.paramSet));
    expect(sets.has('strict')).toBe(true);
    expect(alerts.filter((a) => a.detector.paramSet === 'strict').every((a) => a.detector.params.threshold === 3 && a.detector.params.windowMs === 300_000)).toBe(true);
    expect(Object.keys(JSON.parse(run.stderr.trim()).alertThreads)).toEqual(['mfa-without-login@strict', 'mfa-without-login@loose']);
  });

  it('rejects an unknown detector, a bad parameter and a missing file with exit 2, naming each', () => {
    writeFileSync(join(cwd, 'bad.yaml'), 'mfa-without-login: { threshold: 99, windw: 3 }\n');
    const run = pushstorm(['detect', 'w/events.ndjson', '--detectors', 'mfa-without-login,nope', '--params', 'bad.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown detector "nope"');
    expect(run.stderr).toContain('/mfa-without-login/threshold: must be within [2, 30] (got 99)');
    expect(run.stderr).toContain('/mfa-without-login/windw: unknown parameter');
    const missing = pushstorm(['detect', 'nowhere.ndjson']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.ndjson');
  });

  it('`pushstorm detectors` lists every detector with its parameters', () => {
    const run = pushstorm(['detectors', '--json']);
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(run.stdout) as Array<{ id: string; params: Record<string, { default: number }> }>;
    expect(catalogue.map((d) => d.id)).toContain('mfa-without-login');
    expect(catalogue.find((d) => d.id === 'mfa-without-login')!.params.threshold.default).toBe(5);
  });
});

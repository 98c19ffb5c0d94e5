/**
 * `pushstorm detect` and `pushstorm detectors` run as a user runs them, on events simulated from scenarios/tiny.yaml
 * (with a burst) and on broken input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';
import { memoised } from '../_fixtures/memoised.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
let cwd: string;

function pushstorm(args: string[], input?: string, env: Record<string, string> = {}) {
  // Temporary files go inside the test's directory, where the test can find them and removes them.
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: join(cwd, 'tmp'), ...env },
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const lines = (text: string) => text.split('\n').filter(Boolean);
/** `pushstorm <command> --help`, run once per command in this file: the cases below read the same helps. */
const helpOf = memoised(
  (command: string) => command,
  (command: string) => pushstorm([command, '--help']),
);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-detect-'));
  mkdirSync(join(cwd, 'tmp'));
  const sim = pushstorm(['simulate', join(repo, 'scenarios', 'uber-burst.yaml'), '--users', '60', '--out', 'w', '--quiet']);
  expect(sim.code).toBe(0);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm detect', () => {
  it('writes schema-valid alerts, finds the burst, and accounts for every line', () => {
    const run = pushstorm(['detect', 'w/events.ndjson', '--json']);
    expect(run.code).toBe(0);
    const alerts = lines(run.stdout).map((l) => JSON.parse(l) as Alert);
    const AjvClass = ((Ajv as unknown as { default?: unknown }).default ?? Ajv) as unknown as new (
      o: object,
    ) => { compile(s: object): ((v: unknown) => boolean) & { errors?: unknown } };
    const validate = new AjvClass({ allErrors: true }).compile(
      JSON.parse(readFileSync(join(repo, 'engine/model/schema/alert.schema.json'), 'utf8')),
    );
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
    const input = `${[good[0], '{not json', good[1], '{"id":"x","time":"yesterday","source":"idp","type":"mfa.challenge","user":"a"}', good[1], ...good.slice(2)].join('\n')}\n`;
    const run = pushstorm(['detect', '-', '--json', '--quarantine', 'q.ndjson'], input);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stderr.trim());
    expect(summary).toMatchObject({ lines: 53, accepted: 51, quarantined: 2, duplicates: 1 });
    expect(summary.lines).toBe(summary.accepted + summary.quarantined);
    expect(summary.records).toBe(summary.decoded + summary.skipped + summary.quarantined);
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
    const run = pushstorm([
      'detect',
      'w/events.ndjson',
      '--detectors',
      'mfa-without-login',
      '--params',
      'sets.yaml',
      '--out',
      'a.ndjson',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const alerts = lines(readFileSync(join(cwd, 'a.ndjson'), 'utf8')).map((l) => JSON.parse(l) as Alert);
    const sets = new Set(alerts.map((a) => a.detector.paramSet));
    expect(sets.has('strict')).toBe(true);
    expect(
      alerts
        .filter((a) => a.detector.paramSet === 'strict')
        .every((a) => a.detector.params.threshold === 3 && a.detector.params.windowMs === 300_000),
    ).toBe(true);
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

  it('says how many records it told the format from (regression: "64 of 64 sampled" printed as "455 of 455")', () => {
    const run = pushstorm(['detect', 'w/events.ndjson', '--detectors', 'mfa-without-login']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^ {2}format +canonical \(told from 64 records at the start: all 64 look like canonical\), ndjson$/m);
  });

  it('quarantines beside --out, or in a temporary file the summary names, never in the working directory (regression: a stray quarantine.ndjson in the repository)', () => {
    const good = lines(readFileSync(join(cwd, 'w/events.ndjson'), 'utf8')).slice(0, 20);
    const input = `${[good[0], '{not json', ...good.slice(1)].join('\n')}\n`;
    const toStdout = pushstorm(['detect', '-', '--json'], input);
    expect(toStdout.code).toBe(0);
    const file = JSON.parse(toStdout.stderr.trim()).quarantineFile as string;
    expect(file.startsWith(join(cwd, 'tmp'))).toBe(true);
    expect(lines(readFileSync(file, 'utf8')).map((l) => JSON.parse(l).reason)).toEqual(['malformed_json']);
    const text = pushstorm(['detect', '-'], input);
    expect(text.stderr).toMatch(/^ {2}quarantine +\S+quarantine\.ndjson$/m);

    mkdirSync(join(cwd, 'beside'));
    const toFile = pushstorm(['detect', '-', '--out', 'beside/alerts.ndjson', '--json'], input);
    expect(toFile.code).toBe(0);
    expect(JSON.parse(toFile.stderr.trim()).quarantineFile).toBe(join('beside', 'alerts.quarantine.ndjson'));
    expect(readdirSync(join(cwd, 'beside')).sort()).toEqual(['alerts.ndjson', 'alerts.quarantine.ndjson']);
    expect(existsSync(join(cwd, 'quarantine.ndjson'))).toBe(false);

    const clean = pushstorm(['detect', 'w/events.ndjson', '--out', 'beside/clean.ndjson', '--json']);
    expect(JSON.parse(clean.stderr.trim()).quarantineFile).toBeNull();
    expect(existsSync(join(cwd, 'beside/clean.quarantine.ndjson'))).toBe(false);
  });

  it('exits 1 when every record was quarantined, saying so in one line and still writing the quarantine (regression: exit 0 on all junk)', () => {
    const run = pushstorm(['detect', '-', '--quarantine', 'junk.q.ndjson'], '{"id":"x"}\n{"foo":1}\n{not json\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/records quarantined +3 \(malformed_json 1, missing_field 2\)/);
    expect(lines(run.stderr).at(-1)).toBe(
      'error: detect: no events accepted from stdin: all 3 records were quarantined (see junk.q.ndjson)',
    );
    expect(lines(readFileSync(join(cwd, 'junk.q.ndjson'), 'utf8'))).toHaveLength(3);
  });

  it('exits 1 on empty input: no events read', () => {
    const run = pushstorm(['detect', '-', '--json'], '');
    expect(run.code).toBe(1);
    expect(JSON.parse(lines(run.stderr)[0])).toMatchObject({ records: 0, accepted: 0, quarantineFile: null });
    expect(lines(run.stderr).at(-1)).toBe('error: detect: no events in stdin: it is empty');
  });

  it('heads option errors with the command, not "detector parameters" (regression), for detect and inject', () => {
    const lateness = pushstorm(['detect', 'w/events.ndjson', '--lateness', '5']);
    expect(lateness.code).toBe(2);
    expect(lateness.stderr).toBe('error: detect options: 1 problem\n  --lateness 5: not a duration: a number and a unit, e.g. 30s, 5m\n');
    const scenario = join(repo, 'scenarios', 'uber-burst.yaml');
    const key = pushstorm(
      ['inject', '--into', 'w/events.ndjson', '--scenario', scenario, '--out', 'inj', '--redact-key-env', 'PS_KEY'],
      undefined,
      { PS_KEY: 'short' },
    );
    expect(key.code).toBe(2);
    expect(key.stderr).toBe(
      'error: inject options: 1 problem\n  --redact-key-env PS_KEY: the key in PS_KEY has 5 characters; it needs at least 16\n',
    );
    const unset = pushstorm([
      'inject',
      '--into',
      'w/events.ndjson',
      '--scenario',
      scenario,
      '--out',
      'inj',
      '--redact-key-env',
      'PS_KEY_NOT_SET',
    ]);
    expect(unset.stderr).toContain('--redact-key-env PS_KEY_NOT_SET: environment variable PS_KEY_NOT_SET is not set');
    expect(existsSync(join(cwd, 'inj'))).toBe(false);
  });

  it("inject's summary counts one incident against one user in the singular (regression: '1 incidents against 1 users')", () => {
    const run = pushstorm([
      'inject',
      '--into',
      'w/events.ndjson',
      '--scenario',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--out',
      'inj1',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}injected +1 incident against 1 user, [\d,]+ records$/m);
  });

  it.each(['detect', 'replay', 'inject', 'formats', 'stats'])(
    '`%s --help` lists its exit codes, and its examples use only options their commands have',
    (command) => {
      const help = helpOf(command);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Exit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S[\s\S]*\n {2}2 {2}\S/m);
      const examples = [...help.stdout.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]);
      expect(examples.length).toBeGreaterThan(1);
      for (const example of examples) {
        for (const [, used, options] of example.matchAll(/pushstorm (\w+)((?: (?!\||>)\S+)*)/g)) {
          for (const [option] of options.matchAll(/--[\w-]+/g))
            expect(helpOf(used).stdout, `${example}: ${option}`).toMatch(new RegExp(`^ +(-\\w, )?${option} `, 'm'));
        }
      }
    },
  );

  it('`pushstorm detectors` lists every detector with its parameters', () => {
    const run = pushstorm(['detectors', '--json']);
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(run.stdout) as Array<{ id: string; params: Record<string, { default: number }> }>;
    expect(catalogue.map((d) => d.id)).toContain('mfa-without-login');
    expect(catalogue.find((d) => d.id === 'mfa-without-login')!.params.threshold.default).toBe(6);
  });
});

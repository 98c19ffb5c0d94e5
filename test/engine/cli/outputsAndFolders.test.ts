/**
 * Where outputs go: `-` is standard output for file outputs (and refused for folders, or when two outputs would
 * share it), system folders are never an output folder, and a folder simulated into again holds one run, not two.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';
import { checkOutputFolder } from '../../../engine/formats/files/checkOutputFolder.ts';
import { OWNED_FILES, replaceOwnedFiles } from '../../../engine/formats/files/ownedFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCliCollected;

let events: string;
beforeAll(async () => {
  expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', join(dir, 'world')])).code).toBe(0);
  events = join(dir, 'world', 'events.ndjson');
}, 60_000);

describe('- as an output', () => {
  it('detect --out - writes alerts on stdout; --quarantine - the quarantine there when alerts go to a file', async () => {
    const toStdout = await cli(['detect', events, '--out', '-']);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(JSON.parse(toStdout.stdout.split('\n')[0])).toHaveProperty('detector');
    expect(existsSync('-')).toBe(false);

    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, `${readFileSync(events, 'utf8')}not json\n`);
    const quarantine = await cli(['detect', bad, '--out', join(dir, 'alerts.ndjson'), '--quarantine', '-']);
    expect(quarantine.code).toBe(0);
    expect(JSON.parse(quarantine.stdout.trim())).toMatchObject({ reason: 'malformed_json' });

    const both = await cli(['detect', bad, '--quarantine', '-']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('alerts already go to standard output');
  });

  it('gate --summary - and --junit - write on stdout, the report moving to stderr; both at once is refused', async () => {
    const gate = join(dir, 'gate.yaml');
    writeFileSync(
      gate,
      `name: out\nsuite:\n  - { scenario: ${join(process.cwd(), 'scenarios/tiny.yaml')}, seeds: [1] }\nrequire:\n  - { detector: overall, figure: recall, min: 0.5 }\n`,
    );
    const summary = await cli(['gate', gate, '--summary', '-']);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/^## pushstorm gate out: passed/);
    expect(summary.stderr).toContain('every check holds');
    const junit = await cli(['gate', gate, '--junit', '-']);
    expect(junit.stdout).toMatch(/^<\?xml/);
    const both = await cli(['gate', gate, '--junit', '-', '--summary', '-']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--junit - already writes on standard output');
  }, 60_000);

  it('tune --write-params - prints the parameter file on stdout and the sweep on stderr; with --json it is refused', async () => {
    const run = await cli([
      'tune',
      'scenarios/tiny.yaml',
      '--detector',
      'mfa-without-login',
      '--grid',
      'threshold=3..4',
      '--seeds',
      '1',
      '--write-params',
      '-',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const params = parseYaml(run.stdout);
    expect(params).toHaveProperty('mfa-without-login');
    expect(run.stderr).toContain('Pareto');
    const json = await cli([
      'tune',
      'scenarios/tiny.yaml',
      '--detector',
      'mfa-without-login',
      '--grid',
      'threshold=3..4',
      '--write-params',
      '-',
      '--json',
    ]);
    expect(json.code).toBe(2);
  }, 60_000);

  it('a folder output refuses -', async () => {
    const run = await cli(['simulate', 'scenarios/tiny.yaml', '--out', '-']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('standard output cannot hold several files');
  });
});

describe('output folders', () => {
  it.each(['/', '/etc', '/usr', '/dev', '/var', '/tmp/..'])('refuses --out %s before writing anything', async (folder) => {
    for (const argv of [
      ['simulate', 'scenarios/tiny.yaml', '--out', folder],
      ['run', 'scenarios/tiny.yaml', '--out', folder],
      ['inject', '--into', events, '--scenario', 'scenarios/tiny.yaml', '--out', folder],
    ]) {
      const run = await cli(argv);
      expect(run.code, `${argv[0]} ${folder}`).toBe(2);
      expect(run.stderr).toContain('is a system folder');
    }
  });

  it('accepts any folder below the system folders, and refuses the home folder itself', () => {
    expect(checkOutputFolder('--out', '/tmp/run1')).toBeUndefined();
    expect(checkOutputFolder('--out', 'out/run1', '/')).toBeUndefined();
    expect(checkOutputFolder('--out', '~', process.env.HOME)).toBeUndefined(); // a folder named "~" under the home folder
    expect(checkOutputFolder('--out', process.env.HOME ?? '/root')?.message).toMatch(/home folder|system folder/);
  });
});

describe('a folder simulated into again', () => {
  it('holds the new run only: the earlier per-Mac logs go, files pushstorm did not write stay (regression: stale Mac logs)', async () => {
    const out = join(dir, 'again');
    const big = await cli(['simulate', 'scenarios/tiny.yaml', '--users', '8', '--mac-format', 'unifiedlog', '--out', out]);
    expect(big.code, big.stderr).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'logs', 'mac', 'mine.ndjson'), 'mine');
    const before = readdirSync(join(out, 'logs', 'mac')).filter((f) => f !== 'mine.ndjson');
    const small = await cli(['simulate', 'scenarios/tiny.yaml', '--users', '3', '--mac-format', 'unifiedlog', '--out', out]);
    expect(small.code, small.stderr).toBe(0);
    const after = readdirSync(join(out, 'logs', 'mac'));
    const inventory = JSON.parse(readFileSync(join(out, 'logs', 'mac', 'inventory.json'), 'utf8')) as Array<{
      hostname: string;
      file?: string;
    }>;
    expect(after.filter((f) => f.endsWith('.ndjson') && f !== 'mine.ndjson').sort()).toEqual(
      inventory.map((m) => `${m.file ?? m.hostname}.ndjson`).sort(),
    );
    expect(before.length).toBeGreaterThan(after.length - 1);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'logs', 'mac', 'mine.ndjson'), 'utf8')).toBe('mine');
  });

  it('never removes a file its list names outside the folder, or one that is not a regular file', () => {
    const folder = join(dir, 'owned');
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'keep');
    replaceOwnedFiles(folder, []);
    writeFileSync(join(folder, OWNED_FILES), JSON.stringify({ files: ['../outside.txt', '/etc/hostname', 'gone.txt'] }));
    expect(replaceOwnedFiles(folder, [])).toEqual([]);
    expect(readFileSync(outside, 'utf8')).toBe('keep');
  });
});

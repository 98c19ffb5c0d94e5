/**
 * Vendor formats as a user meets them: `simulate --format/--mac-format`, `detect` on exports in their vendors'
 * shapes (format detected and reported), `formats`, and `inject` followed by detect and score.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
let cwd: string;

function pushstorm(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const lines = (text: string) => text.split('\n').filter(Boolean);
const lastJson = (text: string) => JSON.parse(lines(text).at(-1)!) as Record<string, any>;

let simulated: Record<string, any>;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-formats-'));
  const sim = pushstorm([
    'simulate',
    join(repo, 'scenarios', 'uber-burst.yaml'),
    '--users',
    '60',
    '--out',
    'w',
    '--quiet',
    '--json',
    '--format',
    'okta',
  ]);
  expect(sim.stderr).toBe('');
  expect(sim.code).toBe(0);
  simulated = JSON.parse(sim.stdout);
}, 60_000);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('pushstorm simulate --format', () => {
  it('writes one file per source under logs/ and lists them in the summary', () => {
    expect(simulated.outputs.logs).toEqual([
      { path: 'w/logs/okta-system-log.ndjson', format: 'okta', source: 'idp', records: expect.any(Number) },
      { path: 'w/logs/mac-events.ndjson', format: 'canonical', source: 'mac', records: simulated.bySource.mac },
    ]);
    const okta = lines(readFileSync(join(cwd, 'w/logs/okta-system-log.ndjson'), 'utf8'));
    expect(okta).toHaveLength(simulated.outputs.logs[0].records);
    expect(JSON.parse(okta[0])).toMatchObject({ eventType: expect.stringMatching(/\./), published: expect.any(String), version: '0' });
  });

  it.each([
    ['entra', 'unifiedlog'],
    ['duo', 'ocsf'],
  ])('writes byte-identical --format %s --mac-format %s logs on every run', (format, macFormat) => {
    const run = (out: string) =>
      pushstorm([
        'simulate',
        join(repo, 'scenarios', 'tiny.yaml'),
        '--out',
        out,
        '--quiet',
        '--json',
        '--format',
        format,
        '--mac-format',
        macFormat,
      ]);
    const a = JSON.parse(run(`a-${format}`).stdout);
    const b = JSON.parse(run(`b-${format}`).stdout);
    expect(a.outputs.logs.length).toBeGreaterThan(1);
    for (const [i, file] of a.outputs.logs.entries()) {
      expect(readFileSync(join(cwd, b.outputs.logs[i].path))).toEqual(readFileSync(join(cwd, file.path)));
    }
    if (macFormat === 'unifiedlog') {
      expect(a.outputs.inventory).toBe(`a-${format}/logs/mac/inventory.json`);
      expect(readFileSync(join(cwd, a.outputs.inventory), 'utf8')).toEqual(readFileSync(join(cwd, b.outputs.inventory), 'utf8'));
      const first = a.outputs.logs.find((l: { source: string }) => l.source === 'mac');
      expect(readFileSync(join(cwd, first.path), 'utf8')).toContain('\\/System\\/Library');
      expect(readFileSync(join(cwd, first.path), 'utf8').trimEnd().split('\n').at(-1)).toMatch(/^\{"count":\d+,"finished":1\}$/);
    }
  });

  it('refuses a format that cannot hold the source, before simulating', () => {
    const run = pushstorm(['simulate', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'bad', '--mac-format', 'okta']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--mac-format okta: Okta System Log holds no Mac events; choose one of/);
    expect(existsSync(join(cwd, 'bad'))).toBe(false);
  });
});

describe('pushstorm detect on vendor exports', () => {
  const records = () => lines(readFileSync(join(cwd, 'w/logs/okta-system-log.ndjson'), 'utf8')).map((l) => JSON.parse(l) as unknown);

  it.each([
    [
      'NDJSON',
      'okta.ndjson',
      () =>
        records()
          .map((r) => JSON.stringify(r))
          .join('\n'),
      'ndjson',
    ],
    ['a pretty-printed JSON array', 'okta.json', () => JSON.stringify(records(), null, 2), 'json-array'],
    [
      'API pages back to back',
      'pages.json',
      () => {
        const r = records();
        return `${JSON.stringify(r.slice(0, 500))}\n${JSON.stringify(r.slice(500))}`;
      },
      'pages',
    ],
  ])('reads %s, says what it detected, and finds the burst', (_, file, text, container) => {
    writeFileSync(join(cwd, file), text());
    const run = pushstorm(['detect', file, '--json']);
    expect(run.code).toBe(0);
    const summary = lastJson(run.stderr);
    expect(summary).toMatchObject({ format: 'okta', formatDetected: true, container, records: records().length, quarantined: 0 });
    expect(summary.alertThreads['mfa-without-login']).toBeGreaterThan(0);
    const text2 = pushstorm(['detect', file]);
    expect(text2.stderr).toMatch(new RegExp(`format\\s+okta \\(told from 64 records at the start: all 64 look like okta\\), ${container}`));
  });

  it('names an unknown format and a file it cannot place, with exit 2', () => {
    expect(pushstorm(['detect', 'w/logs/okta-system-log.ndjson', '--format', 'splunk'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown format "splunk"; known: canonical, okta/),
    });
    writeFileSync(join(cwd, 'odd.ndjson'), '{"a": 1}\n{"b": 2}\n');
    expect(pushstorm(['detect', 'odd.ndjson'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot tell the format of odd\.ndjson.*pass --format/),
    });
  });
});

describe('pushstorm formats', () => {
  it('lists every format with what it cannot hold', () => {
    const run = pushstorm(['formats', '--json']);
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(run.stdout) as Array<{ id: string; limits: unknown[] }>;
    expect(catalogue.map((f) => f.id)).toEqual(expect.arrayContaining(['canonical', 'okta', 'duo']));
    expect(catalogue.find((f) => f.id === 'okta')!.limits.length).toBeGreaterThan(0);
    expect(pushstorm(['formats']).stdout).toMatch(/okta {2}Okta System Log[\s\S]*cannot hold:/);
  });
});

describe('pushstorm inject', () => {
  beforeAll(() => {
    const quiet = pushstorm([
      'simulate',
      join(repo, 'scenarios', 'quiet-month.yaml'),
      '--users',
      '120',
      '--days',
      '5',
      '--out',
      'q',
      '--quiet',
      '--format',
      'okta',
    ]);
    expect(quiet.code).toBe(0);
  }, 60_000);

  it('merges an attack into a benign log so that detect and score find it', () => {
    const run = pushstorm([
      'inject',
      '--into',
      'q/logs/okta-system-log.ndjson',
      '--scenario',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--out',
      'inj',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ format: 'okta', users: 120, incidents: 1, redacted: false });
    const merged = lines(readFileSync(join(cwd, 'inj/okta-system-log.ndjson'), 'utf8'));
    expect(merged.length).toBe(summary.records + summary.recordsAdded);
    expect(pushstorm(['detect', 'inj/okta-system-log.ndjson', '--out', 'inj/alerts.ndjson']).code).toBe(0);
    const score = pushstorm(['score', '--truth', 'inj/truth.json', '--alerts', 'inj/alerts.ndjson', '--json']);
    expect(score.code).toBe(0);
    expect(JSON.parse(score.stdout).score.overall.recall).toBe(1);
  });

  it('pseudonymises with the key from the environment, and refuses without it', () => {
    const args = [
      'inject',
      '--into',
      'q/logs/okta-system-log.ndjson',
      '--scenario',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--out',
      'red',
      '--redact-key-env',
      'PS_KEY',
    ];
    expect(pushstorm(args)).toMatchObject({ code: 2, stderr: expect.stringMatching(/PS_KEY is not set/) });
    const run = pushstorm(args, { PS_KEY: 'sixteen-chars-or-more' });
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(cwd, 'red/okta-system-log.ndjson'), 'utf8') + readFileSync(join(cwd, 'red/truth.json'), 'utf8');
    expect(text).not.toMatch(/@quiet\.example\.org|@rideshare/);
    expect(text).toMatch(/u-[0-9a-f]{10}@d-[0-9a-f]{6}\.invalid/);
    // Named after the format, not after the original file (whose name may hold a host or a person).
    expect(readdirSync(join(cwd, 'red')).sort()).toEqual(['injected.ndjson', 'okta-system-log.ndjson', 'truth.json']);
  });

  it("writes lines injected into a Mac's unified log as simulate --mac-format unifiedlog writes its own, \\/ escaping included", () => {
    const sim = pushstorm([
      'simulate',
      join(repo, 'scenarios', 'quiet-month.yaml'),
      '--users',
      '3',
      '--days',
      '3',
      '--out',
      'm',
      '--quiet',
      '--mac-format',
      'unifiedlog',
    ]);
    expect(sim.code, sim.stderr).toBe(0);
    writeFileSync(
      join(cwd, 'lw.yaml'),
      [
        'name: lw-inject',
        'start: 2026-03-02T00:00:00Z',
        'duration: 3d',
        'population: { users: 3 }',
        'attacks:',
        '  - { name: lw, strategy: login-window, targets: 1, at: { day: 1, time: "02:30" }, pushes: 12, interval: 40s, sources: { kind: single }, postCompromise: { enrollFactor: false } }',
        '',
      ].join('\n'),
    );
    const inventory = JSON.parse(readFileSync(join(cwd, 'm/logs/mac/inventory.json'), 'utf8')) as Array<{
      hostname: string;
      file?: string;
    }>;
    const log = `m/logs/mac/${inventory[0].file ?? inventory[0].hostname}.ndjson`;
    const run = pushstorm([
      'inject',
      '--into',
      log,
      '--inventory',
      'm/logs/mac/inventory.json',
      '--scenario',
      'lw.yaml',
      '--out',
      'lw',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ format: 'unifiedlog', incidents: 1 });
    const original = lines(readFileSync(join(cwd, log), 'utf8'));
    const merged = lines(readFileSync(join(cwd, summary.outputs.log), 'utf8'));
    const injected = merged.filter((l) => !original.includes(l));
    expect(injected).toHaveLength(summary.recordsAdded);
    expect(original.some((l) => l.includes('\\/'))).toBe(true);
    expect(injected.every((l) => l.includes('\\/'))).toBe(true);
    // No "/" without its backslash, in the simulator's lines and in the injected ones alike.
    for (const line of [...original, ...injected]) expect(line).not.toMatch(/(?<!\\)\//);
  });
});

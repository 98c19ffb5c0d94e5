/**
 * inject --redact-key-env leaks nothing: no output file, by name or by content, holds any identifier of the original
 * log — user names and e-mails, display names, IP addresses, host names, short names, device ids and serials — the
 * quarantine included; and the redacted truth still scores the redacted log (labels match the injected ids).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';

const root = mkdtempSync(join(tmpdir(), 'pushstorm-redact-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const KEY = 'PUSHSTORM_TEST_REDACT_KEY';
process.env[KEY] = 'a-secret-key-of-more-than-16-chars';

const cli = runCliCollected;

/** Every identifier the original log or its Macs' inventory holds. */
function identifiers(events: string, inventory?: string): Set<string> {
  const ids = new Set<string>();
  const add = (s: unknown) => {
    if (typeof s === 'string' && s.length >= 4) ids.add(s);
  };
  for (const line of events.trim().split('\n')) {
    const e = JSON.parse(line);
    add(e.user);
    add(e.user.split('@')[0]);
    add(e.origin?.ip);
    add(e.device?.hostname);
    add(e.device?.serial);
    if (e.device?.kind === 'mac') add(e.device?.id);
    add(e.mac?.shortName);
  }
  for (const mac of inventory ? JSON.parse(inventory) : []) {
    add(mac.hostname);
    add(mac.user);
    add(mac.shortName);
    add(mac.device?.id);
    add(mac.device?.serial);
  }
  return ids;
}

/** The names and contents of every file under `dir`. */
function outputs(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

function expectNoLeak(dir: string, ids: Set<string>) {
  for (const { name, text } of outputs(dir))
    for (const id of ids) {
      expect(name.includes(id), `${id} in the file name ${name}`).toBe(false);
      expect(text.includes(id), `${id} in ${name}`).toBe(false);
    }
}

let okta: string;
let oktaIds: Set<string>;
beforeAll(async () => {
  const scenario = join(root, 'benign.yaml');
  writeFileSync(
    scenario,
    'name: benign\nseed: 5\nstart: 2026-03-02T00:00:00Z\nduration: 4d\npopulation:\n  users: 40\n  macs: { perUser: 1, desktopMfa: 1 }\n',
  );
  expect((await cli(['simulate', scenario, '--format', 'okta', '--mac-format', 'unifiedlog', '--out', join(root, 'world')])).code).toBe(0);
  okta = readFileSync(join(root, 'world', 'logs', 'okta-system-log.ndjson'), 'utf8');
  oktaIds = identifiers(
    readFileSync(join(root, 'world', 'events.ndjson'), 'utf8'),
    readFileSync(join(root, 'world', 'logs', 'mac', 'inventory.json'), 'utf8'),
  );
  writeFileSync(
    join(root, 'attack.yaml'),
    'name: attack\nseed: 5\nstart: 2026-03-02T00:00:00Z\nduration: 4d\npopulation:\n  users: 40\n  macs: { perUser: 1, desktopMfa: 1 }\n' +
      'attacks:\n  - { name: burst, strategy: burst, targets: 2, at: { day: 1, time: "10:00" }, pushes: 8, interval: 60s }\n' +
      '  - { name: lw, strategy: login-window, targets: 1, at: { day: 2, time: "02:30" }, pushes: 8, interval: 40s }\n',
  );
}, 60_000);

describe('inject --redact-key-env', () => {
  it('leaves no original identifier in any output of an Okta log, junk and rejected lines included (property)', async () => {
    const lines = okta.trim().split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('cut', 'array', 'text')), { maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        async (junk, seed) => {
          const log = [...lines];
          for (const [at, from, how] of junk) {
            // Rejected lines quoting real records: a cut record, a record in an array, a record's values as text.
            const source = lines[from % lines.length];
            const bad =
              how === 'cut' ? source.slice(0, source.length / 2) : how === 'array' ? `[${source}]` : source.replace(/[{}"]/g, ' ');
            log.splice(at % log.length, 0, bad);
          }
          const dir = join(root, `okta-${seed}-${junk.length}`);
          writeFileSync(join(root, 'okta-in.ndjson'), `${log.join('\n')}\n`);
          const run = await cli([
            'inject',
            '--into',
            join(root, 'okta-in.ndjson'),
            '--scenario',
            join(root, 'attack.yaml'),
            '--seed',
            String(seed),
            '--out',
            dir,
            '--redact-key-env',
            KEY,
          ]);
          expect(run.code, run.stderr).toBe(0);
          expectNoLeak(dir, oktaIds);
          rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);

  it('pseudonymises a unified log: its file name, its truth, and labels that still count every prompt (regression: 0 of 8)', async () => {
    const mac = readdirSync(join(root, 'world', 'logs', 'mac')).find((f) => f.endsWith('.ndjson'))!;
    const dir = join(root, 'mac-out');
    const run = await cli([
      'inject',
      '--into',
      join(root, 'world', 'logs', 'mac', mac),
      '--inventory',
      join(root, 'world', 'logs', 'mac', 'inventory.json'),
      '--scenario',
      join(root, 'attack.yaml'),
      '--out',
      dir,
      '--redact-key-env',
      KEY,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expectNoLeak(dir, oktaIds);
    const summary = JSON.parse(run.stdout);
    const log = resolve(summary.outputs.log);
    expect((await cli(['detect', log, '--out', join(root, 'mac-alerts.ndjson')])).code).toBe(0);
    const score = await cli([
      'score',
      '--truth',
      join(dir, 'truth.json'),
      '--alerts',
      join(root, 'mac-alerts.ndjson'),
      '--events',
      join(dir, 'injected.ndjson'),
      '--json',
    ]);
    expect(score.code, score.stderr).toBe(0);
    const scored = JSON.stringify(JSON.parse(score.stdout));
    const prompts = scored.match(/"promptsBefore":(\d+)/);
    expect(prompts, 'prompts are counted against the redacted truth').not.toBeNull();
    // The bug counted none; the first detection comes a few prompts into the attack's 8.
    expect(Number(prompts![1])).toBeGreaterThan(0);
    expect(Number(prompts![1])).toBeLessThanOrEqual(8);
    expect(scored).toContain('"prompts":8');
  }, 60_000);

  it('leaves out a record nested 50,000 deep instead of crashing on it (regression: RangeError with a stack)', async () => {
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const lines = okta.trim().split('\n');
    writeFileSync(join(root, 'deep.ndjson'), `${[lines[0], deep, ...lines.slice(1)].join('\n')}\n`);
    const run = await cli([
      'inject',
      '--into',
      join(root, 'deep.ndjson'),
      '--scenario',
      join(root, 'attack.yaml'),
      '--out',
      join(root, 'deep-out'),
      '--redact-key-env',
      KEY,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ redacted: true, leftOut: 1 });
  });
});

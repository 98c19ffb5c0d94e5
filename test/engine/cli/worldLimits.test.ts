/**
 * Worlds pushstorm cannot simulate or read back are refused before anything runs (exit 2, nothing written): a start
 * outside the years detect reads, a run past ten years or past 2100, a population above the stated maximum; a large
 * world runs only with --yes. The limits are stated once (engine/model/limits.ts) and the schema says the same.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';
import { CONFIRM_USERS, MAX_DAYS, MAX_USERS } from '../../../engine/model/limits.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tiny = readFileSync('scenarios/tiny.yaml', 'utf8');

const cli = runCliCollected;

function scenario(name: string, edit: (text: string) => string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, edit(tiny));
  return path;
}

describe('world limits', () => {
  it('the schema states the limits the engine holds', () => {
    const schema = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'));
    expect(schema.definitions.Population.properties.users.maximum).toBe(MAX_USERS);
    expect(MAX_DAYS).toBe(3650);
  });

  it.each([
    ['a start in 9999', (t: string) => t.replace(/^start: .*$/m, 'start: 9999-01-01T00:00:00Z'), '/start: must be from 2000-01-01'],
    ['a start in 1900', (t: string) => t.replace(/^start: .*$/m, 'start: 1900-01-01T00:00:00Z'), '/start: must be from 2000-01-01'],
    [
      'a run past 2100',
      (t: string) => t.replace(/^start: .*$/m, 'start: 2100-12-25T00:00:00Z').replace(/^duration: .*$/m, 'duration: 30d'),
      '/duration: the run would end after 2101-01-01',
    ],
    ['a run of 4,000 days', (t: string) => t.replace(/^duration: .*$/m, 'duration: 4000d'), '/duration: must be at most 3650 days'],
    ['ten million users', (t: string) => t.replace(/^ {2}users: .*$/m, '  users: 10000000'), `/population/users: must be <= ${MAX_USERS}`],
  ])('refuses %s with exit 2, naming the field, writing nothing', async (name, edit, message) => {
    const out = join(dir, `out-${name.replace(/\W/g, '')}`);
    const run = await cli(['simulate', scenario(name.replace(/\W/g, ''), edit), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it(`asks for --yes above ${CONFIRM_USERS.toLocaleString('en-US')} users, in simulate, run, tune and gate, before anything runs`, async () => {
    const users = String(CONFIRM_USERS + 1);
    const out = join(dir, 'big');
    for (const argv of [
      ['simulate', 'scenarios/tiny.yaml', '--users', users, '--out', out],
      ['run', 'scenarios/tiny.yaml', '--users', users, '--out', out],
      ['tune', 'scenarios/tiny.yaml', '--users', users, '--detector', 'mfa-without-login', '--grid', 'threshold=3..4'],
    ]) {
      const run = await cli(argv);
      expect(run.code, argv[0]).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^error: ${argv[0]}: scenarios/tiny\\.yaml has 50,001 users: about 3\\.0 GB of memory .*add --yes`),
      );
    }
    const gate = join(dir, 'gate.yaml');
    writeFileSync(
      gate,
      `name: big\nsuite:\n  - { scenario: ${join(process.cwd(), 'scenarios/tiny.yaml')}, seeds: [1], users: ${users} }\nrequire:\n  - { detector: overall, figure: recall, min: 0.5 }\n`,
    );
    const run = await cli(['gate', gate]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('add --yes');
    expect(existsSync(out)).toBe(false);
  });
});

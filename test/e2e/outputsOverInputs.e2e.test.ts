import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;
let events: string;
let okta: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd, { PUSHSTORM_KEY: 'k'.repeat(32) });

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-clobber-'));
  expect(pushstorm(['simulate', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'w', '--format', 'okta', '--quiet']).code).toBe(0);
  events = readFileSync(join(cwd, 'w', 'events.ndjson'), 'utf8');
  okta = readFileSync(join(cwd, 'w', 'logs', 'okta-system-log.ndjson'), 'utf8');
  symlinkSync('events.ndjson', join(cwd, 'w', 'alias.ndjson'));
  mkdirSync(join(cwd, 'tmp'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('an output that is an input is refused before anything runs', () => {
  it.each([
    [['detect', 'w/events.ndjson', '--out', 'w/events.ndjson'], 'detect', '--out w/events.ndjson: is the input w/events.ndjson'],
    [['detect', 'w/events.ndjson', '--out', 'w/alias.ndjson'], 'detect', '--out w/alias.ndjson: is the input w/events.ndjson'],
    [['detect', 'w/events.ndjson', '--quarantine', 'w/events.ndjson'], 'detect', '--quarantine w/events.ndjson: is the input'],
    [
      ['replay', 'w/events.ndjson', '--to', 'http://127.0.0.1:9/', '--as', 'ndjson', '--failed', 'w/events.ndjson'],
      'replay',
      '--failed w/events.ndjson: is the input',
    ],
  ])('%j', (args, command, message) => {
    const run = pushstorm(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${command} options: 1 problem\n  ${message}`);
    expect(readFileSync(join(cwd, 'w', 'events.ndjson'), 'utf8')).toBe(events);
  });

  it('inject never writes over its --into', () => {
    const run = pushstorm([
      'inject',
      '--into',
      'w/logs/okta-system-log.ndjson',
      '--scenario',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--out',
      'w/logs',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: inject options: 1 problem\n  --out ');
    expect(run.stderr).toContain(
      'okta-system-log.ndjson: is the --into file w/logs/okta-system-log.ndjson: writing it would destroy what is being read',
    );
    expect(readFileSync(join(cwd, 'w', 'logs', 'okta-system-log.ndjson'), 'utf8')).toBe(okta);
  });
});

/**
 * Files built to break a parser — YAML alias bombs, documents nested tens of thousands deep — give every command one
 * `error:` line and exit 2, like any other bad file (they gave `ReferenceError: Excessive alias count` or
 * `RangeError: Maximum call stack size exceeded` with a stack, exit 1).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-badfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCliCollected;

const bomb = (() => {
  const lines = ['a0: &a0 ["lol","lol"]'];
  for (let i = 1; i <= 14; i++) lines.push(`a${i}: &a${i} [*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1}]`);
  return `${lines.join('\n')}\nname: bomb\n`;
})();
const deepArrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

let truth: string;
let alerts: string;
let events: string;
beforeAll(async () => {
  const out = join(dir, 'world');
  expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', out])).code).toBe(0);
  truth = join(out, 'truth.json');
  events = join(out, 'events.ndjson');
  alerts = join(out, 'alerts.ndjson');
  expect((await cli(['detect', events, '--out', alerts])).code).toBe(0);
}, 60_000);

/** One `error:` line, nothing else, exit 2. */
function oneLine(run: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).toMatch(pattern);
}

describe('a YAML alias bomb', () => {
  it.each([
    ['simulate', (s: string) => ['simulate', s, '--out', join(dir, 'never')]],
    ['run', (s: string) => ['run', s, '--out', join(dir, 'never')]],
    ['tune', (s: string) => ['tune', s, '--detector', 'mfa-without-login', '--grid', 'threshold=3..4']],
    ['inject', (s: string) => ['inject', '--into', events, '--scenario', s, '--out', join(dir, 'never')]],
  ])('as a scenario: %s exits 2 in one line', async (_, argv) => {
    oneLine(await cli(argv(file('bomb.yaml', bomb))), /too many aliases/);
  });

  it('as a gate file or a parameter file: exit 2 in one line', async () => {
    oneLine(await cli(['gate', file('gate.yaml', bomb)]), /too many aliases/);
    oneLine(await cli(['detect', events, '--params', file('params.yaml', bomb)]), /too many aliases/);
  });
});

describe('a document nested 100,000 deep', () => {
  it.each([
    ['arrays', deepArrays],
    ['objects', deepObjects],
  ])('of %s, as a truth file, an alerts line, a scenario, a gate or a parameter file: exit 2 in one line', async (_, text) => {
    const deep = file('deep.json', text);
    oneLine(await cli(['score', '--truth', deep, '--alerts', alerts]), /nested more than 100 levels/);
    oneLine(
      await cli(['score', '--truth', truth, '--alerts', file('deep-alerts.ndjson', `${readFileSync(alerts, 'utf8')}${text}\n`)]),
      /nested more than 100 levels/,
    );
    oneLine(await cli(['simulate', file('deep.yaml', text), '--out', join(dir, 'never')]), /nested more than 100 levels/);
    oneLine(await cli(['simulate', deep, '--out', join(dir, 'never')]), /nested more than 100 levels/);
    oneLine(await cli(['gate', file('deep-gate.yaml', text)]), /nested more than 100 levels/);
    oneLine(await cli(['detect', events, '--params', file('deep-params.yaml', text)]), /nested more than 100 levels/);
  });
});

/**
 * `pushstorm simulate` run as a user runs it: a child process on bin/pushstorm.mjs, in a scratch working directory,
 * on the repository's scenarios/tiny.yaml.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
const tiny = join(repo, 'scenarios', 'tiny.yaml');

let cwd: string;

function pushstorm(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const read = (dir: string, file: string) => readFileSync(join(cwd, dir, file));
const count = (n: number) => n.toLocaleString('en-US');

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-e2e-'));
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('pushstorm simulate', () => {
  let first: ReturnType<typeof pushstorm>;
  beforeAll(() => {
    first = pushstorm('simulate', tiny, '--seed', '7', '--out', 'a');
  });

  it('exits 0 and writes sorted, parseable events and a truth file', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(readdirSync(join(cwd, 'a')).sort()).toEqual(['.pushstorm-files.json', 'events.ndjson', 'truth.json']);

    const lines = read('a', 'events.ndjson').toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(0);
    let previous = Number.NEGATIVE_INFINITY;
    for (const [index, line] of lines.entries()) {
      const event = JSON.parse(line) as CanonicalEvent;
      expect(typeof event.id, `line ${index + 1}`).toBe('string');
      expect(event.time, `line ${index + 1} is out of order`).toBeGreaterThanOrEqual(previous);
      previous = event.time;
    }

    const truth = JSON.parse(read('a', 'truth.json').toString('utf8')) as Truth;
    expect(truth.seed).toBe(7);
    expect(Array.isArray(truth.incidents)).toBe(true);
  });

  it('prints a summary whose counts match the files', () => {
    const records = read('a', 'events.ndjson').toString('utf8').split('\n').length - 1;
    const truth = JSON.parse(read('a', 'truth.json').toString('utf8')) as Truth;
    const compromises = truth.incidents.filter((incident) => incident.compromisedAt !== null).length;
    expect(first.stdout).toMatch(/^scenario tiny \(hash [0-9a-f]{12}\), seed 7$/m);
    expect(first.stdout).toMatch(new RegExp(`^  records +${count(records)}$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`^  incidents +${count(truth.incidents.length)}$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`^  compromises +${count(compromises)}$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`^  users +${count(truth.users)}$`, 'm'));
    expect(first.stdout).toContain('events by type\n');
    expect(first.stdout).toContain('events by source\n');
    expect(first.stdout).toContain(`  events  ${join('a', 'events.ndjson')}\n`);
    expect(first.stdout).toContain(`  truth   ${join('a', 'truth.json')}\n`);
    expect(first.stdout).toMatch(/^wall time \d+\.\d\d s, [\d,]+ records\/s$/m);
  });

  it('gives byte-identical files for the same seed and different files for another seed', () => {
    expect(pushstorm('simulate', tiny, '--seed', '7', '--out', 'b', '--quiet').code).toBe(0);
    expect(pushstorm('simulate', tiny, '--seed', '8', '--out', 'c', '--quiet').code).toBe(0);
    expect(read('b', 'events.ndjson').equals(read('a', 'events.ndjson'))).toBe(true);
    expect(read('b', 'truth.json').equals(read('a', 'truth.json'))).toBe(true);
    expect(read('c', 'events.ndjson').equals(read('a', 'events.ndjson'))).toBe(false);
    expect(read('c', 'truth.json').equals(read('a', 'truth.json'))).toBe(false);
  });

  it('gives the same bytes with --workers 3 as with one thread', () => {
    expect(pushstorm('simulate', tiny, '--seed', '7', '--out', 'w3', '--quiet', '--workers', '3').code).toBe(0);
    expect(read('w3', 'events.ndjson').equals(read('a', 'events.ndjson'))).toBe(true);
    expect(read('w3', 'truth.json').equals(read('a', 'truth.json'))).toBe(true);
    expect(pushstorm('simulate', tiny, '--workers', '0', '--out', 'w0').code).toBe(2);
  });

  it('defaults the output directory to out/<name>-seed<seed> and prints --json as one object', () => {
    const run = pushstorm('simulate', tiny, '--seed', '7', '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { scenario: { name: string }; seed: number; records: number; outputs: { dir: string } };
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(summary.scenario.name).toBe('tiny');
    expect(summary.seed).toBe(7);
    expect(summary.outputs.dir).toBe(join('out', 'tiny-seed7'));
    expect(read(summary.outputs.dir, 'events.ndjson').equals(read('a', 'events.ndjson'))).toBe(true);
    expect(summary.records).toBe(read('a', 'events.ndjson').toString('utf8').split('\n').length - 1);
  });

  it('names the default directory after the size it ran, so a small trial does not overwrite the full run', () => {
    const run = pushstorm('simulate', tiny, '--seed', '7', '--users', '12', '--days', '1', '--json', '--quiet');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).outputs.dir).toBe(join('out', 'tiny-seed7-12u-1d'));
    // The full run of the same seed is untouched.
    expect(read(join('out', 'tiny-seed7'), 'events.ndjson').equals(read('a', 'events.ndjson'))).toBe(true);
  });

  it('--help shows options, outputs, exit codes and examples', () => {
    const run = pushstorm('simulate', '--help');
    expect(run.code).toBe(0);
    for (const text of ['--seed <n>', '--out <dir>', '--users <n>', '--days <n>', '--quiet', '--json']) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toContain('events.ndjson');
    expect(run.stdout).toContain('truth.json');
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stdout).toMatch(/Examples:\n {2}\$ pushstorm simulate /);
  });

  it('rejects an invalid scenario with exit 2, lists every problem with its path, and writes nothing', () => {
    writeFileSync(
      join(cwd, 'broken.yaml'),
      ['name: broken', 'start: 2026-03-02T00:00:00Z', 'duration: 1d', 'population:', '  users: -5', 'idp:', '  vendor: oktaa', ''].join(
        '\n',
      ),
    );
    const run = pushstorm('simulate', 'broken.yaml', '--out', 'broken-out');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(/population[./]users/);
    expect(run.stderr).toMatch(/idp[./]vendor/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(cwd, 'broken-out'))).toBe(false);
    expect(existsSync(join(cwd, 'out', 'broken-seed1'))).toBe(false);
  });

  it('rejects --seed abc with exit 2, naming the option, before loading anything', () => {
    const run = pushstorm('simulate', tiny, '--seed', 'abc', '--out', 'seed-out');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--seed <n>' argument 'abc' is invalid");
    expect(existsSync(join(cwd, 'seed-out'))).toBe(false);
  });

  it('rejects an unknown option and a missing scenario argument with exit 2', () => {
    expect(pushstorm('simulate', tiny, '--bogus').code).toBe(2);
    expect(pushstorm('simulate').code).toBe(2);
  });
});

describe('pushstorm', () => {
  it('--help lists the commands with examples and exit codes', () => {
    const run = pushstorm('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('simulate');
    for (const command of ['run', 'detect', 'detectors', 'score']) expect(run.stdout).toContain(`  ${command} `);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit codes:');
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    const run = pushstorm('--version');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown command', () => {
    const run = pushstorm('simulat');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command');
  });
});

/**
 * Text from input printed on a terminal carries no control character: an ESC sequence in a scenario name of a truth
 * file, a gate name or a file name cannot clear the screen or recolour what follows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ESC = '\u001b';

const cli = runCliCollected;

describe('nothing from input reaches the terminal with its control characters', () => {
  it('score: a truth whose scenario name holds an ESC sequence', async () => {
    const world = join(dir, 'world');
    expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', world])).code).toBe(0);
    expect((await cli(['detect', join(world, 'events.ndjson'), '--out', join(world, 'alerts.ndjson')])).code).toBe(0);
    const truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8'));
    truth.scenario.name = `tiny${ESC}[2J${ESC}]0;owned\u0007`;
    writeFileSync(join(world, 'hostile-truth.json'), JSON.stringify(truth));
    const run = await cli(['score', '--truth', join(world, 'hostile-truth.json'), '--alerts', join(world, 'alerts.ndjson')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('scenario tiny\ufffd[2J\ufffd]0;owned\ufffd');
    expect(run.stdout + run.stderr).not.toContain(ESC);
  });

  it('score: user names and incident ids in the tables, and report.md from the same truth (regression: raw in the incidents table)', async () => {
    const world = join(dir, 'world');
    const hostile = `<img src=x onerror=alert(1)>|**x**${ESC}[31m`;
    const truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8'));
    truth.scenario.name = `tiny${hostile}`;
    truth.incidents[0].id = `inc${ESC}[2J`;
    truth.incidents[0].target = hostile;
    writeFileSync(join(world, 'hostile-users.json'), JSON.stringify(truth));
    const report = join(dir, 'report');
    const run = await cli([
      'score',
      '--truth',
      join(world, 'hostile-users.json'),
      '--alerts',
      join(world, 'alerts.ndjson'),
      '--report',
      report,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/inc\ufffd\[2J +<img src=x onerror=alert\(1\)>\|\*\*x\*\*\ufffd\[31m/);
    expect(run.stdout + run.stderr).not.toContain(ESC);
    const md = readFileSync(join(report, 'report.md'), 'utf8');
    expect(md).not.toContain('<img');
    expect(md).not.toContain(ESC);
    const escaped = '&lt;img src=x onerror=alert(1)&gt;\\|\\*\\*x\\*\\*\ufffd\\[31m';
    expect(md).toContain(`tiny${escaped}`);
    // The incident's row is one row of the table: its cells as many as the header's.
    const header = md.split('\n').find((l) => l.startsWith('| incident |'))!;
    const row = md.split('\n').find((l) => l.startsWith('| inc\ufffd'))!;
    expect(row).toContain(`| ${escaped} |`);
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(cells(row)).toBe(cells(header));
  });

  it('simulate: an output folder named with an ESC sequence', async () => {
    const run = await cli(['simulate', 'scenarios/tiny.yaml', '--out', join(dir, `out${ESC}[2J`)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`out\ufffd[2J`);
    expect(run.stdout).not.toContain(ESC);
  });

  it('an error echoing a file name or an option value', async () => {
    const run = await cli(['detect', join(dir, `missing${ESC}[31m.ndjson`), '--lateness', `x${ESC}[2J`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).not.toContain(ESC);
    const usage = await cli(['detect', `--no${ESC}[2Jpe`]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown option');
    expect(usage.stderr).not.toContain(ESC);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushstorm export', () => {
  it('writes a tuned detector as SQL that DuckDB runs over a simulated file, with the findings detect gives', async () => {
    const world = join(dir, 'w');
    expect((await cli(['simulate', 'scenarios/duo-fraud-mute.yaml', '--users', '120', '--days', '3', '--out', world, '-q'])).code).toBe(0);
    const events = join(world, 'events.ndjson');
    writeFileSync(join(dir, 'low.yaml'), 'baseline-splunk-failed-mfa: { threshold: 2 }\n');
    const run = await cli(['export', '--detector', 'baseline-splunk-failed-mfa', '--params', join(dir, 'low.yaml'), '--events', events]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^-- parameters: threshold=2, bucketMs=300000$/m);
    // The script runs as is: its statements one by one on an empty database.
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const statements = run.stdout.split(';\n').filter((s) => s.replace(/^--.*$/gm, '').trim() !== '');
    let rows: Array<Record<string, unknown>> = [];
    for (const s of statements) rows = (await connection.runAndReadAll(s)).getRowObjects();
    const sql = rows.map((r) => `${r.entity} ${Number(r.decision_time)}`);
    expect(sql.length).toBeGreaterThan(0);
    // detect with the same parameters: every SQL finding is the alert time of one of its alert lines.
    const detected = await cli([
      'detect',
      events,
      '--detectors',
      'baseline-splunk-failed-mfa',
      '--params',
      join(dir, 'low.yaml'),
      '--out',
      join(dir, 'a.ndjson'),
    ]);
    expect(detected.code, detected.stderr).toBe(0);
    const alerts = readFileSync(join(dir, 'a.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const opened = alerts.filter((a) => a.status === 'open').map((a) => `${a.entity.value} ${a.alertTime}`);
    for (const o of opened) expect(sql).toContain(o);
  });

  it('refuses a detector that states no shape, and an unknown target (exit 2)', async () => {
    const none = await cli(['export', '--detector', 'mfa-without-login']);
    expect([none.code, none.stderr]).toEqual([
      2,
      expect.stringContaining('mfa-without-login cannot be exported to sql: it stands down when many users’ pushes fail together'),
    ]);
    const target = await cli(['export', '--detector', 'fraud-report', '--to', 'cobol']);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('cobol');
    const listing = JSON.parse((await cli(['detectors', '--json'])).stdout) as Array<{ id: string; exports: string[] }>;
    expect(listing.find((d) => d.id === 'fraud-report')!.exports).toEqual(['sql', 'sigma', 'spl', 'kql', 'eql', 'esql']);
    expect(listing.find((d) => d.id === 'mfa-without-login')!.exports).toEqual([]);
  });

  it('writes the query for Spark SQL or Trino with --dialect, and refuses what a dialect cannot read (exit 2)', async () => {
    const spark = await cli([
      'export',
      '--detector',
      'baseline-splunk-failed-mfa',
      '--dialect',
      'spark',
      '--events',
      'out/p-*/events.parquet',
    ]);
    expect(spark.code, spark.stderr).toBe(0);
    expect(spark.stdout).toContain('FROM parquet.`out/p-*/events.parquet`\nWHERE `type` IN');
    const trino = await cli(['export', '--detector', 'fraud-report', '--dialect', 'trino', '--events', 'hive.pushstorm.events']);
    expect(trino.stdout).toContain('FROM hive.pushstorm.events\n');
    for (const [argv, message] of [
      [['--dialect', 'trino', '--events', 'w/events.ndjson'], '--events w/events.ndjson: Trino reads a table here'],
      [['--dialect', 'spark', '--to', 'spl'], '--dialect spark: is for --to sql only'],
      [['--dialect', 'spark', '--as-detector'], 'a SQL detector runs inside pushstorm, on DuckDB'],
      [['--dialect', 'oracle'], 'oracle'],
    ] as const) {
      const run = await cli(['export', '--detector', 'fraud-report', ...argv]);
      expect([run.code, run.stdout], argv.join(' ')).toEqual([2, '']);
      expect(run.stderr).toContain(message);
    }
  });
});

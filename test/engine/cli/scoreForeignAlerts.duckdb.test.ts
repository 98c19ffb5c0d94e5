/**
 * `score --alerts` on another engine's rows: the exported SQL of every exportable detector, run on DuckDB over a
 * simulated world's events, its rows written as CSV, NDJSON and Parquet, scores the same as the streaming detectors'
 * own alerts on those events.
 *
 * "The same", precisely: for every detector (by label) and for `overall`, the figures scoring derives from alert
 * threads and their times are equal — not close, equal: alerts, true and false alerts, precision, recall, F1,
 * incidents detected, time to detect (median, p95), prompts endured (median, p95), compromises prevented, false alerts
 * per 1,000 user-days and alerts per day — and every incident is detected by the same detectors at the same times
 * (time to detect, prompts before, before the compromise or not). So are each detector's version and baseline flag.
 * Not compared, because rows do not carry them: the detectors' parameters, and what false alerts are made of (their
 * causes and context come from the evidence events, of which rows carry at most the ids).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../detectors/index.ts';
import type { DetectorScore, IncidentScore, Score } from '../../../engine/evaluate/scoring/scoreAlerts.ts';
import type { Alert } from '../../../engine/model/generated/alert.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../engine/runtime/DetectorDefinition.ts';
import { type DetectorInstance, DetectorRuntime } from '../../../engine/runtime/DetectorRuntime.ts';
import { exportDetector } from '../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-foreign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportable = detectors.filter((d) => d.shape !== undefined);

/** Counts at 2 (within each range), so the count rules fire on short library worlds and raise false alerts too. */
function lowCounts(definition: AnyDetectorDefinition): Record<string, number> {
  const params = defaultParams(definition);
  for (const [name, spec] of Object.entries(definition.params)) if (spec.unit === 'count') params[name] = Math.max(spec.min, 2);
  return params;
}

/** The figures that must be equal (see the file's comment), of one detector row. */
function figures(row: DetectorScore) {
  const { params: _params, falseAlertsByCause: _causes, ...compared } = row;
  return compared;
}

/** Who detected each incident, when. */
const detections = (perIncident: IncidentScore[]) => perIncident.map((p) => ({ incident: p.incident.id, detections: p.detections }));

interface World {
  truth: string;
  events: string;
  /** The streaming detectors' alerts, as `pushstorm detect` writes them. */
  alerts: string;
  /** Rows of every detector's SQL, with a `detector` column, in each format. */
  csv: string;
  ndjson: string;
  parquet: string;
  /** Rows the SQL returned, and alert lines the streaming runtime wrote: both must be many, or the test is empty. */
  rows: number;
  lines: number;
}

const worlds = new Map<string, World>();

async function prepare(name: string, users: number, days: number): Promise<World> {
  const world = runWorld(await loadScenarioFile(`scenarios/${name}.yaml`, { users, days }));
  const base = join(dir, name);
  const files = {
    truth: `${base}-truth.json`,
    events: `${base}-events.ndjson`,
    alerts: `${base}-alerts.ndjson`,
    csv: `${base}-rows.csv`,
    ndjson: `${base}-rows.ndjson`,
    parquet: `${base}-rows.parquet`,
  };
  writeFileSync(files.truth, JSON.stringify(world.truth));
  writeFileSync(files.events, `${world.lines.join('\n')}\n`);

  const instances: DetectorInstance[] = exportable.map((definition) => ({ definition, params: lowCounts(definition) }));
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(instances, (a) => alerts.push(a));
  for (const e of world.events) runtime.push(e);
  runtime.finish();
  writeFileSync(files.alerts, alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));

  // Each detector's exported script as is (its view over the events file, then its query), its result kept in a table.
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run('CREATE TABLE findings (detector VARCHAR, entity VARCHAR, decision_time BIGINT, evidence VARCHAR[])');
  for (const instance of instances) {
    // The script: comments, the view (one line), the query (its comments may hold semicolons, so cut by line).
    const lines = exportDetector(instance, 'sql', { events: files.events }).trimEnd().split('\n');
    const view = lines.findIndex((line) => line.startsWith('CREATE OR REPLACE VIEW events'));
    await connection.run(lines.slice(0, view + 1).join('\n'));
    const query = lines
      .slice(view + 1)
      .join('\n')
      .replace(/;$/, '');
    await connection.run(`INSERT INTO findings SELECT '${instance.definition.id}', entity, decision_time, evidence FROM (${query})`);
  }
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  // CSV as the SQL returns it (epoch ms); NDJSON with other column names and ISO 8601 text; Parquet with a TIMESTAMP.
  await connection.run(`COPY (SELECT * FROM findings ORDER BY ALL) TO ${literal(files.csv)} (HEADER)`);
  await connection.run(
    `COPY (SELECT detector AS rule, entity AS "key", strftime(epoch_ms(decision_time), '%Y-%m-%dT%H:%M:%S.%gZ') AS ts FROM findings ORDER BY ALL) TO ${literal(files.ndjson)} (FORMAT json)`,
  );
  await connection.run(
    `COPY (SELECT detector, entity, epoch_ms(decision_time) AS decision_time, evidence FROM findings ORDER BY ALL) TO ${literal(files.parquet)} (FORMAT parquet)`,
  );
  const rows = Number((await connection.runAndReadAll('SELECT count(*) FROM findings')).getRows()[0][0]);
  connection.closeSync();
  db.closeSync();
  return { ...files, rows, lines: alerts.length };
}

beforeAll(async () => {
  for (const [name, users, days] of [
    ['duo-fraud-mute', 120, 3],
    ['hosting-spray', 150, 3],
  ] as const)
    worlds.set(name, await prepare(name, users, days));
}, 120_000);

async function score(args: string[]): Promise<Score> {
  const run = await cli(['score', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).score;
}

const mapping = {
  csv: [],
  ndjson: ['--column', 'detector=rule', '--column', 'entity=key', '--column', 'decision_time=ts'],
  parquet: [],
} as const;

describe('score --alerts on rows of the exported SQL', () => {
  it.each([...['duo-fraud-mute', 'hosting-spray'].flatMap((w) => (['csv', 'ndjson', 'parquet'] as const).map((f) => [w, f] as const))])(
    '%s, %s rows: the same figures as the streaming detectors’ own alerts',
    async (name, format) => {
      const world = worlds.get(name)!;
      expect(world.rows, 'the detectors fire on this world').toBeGreaterThan(5);
      const common = ['--truth', world.truth, '--events', world.events];
      const streaming = await score([...common, '--alerts', world.alerts]);
      const foreign = await score([...common, '--alerts', world[format], ...mapping[format]]);
      expect(foreign.detectors.map((d) => d.label)).toEqual(streaming.detectors.map((d) => d.label));
      expect(foreign.detectors.map(figures)).toEqual(streaming.detectors.map(figures));
      expect(figures(foreign.overall)).toEqual(figures(streaming.overall));
      expect(detections(foreign.perIncident)).toEqual(detections(streaming.perIncident));
      // Not an empty comparison: incidents caught, and false alerts raised, by the rows.
      expect(foreign.detectors.some((d) => d.incidentsDetected > 0)).toBe(true);
      expect(foreign.detectors.some((d) => d.falseAlerts > 0)).toBe(true);
    },
  );

  it('folds rows into threads: fewer alerts than rows, as the runtime wrote fewer threads than findings', async () => {
    const world = worlds.get('duo-fraud-mute')!;
    const run = await cli(['score', '--truth', world.truth, '--alerts', world.csv]);
    expect(run.code).toBe(0);
    const said = /(\d+) csv rows from another engine, folded into (\d+) alert threads \(thread gap 1h\)/.exec(run.stdout);
    expect(said).not.toBeNull();
    expect(Number(said![1])).toBe(world.rows);
    expect(Number(said![2])).toBeLessThan(world.rows);
  });
});

describe('score --alerts on rows: bad input exits 2, naming the file, the row and the column', () => {
  const T = Date.UTC(2026, 2, 2, 9);
  const bad = async (name: string, text: string, ...options: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    const run = await cli(['score', '--truth', worlds.get('duo-fraud-mute')!.truth, '--alerts', path, ...options]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    return run.stderr;
  };

  it('a missing column', async () => {
    expect(await bad('m.csv', `user_name,decision_time\nann,${T}\n`)).toMatch(
      /^error: .*m\.csv: not a valid CSV file of alert rows, 1 problem\n {2}column entity: missing \(columns: user_name, decision_time\); map one with --column entity=NAME\n$/,
    );
    expect(await bad('m2.csv', `user_name,decision_time\nann,${T}\n`, '--column', 'entity=user')).toContain('column user: missing');
  });

  it('a bad time', async () => {
    expect(await bad('t.csv', `entity,decision_time\nann,${T}\nbob,tomorrow\n`)).toContain(
      't.csv: not a valid CSV file of alert rows, 1 problem\n  row 2 (line 3), column decision_time: not a time (got "tomorrow")',
    );
    expect(
      await bad('t.jsonl', `{"user":"ann","ts":"2026-13-01T00:00:00Z"}\n`, '--column', 'entity=user', '--column', 'decision_time=ts'),
    ).toContain(
      't.jsonl: not a valid NDJSON file of alert rows, 1 problem\n  line 1, column ts: not a time (got "2026-13-01T00:00:00Z": no such date or time of day)',
    );
  });

  it('an unknown format, by extension or by option', async () => {
    expect(await bad('rows.xml', '<rows/>')).toMatch(
      /cannot tell the format of alerts file .*rows\.xml from its extension.*--alerts-format/,
    );
    expect(await bad('rows.csv', `entity,decision_time\nann,${T}\n`, '--alerts-format', 'xml')).toContain(
      'score options: 1 problem\n  --alerts-format xml: must be one of pushstorm, csv, parquet, ndjson',
    );
  });

  it('options for rows that cannot be used: a role that is not one, a kind that is not one, rows options on pushstorm alerts', async () => {
    const options = await bad('o.csv', '', '--column', 'who=user', '--column', 'entity', '--entity-kind', 'ip', '--detector-name', ' ');
    expect(options.split('\n').slice(0, 5)).toEqual([
      'error: score options: 4 problems',
      '  --column who=user: the role must be one of entity, decision_time, detector, entity_kind, evidence, users',
      '  --column entity: must be ROLE=NAME, e.g. entity=user_name',
      '  --detector-name " ": must name a detector',
      '  --entity-kind ip: must be one of user, source, asn, device',
    ]);
    const run = await cli([
      'score',
      '--truth',
      worlds.get('duo-fraud-mute')!.truth,
      '--alerts',
      worlds.get('duo-fraud-mute')!.alerts,
      '--entity-kind',
      'user',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds pushstorm alerts, not rows: --entity-kind applies to another engine's rows only/);
  });
});

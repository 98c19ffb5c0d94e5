import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { readAlertsInput } from '../../../../engine/formats/alerts/index.ts';
import { FileContentError, FormatError, InputError } from '../../../../engine/model/errors/index.ts';
import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-alerts-in-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const T = Date.UTC(2026, 2, 2, 9, 5);

/** Writes `select` to a Parquet file with DuckDB. */
async function parquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  connection.closeSync();
  db.closeSync();
  return path;
}

/** The error `promise` rejects with, checked to be of `type`. */
async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describe('readAlertsInput: formats', () => {
  it('reads pushstorm alerts from an NDJSON file whose first line is one, whatever the extension of NDJSON', async () => {
    const fraud = (id: string, time: number) => ({
      id,
      time,
      source: 'idp' as const,
      type: 'mfa.result' as const,
      user: 'ann',
      challenge: { id: `c-${id}`, factor: 'push' as const, result: 'fraud' as const },
    });
    const alerts = defaultAlerts([fraud('e1', T), fraud('e2', T + 60_000)]);
    expect(alerts.length).toBeGreaterThan(0);
    const text = alerts.map((a) => JSON.stringify(a)).join('\n');
    for (const name of ['a.ndjson', 'a.jsonl', 'a.json']) {
      const read = await readAlertsInput(file(name, text));
      expect(read).toEqual({ format: 'pushstorm', alerts });
    }
  });

  it('reads rows from an NDJSON file whose first line is not an alert', async () => {
    const read = await readAlertsInput(
      file('rows.ndjson', `{"entity":"ann","decision_time":${T}}\n\n{"entity":"bob","decision_time":"2026-03-02T09:05:00Z"}\n`),
    );
    expect(read).toEqual({
      format: 'ndjson',
      rows: [
        { row: 1, entity: 'ann', decisionTime: T },
        { row: 3, entity: 'bob', decisionTime: T },
      ],
    });
  });

  it('reads CSV with a header, every optional column, quoted cells; TSV by its extension', async () => {
    const csv = [
      'entity,decision_time,detector,entity_kind,evidence,users',
      `198.51.100.7,${T},okta@strict,source,"[e1, e2]","ann,bob"`,
      `ann,2026-03-02 09:05:00,,,3,`,
    ].join('\r\n');
    expect(await readAlertsInput(file('rows.csv', csv))).toEqual({
      format: 'csv',
      rows: [
        {
          row: 1,
          entity: '198.51.100.7',
          decisionTime: T,
          detector: 'okta@strict',
          entityKind: 'source',
          evidence: ['e1', 'e2'],
          users: ['ann', 'bob'],
        },
        { row: 2, entity: 'ann', decisionTime: T, evidence: 3 },
      ],
    });
    expect((await readAlertsInput(file('rows.tsv', `entity\tdecision_time\nann\t${T}\n`))).format).toBe('csv');
  });

  it('reads Parquet with DuckDB: BIGINT, TIMESTAMP and TIMESTAMPTZ times, integer and list cells', async () => {
    const path = await parquet(
      'rows.parquet',
      `SELECT * FROM (VALUES
        ('ann', epoch_ms(${T}), ['e1', 'e2'], 'user'),
        ('13335', epoch_ms(${T + 1}), NULL, 'asn')
      ) t(entity, decision_time, evidence, entity_kind)
      UNION ALL SELECT 'cy', TIMESTAMPTZ '2026-03-02 11:05:00+02', ['e3'], NULL`,
    );
    expect(await readAlertsInput(path)).toEqual({
      format: 'parquet',
      rows: [
        { row: 1, entity: 'ann', decisionTime: T, evidence: ['e1', 'e2'], entityKind: 'user' },
        { row: 2, entity: '13335', decisionTime: T + 1, entityKind: 'asn' },
        { row: 3, entity: 'cy', decisionTime: T, evidence: ['e3'] },
      ],
    });
    const ints = await parquet('ints.parquet', `SELECT 42::BIGINT AS entity, ${T}::BIGINT AS decision_time, 7::INTEGER AS evidence`);
    expect(await readAlertsInput(ints)).toEqual({ format: 'parquet', rows: [{ row: 1, entity: '42', decisionTime: T, evidence: 7 }] });
  });

  it('maps columns by role, and matches a header that differs only in case', async () => {
    const csv = file('mapped.csv', `USER_NAME,Ts,Detector\nann,${T},x\n`);
    expect(await readAlertsInput(csv, { columns: { entity: 'user_name', decision_time: 'ts' } })).toEqual({
      format: 'csv',
      rows: [{ row: 1, entity: 'ann', decisionTime: T, detector: 'x' }],
    });
  });

  it('reads a file as the format asked, whatever its extension', async () => {
    const path = file('rows.txt', `entity,decision_time\nann,${T}\n`);
    expect((await readAlertsInput(path, { format: 'csv' })).format).toBe('csv');
  });
});

describe('readAlertsInput: errors name the file, the row and the column', () => {
  it('an extension that tells nothing: a FormatError naming the file and --alerts-format', async () => {
    const error = await failure(readAlertsInput(file('rows.xlsx', 'x')), FormatError);
    expect(error.message).toMatch(/rows\.xlsx.*--alerts-format/);
  });

  it('a missing column, in each format', async () => {
    const csv = await failure(readAlertsInput(file('nocol.csv', `user_name,decision_time\nann,${T}\n`)), FileContentError);
    expect(csv.message).toContain('nocol.csv: not a valid CSV file of alert rows, 1 problem');
    expect(csv.message).toContain('column entity: missing (columns: user_name, decision_time); map one with --column entity=NAME');
    const pq = await failure(readAlertsInput(await parquet('nocol.parquet', `SELECT 'ann' AS entity, ${T} AS ts`)), FileContentError);
    expect(pq.issues).toEqual([{ path: '', column: 'decision_time', message: expect.stringMatching(/^missing \(columns: entity, ts\)/) }]);
    const nd = await failure(
      readAlertsInput(file('nocol.ndjson', `{"entity":"ann","decision_time":${T}}\n{"entity":"bob"}\n`)),
      FileContentError,
    );
    expect(nd.message).toMatch(/line 2, column decision_time: missing \(columns: entity\)/);
  });

  it('a column mapped to one that is not there is missing too, optional or not', async () => {
    const error = await failure(
      readAlertsInput(file('opt.csv', `entity,decision_time\nann,${T}\n`), { columns: { detector: 'rule' } }),
      FileContentError,
    );
    expect(error.issues).toEqual([{ path: '', column: 'rule', message: 'missing (columns: entity, decision_time)' }]);
  });

  it('bad cells: every one, by row (and line) and column', async () => {
    const csv = ['entity,decision_time,entity_kind,evidence', 'ann,soon,user,1', ',1,ip,', `"bob,${T}`].join('\n');
    const error = await failure(readAlertsInput(file('bad.csv', csv)), FileContentError);
    expect(error.message.split('\n')).toEqual([
      expect.stringContaining('bad.csv: not a valid CSV file of alert rows, 4 problems'),
      '  row 1 (line 2), column decision_time: not a time (got "soon"): give epoch milliseconds or ISO 8601 text, e.g. 2026-03-02T09:05:00Z',
      '  row 2 (line 3), column entity: empty: every row names its entity',
      '  row 2 (line 3), column entity_kind: must be one of user, source, asn, device (got "ip")',
      '  row 3 (line 4): a quoted field is not closed (its opening quote is on this line)',
    ]);
    const nd = await failure(
      readAlertsInput(file('bad.ndjson', `{"entity":"ann","decision_time":${T},"evidence":-3,"users":[true],"detector":{}}\n`)),
      FileContentError,
    );
    expect(nd.message.split('\n').slice(1)).toEqual([
      '  line 1, column detector: not a name (got {})',
      '  line 1, column evidence: must be a count or a list of event ids (got -3)',
      '  line 1, column users: must be a list of user logins (got [true])',
    ]);
    const pq = await failure(
      readAlertsInput(await parquet('bad.parquet', `SELECT 'ann' AS entity, 1.5::DOUBLE AS decision_time UNION ALL SELECT NULL, 2`)),
      FileContentError,
    );
    expect(pq.message).toContain('row 1, column decision_time: not a whole number of epoch milliseconds (got 1.5)');
    expect(pq.message).toContain('row 2, column entity: empty');
  });

  it('a row with too many or too few fields, a line that is not a JSON object', async () => {
    const csv = await failure(readAlertsInput(file('ragged.csv', `entity,decision_time\nann,${T},x\n`)), FileContentError);
    expect(csv.message).toContain('row 1 (line 2): 3 fields, the header has 2');
    const nd = await failure(readAlertsInput(file('arr.ndjson', `{"entity":"a","decision_time":1}\n[1]\nnope\n`)), FileContentError);
    expect(nd.message).toContain('line 2: not a JSON object');
    expect(nd.message).toMatch(/line 3: not JSON/);
  });

  it('lists 20 problems at most, and drops no row silently', async () => {
    const csv = ['entity,decision_time', ...Array.from({ length: 50 }, (_, i) => `u${i},later`)].join('\n');
    const error = await failure(readAlertsInput(file('many.csv', csv)), FileContentError);
    expect(error.issues).toHaveLength(20);
  });

  it('a file that is not Parquet, an empty CSV, a missing file, Parquet on standard input', async () => {
    const notParquet = await failure(readAlertsInput(file('text.parquet', 'entity,decision_time\n')), FileContentError);
    expect(notParquet.message).toMatch(/text\.parquet: not a valid Parquet file of alert rows.*\n.*DuckDB cannot read it/);
    expect((await failure(readAlertsInput(file('empty.csv', '')), FileContentError)).message).toContain(
      'empty: a CSV of alert rows starts with a header line',
    );
    expect((await failure(readAlertsInput(join(dir, 'missing.parquet')), InputError)).message).toMatch(/missing\.parquet: no such file/);
    mkdirSync(join(dir, 'folder.csv'));
    expect((await failure(readAlertsInput(join(dir, 'folder.csv')), InputError)).message).toMatch(/folder\.csv/);
    expect((await failure(readAlertsInput('-', { format: 'parquet' }), FormatError)).message).toMatch(/standard input/);
  });
});

describe('readAlertsInput: NDJSON, alerts or rows', () => {
  it('takes a first line with an alert field for a broken alert, so the alerts reader says what is wrong with it', async () => {
    const error = await failure(readAlertsInput(file('broken-alerts.ndjson', '{"id":"a"}\nnot json\n')), FileContentError);
    expect(error.message).toContain('not a valid alerts file');
    expect(error.message).toContain('line 1: missing "status"');
  });

  it('takes a first line with a named entity or a decision time, or with no alert field, for a row', async () => {
    const rows = async (text: string, columns = {}) => (await readAlertsInput(file('sniff.ndjson', text), { columns })).format;
    expect(await rows(`{"id":7,"entity":"ann","decision_time":${T}}\n`)).toBe('ndjson');
    expect(await rows(`{"id":7,"user":"ann","ts":${T}}\n`, { entity: 'user', decision_time: 'ts' })).toBe('ndjson');
    const missing = await failure(readAlertsInput(file('sniff2.ndjson', `{"user":"ann","ts":${T}}\n`)), FileContentError);
    expect(missing.message).toContain('not a valid NDJSON file of alert rows');
    expect(missing.message).toContain('column entity: missing (columns: user, ts)');
  });
});

import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { describe, expect, it } from 'vitest';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import { fraudReport } from '../../../../../detectors/fraudReport.ts';
import { detectors } from '../../../../../detectors/index.ts';
import { OptionError } from '../../../../../engine/model/errors/index.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../../engine/runtime/DetectorDefinition.ts';
import {
  canonicalFields,
  exportDetector,
  type SqlDialectId,
  sqlOfShape,
  tumblingSqlOfShape,
} from '../../../../../engine/tools/export/index.ts';
import { sqlTarget } from '../../../../../engine/tools/export/sql/sqlTarget.ts';

/**
 * The Spark SQL and Trino texts of every exportable detector parse with those engines' grammars (dt-sql-parser's ANTLR
 * grammars; no Spark or Trino runs here), at the defaults and at each parameter's minimum and maximum, in the sliding
 * form and the tumbling variant; what the grammars cannot see (a double-quoted name is a string in Spark) is checked
 * on the text. Golden texts hold each detector's export at its defaults.
 */
const parsers = { spark: new SparkSQL(), trino: new TrinoSQL() };
const parseErrors = (dialect: 'spark' | 'trino', sql: string) => parsers[dialect].validate(sql).map((e) => e.message);

const exportable = detectors.filter((d) => d.shape !== undefined);
const write = (definition: AnyDetectorDefinition, dialect: SqlDialectId, events?: string, params = defaultParams(definition)) =>
  sqlTarget.write({ instance: { definition, params }, shape: definition.shape!, fields: canonicalFields, events, dialect });

/** The defaults, then each parameter at its minimum and at its maximum (the others at their defaults). */
function settings(definition: AnyDetectorDefinition): Array<Record<string, number>> {
  const defaults = defaultParams(definition);
  return [
    defaults,
    ...Object.entries(definition.params).flatMap(([name, spec]) => [
      { ...defaults, [name]: spec.min },
      { ...defaults, [name]: spec.max },
    ]),
  ];
}

/** The text without its `--` comment lines. */
const code = (sql: string) => sql.replace(/^\s*--.*$/gm, '');

describe('exported SQL for Spark SQL and Trino', () => {
  it('covers the detectors that state a shape', () => {
    expect(exportable.map((d) => d.id).sort()).toEqual([
      'baseline-elastic-push-denials',
      'baseline-okta-abandonment',
      'baseline-sentinel-spam-success',
      'baseline-splunk-failed-mfa',
      'fraud-report',
    ]);
  });

  it.each(exportable.map((d) => [d.id, d] as const))(
    '%s: every query parses with the Spark SQL and Trino grammars (defaults, each parameter at min and max, sliding and tumbling)',
    (_id, definition) => {
      const shape = definition.shape!;
      const queries = new Set<string>();
      for (const dialect of ['spark', 'trino'] as const)
        for (const params of settings(definition)) {
          queries.add(`${dialect}\n${sqlOfShape(shape, params, { dialect })}`);
          queries.add(`${dialect}\n${tumblingSqlOfShape(shape, params, { dialect })}`);
        }
      for (const entry of queries) {
        const [dialect, sql] = [entry.slice(0, entry.indexOf('\n')) as 'spark' | 'trino', entry.slice(entry.indexOf('\n') + 1)];
        expect(parseErrors(dialect, sql), `${dialect}:\n${sql}`).toEqual([]);
        if (dialect === 'spark') {
          // The grammar reads "user" as a string and ARRAY[id] as a subscript: neither may be written for Spark.
          expect(code(sql)).not.toMatch(/"|ARRAY\[|array_agg/);
        }
      }
      expect(queries.size).toBeGreaterThanOrEqual(2 * (1 + Object.keys(definition.params).length));
    },
  );

  it.each(exportable.map((d) => [d.id, d] as const))('%s: whole scripts parse, over a relation, Parquet or a table', (_id, definition) => {
    for (const [dialect, events] of [
      ['spark', undefined],
      ['spark', 'out/big/part-*/events.parquet'],
      ['spark', 'lake.pushstorm.events'],
      ['trino', undefined],
      ['trino', 'hive.pushstorm.events'],
    ] as const)
      expect(parseErrors(dialect, write(definition, dialect, events)), `${dialect} ${events}`).toEqual([]);
  });

  it('writes Trino and PostgreSQL the DuckDB text as it is, but for the table it reads', () => {
    for (const definition of exportable)
      for (const params of settings(definition))
        for (const dialect of ['trino', 'postgres'] as const) {
          expect(sqlOfShape(definition.shape!, params, { dialect })).toBe(sqlOfShape(definition.shape!, params));
          expect(tumblingSqlOfShape(definition.shape!, params, { dialect })).toBe(tumblingSqlOfShape(definition.shape!, params));
        }
    expect(write(fraudReport, 'trino', 'hive.pushstorm.events')).toContain('\nFROM hive.pushstorm.events\n');
  });

  it('rejects a broken query: the grammars are not lenient', () => {
    // The DuckDB text orders inside array_agg, which Spark's grammar has no place for.
    const duck = sqlOfShape(baselineSplunkFailedMfa.shape!, defaultParams(baselineSplunkFailedMfa));
    expect(duck).toContain('array_agg(id ORDER BY "time", id)');
    expect(parseErrors('spark', duck).length).toBeGreaterThan(0);
    // A Spark string escape is not Trino's; a query cut short is neither's.
    expect(parseErrors('trino', "SELECT id FROM events WHERE outcome = 'it\\'s'").length).toBeGreaterThan(0);
    const spark = sqlOfShape(baselineSplunkFailedMfa.shape!, defaultParams(baselineSplunkFailedMfa), { dialect: 'spark' });
    expect(parseErrors('spark', spark.replace('GROUP BY', 'GROUP')).length).toBeGreaterThan(0);
    expect(parseErrors('trino', duck.replace(')', '')).length).toBeGreaterThan(0);
  });

  it('escapes a Spark string literal with backslashes, so a quote in a value stays in one literal', () => {
    const shape = { kind: 'each', key: 'user', where: { types: ["o'brien\\x" as 'mfa.result'] } } as const;
    const sql = sqlOfShape(shape, {}, { dialect: 'spark' });
    expect(sql).toContain("`type` IN ('o\\'brien\\\\x')");
    expect(parseErrors('spark', sql)).toEqual([]);
  });

  it('refuses what a dialect cannot say, with the reason (exit 2)', () => {
    const instance = { definition: fraudReport, params: {} };
    const refusal = (f: () => string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(OptionError);
        expect((e as OptionError).exitCode).toBe(2);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(() => exportDetector(instance, 'sql', { dialect: 'trino', events: 'out/w/events.ndjson' }))).toMatch(
      /--events out\/w\/events.ndjson: Trino reads a table here/,
    );
    expect(refusal(() => exportDetector(instance, 'sql', { dialect: 'spark', events: 'out/w/events.ndjson' }))).toMatch(
      /Spark SQL reads the Parquet of simulate --out-format parquet/,
    );
    expect(refusal(() => exportDetector(instance, 'sql', { dialect: 'postgres', events: 'events; DROP TABLE x' }))).toMatch(
      /PostgreSQL reads a table here/,
    );
    expect(refusal(() => exportDetector(instance, 'sql', { dialect: 'spark', asDetector: true }))).toMatch(
      /runs inside pushstorm, on DuckDB/,
    );
    expect(refusal(() => exportDetector(instance, 'spl', { dialect: 'spark' }))).toMatch(/--dialect spark: is for --to sql only/);
  });

  it.each(exportable.flatMap((d) => (['spark', 'trino'] as const).map((dialect) => [d.id, dialect, d] as const)))(
    '%s (%s): golden text',
    async (_id, dialect, definition) => {
      await expect(write(definition, dialect)).toMatchFileSnapshot(`golden/${definition.id}.${dialect}.sql`);
    },
  );
});

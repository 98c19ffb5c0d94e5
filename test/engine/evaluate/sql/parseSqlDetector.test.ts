import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDetectorDefinition } from '../../../../engine/evaluate/checkDetectorDefinition.ts';
import { parseSqlDetector } from '../../../../engine/evaluate/sql/parseSqlDetector.ts';
import { DetectorModuleError } from '../../../../engine/model/errors/index.ts';

const example = 'examples/sql/unansweredFromAnonymisers.sql';

function problems(text: string): string[] {
  try {
    parseSqlDetector(text, 'rule.sql');
  } catch (error) {
    expect(error).toBeInstanceOf(DetectorModuleError);
    return (error as DetectorModuleError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

const header = (yaml: string, query = 'SELECT "user" AS entity, "time" AS decision_time FROM events WHERE n > :threshold') =>
  `/* pushstorm detector\n${yaml}\n*/\n${query}`;

describe('parseSqlDetector', () => {
  it('reads the example: metadata, durations as milliseconds, columns, and the query without its header', () => {
    const definition = parseSqlDetector(readFileSync(example, 'utf8'), example);
    expect(checkDetectorDefinition(definition, '')).toEqual([]);
    expect(definition).toMatchObject({ id: 'unanswered-from-anonymisers', entity: 'user', severity: 'high', needs: ['mfa.result'] });
    expect(definition.params.window).toMatchObject({
      default: 30 * 60_000,
      min: 5 * 60_000,
      max: 6 * 3_600_000,
      step: 5 * 60_000,
      unit: 'ms',
    });
    expect(definition.sql).toMatchObject({ keyColumn: 'entity', timeColumn: 'decision_time', evidenceColumn: 'evidence', file: example });
    expect(definition.sql!.text.startsWith('-- A SQL detector')).toBe(true);
    expect(definition.sql!.text).not.toContain('pushstorm detector');
  });

  it('says every problem at once: no header, YAML, undeclared and unused parameters, bad durations and columns', () => {
    expect(problems('SELECT 1')).toEqual([expect.stringContaining(': a SQL detector opens with a header comment')]);
    expect(problems(header('id: [unclosed'))).toEqual([expect.stringMatching(/^header: is not YAML/)]);
    expect(
      problems(
        header(
          'id: r\nparams:\n  window: { default: 10 lightyears, min: 1m, max: 1h, step: 1m, unit: ms }\n  unused: { default: 1, min: 1, max: 2, step: 1, unit: count }\ncolumns: { key: 3 }',
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^header\.params\.window\.default: /),
      'header.columns.key: must be a column name',
      'query: :threshold is not a declared parameter (window, unused)',
      'header.params.window: is declared but the query never uses :window',
      'header.params.unused: is declared but the query never uses :unused',
    ]);
  });
});

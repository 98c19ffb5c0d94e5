import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { issuePath, issuePathOfPointer } from '../../../../engine/model/errors/issuePath.ts';
import { schemaIssues } from '../../../../engine/model/errors/schemaIssues.ts';

describe('schemaIssues', () => {
  it('shows paths with keys as written, not JSON-pointer escaped (a gate or params file key with a / read as ~1)', () => {
    const validate = new Ajv({ allErrors: true }).compile({ type: 'object', additionalProperties: { type: 'number' } });
    expect(validate({ 'Europe/Londn': 'x', 'a~b': 1 })).toBe(false);
    expect(schemaIssues(validate.errors, 3)).toEqual([{ line: 3, path: '/Europe/Londn', message: 'must be number' }]);
  });
});

describe('issuePathOfPointer', () => {
  it('undoes RFC 6901 escaping in the RFC’s order (~1 then ~0), so ~01 stays ~1', () => {
    expect(issuePathOfPointer('/a~1b/c~0d/e~01')).toBe('/a/b/c~d/e~1');
    expect(issuePathOfPointer('/a~1b')).toBe(issuePath('a/b'));
  });
});

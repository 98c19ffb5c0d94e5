import { negationNormalForm } from '../../negationNormalForm.ts';
import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/** Words ES|QL reads as its own, which a field must be quoted in backticks to be read as. */
const keywords = new Set(
  (
    'and as asc by desc dissect drop enrich eval false first from grok in is join keep last like limit lookup ' +
    'metadata mv_expand not null nulls on or rename rlike row show sort stats true where with'
  ).split(' '),
);

/** A dotted field name as ES|QL reads it: bare, or quoted in backticks where a step is no plain name or a keyword. */
export function esqlField(field: string): string {
  const plain = field.split('.').every((s) => /^[A-Za-z_@][A-Za-z0-9_@]*$/.test(s) && !keywords.has(s.toLowerCase()));
  return plain ? field : `\`${field.replace(/`/g, '``')}\``;
}

/** An ES|QL string literal. */
const esqlString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A value as an ES|QL literal: numbers and flags bare. */
const esqlValue = (value: FieldValue) => (typeof value === 'string' ? esqlString(value) : String(value));

const inParens = (c: RecordCondition, text: string) => ('all' in c || 'any' in c ? `(${text})` : text);

/**
 * A condition as an ES|QL boolean expression: `f == "v"`, `f IN (…)`, `(f IS NULL OR f != …)` (a comparison with a
 * missing field is null, never true, so "absent" is said outright, as the condition's `notOneOf` has it) and
 * `f LIKE "*text*"` (its wildcards escaped). `==`, `IN` and `LIKE` compare case-sensitively, as the detector does.
 * A disjunction at the top comes in parentheses, so the text joins others safely.
 */
export function esqlCondition(condition: RecordCondition): string {
  const normal = negationNormalForm(condition);
  return 'any' in normal ? `(${expression(normal)})` : expression(normal);
}

function expression(c: RecordCondition): string {
  if ('all' in c) return c.all.map((x) => inParens(x, expression(x))).join(' AND ');
  if ('any' in c) return c.any.map((x) => inParens(x, expression(x))).join(' OR ');
  if ('not' in c)
    return 'field' in c.not ? `(${esqlField(c.not.field)} IS NULL OR NOT (${expression(c.not)}))` : `NOT (${expression(c.not)})`;
  const field = esqlField(c.field);
  if ('contains' in c) return `${field} LIKE ${esqlString(`*${c.contains.replace(/[\\*?]/g, '\\$&')}*`)}`;
  const values = 'oneOf' in c ? c.oneOf : c.notOneOf;
  const list = values.map(esqlValue).join(', ');
  if ('oneOf' in c) return values.length === 1 ? `${field} == ${list}` : `${field} IN (${list})`;
  return `(${field} IS NULL OR ${values.length === 1 ? `${field} != ${list}` : `${field} NOT IN (${list})`})`;
}

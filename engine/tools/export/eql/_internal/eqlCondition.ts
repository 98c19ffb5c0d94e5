import { negationNormalForm } from '../../negationNormalForm.ts';
import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/** Words EQL reads as its own, which a field must be escaped in backticks to be read as. */
const keywords = new Set(
  'and any by false in join like maxspan not null of or regex runs sample seq sequence true until where with'.split(' '),
);

/** A dotted field name as EQL reads it: bare, or escaped in backticks where a step is no plain name or is a keyword. */
export function eqlField(field: string): string {
  const plain = field.split('.').every((s) => /^[A-Za-z_@][A-Za-z0-9_@]*$/.test(s) && !keywords.has(s.toLowerCase()));
  return plain ? field : `\`${field.replace(/`/g, '``')}\``;
}

/** An EQL string literal. */
const eqlString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A value as an EQL literal: numbers and flags bare. */
const eqlValue = (value: FieldValue) => (typeof value === 'string' ? eqlString(value) : String(value));

const inParens = (c: RecordCondition, text: string) => ('all' in c || 'any' in c ? `(${text})` : text);

/**
 * A condition as an EQL expression: `f == "v"`, `f in (…)`, `(f == null or f != …)` (a comparison with a missing
 * field is null, never true, so "absent" is said outright, as the condition's `notOneOf` has it), and
 * `stringContains(f, "…")`. `==`, `in` and `stringContains` compare case-sensitively, as the detector does.
 * A disjunction at the top comes in parentheses, so the text joins others safely.
 */
export function eqlCondition(condition: RecordCondition): string {
  const normal = negationNormalForm(condition);
  return 'any' in normal ? `(${expression(normal)})` : expression(normal);
}

function expression(c: RecordCondition): string {
  if ('all' in c) return c.all.map((x) => inParens(x, expression(x))).join(' and ');
  if ('any' in c) return c.any.map((x) => inParens(x, expression(x))).join(' or ');
  if ('not' in c) return 'field' in c.not ? `(${eqlField(c.not.field)} == null or not ${expression(c.not)})` : `not (${expression(c.not)})`;
  const field = eqlField(c.field);
  if ('contains' in c) return `stringContains(${field}, ${eqlString(c.contains)})`;
  const values = 'oneOf' in c ? c.oneOf : c.notOneOf;
  const list = values.map(eqlValue).join(', ');
  if ('oneOf' in c) return values.length === 1 ? `${field} == ${list}` : `${field} in (${list})`;
  return `(${field} == null or ${values.length === 1 ? `${field} != ${list}` : `${field} not in (${list})`})`;
}

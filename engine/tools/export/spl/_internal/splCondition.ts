import { negationNormalForm } from '../../negationNormalForm.ts';
import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/** A field name as SPL's search and eval take it bare or single-quoted: dotted JSON paths and `{}` list steps. */
function checkedField(field: string): string {
  if (!/^[A-Za-z_@][\w.{}@]*$/.test(field)) throw new RangeError(`field name ${JSON.stringify(field)} cannot be written in SPL`);
  return field;
}

/** A field as an eval operand. */
export const splField = (field: string) => `'${checkedField(field)}'`;

/** An SPL double-quoted string. */
export const splString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A value as a search term's quoted text: search has no escape for its `*` wildcard, so a value with one is refused. */
function searchValue(value: FieldValue, wildcards = ''): string {
  const text = String(value);
  if (text.includes('*')) throw new RangeError(`value ${JSON.stringify(text)} holds a * that Splunk's search reads as a wildcard`);
  return splString(`${wildcards}${text}${wildcards}`);
}

const inParens = (c: RecordCondition, text: string) => ('all' in c || 'any' in c ? `(${text})` : text);

/**
 * A condition as terms of SPL's `search` (the base search, where Splunk's indexes help): `field="v"`,
 * `field IN ("a", "b")`, `NOT field=…` (which, unlike `field!=…`, also keeps records without the field, as the
 * condition's `notOneOf` does) and `field="*text*"`. Splunk's search compares values case-insensitively.
 * A disjunction at the top comes in parentheses, so the text joins others safely.
 */
export function splSearch(condition: RecordCondition): string {
  const normal = negationNormalForm(condition);
  return 'any' in normal ? `(${searchTerms(normal)})` : searchTerms(normal);
}

function searchTerms(c: RecordCondition): string {
  if ('all' in c) return c.all.map((x) => inParens(x, searchTerms(x))).join(' ');
  if ('any' in c) return c.any.map((x) => inParens(x, searchTerms(x))).join(' OR ');
  if ('not' in c) return `NOT (${searchTerms(c.not)})`;
  const field = checkedField(c.field);
  if ('contains' in c) return `${field}=${searchValue(c.contains, '*')}`;
  const values = 'oneOf' in c ? c.oneOf : c.notOneOf;
  const term = values.length === 1 ? `${field}=${searchValue(values[0])}` : `${field} IN (${values.map((v) => searchValue(v)).join(', ')})`;
  return 'oneOf' in c ? term : `NOT ${term}`;
}

/** A value as an eval literal: numbers bare, everything else as text (Splunk extracts JSON `true` as the text "true"). */
const evalValue = (value: FieldValue) => (typeof value === 'number' ? String(value) : splString(String(value)));

/** A regular expression matching `text` literally. */
const literalRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A condition as an SPL eval expression (for `if(…, 1, 0)` flags): `'field'=="v"`, `in('field', …)`,
 * `isnull('field') OR NOT …`, `match('field', "literal")`. Eval compares case-sensitively, as the detector does.
 * A disjunction at the top comes in parentheses, so the text joins others safely.
 */
export function splEval(condition: RecordCondition): string {
  const normal = negationNormalForm(condition);
  return 'any' in normal ? `(${evalTest(normal)})` : evalTest(normal);
}

function evalTest(c: RecordCondition): string {
  if ('all' in c) return c.all.map((x) => inParens(x, evalTest(x))).join(' AND ');
  if ('any' in c) return c.any.map((x) => inParens(x, evalTest(x))).join(' OR ');
  if ('not' in c) return 'field' in c.not ? `(isnull(${splField(c.not.field)}) OR NOT ${evalTest(c.not)})` : `NOT (${evalTest(c.not)})`;
  const field = splField(c.field);
  if ('contains' in c) return `match(${field}, ${splString(literalRegex(c.contains))})`;
  const values = 'oneOf' in c ? c.oneOf : c.notOneOf;
  const test = values.length === 1 ? `${field}==${evalValue(values[0])}` : `in(${field}, ${values.map(evalValue).join(', ')})`;
  return 'oneOf' in c ? test : `(isnull(${field}) OR NOT ${values.length === 1 ? `(${test})` : test})`;
}

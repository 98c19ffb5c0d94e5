import { negationNormalForm } from '../../negationNormalForm.ts';
import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/**
 * Names KQL reads as keywords or operators in a query (found with Microsoft's Kusto language service), which a
 * column must be bracketed as `['name']` to be read as: `time`, `project`, `where`…
 */
const keywords = new Set(
  (
    'accumulate and anomalychart areachart as asc barchart between bool boolean by card columnchart contains containscs ' +
    'date datatable datetime decimal desc double dynamic extend externaldata false find first flags float guid has in ' +
    'int int64 invoke join last let linechart long materialize not notcontains notcontainscs null of or piechart ' +
    'pivotchart print project real sample scatterchart search set string summarize time timechart timeline timepivot ' +
    'timespan to toscalar treemap true typeof uint union where'
  ).split(' '),
);

/** A column or property name, bracketed where KQL would not read it as a name. */
function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !keywords.has(name.toLowerCase())
    ? name
    : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** A dotted path as a KQL expression: the column, then properties of its dynamic value (`challenge.result`). */
export function kqlPath(field: string): string {
  const [column, ...steps] = field.split('.');
  return kqlName(column) + steps.map((s) => (kqlName(s) === s ? `.${s}` : `[${kqlName(s).slice(1, -1)}]`)).join('');
}

/** A KQL string literal. */
const kqlString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** `field` compared with values of one JavaScript type: text with `tostring`, numbers with `todouble`, flags with `tobool`. */
function equalsAny(field: string, values: readonly FieldValue[]): string[] {
  const path = kqlPath(field);
  const out: string[] = [];
  const texts = values.filter((v) => typeof v === 'string');
  const numbers = values.filter((v) => typeof v === 'number');
  const flags = values.filter((v) => typeof v === 'boolean');
  if (texts.length === 1) out.push(`tostring(${path}) == ${kqlString(texts[0])}`);
  if (texts.length > 1) out.push(`tostring(${path}) in (${texts.map(kqlString).join(', ')})`);
  if (numbers.length === 1) out.push(`todouble(${path}) == ${numbers[0]}`);
  // `in` takes a list of one type: real literals, whatever the numbers look like.
  if (numbers.length > 1) out.push(`todouble(${path}) in (${numbers.map((n) => `real(${n})`).join(', ')})`);
  for (const flag of flags) out.push(`tobool(${path}) == ${flag}`);
  return out;
}

const inParens = (c: RecordCondition, text: string) => ('all' in c || 'any' in c ? `(${text})` : text);

/**
 * A condition as a KQL predicate over a table whose columns are the record's top-level fields (nested objects as
 * `dynamic`): `tostring(f) == "v"`, `… in (…)`, `!=` / `!in` (an absent value reads as "" and passes, as the
 * condition's `notOneOf` has it), `contains_cs` — KQL's `==`, `in` and `contains_cs` compare case-sensitively, as the
 * detector does.
 * A disjunction at the top comes in parentheses, so the text joins others safely.
 */
export function kqlCondition(condition: RecordCondition): string {
  const normal = negationNormalForm(condition);
  return 'any' in normal ? `(${predicate(normal)})` : predicate(normal);
}

function predicate(c: RecordCondition): string {
  if ('all' in c) return c.all.map((x) => inParens(x, predicate(x))).join(' and ');
  if ('any' in c) return c.any.map((x) => inParens(x, predicate(x))).join(' or ');
  // Only `contains` is left under a `not`, and `tostring` of an absent value is "", which contains nothing: exact.
  if ('not' in c) return `not(${predicate(c.not)})`;
  if ('contains' in c) return `tostring(${kqlPath(c.field)}) contains_cs ${kqlString(c.contains)}`;
  if ('oneOf' in c) {
    const tests = equalsAny(c.field, c.oneOf);
    return tests.length === 1 ? tests[0] : `(${tests.join(' or ')})`;
  }
  const texts = c.notOneOf.filter((v) => typeof v === 'string');
  const others = c.notOneOf.filter((v) => typeof v !== 'string');
  const path = kqlPath(c.field);
  const tests: string[] = [];
  if (texts.length === 1) tests.push(`tostring(${path}) != ${kqlString(texts[0])}`);
  if (texts.length > 1) tests.push(`tostring(${path}) !in (${texts.map(kqlString).join(', ')})`);
  // A number or flag test on an absent value is null, and not(null) is no match: say "absent" outright.
  if (others.length > 0) tests.push(`(isnull(${path}) or not(${equalsAny(c.field, others).join(' or ')}))`);
  return tests.length === 1 ? tests[0] : `(${tests.join(' and ')})`;
}

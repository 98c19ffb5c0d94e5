import type { RecordCondition } from './RecordCondition.ts';

/** `all` or `any` of these, flattened: a member of the same kind is spliced in, a single member stands alone. */
function junction(kind: 'all' | 'any', members: readonly RecordCondition[]): RecordCondition {
  const flat = members.flatMap((m) => (kind in m ? (m as Record<typeof kind, readonly RecordCondition[]>)[kind] : [m]));
  if (flat.length === 1) return flat[0];
  return kind === 'all' ? { all: flat } : { any: flat };
}

/**
 * The same condition with every `not` pushed down to the fields (De Morgan): `not oneOf` becomes `notOneOf` and back,
 * `not all` an `any` of negations; what is left of `not` stands only around `contains`. Query languages compare a
 * missing field to null, and `not null` is no match where the reference semantics (`recordMatches`) has one:
 * rendering `notOneOf` as "absent, or none of these" keeps the two apart. Nested `all`s and `any`s are flattened and
 * a single member stands for its junction, so the rendered text has no needless parentheses.
 *
 * @example negationNormalForm({ not: { field: 'outcome', oneOf: ['failure'] } }) // { field: 'outcome', notOneOf: ['failure'] }
 */
export function negationNormalForm(c: RecordCondition): RecordCondition {
  if ('all' in c) return junction('all', c.all.map(negationNormalForm));
  if ('any' in c) return junction('any', c.any.map(negationNormalForm));
  if (!('not' in c)) return c;
  const inner = c.not;
  if ('not' in inner) return negationNormalForm(inner.not);
  if ('all' in inner)
    return junction(
      'any',
      inner.all.map((x) => negationNormalForm({ not: x })),
    );
  if ('any' in inner)
    return junction(
      'all',
      inner.any.map((x) => negationNormalForm({ not: x })),
    );
  if ('oneOf' in inner) return { field: inner.field, notOneOf: inner.oneOf };
  if ('notOneOf' in inner) return { field: inner.field, oneOf: inner.notOneOf };
  return c;
}

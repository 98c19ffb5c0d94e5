import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/** One search identifier of a Sigma detection: a map whose items all hold (`field`, `field|contains`, `field|exists`). */
export type SigmaSelection = Record<string, FieldValue | FieldValue[]>;

/** A condition a base rule adds to its filter's: the record has this field (Sigma's `exists` modifier). */
interface Present {
  field: string;
  present: true;
}

/** A record condition, with `present` leaves possibly added at its top. */
type Condition = RecordCondition | Present | { all: readonly Condition[] };

/** A condition expression and its loosest operator, so that callers know when to bracket it. */
interface Expression {
  text: string;
  binds: 'atom' | 'not' | 'and' | 'or';
}

/**
 * A Sigma string value that matches `value` literally: Sigma reads `*` and `?` as wildcards and `\` as their escape,
 * so each is escaped (a doubled backslash is a plain backslash in every position, per the rules specification).
 */
export function sigmaString(value: string): string {
  return value.replace(/[\\*?]/g, (c) => `\\${c}`);
}

const sigmaValue = (v: FieldValue): FieldValue => (typeof v === 'string' ? sigmaString(v) : v);

const isPositiveLeaf = (c: Condition): boolean => 'field' in c && !('notOneOf' in c);

/** The map key and value of a positive leaf. */
function item(c: Condition): [string, FieldValue | FieldValue[]] {
  if ('present' in c) return [`${c.field}|exists`, true];
  if ('contains' in c) return [`${c.field}|contains`, sigmaString(c.contains)];
  if ('oneOf' in c) {
    if (c.oneOf.length === 0) throw new RangeError(`a condition on ${c.field} with no value to match cannot be written in Sigma`);
    return [c.field, c.oneOf.length === 1 ? sigmaValue(c.oneOf[0]) : c.oneOf.map(sigmaValue)];
  }
  throw new TypeError('not a positive leaf');
}

/** Builds the search identifiers of one detection while rendering its condition. */
class DetectionBuilder {
  readonly selections: Array<[string, SigmaSelection]> = [];
  private readonly used = new Map<string, number>();

  private identifier(stem: 'selection' | 'filter', selection: SigmaSelection): string {
    const n = (this.used.get(stem) ?? 0) + 1;
    this.used.set(stem, n);
    const name = n === 1 ? stem : `${stem}_${n}`;
    this.selections.push([name, selection]);
    return name;
  }

  render(c: Condition): Expression {
    if ('all' in c) return this.conjunction(c.all);
    if ('any' in c) {
      const parts = flatten(c.any, 'any').map((p) => this.render(p));
      if (parts.length === 0) throw new RangeError('an empty "any" (never true) cannot be written in Sigma');
      // `and` binds tighter than `or` in Sigma too; the brackets are for the reader.
      return parts.length === 1
        ? parts[0]
        : { text: parts.map((p) => (p.binds === 'and' ? `(${p.text})` : p.text)).join(' or '), binds: 'or' };
    }
    if ('not' in c) return { text: `not ${bracket(this.render(c.not), 'atom')}`, binds: 'not' };
    if ('notOneOf' in c) {
      // Sigma's `not` of a field match also holds where the field is missing: the notOneOf semantics.
      const name = this.identifier('filter', {
        [c.field]: c.notOneOf.length === 1 ? sigmaValue(c.notOneOf[0]) : c.notOneOf.map(sigmaValue),
      });
      return { text: `not ${name}`, binds: 'not' };
    }
    return this.conjunction([c]);
  }

  /** Positive leaves go into as few maps as their fields allow (a map holds each key once); the rest joins with `and`. */
  private conjunction(conditions: readonly Condition[]): Expression {
    const flat = flatten(conditions, 'all');
    if (flat.length === 0) throw new RangeError('an empty "all" (always true) cannot be written as a Sigma selection');
    const maps: SigmaSelection[] = [];
    for (const leaf of flat.filter(isPositiveLeaf)) {
      const [key, value] = item(leaf);
      const open = maps.find((m) => !(key in m));
      if (open === undefined) maps.push({ [key]: value });
      else open[key] = value;
    }
    const parts = [
      ...maps.map((m): Expression => ({ text: this.identifier('selection', m), binds: 'atom' })),
      ...flat.filter((c) => !isPositiveLeaf(c)).map((c) => this.render(c)),
    ];
    return parts.length === 1 ? parts[0] : { text: parts.map((p) => bracket(p, 'and')).join(' and '), binds: 'and' };
  }
}

/** Nested `all` in `all` (or `any` in `any`) spread into one list: the same condition, fewer brackets and maps. */
function flatten(conditions: readonly Condition[], op: 'all' | 'any'): Condition[] {
  return conditions.flatMap((c) => (op in c ? flatten((c as Record<typeof op, readonly Condition[]>)[op], op) : [c]));
}

/** The expression as an operand of an operator that binds as tightly as `within` (Sigma: `or` < `and` < `not`). */
function bracket(e: Expression, within: 'and' | 'atom'): string {
  const loose = within === 'atom' ? e.binds !== 'atom' : e.binds === 'or';
  return loose ? `(${e.text})` : e.text;
}

/**
 * A record condition as a Sigma `detection` section: search identifiers (`selection`, `selection_2`… for what must
 * match, `filter`, `filter_2`… for what must not) and the `condition` expression over them, last. `present` names
 * fields the record must have (the key a correlation groups by, which the detector requires).
 *
 * @example sigmaDetection({ all: [{ field: 'type', oneOf: ['mfa.result'] }, { field: 'outcome', notOneOf: ['failure'] }] })
 * // { selection: { type: 'mfa.result' }, filter: { outcome: 'failure' }, condition: 'selection and not filter' }
 */
export function sigmaDetection(condition: RecordCondition, present: readonly string[] = []): Record<string, SigmaSelection | string> {
  const builder = new DetectionBuilder();
  const whole: Condition =
    present.length === 0 ? condition : { all: [condition, ...present.map((field): Present => ({ field, present: true }))] };
  const expression = builder.render(whole);
  return { ...Object.fromEntries(builder.selections), condition: expression.text };
}

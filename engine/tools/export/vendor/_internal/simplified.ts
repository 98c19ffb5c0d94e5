import type { FieldValue, RecordCondition } from '../../RecordCondition.ts';

/**
 * The same condition, smaller, so exported queries read as a person would write them: nested `all`s and `any`s
 * flattened, repeats dropped, a conjunct every alternative shares taken out of the `any`
 * (`(a and b) or (a and c)` → `a and (b or c)`), and alternatives on one field joined into one list
 * (`f = x or f = y` → `f in (x, y)`). A single part stands for itself. It holds for exactly the same records.
 */
export function simplified(condition: RecordCondition): RecordCondition {
  if ('all' in condition) return conjunction(condition.all.map(simplified));
  if ('any' in condition) return disjunction(condition.any.map(simplified));
  if ('not' in condition) return { not: simplified(condition.not) };
  return condition;
}

const keyOf = (c: RecordCondition): string => JSON.stringify(c);

function unique(parts: readonly RecordCondition[]): RecordCondition[] {
  const seen = new Set<string>();
  return parts.filter((p) => {
    const key = keyOf(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function conjunction(parts: readonly RecordCondition[]): RecordCondition {
  const flat = unique(parts.flatMap((p) => ('all' in p ? p.all : [p])));
  return flat.length === 1 ? flat[0] : { all: flat };
}

/** The conjuncts of a part (a condition that is no `all` is its own single conjunct). */
const conjunctsOf = (c: RecordCondition): readonly RecordCondition[] => ('all' in c ? c.all : [c]);

function disjunction(parts: readonly RecordCondition[]): RecordCondition {
  const flat = joinLists(unique(parts.flatMap((p) => ('any' in p ? p.any : [p]))));
  if (flat.length <= 1) return flat[0] ?? { any: [] };
  const shared = conjunctsOf(flat[0])
    .map(keyOf)
    .filter((key) => flat.every((p) => conjunctsOf(p).some((c) => keyOf(c) === key)));
  if (shared.length === 0) return { any: flat };
  const rest = flat.map((p) => conjunctsOf(p).filter((c) => !shared.includes(keyOf(c))));
  const common = conjunctsOf(flat[0]).filter((c) => shared.includes(keyOf(c)));
  // An alternative with nothing left besides the shared part makes the rest of the `any` moot.
  if (rest.some((r) => r.length === 0)) return conjunction(common);
  return conjunction([...common, disjunction(rest.map((r) => conjunction(r)))]);
}

/** Alternatives `f in X` and `f in Y` on one field as `f in X ∪ Y` (in the first one's place). */
function joinLists(parts: readonly RecordCondition[]): RecordCondition[] {
  const out: RecordCondition[] = [];
  const lists = new Map<string, FieldValue[]>();
  for (const p of parts) {
    if (!('oneOf' in p)) {
      out.push(p);
      continue;
    }
    const list = lists.get(p.field);
    if (list !== undefined) {
      for (const v of p.oneOf) if (!list.includes(v)) list.push(v);
      continue;
    }
    const values = [...p.oneOf];
    lists.set(p.field, values);
    out.push({ field: p.field, oneOf: values });
  }
  return out;
}

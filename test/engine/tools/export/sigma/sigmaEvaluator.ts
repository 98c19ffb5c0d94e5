import { fieldOf } from '../../../../../engine/tools/export/RecordCondition.ts';

/**
 * A small reading of the Sigma rules specification for the detection sections pushstorm writes, to hold them to the
 * record conditions they render: maps of `field`, `field|contains` and `field|exists` items (all must hold; a list
 * value matches any of its items), string values matched whole, case-insensitively, with `*` and `?` as wildcards and
 * `\` escaping them, and a condition of identifiers with `and`, `or`, `not` and brackets (`not` binds tightest, `or`
 * loosest). A field is a dotted path into the record; numbers and booleans match only their equals.
 */
export function sigmaMatches(detection: Record<string, unknown>, record: unknown): boolean {
  const tokens = String(detection.condition).match(/\(|\)|[A-Za-z0-9_]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected}, got ${token}`);
    return token;
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === 'or') {
      take();
      value = and() || value;
    }
    return value;
  };
  const and = (): boolean => {
    let value = not();
    while (peek() === 'and') {
      take();
      value = not() && value;
    }
    return value;
  };
  const not = (): boolean => {
    if (peek() === 'not') {
      take();
      return !not();
    }
    if (peek() === '(') {
      take('(');
      const value = or();
      take(')');
      return value;
    }
    const name = take();
    const selection = detection[name];
    if (selection === undefined || name === 'condition') throw new Error(`no search identifier ${name}`);
    return selectionMatches(selection as Record<string, unknown>, record);
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`trailing tokens in ${detection.condition}`);
  return value;
}

function selectionMatches(selection: Record<string, unknown>, record: unknown): boolean {
  return Object.entries(selection).every(([key, expected]) => {
    const [field, modifier] = key.split('|');
    const value = fieldOf(record, field);
    if (modifier === 'exists') return (value !== undefined) === expected;
    const wanted = Array.isArray(expected) ? expected : [expected];
    if (modifier === 'contains') {
      const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
      return wanted.some((w) => pattern(String(w), true).test(text));
    }
    if (modifier !== undefined) throw new Error(`modifier ${modifier} is not read here`);
    return wanted.some((w) => (typeof w === 'string' ? typeof value === 'string' && pattern(w, false).test(value) : w === value));
  });
}

/** A Sigma string value as a regular expression: wildcards, escapes, case-insensitive, whole or contained. */
function pattern(sigma: string, contained: boolean): RegExp {
  let source = '';
  for (let i = 0; i < sigma.length; i++) {
    const c = sigma[i];
    const next = sigma[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      source += literal(next);
      i++;
    } else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += literal(c);
  }
  return new RegExp(contained ? source : `^${source}$`, 'is');
}

const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

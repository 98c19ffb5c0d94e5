import type { WindowClause } from '../../runtime/DetectorShape.ts';

/**
 * A shape's parameter value, checked to be a whole number: every count and duration a shape names is one, and a
 * query must not silently round a tuned value.
 *
 * @throws RangeError naming the parameter when the value is missing or not a whole number.
 */
export function shapeParam(params: Readonly<Record<string, number>>, name: string): number {
  const value = params[name];
  if (!Number.isSafeInteger(value)) throw new RangeError(`parameter ${name} must be a whole number, got ${value}`);
  return value;
}

/** A duration's unit, from the largest: days, hours, minutes, seconds, milliseconds. */
export type DurationUnit = 'd' | 'h' | 'm' | 's' | 'ms';

const unitMs: ReadonlyArray<readonly [DurationUnit, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/**
 * A duration in milliseconds as a whole number of the largest unit that holds it exactly (`300000` → 5 minutes,
 * `90000` → 90 seconds), so each query language writes the value a reader would and no rounding ever happens.
 *
 * @example durationParts(3_600_000) // { amount: 1, unit: 'h' }
 */
export function durationParts(ms: number): { amount: number; unit: DurationUnit } {
  const [unit, size] = unitMs.find(([, size]) => ms !== 0 && ms % size === 0) ?? ['ms', 1];
  return { amount: ms / size, unit };
}

/** One clause of a `windowAt` shape with its parameter values written in: every condition given must hold. */
export interface WindowClauseValues {
  singleUser?: true;
  /** More than this many events. */
  eventsAbove?: number;
  /** More than this many distinct users. */
  usersAbove?: number;
  /** Any event from a proxy. */
  anyProxy?: true;
}

/**
 * The clauses of a `windowAt` shape with the parameter values written in. A proxy clause whose switch parameter is 0
 * can never hold, so the clause is left out: a query need not read the proxy field at all then.
 */
export function windowClauseValues(anyOf: readonly WindowClause[], params: Readonly<Record<string, number>>): WindowClauseValues[] {
  const out: WindowClauseValues[] = [];
  for (const clause of anyOf) {
    if (clause.anyProxyWhen !== undefined && shapeParam(params, clause.anyProxyWhen) < 1) continue;
    const values: WindowClauseValues = {};
    if (clause.singleUser) values.singleUser = true;
    if (clause.eventsAbove !== undefined) values.eventsAbove = shapeParam(params, clause.eventsAbove);
    if (clause.usersAbove !== undefined) values.usersAbove = shapeParam(params, clause.usersAbove);
    if (clause.anyProxyWhen !== undefined) values.anyProxy = true;
    out.push(values);
  }
  return out;
}

/**
 * Each clause of a `windowAt` shape as a condition on the window's aggregates `events`, `users` and `proxies`, in a
 * language's spelling: its `and` and its equality (`==` in KQL and ES|QL, `=` in SPL).
 *
 * @example windowClauseConditions([{ singleUser: true, eventsAbove: 5 }], { and: 'and', equals: '==' }) // ['(users == 1 and events > 5)']
 */
export function windowClauseConditions(clauses: readonly WindowClauseValues[], spelling: { and: string; equals: string }): string[] {
  return clauses.map((c) => {
    const parts: string[] = [];
    if (c.singleUser) parts.push(`users${spelling.equals === '=' ? '=' : ` ${spelling.equals} `}1`);
    if (c.eventsAbove !== undefined) parts.push(`events > ${c.eventsAbove}`);
    if (c.usersAbove !== undefined) parts.push(`users > ${c.usersAbove}`);
    if (c.anyProxy) parts.push('proxies > 0');
    return parts.length > 1 ? `(${parts.join(` ${spelling.and} `)})` : parts[0];
  });
}

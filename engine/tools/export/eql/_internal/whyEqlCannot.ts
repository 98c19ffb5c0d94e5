import type { DetectorShape, WindowClause } from '../../../../runtime/DetectorShape.ts';
import { shapeParam, windowClauseValues } from '../../shapeParams.ts';

/** The largest `with runs=` Elasticsearch takes (its syntax reference: 1 to 100, inclusive). */
const eqlMaxRuns = 100;

/** A `windowAt` clause in words, naming its parameters: `one user only and more than eventsAbove events`. */
function clauseText(clause: WindowClause): string {
  const parts: string[] = [];
  if (clause.singleUser) parts.push('one user only');
  if (clause.eventsAbove !== undefined) parts.push(`more than ${clause.eventsAbove} events`);
  if (clause.usersAbove !== undefined) parts.push(`more than ${clause.usersAbove} distinct users`);
  if (clause.anyProxyWhen !== undefined) parts.push(`any from a proxy (while ${clause.anyProxyWhen} = 1)`);
  return parts.join(' and ');
}

/** Why EQL cannot say one `windowAt` clause at any parameter values, or `undefined` when a query can. */
function whyClauseCannot(clause: WindowClause): string | undefined {
  if (clause.singleUser || clause.usersAbove !== undefined)
    return 'needs the number of distinct users in the window, and EQL has no distinct count (a sequence counts records, never their values)';
  if (clause.eventsAbove !== undefined && clause.anyProxyWhen !== undefined)
    return 'needs one proxy record among the counted ones, which a sequence of like stages (`with runs`) cannot ask of only one of them';
  return undefined;
}

/**
 * Why Elastic EQL cannot say a shape, or `undefined` when it can. EQL has no aggregation: what it can say of a count is
 * "N records of one key within a span", a sequence of one stage repeated (`with runs=N`, N at most
 * {@link eqlMaxRuns}), which slides. So a `bucketCount` is written as its sliding variant (up to 100), and a
 * `windowAt` only when its one clause that is on counts records (`more than N events` → runs N + 1) or asks for any
 * proxy record (a single-record query); a distinct count of users, or several clauses (an EQL rule is one query), is
 * refused, the reason naming the clause. Without `params`, only what no parameter values change.
 */
export function whyEqlCannot(shape: DetectorShape, params?: Readonly<Record<string, number>>): string | undefined {
  if (shape.kind === 'windowAt') {
    const refused = shape.anyOf.flatMap((clause, i) => {
      const why = whyClauseCannot(clause);
      return why === undefined ? [] : [`clause ${i + 1} of ${shape.anyOf.length} (${clauseText(clause)}) ${why}`];
    });
    if (refused.length > 0)
      return `EQL has no count aggregation over a window: ${refused.join('; ')}. Writing the other clauses alone would find less than the detector, so nothing is written (export it to KQL or SQL: exact sliding windows; or ES|QL: tumbling buckets)`;
  }
  return params === undefined ? undefined : whyEqlCannotAt(shape, params);
}

/** What EQL cannot say of a shape it can say in general, at these parameter values: too many runs, or clauses. */
function whyEqlCannotAt(shape: DetectorShape, params: Readonly<Record<string, number>>): string | undefined {
  const tooMany = (runs: number, what: string) =>
    runs > eqlMaxRuns
      ? `EQL counts with a sequence of one stage repeated (\`with runs=\`, 1 to ${eqlMaxRuns}): ${what} is above that (lower it, or export to ES|QL, KQL or SQL)`
      : undefined;
  switch (shape.kind) {
    case 'each':
      return undefined;
    case 'bucketCount':
      return tooMany(shapeParam(params, shape.thresholdParam), `${shape.thresholdParam}=${params[shape.thresholdParam]}`);
    case 'countBefore': {
      const above = shapeParam(params, shape.aboveParam);
      return tooMany(above + 1, `${shape.aboveParam}=${above} needs runs=${above + 1}, which`);
    }
    case 'runUntil':
      return tooMany(shapeParam(params, shape.runsParam), `${shape.runsParam}=${params[shape.runsParam]}`);
    case 'windowAt': {
      const on = windowClauseValues(shape.anyOf, params);
      if (on.length === 0) return 'no clause is on (every proxy clause is switched off), so the detector never fires';
      if (on.length > 1)
        return `an EQL rule is one query, and the ${on.length} clauses that are on would be ${on.length} (a sequence for a count, a single-record query for a proxy): write them as separate rules by hand, or export to KQL or SQL`;
      const above = on[0].eventsAbove;
      return above === undefined ? undefined : tooMany(above + 1, `more than ${above} events needs runs=${above + 1}, which`);
    }
  }
}

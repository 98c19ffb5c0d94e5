import type { DetectorShape, WindowClause } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { filterText, type SigmaCorrelation, type SigmaDocument, SigmaRuleSet } from './_internal/SigmaRuleSet.ts';

export type { SigmaDocument } from './_internal/SigmaRuleSet.ts';

/** Where a tumbling backend and the detector part ways; every correlation's description says it. */
const placement = 'Sigma’s timespan is a window the backend places — sliding, or tumbling buckets from an origin of its own —';

type WindowAtShape = Extract<DetectorShape, { kind: 'windowAt' }>;

/** One condition of a `windowAt` clause: a correlation over the shape's events, or a single-event rule. */
type ClausePart = { role: string; words: string } & (
  | { correlation: SigmaCorrelation }
  | { condition: RecordCondition; present: readonly string[] }
);

/**
 * A detector's shape as Sigma rules, with the detector's parameter values written in, for the field names and
 * `logsource` of the input's log format: the YAML documents of one file, the rules that alert first (with status,
 * description, level and tags) and then the rules they correlate.
 *
 * - `each`: one rule.
 * - `bucketCount`: an `event_count` correlation (`gte` the threshold, grouped by the key, over the bucket as timespan)
 *   of the rule for the counted events.
 * - `countBefore`: a `temporal_ordered` correlation of an `event_count` of the counted events (`gt` the parameter)
 *   and the rule for the trigger, as in the specification's "failed logins followed by a successful login".
 * - `windowAt`: one alerting rule per clause — an `event_count` or `value_count` (distinct users) correlation; a
 *   `temporal` correlation of those when a clause has several conditions; a single-event rule for "any event from a
 *   proxy" — since any clause is a finding. A clause switched off by its parameter is not written.
 * - `runUntil`: a `temporal` correlation with the extended condition `run and not until` (Sigma enhancement proposal
 *   198, specification v2.2 draft): an `event_count` of the counted events (`gte` the runs) and no until event.
 *
 * Each description says how its rule differs from the detector.
 *
 * @throws NotExportableError when the format cannot say a filter, has no proxy field for a proxy clause that is on,
 *   or a duration is not a whole number of seconds.
 */
export function sigmaOfShape(input: TargetInput): SigmaDocument[] {
  const { instance, shape, fields } = input;
  const { title } = instance.definition;
  const set = new SigmaRuleSet(input);
  const user = fields.key('user');
  switch (shape.kind) {
    case 'each':
      return [
        set.alertingRule(
          'finding',
          title,
          { finds: `each ${filterText(shape.where, 'event')} is a finding for its user.`, differs: 'none.' },
          set.where(shape.where),
        ),
      ];
    case 'bucketCount': {
      const threshold = set.count(shape.thresholdParam);
      const span = set.timespan(shape.bucketParam);
      const events = set.base('event', filterText(shape.where), set.where(shape.where));
      const finds = `at least ${threshold} ${filterText(shape.where, 'events')} of one user within ${span}.`;
      const differs =
        `the detector counts in tumbling buckets aligned to the epoch (${shape.bucketParam}). ${placement} so the epoch-aligned ` +
        'bucket is not guaranteed: a sliding window also fires on events that straddle two of the detector’s buckets, and buckets ' +
        'from another origin group other events. The filter, the key, the count and its threshold are exact.';
      const count: SigmaCorrelation = {
        type: 'event_count',
        rules: [events.name],
        'group-by': [user],
        timespan: span,
        condition: { gte: threshold },
      };
      return [set.alertingCorrelation('count', title, { finds, differs }, count), events.document];
    }
    case 'countBefore': {
      const above = set.count(shape.aboveParam);
      const span = set.timespan(shape.windowParam);
      const counted = set.base('counted', filterText(shape.counted), set.where(shape.counted));
      const trigger = set.base('trigger', filterText(shape.trigger), set.where(shape.trigger));
      const many = set.inner('many', `more than ${above} ${filterText(shape.counted, 'events')} of one user within ${span}`, {
        type: 'event_count',
        rules: [counted.name],
        'group-by': [user],
        timespan: span,
        condition: { gt: above },
      });
      const finds =
        `more than ${above} ${filterText(shape.counted, 'events')} of one user within ${span}, followed by a ` +
        `${filterText(shape.trigger, 'event')} of that user, all within ${span}.`;
      const differs =
        `the detector looks back ${span} from each trigger event, both ends included. With a sliding timespan that is this ` +
        'rule’s test, except for ties: the detector also counts events of the trigger’s own millisecond, whose order against ' +
        `the trigger the backend decides. ${placement} so a tumbling backend misses sequences that straddle a bucket edge. The ` +
        'detector finds every trigger; the correlation one match per window and user. The filters, the key and the count are exact.';
      const sequence: SigmaCorrelation = { type: 'temporal_ordered', rules: [many.name, trigger.name], 'group-by': [user], timespan: span };
      return [set.alertingCorrelation('sequence', title, { finds, differs }, sequence), many.document, counted.document, trigger.document];
    }
    case 'windowAt':
      return windowClauses(set, input, shape);
    case 'runUntil': {
      const runs = set.count(shape.runsParam);
      const span = set.timespan(shape.windowParam);
      const counted = set.base('counted', filterText(shape.counted), set.where(shape.counted));
      const untilWords = shape.until.map((f) => filterText(f)).join(', or ');
      const conditions = shape.until.map((f) => set.where(f));
      const until = set.base('until', untilWords, conditions.length === 1 ? conditions[0] : { any: conditions });
      const run = set.inner('run', `at least ${runs} ${filterText(shape.counted, 'events')} of one user within ${span}`, {
        type: 'event_count',
        rules: [counted.name],
        'group-by': [user],
        timespan: span,
        condition: { gte: runs },
      });
      const finds =
        `at least ${runs} ${filterText(shape.counted, 'events')} of one user within ${span}, and no event of that user in the ` +
        `same timespan that is ${untilWords}: a temporal correlation with the extended condition "${run.name} and not ${until.name}" ` +
        '(Sigma enhancement proposal 198, correlation specification v2.2); a converter without extended conditions rejects it.';
      const differs =
        'the detector cuts a run only by an until event between its first and last counted event; this rule drops the whole ' +
        'timespan when an until event lies anywhere in it, before the run too, so it misses runs that follow a success within ' +
        `the timespan (and never fires on a run the detector saw cut). ${placement} so a tumbling backend also misses runs that ` +
        'straddle a bucket edge. The filters, the key and the count are exact.';
      const absence: SigmaCorrelation = {
        type: 'temporal',
        rules: [run.name, until.name],
        'group-by': [user],
        timespan: span,
        condition: `${run.name} and not ${until.name}`,
      };
      return [set.alertingCorrelation('run_until', title, { finds, differs }, absence), run.document, counted.document, until.document];
    }
  }
}

/** A `windowAt` shape: one alerting rule per clause that is on, then the rules they correlate. */
function windowClauses(set: SigmaRuleSet, { instance, fields }: TargetInput, shape: WindowAtShape): SigmaDocument[] {
  const { title } = instance.definition;
  const span = set.timespan(shape.windowParam);
  const key = fields.key(shape.key);
  const per = shape.key === 'user' ? 'user' : 'source address';
  // The detector skips events without the key; so do the rules.
  const present = shape.key === 'user' ? [] : [key];
  const where = set.where(shape.where);
  const events = set.base('event', filterText(shape.where), where, present);
  const over = (condition: Record<string, number | string>, type: 'event_count' | 'value_count'): SigmaCorrelation => ({
    type,
    rules: [events.name],
    'group-by': [key],
    timespan: span,
    condition,
  });
  const isOn = (c: WindowClause) => c.anyProxyWhen === undefined || set.count(c.anyProxyWhen) >= 1;
  const off = shape.anyOf.flatMap((c, i) => (isOn(c) ? [] : [`clause ${i + 1} is off (${c.anyProxyWhen}=0) and not written`]));
  const alerting: SigmaDocument[] = [];
  /** Whether a correlation counts the shape's events (then their rule is written, last). */
  let counted = false;
  const correlated: SigmaDocument[] = [];
  shape.anyOf.forEach((clause, i) => {
    if (!isOn(clause)) return;
    const n = i + 1;
    const parts: ClausePart[] = [];
    if (clause.singleUser) {
      parts.push({
        role: `clause${n}_single_user`,
        words: 'a single user',
        correlation: over({ field: fields.user, eq: 1 }, 'value_count'),
      });
    }
    if (clause.eventsAbove !== undefined) {
      const above = set.count(clause.eventsAbove);
      parts.push({ role: `clause${n}_events`, words: `more than ${above} events`, correlation: over({ gt: above }, 'event_count') });
    }
    if (clause.usersAbove !== undefined) {
      const above = set.count(clause.usersAbove);
      parts.push({
        role: `clause${n}_users`,
        words: `more than ${above} distinct users`,
        correlation: over({ field: fields.user, gt: above }, 'value_count'),
      });
    }
    if (clause.anyProxyWhen !== undefined) {
      if (fields.proxy === undefined)
        set.cannot(`${fields.title} has no proxy field for clause ${n}; ${clause.anyProxyWhen}=0 turns it off`);
      const condition: RecordCondition = { all: [where, { field: fields.proxy, oneOf: [true] }] };
      parts.push({ role: `clause${n}_proxy`, words: 'an event from a proxy', condition, present });
    }
    counted ||= parts.some((p) => 'correlation' in p);
    const words = parts.length === 0 ? 'any event' : parts.map((p) => p.words).join(' and ');
    const clauseTitle = `${title} (clause ${n} of ${shape.anyOf.length}: ${words})`;
    const finds = [
      `${words} among the ${filterText(shape.where, 'events')} of one ${per} (${key}) within ${span} — clause ${n} of the detector’s`,
      `${shape.anyOf.length}, any of which is a finding, each its own rule here${off.length === 0 ? '' : `; ${off.join('; ')}`}.`,
    ].join(' ');
    const differs = [
      `the detector tests the window of ${span} ending at each event (same millisecond included). ${placement} so a tumbling`,
      'backend misses groups that straddle a bucket edge.',
      ...(parts.length > 1 && parts.some((p) => 'correlation' in p)
        ? [
            'The conditions of this clause are one correlation each, joined by a temporal correlation: exact when the backend',
            'counts them over the same bucket; a sliding backend may meet them in two different windows within the timespan.',
          ]
        : []),
      ...(parts.some((p) => 'condition' in p)
        ? [
            'The proxy condition is a single-event rule: it fires at the event from a proxy; the detector also fires at each',
            `later event of that ${per} within ${span}, in the same alert thread.`,
          ]
        : []),
      'The filter, the key and the counts are exact.',
    ].join(' ');
    if (parts.length === 0) {
      alerting.push(set.alertingRule(`clause${n}`, clauseTitle, { finds, differs }, where, present));
      return;
    }
    if (parts.length === 1) {
      const [part] = parts;
      alerting.push(
        'correlation' in part
          ? set.alertingCorrelation(`clause${n}`, clauseTitle, { finds, differs }, part.correlation)
          : set.alertingRule(`clause${n}`, clauseTitle, { finds, differs }, part.condition, part.present),
      );
      return;
    }
    const named = parts.map((p) =>
      'correlation' in p
        ? set.inner(p.role, `${p.words} per ${per} within ${span}`, p.correlation)
        : set.base(p.role, p.words, p.condition, p.present),
    );
    const together: SigmaCorrelation = { type: 'temporal', rules: named.map((d) => d.name), 'group-by': [key], timespan: span };
    alerting.push(set.alertingCorrelation(`clause${n}`, clauseTitle, { finds, differs }, together));
    correlated.push(...named.map((d) => d.document));
  });
  return [...alerting, ...correlated, ...(counted ? [events.document] : [])];
}

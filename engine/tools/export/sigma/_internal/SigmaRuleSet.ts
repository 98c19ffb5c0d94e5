import { NotExportableError } from '../../../../model/errors/NotExportableError.ts';
import type { EventFilter } from '../../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../../ExportTarget.ts';
import type { RecordCondition } from '../../RecordCondition.ts';
import { sigmaDetection } from './sigmaDetection.ts';
import { type RuleSetKey, sigmaRuleId, sigmaRuleName } from './sigmaIds.ts';
import { sigmaLogsources } from './sigmaLogsource.ts';
import { sigmaTimespan } from './sigmaTimespan.ts';

/** One YAML document of an exported Sigma file: a rule or a correlation rule, keys in the order they are written. */
export type SigmaDocument = Record<string, unknown>;

/** A correlation rule's `correlation` section. */
export interface SigmaCorrelation {
  type: 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';
  rules: string[];
  'group-by': string[];
  timespan: string;
  condition?: Record<string, number | string> | string;
}

/** What the rule that alerts says about itself, besides the detector and its parameters. */
export interface Alerting {
  /** What it finds, in a sentence or two. */
  finds: string;
  /** How that differs from the detector's findings. */
  differs: string;
}

/** A Sigma rule or correlation rule and the name other correlations refer to it by. */
export interface NamedDocument {
  name: string;
  document: SigmaDocument;
}

/**
 * The rules exported for one detector instance and log format: each gets an id and a name derived from the detector,
 * the format, the parameter values and its role in the set, and the rules that alert carry the metadata (status,
 * description, level, tags) — the rules they correlate only title, id, name and content, as the correlation
 * specification asks.
 */
export class SigmaRuleSet {
  private readonly key: RuleSetKey;

  constructor(private readonly input: TargetInput) {
    this.key = { detector: input.instance.definition.id, format: input.fields.format, params: input.instance.params };
  }

  /** A count parameter's value, checked to be a whole number (every count of a shape is). */
  count(name: string): number {
    const value = this.input.instance.params[name];
    if (!Number.isSafeInteger(value)) throw new RangeError(`parameter ${name} must be a whole number, got ${value}`);
    return value;
  }

  /** A duration parameter as a Sigma timespan. @throws NotExportableError when it is not a whole number of seconds. */
  timespan(name: string): string {
    const value = this.input.instance.params[name];
    const span = sigmaTimespan(value);
    if (span === undefined) this.cannot(`${name}=${value} ms is not a whole number of seconds, which a Sigma timespan needs`);
    return span;
  }

  /** The record condition of a filter in this format. @throws NotExportableError when the format cannot say it. */
  where(filter: EventFilter): RecordCondition {
    const condition = this.input.fields.where(filter);
    if ('cannot' in condition) this.cannot(`${this.input.fields.title}: ${condition.cannot}`);
    return condition;
  }

  cannot(reason: string): never {
    throw new NotExportableError(this.input.instance.definition.id, 'sigma', reason);
  }

  /** A rule that a correlation refers to: no metadata of its own, it does not alert alone. */
  base(role: string, what: string, condition: RecordCondition, present: readonly string[] = []): NamedDocument {
    const name = sigmaRuleName(this.key, role);
    return {
      name,
      document: {
        title: `${this.input.instance.definition.title}: ${what}`,
        id: sigmaRuleId(this.key, role),
        name,
        logsource: { ...sigmaLogsources[this.input.fields.format] },
        detection: sigmaDetection(condition, present),
      },
    };
  }

  /** A correlation rule that another correlation refers to. */
  inner(role: string, what: string, correlation: SigmaCorrelation): NamedDocument {
    const name = sigmaRuleName(this.key, role);
    return {
      name,
      document: { title: `${this.input.instance.definition.title}: ${what}`, id: sigmaRuleId(this.key, role), name, correlation },
    };
  }

  /** A rule that alerts: a single-event rule with its metadata. */
  alertingRule(
    role: string,
    title: string,
    alerting: Alerting,
    condition: RecordCondition,
    present: readonly string[] = [],
  ): SigmaDocument {
    return this.alerting(role, title, alerting, {
      logsource: { ...sigmaLogsources[this.input.fields.format] },
      detection: sigmaDetection(condition, present),
    });
  }

  /** A correlation rule that alerts, with its metadata. */
  alertingCorrelation(role: string, title: string, alerting: Alerting, correlation: SigmaCorrelation): SigmaDocument {
    return this.alerting(role, title, alerting, { correlation });
  }

  private alerting(role: string, title: string, alerting: Alerting, content: SigmaDocument): SigmaDocument {
    return { ...this.meta(title, sigmaRuleId(this.key, role), alerting), ...content, level: this.input.instance.definition.severity };
  }

  private meta(title: string, id: string, { finds, differs }: Alerting): SigmaDocument {
    const { definition, params } = this.input.instance;
    const values = Object.entries(params).map(([k, v]) => `${k}=${v}`);
    return {
      title,
      id,
      status: 'experimental',
      description: [
        `Exported by pushstorm from the detector ${definition.id} v${definition.version} (${definition.title})`,
        `${values.length === 0 ? 'which has no parameters' : `with parameters ${values.join(', ')}`}, for ${this.input.fields.title}.`,
        definition.description,
        `This rule: ${finds}`,
        `Differences from the detector: ${differs}`,
      ].join(' '),
      author: 'pushstorm export',
      // T1621 (Multi-Factor Authentication Request Generation) is a Credential Access technique.
      tags: ['attack.credential-access', `attack.${definition.attack.technique.toLowerCase()}`],
    };
  }
}

/**
 * A filter in words, for titles and descriptions: `mfa.result with result denied or timeout`, or with a noun after the
 * types (`mfa.result events with result denied or timeout`).
 */
export function filterText(filter: EventFilter, noun?: 'event' | 'events'): string {
  const what = [filter.types.join(' or '), ...(noun === undefined ? [] : [noun])].join(' ');
  const parts: string[] = [];
  if (filter.outcome !== undefined) parts.push(`outcome ${filter.outcome}`);
  if (filter.outcomeNot !== undefined) parts.push(`outcome not ${filter.outcomeNot}`);
  if (filter.results !== undefined) parts.push(`result ${filter.results.join(' or ')}`);
  return parts.length === 0 ? what : `${what} with ${parts.join(' and ')}`;
}

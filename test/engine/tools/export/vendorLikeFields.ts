import type { EventFilter } from '../../../../engine/runtime/DetectorShape.ts';
import type { RecordCondition, VendorFields } from '../../../../engine/tools/export/index.ts';

/**
 * Hand-made field names in the style of a vendor log, for the export targets' tests while the real vendor mappings
 * are written elsewhere: dotted paths, every kind of record condition (a `not`, `contains`, numbers and flags), and
 * a filter the log cannot say.
 */
function conditionOf(
  filter: EventFilter,
  names: { type: string; result: string; reason: string; risk: string; code: string; eventTypes: Record<string, string> },
): RecordCondition | { cannot: string } {
  const types = filter.types.map((t) => names.eventTypes[t]);
  if (types.some((t) => t === undefined)) return { cannot: `no record for ${filter.types.join(', ')}` };
  const all: RecordCondition[] = [{ field: names.type, oneOf: types }];
  if (filter.outcome === 'failure') all.push({ field: names.result, oneOf: ['FAILURE', 'DENY'] });
  if (filter.outcome === 'success') all.push({ field: names.result, oneOf: ['SUCCESS'] });
  if (filter.outcomeNot !== undefined)
    all.push({ not: { field: names.result, oneOf: [filter.outcomeNot === 'failure' ? 'FAILURE' : 'SUCCESS'] } });
  const results: Record<string, RecordCondition> = {
    denied: {
      all: [
        { field: names.result, oneOf: ['FAILURE'] },
        { field: names.reason, contains: 'denied' },
      ],
    },
    timeout: { field: names.result, oneOf: ['UNANSWERED', 'ABANDONED'] },
    approved: {
      all: [
        { field: names.result, oneOf: ['SUCCESS'] },
        { field: names.code, oneOf: [0] },
      ],
    },
    fraud: { any: [{ field: names.risk, oneOf: [true] }, { not: { field: names.reason, contains: 'not fraud' } }] },
  };
  if (filter.results !== undefined) all.push({ any: filter.results.map((r) => results[r] ?? { field: names.reason, oneOf: [r] }) });
  return { all };
}

/** An Okta-System-Log-like naming: `eventType`, `outcome.result`, `actor.alternateId`, `client.ipAddress`. */
export const oktaLikeFields: VendorFields = {
  format: 'okta',
  title: 'an Okta-like test log',
  where: (filter) =>
    conditionOf(filter, {
      type: 'eventType',
      result: 'outcome.result',
      reason: 'outcome.reason',
      risk: 'debugContext.debugData.threatSuspected',
      code: 'debugContext.debugData.code',
      eventTypes: { 'mfa.result': 'user.authentication.auth_via_mfa', 'session.start': 'user.session.start' },
    }),
  key: (key) => (key === 'user' ? 'actor.alternateId' : 'client.ipAddress'),
  user: 'actor.alternateId',
  time: 'published',
  id: 'uuid',
  proxy: 'securityContext.isProxy',
};

/**
 * A `SigninLogs`-like naming (Sentinel's PascalCase columns, objects as dynamic), without a proxy flag: the KQL
 * export reads the `SigninLogs` table for it, and the Kusto language service checks the columns.
 */
export const signinLogsLikeFields: VendorFields = {
  format: 'entra-sentinel',
  title: 'a SigninLogs-like test log',
  where: (filter) =>
    conditionOf(filter, {
      type: 'OperationName',
      result: 'Status.additionalDetails',
      reason: 'AuthenticationDetails',
      risk: 'IsRisky',
      code: 'Status.errorCode',
      eventTypes: { 'mfa.result': 'Sign-in activity', 'session.start': 'Sign-in activity' },
    }),
  key: (key) => (key === 'user' ? 'UserPrincipalName' : 'IPAddress'),
  user: 'UserPrincipalName',
  time: 'TimeGenerated',
  id: 'Id',
};

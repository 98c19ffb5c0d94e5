/**
 * Recognising each Entra shape, for format auto-detection. The Azure Monitor envelope and the bare Graph record
 * sniff as `entra`, the Sentinel row as `entra-sentinel`, so a file is never claimed by both (either decoder reads
 * all three).
 * @module
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ownString = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k) && typeof o[k] === 'string';

/** An Azure Monitor diagnostic-export sign-in record: `operationName` "Sign-in activity" and a `properties` object. */
export function isEntraEnvelope(record: unknown): boolean {
  return (
    isObject(record) && record.operationName === 'Sign-in activity' && Object.hasOwn(record, 'properties') && isObject(record.properties)
  );
}

/** A bare Graph `signIn`: `createdDateTime` and `userPrincipalName` strings, and a `status` or `correlationId`. */
export function isGraphSignIn(record: unknown): boolean {
  return (
    isObject(record) &&
    ownString(record, 'createdDateTime') &&
    ownString(record, 'userPrincipalName') &&
    (Object.hasOwn(record, 'status') || Object.hasOwn(record, 'correlationId'))
  );
}

/** A Log Analytics `SigninLogs` row: `Type` "SigninLogs", or the table's user, code and time columns. */
export function isSentinelSignIn(record: unknown): boolean {
  if (!isObject(record)) return false;
  if (record.Type === 'SigninLogs' && Object.hasOwn(record, 'Type')) return true;
  return (
    ownString(record, 'UserPrincipalName') &&
    Object.hasOwn(record, 'ResultType') &&
    (ownString(record, 'TimeGenerated') || ownString(record, 'CreatedDateTime'))
  );
}

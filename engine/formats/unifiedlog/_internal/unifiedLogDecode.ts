import type { DecodeStep, MacHost, RecordDecoder } from '../../LogFormat.ts';
import { integerAt, shown, valueAt } from '../../_internal/recordFields.ts';
import type { EndReason, MacFacts } from './unifiedLogFacts.ts';
import { readLine, type LineReading } from './unifiedLogReadLine.ts';
import { processByBasename } from './unifiedLogProcesses.ts';
import { MacLogState } from './unifiedLogState.ts';
import { parseLocalTimestamp } from './unifiedLogTime.ts';
import { lineEventId } from './unifiedLogWriter.ts';

/**
 * Reads one Mac's `log show --style ndjson` records back into canonical events. A record is checked for the keys
 * every log line has, then its process and message decide what it is: the line an event is read from, a line around
 * it (skipped, though what it names is remembered: the account authd validated, the transaction the plug-in
 * announced for the attempt's activity chain, a restart loginwindow announced), the closing count record (skipped),
 * or a line of something pushstorm does not model (skipped).
 * @module
 */

/** What earlier lines of one login attempt (one activity chain) said. */
interface Attempt {
  shortName?: string;
  uid?: number;
  right?: string;
  transaction?: string;
  /** The MFA plug-in took part. */
  plugin?: boolean;
}

/** Attempts remembered; an attempt's lines are seconds apart, so this only bounds hostile input. */
const MAX_ATTEMPTS = 10_000;

const rejected = (reason: 'missing_field' | 'wrong_type' | 'not_an_object', detail: string): DecodeStep => ({
  kind: 'rejected',
  reason,
  detail,
});

/** A string field every log line has, or the rejection for it. */
function requiredString(record: Record<string, unknown>, key: string): string | DecodeStep {
  const value = valueAt(record, [key]);
  if (value === undefined) return rejected('missing_field', `/${key}: absent`);
  if (typeof value !== 'string') return rejected('wrong_type', `/${key}: not a string (${shown(value)})`);
  return value;
}

const UINT64_MAX = 2n ** 64n - 1n;

/** `machTimestamp` as digits: a uint64, as a JSON number or (from some converters) a string of digits. */
function machText(value: unknown): string | undefined {
  let ticks: bigint | undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) ticks = BigInt(value);
  else if (typeof value === 'string' && /^\d{1,20}$/.test(value)) ticks = BigInt(value);
  return ticks !== undefined && ticks <= UINT64_MAX ? ticks.toString() : undefined;
}

/** The root of the activity chain a line belongs to: its parent activity, else its own, else none (0). */
function activityKey(record: Record<string, unknown>): number {
  const parent = integerAt(record, 'parentActivityIdentifier');
  if (parent !== undefined && parent > 0) return parent;
  const own = integerAt(record, 'activityIdentifier');
  return own !== undefined && own > 0 ? own : 0;
}

/** A decoder for one Mac's file; `host` names the Mac (hostname "unknown" and no inventory without it). */
export function createUnifiedLogDecoder(host?: MacHost): RecordDecoder {
  const state = new MacLogState(host);
  const attempts = new Map<number, Attempt>();
  const endIntents = new Map<number, Exclude<EndReason, 'logout'>>();

  const attemptOf = (key: number): Attempt | undefined => {
    if (key === 0) return undefined;
    let attempt = attempts.get(key);
    if (attempt === undefined) {
      if (attempts.size >= MAX_ATTEMPTS) attempts.delete(attempts.keys().next().value as number);
      attempt = {};
      attempts.set(key, attempt);
    }
    return attempt;
  };

  const note = (attempt: Attempt | undefined, reading: LineReading): void => {
    if (!attempt) return;
    if (reading.shortName !== undefined) attempt.shortName = reading.shortName;
    if (reading.uid !== undefined) attempt.uid = reading.uid;
    if (reading.right !== undefined) attempt.right = reading.right;
    if (reading.transaction !== undefined) attempt.transaction = reading.transaction;
    if (reading.plugin) attempt.plugin = true;
  };

  return {
    decode(record: unknown): DecodeStep {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        return rejected('not_an_object', `a log line is a JSON object, not ${Array.isArray(record) ? 'an array' : shown(record)}`);
      }
      const r = record as Record<string, unknown>;
      if (Object.hasOwn(r, 'finished') && !Object.hasOwn(r, 'machTimestamp') && !Object.hasOwn(r, 'eventMessage')) {
        return { kind: 'skipped', why: 'closing count record of log show' };
      }
      const eventType = requiredString(r, 'eventType');
      if (typeof eventType !== 'string') return eventType;
      if (eventType !== 'logEvent') return { kind: 'skipped', why: `${shown(eventType)} records carry no log message` };
      const message = requiredString(r, 'eventMessage');
      if (typeof message !== 'string') return message;
      const path = requiredString(r, 'processImagePath');
      if (typeof path !== 'string') return path;
      const stamp = requiredString(r, 'timestamp');
      if (typeof stamp !== 'string') return stamp;
      const time = parseLocalTimestamp(stamp);
      if (time === undefined) return rejected('wrong_type', `/timestamp: not a local time with offset in 2000–2100 (${shown(stamp)})`);
      const machValue = valueAt(r, ['machTimestamp']);
      // Some exports drop machTimestamp (a record of Elastic's macOS test log has none): the line is then known by
      // its local time to the microsecond.
      const mach = machValue === undefined ? `at${stamp.replace(/\D/g, '')}` : machText(machValue);
      if (mach === undefined) return rejected('wrong_type', `/machTimestamp: not a tick count (${shown(machValue)})`);

      const basename = path.slice(path.lastIndexOf('/') + 1);
      const process = processByBasename.get(basename);
      const messageType = valueAt(r, ['messageType']);
      const reading = process && readLine(process, message, messageType === 'Error' || messageType === 'Fault');
      if (!reading) return { kind: 'skipped', why: `not an authentication line pushstorm models (${shown(basename)})` };

      const attempt = attemptOf(activityKey(r));
      state.learn(reading);
      note(attempt, reading);
      if (reading.endIntent !== undefined && reading.uid !== undefined) {
        if (endIntents.size >= MAX_ATTEMPTS) endIntents.clear();
        endIntents.set(reading.uid, reading.endIntent);
      }
      if (reading.kind === undefined) return { kind: 'skipped', why: reading.why ?? 'context line' };
      if (reading.passwordFailure && attempt?.right === 'system.login.screensaver') {
        return { kind: 'skipped', why: "password check of a screen unlock; loginwindow's line gives the outcome" };
      }
      if (reading.rightGranted && attempt?.plugin) return { kind: 'skipped', why: "right granted after the MFA plug-in's answer" };

      // What the line says, completed from earlier lines of its attempt (the transaction only the plug-in names).
      const {
        kind,
        why: _why,
        rightGranted: _granted,
        passwordFailure: _failure,
        plugin,
        endIntent: _intent,
        transaction: own,
        ...said
      } = reading;
      const f: MacFacts = { ...said, kind, time };
      f.shortName ??= attempt?.shortName;
      f.uid ??= attempt?.uid;
      f.right ??= attempt?.right;
      const boot = valueAt(r, ['bootUUID']);
      const id = lineEventId(state.hostname, typeof boot === 'string' ? boot : '', mach);
      let transaction = plugin ? own : attempt?.transaction;
      if (plugin && f.challenge === undefined) {
        // A plug-in line that names no push: the push is the attempt's activity chain, which its request and answer
        // share (and the login it lets through), else the line alone. Two attempts never merge into one push.
        const key = activityKey(r);
        f.challenge = key > 0 ? `${id.slice(0, id.lastIndexOf(':'))}:activity:${key}` : id;
        if (transaction === undefined && attempt) transaction = attempt.transaction = f.challenge;
      }
      if (transaction !== undefined) f.transaction = transaction;
      if (f.kind === 'screensaver' && f.uid === undefined) {
        // At the lock screen loginwindow runs as the session's user.
        const userID = integerAt(r, 'userID');
        if (userID !== undefined && userID > 0) f.uid = userID;
      }
      if (f.kind === 'end' && f.uid !== undefined) {
        f.endReason = endIntents.get(f.uid) ?? 'logout';
        endIntents.delete(f.uid);
      }
      return { kind: 'events', events: [state.build(f, id)] };
    },
  };
}

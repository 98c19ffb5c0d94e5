import type { ChallengeResult, EndReason, MacFacts, MacLineKind } from './unifiedLogFacts.ts';
import { resultVerbs } from './unifiedLogLines.ts';
import { desktopMfaPlugin, type MacProcessName } from './unifiedLogProcesses.ts';

/**
 * Reads one unified-log line back into the facts pushstorm wrote into it (unifiedLogLines.ts), or tells that it is
 * context around an event, or none of pushstorm's business. Patterns are anchored and bounded so hostile input stays
 * linear.
 * @module
 */

const verbResults = new Map<string, ChallengeResult | undefined>(
  Object.entries(resultVerbs).map(([result, verb]) => [verb, result === 'none' ? undefined : (result as ChallengeResult)]),
);

/** What one line says, read back. */
export interface LineReading extends Partial<Omit<MacFacts, 'kind' | 'time'>> {
  /** Set on lines the event is read from. */
  kind?: MacLineKind;
  /** Why a line that gives no event is skipped. */
  why?: string;
  /** authd granted the right: a console login's success, or context after the plug-in's approval. */
  rightGranted?: boolean;
  /** authorizationhost rejected a password: a console login's failure, or context of a failed unlock. */
  passwordFailure?: boolean;
  /** A line of the MFA plug-in. */
  plugin?: boolean;
  /** loginwindow announced a restart or shutdown: the next logout is for that reason. */
  endIntent?: Exclude<EndReason, 'logout'>;
}

const uidOf = (text: string): number | undefined => {
  const n = Number(text);
  return Number.isSafeInteger(n) && n <= 0xffffffff ? n : undefined;
};

/** A user name as a line shows it: `<private>` (os_log's redaction) names nobody; `<lvarga>` is lvarga. */
const named = (text: string): string | undefined => (text === '<private>' ? undefined : text.replace(/^<(.+)>$/, '$1'));

const VALIDATING = /^Validating (?:shared )?(?:credential|session owner) (\S+) \((\d{1,10})\) for (\S+) \(engine \d{1,20}\)$/;
const GRANTED = /^Succeeded authorizing right '([^']+)' by client '/;
const MECHANISM = /^engine \d{1,20}: running mechanism (\S+) \(\d{1,5} of \d{1,5}\)$/;
const AUTH_FAILED = /^Failed to authenticate user (<[^<>\s]+>|[^<>\s]+) \(error: -?\d{1,10}\)\.?$/;
const DO_LOGIN = /^-\[Login1 doLogin\] \| shortUsername = (\S+), userID = (\d{1,10}), groupID = \d{1,10}$/;
const SAVER = / \| Screensaver authorization (succeeded|failed)$/;
const NOTIFICATION =
  /^-\[SessionAgentNotificationCenter [^\]]{1,80}\] \| send(?:System)?(?:BSD|Distributed)Notification: (\S+), with (?:object|userID):(\d{1,10})$/;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The plug-in's lines (invented shape, see unifiedLogLines.ts): verb, IdP login, account, reason, challenge and transaction. */
const PLUGIN = new RegExp(
  `^${escaped(desktopMfaPlugin.tag)} Push (${Object.values(resultVerbs).concat('sent to').map(escaped).join('|')}) ([^\\s()]+)` +
    '(?: for ([^\\s()]+) \\((\\d{1,10})\\))?(?:: ([^()]*[^()\\s]))?(?: \\((?:challenge ([^,()\\s]+))?(?:, )?(?:transaction ([^,()\\s]+))?\\))?$',
);
const SSH = /^(Failed|Accepted) (?:password|publickey|keyboard-interactive\/pam) for (?:invalid user )?(\S+) from (\S+) port \d{1,5} ssh2/;
const SCREEN_SHARING = /^Authentication: (FAILED|SUCCEEDED) :: User Name: (.+?) :: Viewer Address: (\S+) :: Type: \S+$/;

/** loginwindow's notifications that stand for an event, and the intents that qualify a later logout. */
const notifications = new Map<string, Pick<LineReading, 'kind' | 'endIntent'>>([
  ['com.apple.sessionagent.screenIsLocked', { kind: 'lock' }],
  ['com.apple.sessionagent.screenIsUnlocked', { kind: 'unlock' }],
  ['com.apple.system.loginwindow.logoutNoReturn', { kind: 'end' }],
  ['com.apple.system.loginwindow.restartinitiated', { endIntent: 'restart' }],
  ['com.apple.system.loginwindow.shutdownInitiated', { endIntent: 'shutdown' }],
]);

/** Longest message read; pushstorm's lines are far shorter, and this keeps hostile input cheap. */
const MAX_MESSAGE = 2048;

/**
 * What a line of `process` says, or undefined when it is not one pushstorm models. `failed` is the line's
 * `messageType` being Error or Fault (the plug-in's failed answers).
 */
export function readLine(process: MacProcessName, message: string, failed: boolean): LineReading | undefined {
  if (message.length > MAX_MESSAGE) return undefined;
  let m: RegExpExecArray | null;
  switch (process) {
    case 'authd':
      if ((m = VALIDATING.exec(message))) {
        const uid = uidOf(m[2]);
        if (uid === undefined) return undefined;
        return { shortName: named(m[1]), uid, right: m[3], why: 'authd credential check; the outcome is a later line of the attempt' };
      }
      if ((m = GRANTED.exec(message))) return { kind: 'console', ok: true, right: m[1], rightGranted: true };
      if ((m = MECHANISM.exec(message))) {
        return m[1] === desktopMfaPlugin.mechanism ? { kind: 'console', ok: true, mfa: true } : { why: 'authd mechanism step' };
      }
      return undefined;
    case 'authorizationhost':
    case 'SecurityAgent':
      if ((m = AUTH_FAILED.exec(message))) return { kind: 'console', ok: false, shortName: named(m[1]), passwordFailure: true };
      if ((m = PLUGIN.exec(message))) {
        const uid = m[4] === undefined ? undefined : uidOf(m[4]);
        if (m[4] !== undefined && uid === undefined) return undefined;
        const reading: LineReading = { kind: m[1] === 'sent to' ? 'mfaRequest' : 'mfaResult', plugin: true, login: m[2] };
        if (m[3] !== undefined) reading.shortName = m[3];
        if (uid !== undefined) reading.uid = uid;
        if (m[6] !== undefined) reading.challenge = m[6];
        if (m[7] !== undefined) reading.transaction = m[7];
        if (reading.kind === 'mfaResult') {
          const result = verbResults.get(m[1]);
          if (result !== undefined) reading.result = result;
          reading.ok = !failed;
          const reason = m[5] ?? result;
          if (reason !== undefined) reading.reason = reason;
        }
        return reading;
      }
      return undefined;
    case 'loginwindow':
      if ((m = DO_LOGIN.exec(message))) {
        const uid = uidOf(m[2]);
        return uid === undefined ? undefined : { kind: 'sessionStart', shortName: m[1], uid };
      }
      if ((m = SAVER.exec(message)) && message.startsWith('-[')) return { kind: 'screensaver', ok: m[1] === 'succeeded' };
      if ((m = NOTIFICATION.exec(message))) {
        const uid = uidOf(m[2]);
        const meaning = notifications.get(m[1]);
        if (uid === undefined) return undefined;
        if (meaning?.kind !== undefined) return { kind: meaning.kind, uid };
        if (meaning?.endIntent !== undefined)
          return { uid, endIntent: meaning.endIntent, why: `loginwindow announces a ${meaning.endIntent}` };
        return { why: `loginwindow notification ${m[1].slice(0, 80)}` };
      }
      if (message.includes('_numFailedAuthAttempts = ')) return { why: 'loginwindow unlock step' };
      return undefined;
    case 'sshd':
      if ((m = SSH.exec(message))) return { kind: 'ssh', ok: m[1] === 'Accepted', shortName: m[2], remoteIp: m[3] };
      return undefined;
    case 'screensharingd':
      if ((m = SCREEN_SHARING.exec(message))) return { kind: 'screensharing', ok: m[1] === 'SUCCEEDED', shortName: m[2], remoteIp: m[3] };
      return undefined;
    case 'powerd':
      if (message.startsWith('Entering Sleep state due to ')) return { kind: 'sleep' };
      if (message.startsWith('Wake from ')) return { kind: 'wake' };
      if (message.startsWith('System boot, boot session ')) return { kind: 'boot' };
      return undefined;
  }
}

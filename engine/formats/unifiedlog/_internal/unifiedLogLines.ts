import type { ChallengeResult, MacFacts } from './unifiedLogFacts.ts';
import { hash32 } from '../../_internal/hash32.ts';
import { desktopMfaPlugin, type MacProcessName } from './unifiedLogProcesses.ts';

/**
 * The message text of every line pushstorm writes (read back by unifiedLogReadLine.ts). Apple's shapes are the real
 * ones (docs/formats.md, "macOS unified log"; authd's format strings as in Apple's open-source `authd/engine.c`;
 * loginwindow's from public captures); the plug-in's and powerd's are invented and marked so.
 * @module
 */

/** One line to write: what it says, who says it, and whether the event is read from it. */
export interface LineDraft {
  process: MacProcessName;
  /** The event is read from the primary line; the others are context a real Mac logs around it. */
  role: 'primary' | 'secondary';
  message: string;
  formatString: string;
  messageType: 'Default' | 'Info' | 'Error';
  /** `userID` when the process's own is not fixed: loginwindow logs as the console user inside a session. */
  userID?: number;
  /** Written by the MFA plug-in's image inside its host process. */
  fromPlugin?: boolean;
}

/** Per-line values the writer decides (pids, counters), passed in so the texts stay pure functions of the facts. */
export interface RenderContext {
  /** authd's engine number for this attempt. */
  engine: number;
  loginwindowPid: number;
  /** Failed unlocks since the last successful one, as loginwindow counts them. */
  failedUnlocks: number;
  /** The attempt went through the MFA plug-in before (its right is granted only now). */
  afterPlugin: boolean;
  bootUUID: string;
  /** Seed for cosmetic choices (ssh source port, sleep cause). */
  seed: string;
}

const LOGINWINDOW_APP = '/System/Library/CoreServices/loginwindow.app';
const SAVER_METHOD = '-[LWScreenLockAuthentication _authCopyRightsWithUsername:password:continuityHints:localAuthenticationHints:]';
const errSecAuthFailed = -25293;

const primary = (d: Omit<LineDraft, 'role'>): LineDraft => ({ ...d, role: 'primary' });
const secondary = (d: Omit<LineDraft, 'role'>): LineDraft => ({ ...d, role: 'secondary' });

/** Words of a plug-in result line, per challenge result (invented wording). */
export const resultVerbs: Record<ChallengeResult | 'none', string> = {
  approved: 'approved by',
  denied: 'denied by',
  timeout: 'timed out for',
  fraud: 'reported as fraud by',
  wrong_number: 'answered with the wrong number by',
  error: 'failed for',
  none: 'answered by',
};

function validating(f: MacFacts, rc: RenderContext, right: string): LineDraft {
  return secondary({
    process: 'authd',
    message: `Validating credential ${f.shortName} (${f.uid}) for ${right} (engine ${rc.engine})`,
    formatString: 'Validating %{public}s%{public}s %{public}s (%i) for %{public}s (engine %lld)',
    messageType: 'Default',
  });
}

function rightGranted(right: string, rc: RenderContext, role: LineDraft['role']): LineDraft {
  return {
    role,
    process: 'authd',
    message:
      `Succeeded authorizing right '${right}' by client '${LOGINWINDOW_APP}' [${rc.loginwindowPid}] for authorization created by ` +
      `'${LOGINWINDOW_APP}' [${rc.loginwindowPid}] (3,0) (engine ${rc.engine})`,
    formatString:
      "Succeeded authorizing right '%{public}s' by client '%{public}s' [%d] for authorization created by '%{public}s' [%d] (%X,%d) (engine %lld)",
    messageType: 'Default',
  };
}

function passwordFailure(f: MacFacts, role: LineDraft['role']): LineDraft {
  return {
    role,
    process: 'authorizationhost',
    message: `Failed to authenticate user <${f.shortName}> (error: ${errSecAuthFailed}).`,
    formatString: 'Failed to authenticate user <%{public}s> (error: %d).',
    messageType: 'Error',
  };
}

function notification(
  channel: 'BSD' | 'Distributed' | 'SystemBSD',
  name: string,
  uid: number | undefined,
  role: LineDraft['role'],
): LineDraft {
  const method = `send${channel}Notification`;
  return {
    role,
    process: 'loginwindow',
    message: `-[SessionAgentNotificationCenter ${method}:object:] | ${method}: ${name}, with object:${uid}`,
    formatString: `%s | ${method}: %@, with object:%@`,
    messageType: 'Default',
    userID: uid,
  };
}

/** Invented: the Desktop MFA plug-in's lines (no real capture is public; docs/formats.md, "macOS unified log"). */
function pluginLine(f: MacFacts, verb: string, failed: boolean): LineDraft {
  const account = f.shortName !== undefined && f.uid !== undefined ? ` for ${f.shortName} (${f.uid})` : '';
  const reason = f.kind === 'mfaResult' && f.reason !== undefined && f.reason !== f.result ? `: ${f.reason}` : '';
  const ids: string[] = [];
  const idFormats: string[] = [];
  if (f.challenge !== undefined) {
    ids.push(`challenge ${f.challenge}`);
    idFormats.push('challenge %{public}@');
  }
  if (f.transaction !== undefined) {
    ids.push(`transaction ${f.transaction}`);
    idFormats.push('transaction %{public}@');
  }
  const tail = ids.length === 0 ? '' : ` (${ids.join(', ')})`;
  const formatTail = idFormats.length === 0 ? '' : ` (${idFormats.join(', ')})`;
  return primary({
    process: 'SecurityAgent',
    fromPlugin: true,
    message: `${desktopMfaPlugin.tag} Push ${verb} ${f.login}${account}${reason}${tail}`,
    formatString: `${desktopMfaPlugin.tag} Push ${verb} %{public}@${account === '' ? '' : ' for %{public}@ (%d)'}${reason === '' ? '' : ': %{public}@'}${formatTail}`,
    messageType: failed ? 'Error' : 'Default',
  });
}

const sleepCauses = ["'Idle Sleep'", "'Clamshell Sleep'", "'Software Sleep pid=412'"];
const wakeCauses = ['EC.LidOpen/Lid Open', 'EC.PowerButton/User', 'UserActivity Assertion'];
const powerSources = ['AC (Charge:100%)', 'Batt (Charge:86%)', 'Batt (Charge:64%)', 'AC (Charge:92%)'];
const choose = <T>(list: readonly T[], seed: string): T => list[hash32(seed) % list.length];

/** The lines one event becomes, in the order a Mac logs them. */
export function renderLines(f: MacFacts, rc: RenderContext): LineDraft[] {
  switch (f.kind) {
    case 'console': {
      const right = f.right ?? 'system.login.console';
      const outcome = !f.ok
        ? passwordFailure(f, 'primary')
        : f.mfa
          ? primary({
              process: 'authd',
              message: `engine ${rc.engine}: running mechanism ${desktopMfaPlugin.mechanism} (${desktopMfaPlugin.mechanismIndex[0]} of ${desktopMfaPlugin.mechanismIndex[1]})`,
              formatString: 'engine %lld: running mechanism %{public}s (%li of %li)',
              messageType: 'Default',
            })
          : rightGranted(right, rc, 'primary');
      return [validating(f, rc, right), outcome];
    }
    case 'screensaver':
      return [
        secondary({
          process: 'loginwindow',
          message: `-[LWScreenLock startUnlock:] |      _numFailedAuthAttempts = ${rc.failedUnlocks}`,
          formatString: '%s |      _numFailedAuthAttempts = %d',
          messageType: 'Default',
          userID: f.uid,
        }),
        validating(f, rc, 'system.login.screensaver'),
        ...(f.ok ? [] : [passwordFailure(f, 'secondary')]),
        primary({
          process: 'loginwindow',
          message: `${SAVER_METHOD} | Screensaver authorization ${f.ok ? 'succeeded' : 'failed'}`,
          formatString: `%s | Screensaver authorization ${f.ok ? 'succeeded' : 'failed'}`,
          messageType: 'Default',
          userID: f.uid,
        }),
      ];
    case 'ssh': {
      const port = 49_152 + (hash32(`${rc.seed}/port`) % 16_383);
      return [
        primary({
          process: 'sshd',
          message: `${f.ok ? 'Accepted' : 'Failed'} password for ${f.shortName} from ${f.remoteIp} port ${port} ssh2`,
          formatString: '%s',
          messageType: 'Info',
        }),
      ];
    }
    case 'screensharing':
      return [
        primary({
          process: 'screensharingd',
          message: `Authentication: ${f.ok ? 'SUCCEEDED' : 'FAILED'} :: User Name: ${f.shortName} :: Viewer Address: ${f.remoteIp} :: Type: DH`,
          formatString: 'Authentication: %@ :: User Name: %@ :: Viewer Address: %@ :: Type: %@',
          messageType: 'Default',
        }),
      ];
    case 'mfaRequest':
      return [pluginLine(f, 'sent to', false)];
    case 'mfaResult':
      return [pluginLine(f, resultVerbs[f.result ?? 'none'], f.ok === false)];
    case 'sessionStart':
      return [
        ...(rc.afterPlugin ? [rightGranted('system.login.console', rc, 'secondary')] : []),
        primary({
          process: 'loginwindow',
          message: `-[Login1 doLogin] | shortUsername = ${f.shortName}, userID = ${f.uid}, groupID = 20`,
          formatString: '%s | shortUsername = %s, userID = %d, groupID = %d',
          messageType: 'Default',
          userID: 0,
        }),
        notification('Distributed', 'com.apple.sessionDidLogin', f.uid, 'secondary'),
      ];
    case 'lock':
      return [
        notification('Distributed', 'com.apple.screenIsLocked', f.uid, 'secondary'),
        notification('BSD', 'com.apple.sessionagent.screenIsLocked', f.uid, 'primary'),
      ];
    case 'unlock':
      return [
        notification('Distributed', 'com.apple.screenIsUnlocked', f.uid, 'secondary'),
        notification('BSD', 'com.apple.sessionagent.screenIsUnlocked', f.uid, 'primary'),
      ];
    case 'end': {
      const intent = f.endReason === 'restart' ? 'restartinitiated' : f.endReason === 'shutdown' ? 'shutdownInitiated' : undefined;
      return [
        ...(intent ? [notification('SystemBSD', `com.apple.system.loginwindow.${intent}`, f.uid, 'secondary')] : []),
        notification('SystemBSD', 'com.apple.system.loginwindow.likelyUserSessionExit', f.uid, 'secondary'),
        notification('SystemBSD', 'com.apple.system.loginwindow.logoutNoReturn', f.uid, 'primary'),
      ];
    }
    // Invented: pmset-log wording; powerd's unified-log lines for sleep, wake and boot are not in the references.
    case 'sleep':
      return [
        primary({
          process: 'powerd',
          message: `Entering Sleep state due to ${choose(sleepCauses, `${rc.seed}/cause`)}:TCPKeepAlive=active Using ${choose(powerSources, `${rc.seed}/power`)}`,
          formatString: '%{public}s',
          messageType: 'Default',
        }),
      ];
    case 'wake':
      return [
        primary({
          process: 'powerd',
          message: `Wake from Normal Sleep [CDNVA] : due to ${choose(wakeCauses, `${rc.seed}/cause`)} Using ${choose(powerSources, `${rc.seed}/power`)}`,
          formatString: '%{public}s',
          messageType: 'Default',
        }),
      ];
    case 'boot':
      return [
        primary({
          process: 'powerd',
          message: `System boot, boot session ${rc.bootUUID}`,
          formatString: 'System boot, boot session %{public}@',
          messageType: 'Default',
        }),
      ];
  }
}

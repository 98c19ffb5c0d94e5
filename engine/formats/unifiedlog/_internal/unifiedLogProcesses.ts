/**
 * The Mac processes whose unified-log lines pushstorm writes and reads: image path, subsystem and category, the uid
 * they log as, and a plausible pid range. Apple's paths, subsystems and categories are from public real records
 * (Elastic's macOS authentication test log, https://github.com/elastic/integrations/tree/main/packages/macos, and
 * the OpenTelemetry unified-log receiver's documentation,
 * https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/receiver/macosunifiedloggingreceiver;
 * see docs/formats.md, "macOS unified log"); what is invented is marked so, in one place, so it can be changed when
 * real captures turn up.
 * @module
 */

/** One process as the unified log shows it. */
export interface MacProcess {
  /** `processImagePath`; its basename is what `log` predicates call `process`. */
  path: string;
  subsystem: string;
  category: string;
  /** `userID` of its lines; `undefined` for loginwindow, which logs as the console user once a session runs. */
  userID?: number;
  /** Pids drawn per boot from this range. */
  pids: readonly [number, number];
}

/**
 * The enterprise MFA plug-in, modelled on Okta Device Access Desktop MFA. **Invented**: Okta documents no unified-log
 * subsystem, bundle layout or message text for it (see docs/formats.md, "macOS unified log"); only its place is
 * inferred — lines from SecurityAgent whose `senderImagePath` lies in `/Library/Security/SecurityAgentPlugins/`.
 * Change these values, and the message shapes in unifiedLogLines.ts, when a real capture is at hand.
 */
export const desktopMfaPlugin = {
  /** The bundle's binary, the lines' `senderImagePath`. */
  senderImagePath: '/Library/Security/SecurityAgentPlugins/OktaDeviceAccess.bundle/Contents/MacOS/OktaDeviceAccess',
  subsystem: 'com.okta.deviceaccess',
  category: 'DesktopMFA',
  /** The mechanism authd runs for it on `system.login.console` (`bundle:mechanism`, non-privileged: in SecurityAgent). */
  mechanism: 'OktaDeviceAccess:mfa',
  /** Where the mechanism sits in the right's mechanism list, and the list's length. */
  mechanismIndex: [9, 16] as const,
  /** Prefix of every plug-in message. */
  tag: '[DesktopMFA]',
} as const;

/** The processes, by the name pushstorm gives them. */
export const macProcesses = {
  authd: {
    path: '/System/Library/Frameworks/Security.framework/Versions/A/XPCServices/authd.xpc/Contents/MacOS/authd',
    subsystem: 'com.apple.Authorization',
    category: 'authd',
    userID: 0,
    pids: [280, 520],
  },
  authorizationhost: {
    path: '/System/Library/Frameworks/Security.framework/Versions/A/MachServices/authorizationhost.bundle/Contents/MacOS/authorizationhost',
    subsystem: 'com.apple.Authorization',
    category: 'AuthorizationHost',
    userID: 0,
    pids: [900, 9800],
  },
  loginwindow: {
    path: '/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow',
    subsystem: 'com.apple.loginwindow.logging',
    category: 'Standard',
    pids: [140, 720],
  },
  // SecurityAgent runs the login window's non-privileged mechanisms as _securityagent (uid 92).
  SecurityAgent: {
    path: '/System/Library/Frameworks/Security.framework/Versions/A/MachServices/SecurityAgent.bundle/Contents/MacOS/SecurityAgent',
    subsystem: desktopMfaPlugin.subsystem,
    category: desktopMfaPlugin.category,
    userID: 92,
    pids: [900, 9800],
  },
  // OpenSSH 9.8 and later log per-connection work from sshd-session (OpenSSH 9.8 release notes), at Info level; no
  // subsystem.
  sshd: { path: '/usr/libexec/sshd-session', subsystem: '', category: '', userID: 0, pids: [10_000, 89_000] },
  screensharingd: {
    path: '/System/Library/CoreServices/RemoteManagement/screensharingd.bundle/Contents/MacOS/screensharingd',
    subsystem: '',
    category: '',
    userID: 0,
    pids: [1_500, 60_000],
  },
  // Invented: powerd's subsystem and category for sleep and wake lines are not documented in the references.
  powerd: {
    path: '/System/Library/CoreServices/powerd.bundle/powerd',
    subsystem: 'com.apple.powerd',
    category: 'sleepWake',
    userID: 0,
    pids: [70, 140],
  },
} as const satisfies Record<string, MacProcess>;

/** A process pushstorm writes lines for. */
export type MacProcessName = keyof typeof macProcesses;

/** Basenames of the images the decoder reads lines from, with the process they stand for. */
export const processByBasename: ReadonlyMap<string, MacProcessName> = new Map([
  ['authd', 'authd'],
  ['authorizationhost', 'authorizationhost'],
  ['loginwindow', 'loginwindow'],
  ['SecurityAgent', 'SecurityAgent'],
  ['sshd', 'sshd'],
  ['sshd-session', 'sshd'],
  ['screensharingd', 'screensharingd'],
  ['powerd', 'powerd'],
]);

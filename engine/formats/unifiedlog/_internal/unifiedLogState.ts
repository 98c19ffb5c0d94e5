import type { CanonicalEvent, Device, MacContext } from '../../../model/generated/event.ts';
import type { MacHost } from '../../LogFormat.ts';
import { powerKinds, type MacFacts } from './unifiedLogFacts.ts';

/**
 * What a reader of one Mac's unified log knows as it goes: the host it was told about, the accounts earlier lines
 * named (uid ↔ short name, short name → IdP login from the MFA plug-in's lines) and the login session each uid is in.
 * The decoder and `held` both build events through {@link MacLogState.build}, so what a round trip keeps is decided in
 * one place.
 * @module
 */

/** Entries kept per map; a Mac has a handful of accounts, so this only bounds hostile input. */
const MAX_ENTRIES = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** The login right a process and method stand for, per kind of line. */
const shapes = {
  console: { type: 'mac.login', process: 'authd', method: 'login_window' },
  screensaver: { type: 'mac.login', process: 'loginwindow', method: 'screen_unlock', app: 'system.login.screensaver' },
  ssh: { type: 'mac.login', process: 'sshd', method: 'ssh', app: 'sshd' },
  screensharing: { type: 'mac.login', process: 'screensharingd', method: 'screen_sharing', app: 'screensharing' },
  mfaRequest: { type: 'mac.mfa.request', process: 'mfa_plugin', method: 'login_window', app: 'system.login.console' },
  mfaResult: { type: 'mac.mfa.result', process: 'mfa_plugin', method: 'login_window', app: 'system.login.console' },
  sessionStart: { type: 'mac.session.start', process: 'loginwindow', method: 'login_window', app: 'system.login.console' },
  lock: { type: 'mac.session.lock', process: 'loginwindow', method: 'screen_unlock' },
  unlock: { type: 'mac.session.unlock', process: 'loginwindow', method: 'screen_unlock' },
  end: { type: 'mac.session.end', process: 'loginwindow' },
  sleep: { type: 'mac.sleep', process: 'powerd' },
  wake: { type: 'mac.wake', process: 'powerd' },
  boot: { type: 'mac.wake', process: 'powerd' },
} as const satisfies Record<
  MacFacts['kind'],
  { type: CanonicalEvent['type']; process: MacContext['process']; method?: MacContext['method']; app?: string }
>;

/** One Mac's reading state. */
export class MacLogState {
  readonly hostname: string;
  readonly #host: MacHost | undefined;
  readonly #device: Device;
  readonly #shortByUid = new Map<number, string>();
  readonly #uidByShort = new Map<string, number>();
  readonly #loginByShort = new Map<string, string>();
  /** Login session each uid is in: the id of its `mac.session.start`. */
  readonly #sessions = new Map<number, string>();

  constructor(host?: MacHost) {
    this.#host = host;
    this.hostname = host?.hostname ?? 'unknown';
    this.#device = host?.device ?? { id: this.hostname, kind: 'mac', hostname: this.hostname };
    if (host?.shortName !== undefined) {
      this.learn({ shortName: host.shortName, uid: host.uid, login: host.user });
    }
  }

  /** Takes in what a line says about an account: short name with uid, short name with IdP login. */
  learn(f: Pick<MacFacts, 'shortName' | 'uid' | 'login'>): void {
    if (f.shortName === undefined) return;
    if (f.uid !== undefined) {
      remember(this.#shortByUid, f.uid, f.shortName);
      remember(this.#uidByShort, f.shortName, f.uid);
    }
    if (f.login !== undefined) remember(this.#loginByShort, f.shortName, f.login);
  }

  /**
   * The canonical event a line group stands for, from the facts its lines carried (gaps filled from what earlier lines
   * said and the host), with the derived `id`. A session start opens a session named by its own id; lock, unlock and
   * logout belong to the session their uid is in.
   */
  build(f: MacFacts, id: string): CanonicalEvent {
    const shape = shapes[f.kind];
    let shortName = f.shortName;
    let uid = f.uid;
    if (powerKinds.has(f.kind)) {
      shortName = this.#host?.shortName;
      uid = this.#host?.uid;
    }
    shortName ??= uid !== undefined ? this.#shortByUid.get(uid) : undefined;
    uid ??= shortName !== undefined ? this.#uidByShort.get(shortName) : undefined;
    const user =
      f.login ??
      (shortName !== undefined
        ? (this.#loginByShort.get(shortName) ?? shortName)
        : (this.#host?.user ?? this.#host?.shortName ?? 'unknown'));

    const e: CanonicalEvent = { id, time: f.time, source: 'mac', type: shape.type, user, device: structuredClone(this.#device) };
    const app = f.kind === 'console' ? (f.right ?? 'system.login.console') : 'app' in shape ? shape.app : undefined;
    if (app !== undefined) e.app = app;
    if (f.transaction !== undefined && f.kind !== 'lock' && f.kind !== 'unlock' && f.kind !== 'end' && !powerKinds.has(f.kind)) {
      e.transaction = f.transaction;
    }
    const session = this.#session(f.kind, uid, id);
    if (session !== undefined) e.session = session;
    if ((f.kind === 'mfaRequest' || f.kind === 'mfaResult') && f.challenge !== undefined) {
      e.challenge = { id: f.challenge, factor: 'desktop_mfa' };
      if (f.kind === 'mfaResult' && f.result !== undefined) e.challenge.result = f.result;
    }
    if (f.kind !== 'mfaRequest') e.outcome = f.ok === false ? 'failure' : 'success';
    const reason = reasonOf(f);
    if (reason !== undefined) e.reason = reason;
    const mac: MacContext = { process: shape.process };
    if ('method' in shape) mac.method = shape.method;
    if (shortName !== undefined) mac.shortName = shortName;
    if (uid !== undefined) mac.uid = uid;
    if (f.remoteIp !== undefined && (f.kind === 'ssh' || f.kind === 'screensharing')) mac.remoteIp = f.remoteIp;
    e.mac = mac;
    return e;
  }

  #session(kind: MacFacts['kind'], uid: number | undefined, id: string): string | undefined {
    if (uid === undefined) return undefined;
    if (kind === 'sessionStart') {
      remember(this.#sessions, uid, id);
      return id;
    }
    if (kind !== 'lock' && kind !== 'unlock' && kind !== 'end') return undefined;
    const session = this.#sessions.get(uid);
    if (kind === 'end') this.#sessions.delete(uid);
    return session;
  }
}

function reasonOf(f: MacFacts): string | undefined {
  switch (f.kind) {
    case 'console':
      return f.ok === false ? 'bad_password' : f.mfa ? 'mfa_required' : undefined;
    case 'screensaver':
    case 'ssh':
    case 'screensharing':
      return f.ok === false ? 'bad_password' : undefined;
    case 'mfaResult':
      return f.reason ?? f.result;
    case 'end':
      return f.endReason ?? 'logout';
    case 'boot':
      return 'boot';
    default:
      return undefined;
  }
}

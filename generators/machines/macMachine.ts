import { setup, type AnyActorRef } from 'xstate';
import { DESKTOP_MFA_APP } from '../population/desktopMfaApp.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { MacIdentity } from '../population/UserIdentity.ts';
import type { WorldPort } from '../world/WorldPort.ts';
import type { AuthenticateMessage, LoginRequest, LoginResult, MacEvent } from '../world/messages.ts';

/** Input of {@link macMachine}: one Mac as one user sees it (a lab Mac gets one actor per user who uses it). */
export interface MacInput {
  world: WorldPort;
  cell: number;
  rng: RandomStream;
  login: string;
  mac: MacIdentity;
  idp: AnyActorRef;
  /** Lab Macs start powered off; a user's own Mac starts asleep at the login window. */
  startsOff: boolean;
}

/** The Mac's mutable state: the console login waiting for its MFA answer and the session counter. */
export interface MacContext extends MacInput {
  waiting?: AuthenticateMessage;
  sessions: number;
  session?: string;
}

type MacDraft = Omit<CanonicalEvent, 'id' | 'source' | 'user' | 'device' | 'time'>;

function record(ctx: MacContext, draft: MacDraft, label?: string): void {
  // Spelled out so every record keeps the canonical key order (id, time, source, type, user, device, ...): `type` is
  // set first, and copying the draft over it keeps the key where it first appeared.
  const head = { id: '', time: ctx.world.clock.now(), source: 'mac' as const, type: draft.type, user: ctx.login, device: ctx.mac.device };
  ctx.world.emit(ctx.cell, Object.assign(head, draft), label);
}

function macContext(
  ctx: MacContext,
  process: NonNullable<CanonicalEvent['mac']>['process'],
  method?: NonNullable<CanonicalEvent['mac']>['method'],
) {
  return { process, method, shortName: ctx.mac.shortName, uid: ctx.mac.uid };
}

function replyTo(ctx: MacContext, msg: AuthenticateMessage, ok: boolean, reason: string): void {
  if (msg.replyTo) {
    const result: LoginResult = { type: 'LOGIN_RESULT', txn: msg.txn, ok, reason };
    ctx.world.deliver(msg.replyTo, result, 50);
  }
}

/** A password typed at the login window (checked by authd) or at the lock screen (loginwindow). */
function loginAttempt(
  ctx: MacContext,
  msg: AuthenticateMessage,
  method: 'login_window' | 'screen_unlock',
  ok: boolean,
  reason?: string,
): void {
  const console = method === 'login_window';
  record(
    ctx,
    {
      type: 'mac.login',
      app: console ? 'system.login.console' : 'system.login.screensaver',
      transaction: msg.txn,
      outcome: ok ? 'success' : 'failure',
      reason,
      mac: macContext(ctx, console ? 'authd' : 'loginwindow', method),
    },
    msg.label,
  );
}

/** The plug-in's verdict on the push it asked for. */
function mfaOutcome(ctx: MacContext, waiting: AuthenticateMessage, ok: boolean, reason: string): void {
  record(
    ctx,
    {
      type: 'mac.mfa.result',
      app: 'system.login.console',
      transaction: waiting.txn,
      challenge: { id: `${waiting.txn}.m`, factor: 'desktop_mfa', result: mfaResultOf(reason) },
      outcome: ok ? 'success' : 'failure',
      reason,
      mac: macContext(ctx, 'mfa_plugin', 'login_window'),
    },
    waiting.label,
  );
}

function startSession(ctx: MacContext, txn: string, label?: string): void {
  ctx.session = `${ctx.mac.device.id}.${ctx.mac.uid}.${(ctx.sessions++).toString(36)}`;
  record(
    ctx,
    {
      type: 'mac.session.start',
      app: 'system.login.console',
      transaction: txn,
      session: ctx.session,
      outcome: 'success',
      mac: macContext(ctx, 'loginwindow', 'login_window'),
    },
    label,
  );
}

/**
 * A managed Mac: powered off, at the login window (awake or asleep), authenticating a console login through the
 * enterprise MFA plug-in, or holding a session (unlocked, locked, asleep). At the login window the plug-in has authd
 * ask the IdP for a push — `mac.mfa.request`, the AN0454 telemetry — and the session starts only on approval. Screen
 * unlock is password-only, as with Okta Device Access and Duo for macOS. Remote Login (ssh) and screen sharing
 * attempts are logged when enabled.
 */
export const macMachine = setup({
  types: {
    context: {} as MacContext,
    events: {} as MacEvent,
    input: {} as MacInput,
  },
  guards: {
    passwordOk: ({ event }) => event.type === 'AUTHENTICATE' && event.passwordOk,
    needsMfa: ({ context, event }) => event.type === 'AUTHENTICATE' && event.passwordOk && context.mac.desktopMfa,
    isWaitedResult: ({ context, event }) => event.type === 'LOGIN_RESULT' && context.waiting?.txn === event.txn,
    approved: ({ context, event }) => event.type === 'LOGIN_RESULT' && context.waiting?.txn === event.txn && event.ok,
  },
  actions: {
    inUse: ({ context, event }) => {
      if (event.type === 'AUTHENTICATE') replyTo(context, event, false, 'in_use');
    },
    wake: ({ context, event }) =>
      record(
        context,
        { type: 'mac.wake', outcome: 'success', mac: macContext(context, 'powerd') },
        'label' in event ? event.label : undefined,
      ),
    boot: ({ context, event }) =>
      record(
        context,
        { type: 'mac.wake', outcome: 'success', reason: 'boot', mac: macContext(context, 'powerd') },
        'label' in event ? event.label : undefined,
      ),
    sleep: ({ context }) => record(context, { type: 'mac.sleep', outcome: 'success', mac: macContext(context, 'powerd') }),
    lock: ({ context }) =>
      record(context, {
        type: 'mac.session.lock',
        session: context.session,
        outcome: 'success',
        mac: macContext(context, 'loginwindow', 'screen_unlock'),
      }),
    endSession: ({ context, event }) => {
      record(
        context,
        {
          type: 'mac.session.end',
          session: context.session,
          outcome: 'success',
          reason: event.type === 'RESTART' ? 'restart' : 'logout',
          mac: macContext(context, 'loginwindow'),
        },
        'label' in event ? event.label : undefined,
      );
      context.session = undefined;
    },
    consoleLoginFailed: ({ context, event }) => {
      if (event.type !== 'AUTHENTICATE') return;
      loginAttempt(context, event, 'login_window', false, 'bad_password');
      replyTo(context, event, false, 'bad_password');
    },
    consoleLoginNoMfa: ({ context, event }) => {
      if (event.type !== 'AUTHENTICATE') return;
      loginAttempt(context, event, 'login_window', true);
      startSession(context, event.txn, event.label);
      replyTo(context, event, true, 'password');
    },
    requestMfa: ({ context: ctx, event, self }) => {
      if (event.type !== 'AUTHENTICATE') return;
      loginAttempt(ctx, event, 'login_window', true, 'mfa_required');
      record(
        ctx,
        {
          type: 'mac.mfa.request',
          app: 'system.login.console',
          transaction: event.txn,
          challenge: { id: `${event.txn}.m`, factor: 'desktop_mfa' },
          mac: macContext(ctx, 'mfa_plugin', 'login_window'),
        },
        event.label,
      );
      ctx.waiting = event;
      const request: LoginRequest = {
        type: 'LOGIN',
        txn: event.txn,
        app: DESKTOP_MFA_APP,
        origin: event.origin,
        device: ctx.mac.device,
        passwordOk: true,
        factor: 'desktop_mfa',
        replyTo: self,
        label: event.label,
        mac: ctx.mac,
      };
      ctx.world.deliver(ctx.idp, request, ctx.rng.logNormal(180, 0.4));
    },
    cancelWaiting: ({ context: ctx }) => {
      // A new password at the login window abandons the push still waiting; the IdP times that one out.
      const waiting = ctx.waiting;
      if (!waiting) return;
      ctx.waiting = undefined;
      mfaOutcome(ctx, waiting, false, 'cancelled');
      replyTo(ctx, waiting, false, 'cancelled');
    },
    mfaResult: ({ context: ctx, event }) => {
      if (event.type !== 'LOGIN_RESULT' || !ctx.waiting) return;
      const waiting = ctx.waiting;
      ctx.waiting = undefined;
      mfaOutcome(ctx, waiting, event.ok, event.reason);
      if (event.ok) startSession(ctx, waiting.txn, waiting.label);
      replyTo(ctx, waiting, event.ok, event.reason);
    },
    unlock: ({ context, event }) => {
      if (event.type !== 'AUTHENTICATE') return;
      loginAttempt(context, event, 'screen_unlock', true);
      record(
        context,
        {
          type: 'mac.session.unlock',
          session: context.session,
          outcome: 'success',
          mac: macContext(context, 'loginwindow', 'screen_unlock'),
        },
        event.label,
      );
      replyTo(context, event, true, 'password');
    },
    unlockFailed: ({ context, event }) => {
      if (event.type !== 'AUTHENTICATE') return;
      loginAttempt(context, event, 'screen_unlock', false, 'bad_password');
      replyTo(context, event, false, 'bad_password');
    },
    remoteLogin: ({ context, event }) => {
      if (event.type !== 'REMOTE_LOGIN' || !context.mac.remoteAccess) return;
      const ssh = event.method === 'ssh';
      record(
        context,
        {
          type: 'mac.login',
          app: ssh ? 'sshd' : 'screensharing',
          outcome: event.passwordOk ? 'success' : 'failure',
          reason: event.passwordOk ? undefined : 'bad_password',
          mac: { ...macContext(context, ssh ? 'sshd' : 'screensharingd', event.method), remoteIp: event.ip },
        },
        event.label,
      );
    },
  },
}).createMachine({
  id: 'mac',
  context: ({ input }) => ({ ...input, sessions: 0 }),
  initial: 'start',
  on: {
    REMOTE_LOGIN: { actions: 'remoteLogin' },
    RESTART: { target: '.loginWindow.idle', actions: 'boot' },
  },
  states: {
    start: {
      always: [{ guard: ({ context }) => context.startsOff, target: 'off' }, { target: 'loginWindow.asleep' }],
    },
    off: {
      on: { WAKE: { target: 'loginWindow.idle', actions: 'boot' } },
    },
    loginWindow: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            SLEEP: { target: 'asleep', actions: 'sleep' },
            AUTHENTICATE: [
              { guard: 'needsMfa', target: 'authenticating', actions: 'requestMfa' },
              { guard: 'passwordOk', target: '#mac.session.unlocked', actions: 'consoleLoginNoMfa' },
              { actions: 'consoleLoginFailed' },
            ],
          },
        },
        authenticating: {
          on: {
            LOGIN_RESULT: [
              { guard: 'approved', target: '#mac.session.unlocked', actions: 'mfaResult' },
              { guard: 'isWaitedResult', target: 'idle', actions: 'mfaResult' },
            ],
            AUTHENTICATE: [{ guard: 'needsMfa', actions: ['cancelWaiting', 'requestMfa'] }, { actions: 'consoleLoginFailed' }],
            SLEEP: { target: 'asleep', actions: 'sleep' },
          },
        },
        asleep: {
          on: { WAKE: { target: 'idle', actions: 'wake' } },
        },
      },
    },
    session: {
      initial: 'unlocked',
      on: { RESTART: { target: 'loginWindow.idle', actions: ['endSession', 'boot'] } },
      states: {
        unlocked: {
          on: {
            // Someone is at the Mac in a session: a password typed by another hand goes nowhere (the sender is told).
            AUTHENTICATE: { actions: 'inUse' },
            LOCK: { target: 'locked', actions: 'lock' },
            LOGOUT: { target: '#mac.loginWindow.idle', actions: 'endSession' },
            SLEEP: { target: 'asleep', actions: ['lock', 'sleep'] },
          },
        },
        locked: {
          on: {
            AUTHENTICATE: [{ guard: 'passwordOk', target: 'unlocked', actions: 'unlock' }, { actions: 'unlockFailed' }],
            LOGOUT: { target: '#mac.loginWindow.idle', actions: 'endSession' },
            SLEEP: { target: 'asleep', actions: 'sleep' },
          },
        },
        asleep: {
          on: { WAKE: { target: 'locked', actions: 'wake' } },
        },
      },
    },
  },
});

function mfaResultOf(reason: string): 'approved' | 'denied' | 'timeout' | 'fraud' | 'wrong_number' | 'error' {
  switch (reason) {
    case 'approved':
    case 'denied':
    case 'timeout':
    case 'fraud':
    case 'wrong_number':
      return reason;
    default:
      return 'error';
  }
}

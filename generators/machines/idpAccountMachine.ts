import { setup } from 'xstate';
import type { Device } from '../../engine/model/generated/event.ts';
import type { TimerHandle } from '../clock/VirtualClock.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { WorldPort } from '../world/WorldPort.ts';
import type { IdpEvent, LoginRequest, LoginResult, PushMessage } from '../world/messages.ts';

type ChallengeFactor = PushMessage['factor'];

interface PendingChallenge {
  request: LoginRequest;
  /** The scheduled CHALLENGE_TIMEOUT, recalled when the answer comes first. */
  timeout?: TimerHandle;
  challengeId: string;
  factor: ChallengeFactor;
  label?: string;
}

/** Input of {@link idpAccountMachine}: one user's account at the identity provider. */
export interface IdpAccountInput {
  world: WorldPort;
  cell: number;
  login: string;
  rng: RandomStream;
  /** The phone enrolled for push. */
  phone: Device;
  /**
   * Device ids and source IPs the IdP remembers for this user (their Mac, office and home): only sign-ins from
   * these may skip MFA, so an attacker's new browser never does.
   */
  trusted: ReadonlySet<string>;
  /** The user's time zone: an outage may reach one region only. */
  timeZone: string;
}

/**
 * Mutable per-account state. Actions mutate it in place: `assign` would copy it on every transition, and the IdP is
 * the busiest actor of the world.
 */
export interface IdpAccountContext extends IdpAccountInput {
  pending: Map<string, PendingChallenge>;
  /** Consecutive primary-factor failures (denied pushes do not count, as in Okta). */
  failures: number;
  /** Times of recent challenges, for the per-user rate limit. */
  recent: number[];
  challenges: number;
  sessions: number;
}

/** The challenge a sign-in gets: desktop MFA from the Mac plug-in, else a push, with number matching if enforced. */
const challengeFactor = (ctx: IdpAccountContext, request: LoginRequest): ChallengeFactor =>
  request.factor === 'desktop_mfa' ? 'desktop_mfa' : ctx.world.scenario.idp.numberMatching ? 'push_number' : 'push';

const challengeIdOf = (ctx: IdpAccountContext, txn: string) => `${txn}.c${(ctx.challenges++).toString(36)}`;

function reply(ctx: IdpAccountContext, request: LoginRequest, ok: boolean, reason: string, delay: number): void {
  const result: LoginResult = { type: 'LOGIN_RESULT', txn: request.txn, ok, reason };
  ctx.world.deliver(request.replyTo, result, delay);
}

function emitPrimary(ctx: IdpAccountContext, request: LoginRequest, ok: boolean, reason?: string): void {
  // The Mac plug-in checks the password locally; only browser sign-ins show a primary attempt at the IdP.
  if (request.factor === 'desktop_mfa') return;
  ctx.world.emit(
    ctx.cell,
    {
      id: '',
      time: ctx.world.clock.now(),
      source: 'idp',
      type: 'auth.attempt',
      user: ctx.login,
      origin: request.origin,
      device: request.device,
      app: request.app,
      transaction: request.txn,
      outcome: ok ? 'success' : 'failure',
      reason,
    },
    request.label,
  );
}

function startSession(ctx: IdpAccountContext, request: LoginRequest, reason: string, label?: string): void {
  ctx.world.emit(
    ctx.cell,
    {
      id: '',
      time: ctx.world.clock.now(),
      source: 'idp',
      type: 'session.start',
      user: ctx.login,
      origin: request.origin,
      device: request.device,
      app: request.app,
      transaction: request.txn,
      session: `${request.txn}.s${(ctx.sessions++).toString(36)}`,
      outcome: 'success',
      reason,
    },
    label,
  );
}

function emitChallenge(
  ctx: IdpAccountContext,
  request: LoginRequest,
  challengeId: string,
  factor: ChallengeFactor,
  sent: boolean,
  reason: string | undefined,
  label: string | undefined,
): void {
  ctx.world.emit(
    ctx.cell,
    {
      id: '',
      time: ctx.world.clock.now(),
      source: 'idp',
      type: 'mfa.challenge',
      user: ctx.login,
      origin: request.origin,
      device: request.device,
      app: request.app,
      transaction: request.txn,
      challenge: { id: challengeId, factor },
      outcome: sent ? 'success' : 'failure',
      reason,
    },
    label,
  );
}

function emitResult(
  ctx: IdpAccountContext,
  pending: PendingChallenge,
  result: 'approved' | 'denied' | 'timeout' | 'fraud' | 'wrong_number',
  reason?: string,
): void {
  const { request } = pending;
  ctx.world.emit(
    ctx.cell,
    {
      id: '',
      time: ctx.world.clock.now(),
      source: 'idp',
      type: 'mfa.result',
      user: ctx.login,
      origin: request.origin,
      device: request.device,
      app: request.app,
      transaction: request.txn,
      challenge: { id: pending.challengeId, factor: pending.factor, result },
      outcome: result === 'approved' ? 'success' : 'failure',
      reason: reason ?? result,
    },
    pending.label,
  );
}

/**
 * One user's account at the identity provider: primary factor check, push issue and timeout, number matching,
 * per-user rate limit, lockout after primary failures, and the reaction to a fraud report (pushes muted for a while,
 * as Duo does).
 *
 * States: `active` (normal), `locked` (after too many bad passwords), `muted` (after a fraud report).
 * Every challenge it issues gets exactly one `mfa.result`: an answer, or a timeout, whichever comes first.
 */
export const idpAccountMachine = setup({
  types: {
    context: {} as IdpAccountContext,
    events: {} as IdpEvent,
    input: {} as IdpAccountInput,
  },
  guards: {
    locksAccount: ({ context, event }) =>
      event.type === 'LOGIN' &&
      !event.passwordOk &&
      event.factor === 'push' &&
      context.failures + 1 >= context.world.scenario.idp.lockout.failures,
    isFraudReport: ({ context, event }) =>
      event.type === 'ANSWER' && event.response === 'fraud' && context.pending.has(event.txn) && context.world.scenario.idp.fraudMuteMs > 0,
  },
  delays: {
    lockout: ({ context }) => context.world.scenario.idp.lockout.durationMs,
    fraudMute: ({ context }) => context.world.scenario.idp.fraudMuteMs,
  },
  actions: {
    login: ({ context: ctx, event }) => {
      if (event.type !== 'LOGIN') return;
      const policy = ctx.world.scenario.idp;
      const now = ctx.world.clock.now();
      if (!event.passwordOk) {
        ctx.failures++;
        emitPrimary(ctx, event, false, 'bad_password');
        reply(ctx, event, false, 'bad_password', 150);
        return;
      }
      ctx.failures = 0;
      emitPrimary(ctx, event, true);
      if (
        event.factor === 'push' &&
        (ctx.trusted.has(event.origin.ip) || (event.device !== undefined && ctx.trusted.has(event.device.id))) &&
        ctx.rng.chance(policy.mfaSkip)
      ) {
        startSession(ctx, event, 'remembered_device', event.label);
        reply(ctx, event, true, 'skipped', 200);
        return;
      }
      if (policy.rateLimit.enabled) {
        const from = now - policy.rateLimit.perMs;
        let drop = 0;
        while (drop < ctx.recent.length && ctx.recent[drop] <= from) drop++;
        if (drop > 0) ctx.recent.splice(0, drop);
        if (ctx.recent.length >= policy.rateLimit.challenges) {
          ctx.world.emit(
            ctx.cell,
            {
              id: '',
              time: now,
              source: 'idp',
              type: 'rate.limit',
              user: ctx.login,
              origin: event.origin,
              device: event.device,
              app: event.app,
              transaction: event.txn,
              outcome: 'failure',
              reason: 'rate_limited',
            },
            event.label,
          );
          reply(ctx, event, false, 'rate_limited', 150);
          return;
        }
        ctx.recent.push(now);
      }
      const factor = challengeFactor(ctx, event);
      const challengeId = challengeIdOf(ctx, event.txn);
      const outage = ctx.world.outageAt(now, event.app, ctx.timeZone) !== undefined;
      const label = event.label ?? (outage ? 'noise:outage' : undefined);
      emitChallenge(ctx, event, challengeId, factor, true, undefined, label);
      const pending: PendingChallenge = { request: event, challengeId, factor, label };
      ctx.pending.set(event.txn, pending);
      if (!outage) {
        const push: PushMessage = {
          type: 'PUSH',
          txn: event.txn,
          factor,
          app: event.app,
          origin: event.origin,
          label,
        };
        ctx.world.deliver(ctx.world.cell(ctx.cell).phone, push, ctx.rng.logNormal(900, 0.6));
      }
      pending.timeout = ctx.world.deliver(
        ctx.world.cell(ctx.cell).idp,
        { type: 'CHALLENGE_TIMEOUT', txn: event.txn },
        policy.pushTimeoutMs,
      );
    },
    lockAccount: ({ context: ctx, event }) => {
      if (event.type !== 'LOGIN') return;
      ctx.failures++;
      emitPrimary(ctx, event, false, 'bad_password');
      ctx.world.emit(
        ctx.cell,
        {
          id: '',
          time: ctx.world.clock.now(),
          source: 'idp',
          type: 'account.lock',
          user: ctx.login,
          origin: event.origin,
          app: event.app,
          transaction: event.txn,
          outcome: 'success',
          reason: 'too_many_failures',
        },
        event.label,
      );
      reply(ctx, event, false, 'locked_out', 150);
    },
    rejectLocked: ({ context: ctx, event }) => {
      if (event.type !== 'LOGIN') return;
      emitPrimary(ctx, event, false, 'locked_out');
      reply(ctx, event, false, 'locked_out', 150);
    },
    rejectMuted: ({ context: ctx, event }) => {
      if (event.type !== 'LOGIN') return;
      if (!event.passwordOk) {
        emitPrimary(ctx, event, false, 'bad_password');
        reply(ctx, event, false, 'bad_password', 150);
        return;
      }
      emitPrimary(ctx, event, true);
      const factor = challengeFactor(ctx, event);
      const pending: PendingChallenge = {
        request: event,
        challengeId: challengeIdOf(ctx, event.txn),
        factor,
        label: event.label,
      };
      // Muted: the IdP refuses to send the push and says so at once (Duo: denied after a fraud report).
      emitChallenge(ctx, event, pending.challengeId, factor, false, 'muted', event.label);
      emitResult(ctx, pending, 'denied', 'muted');
      reply(ctx, event, false, 'muted', 150);
    },
    answer: ({ context: ctx, event }) => {
      if (event.type !== 'ANSWER') return;
      const pending = ctx.pending.get(event.txn);
      if (!pending) return; // answered after the timeout: the IdP ignores it
      ctx.pending.delete(event.txn);
      if (pending.timeout) ctx.world.recall(pending.timeout);
      let result: 'approved' | 'denied' | 'fraud' | 'wrong_number';
      if (event.response === 'approve') {
        result = pending.factor === 'push_number' && !event.numberCorrect ? 'wrong_number' : 'approved';
      } else {
        result = event.response === 'deny' ? 'denied' : 'fraud';
      }
      emitResult(ctx, pending, result);
      if (result === 'approved') startSession(ctx, pending.request, 'mfa', pending.label);
      reply(ctx, pending.request, result === 'approved', result, 250);
    },
    timeout: ({ context: ctx, event }) => {
      if (event.type !== 'CHALLENGE_TIMEOUT') return;
      const pending = ctx.pending.get(event.txn);
      if (!pending) return;
      ctx.pending.delete(event.txn);
      emitResult(ctx, pending, 'timeout');
      reply(ctx, pending.request, false, 'timeout', 250);
    },
    enroll: ({ context: ctx, event }) => {
      if (event.type !== 'ENROLL') return;
      const now = ctx.world.clock.now();
      const base = {
        id: '',
        source: 'idp' as const,
        user: ctx.login,
        origin: event.origin,
        transaction: ctx.world.nextTxn(ctx.cell),
        outcome: 'success' as const,
      };
      if (event.reset)
        ctx.world.emit(ctx.cell, { ...base, time: now, type: 'factor.reset', device: ctx.phone, reason: 'user_reset' }, event.label);
      ctx.world.emit(ctx.cell, { ...base, time: now, type: 'factor.enroll', device: event.device, reason: 'okta_verify' }, event.label);
      if (event.reset) ctx.phone = event.device;
    },
  },
}).createMachine({
  id: 'idpAccount',
  context: ({ input }) => ({
    ...input,
    pending: new Map(),
    failures: 0,
    recent: [],
    challenges: 0,
    sessions: 0,
  }),
  initial: 'active',
  on: {
    ANSWER: { actions: 'answer' },
    CHALLENGE_TIMEOUT: { actions: 'timeout' },
    ENROLL: { actions: 'enroll' },
  },
  states: {
    active: {
      on: {
        LOGIN: [{ guard: 'locksAccount', target: 'locked', actions: 'lockAccount' }, { actions: 'login' }],
        ANSWER: [{ guard: 'isFraudReport', target: 'muted', actions: 'answer' }, { actions: 'answer' }],
      },
    },
    locked: {
      after: { lockout: { target: 'active', actions: ({ context }) => void (context.failures = 0) } },
      on: { LOGIN: { actions: 'rejectLocked' } },
    },
    muted: {
      after: { fraudMute: 'active' },
      on: {
        LOGIN: { actions: 'rejectMuted' },
        // A further fraud report restarts the mute; in `locked` a report never lifts the lockout.
        ANSWER: [{ guard: 'isFraudReport', target: 'muted', reenter: true, actions: 'answer' }, { actions: 'answer' }],
      },
    },
  },
});

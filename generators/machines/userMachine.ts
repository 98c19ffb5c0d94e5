import { setup, type AnyActorRef } from 'xstate';
import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { UserIdentity } from '../population/UserIdentity.ts';
import type { WorldPort } from '../world/WorldPort.ts';
import type { AnswerMessage, AuthenticateMessage, LoginRequest, PromptMessage, UserEvent } from '../world/messages.ts';
import type { ConferenceSeats } from '../population/conferenceSeats.ts';
import { planDay, type TravelOriginFor } from './_internal/planDay.ts';
import { hour, minute, second } from '../clock/durations.ts';
import type { VictimResponse } from '../scenario/ResolvedScenario.ts';

/** Input of {@link userMachine}. */
export interface UserInput {
  world: WorldPort;
  cell: number;
  rng: RandomStream;
  identity: UserIdentity;
  idp: AnyActorRef;
  phone: AnyActorRef;
  mac?: AnyActorRef;
  labMac?: AnyActorRef;
  travelOrigin: TravelOriginFor;
  /** Who goes to which conference, and the venues' networks. */
  conferenceSeats: ConferenceSeats;
  /** A fresh phone for a device change (drawn by the world from the user's stream). */
  newPhone: (rng: RandomStream) => Device & { kind: 'phone' };
}

interface OwnAttempt {
  kind: 'web' | 'mac' | 'lab';
  /** When it started: attempts nobody answered (a Mac that ignored the password) are forgotten after a day. */
  at: number;
  app: string;
  attempt: number;
  label?: string;
}

/** The user's mutable state. */
export interface UserContext extends UserInput {
  /** Sign-ins the user started and is waiting on, by transaction id. */
  own: Map<string, OwnAttempt>;
  /** Times of recent prompts the user did not ask for. */
  unsolicited: number[];
  itMessageAt: number;
  numberRelay: number;
  origin: NetworkOrigin;
  dayLabel?: string;
  approvedUnsolicited: number;
  /** The rule an attack set for answering unsolicited prompts, when one did; they are counted from its arrival. */
  rule?: { response: VictimResponse; since: number; prompts: number; decided?: boolean };
}

/**
 * An unsolicited prompt answered by the rule the scenario set for the attack: the deciding prompt gets its answer
 * (an approval with the right number, a fraud report), every prompt before it is left unanswered or denied as the
 * user's profile would, and after it every prompt is denied. `never` leaves or denies every prompt; `deniesAll`
 * denies each.
 */
function answerByRule(ctx: UserContext, event: PromptMessage, rule: NonNullable<UserContext['rule']>): void {
  const b = ctx.identity.behaviour;
  const n = ++rule.prompts;
  // Well inside any push timeout, so the rule's answer is the one the IdP records.
  const delay = Math.min(ctx.rng.logNormal(b.responseMedianS * 2.5 * second, 0.8), 20 * second);
  const r = rule.response;
  const decides =
    (r.kind === 'approvesAt' && n === r.n) ||
    (r.kind === 'reportsFraudAt' && n === r.n) ||
    (r.kind === 'approvesAfterContact' && ctx.itMessageAt >= rule.since && !rule.decided);
  if (decides) {
    rule.decided = true;
    if (r.kind === 'reportsFraudAt') answer(ctx, event, 'fraud', false, delay);
    else {
      ctx.approvedUnsolicited++;
      answer(ctx, event, 'approve', true, delay);
    }
    return;
  }
  if (r.kind === 'deniesAll' || rule.decided) {
    answer(ctx, event, 'deny', false, delay);
    return;
  }
  // Before the deciding prompt (or always, for never): the profile's share of denials, the rest left to time out.
  if (ctx.rng.chance(b.deny / Math.max(1 - b.fraud, 1e-9))) answer(ctx, event, 'deny', false, delay);
}

/**
 * How many times the user retries a failed sign-in: 3, as anyone does; during an outage that states how its users
 * retry (any failure then, a push that never came above all), the share who retry at all and each one's count, drawn
 * once per user and outage from the user's own stream (the same on every retry, whatever else the user drew).
 */
function retriesAllowed(ctx: UserContext, own: OwnAttempt): number {
  const found = ctx.world.outageAt(ctx.world.clock.now(), own.app, ctx.identity.timeZone);
  const retry = found?.outage.retry;
  if (!retry) return 3;
  const r = ctx.rng.fork(`outage-${found.index}`);
  if (!r.chance(retry.share)) return 0;
  return retry.min + Math.floor(r.float() * (retry.max - retry.min + 1));
}

function signIn(ctx: UserContext, self: AnyActorRef, app: string, attempt: number, label?: string, origin = ctx.origin): void {
  const txn = ctx.world.nextTxn(ctx.cell);
  const fatFinger = attempt === 0 && ctx.rng.chance(ctx.world.scenario.noise.fatFinger);
  const tag = label ?? (fatFinger ? 'noise:fat-finger' : attempt > 0 ? 'noise:retry' : ctx.dayLabel);
  ctx.own.set(txn, { kind: 'web', at: ctx.world.clock.now(), app, attempt, label: tag });
  const request: LoginRequest = {
    type: 'LOGIN',
    txn,
    app,
    origin,
    device: ctx.identity.mac?.device,
    passwordOk: !fatFinger,
    factor: 'push',
    replyTo: self,
    label: tag,
  };
  ctx.world.deliver(ctx.idp, request, ctx.rng.logNormal(250, 0.5));
}

function authenticateAtMac(ctx: UserContext, self: AnyActorRef, lab: boolean, attempt: number, delay: number, reason?: string): void {
  const mac = lab ? ctx.labMac : ctx.mac;
  if (!mac) return;
  const txn = ctx.world.nextTxn(ctx.cell);
  const fatFinger = attempt === 0 && ctx.rng.chance(ctx.world.scenario.noise.fatFinger);
  const label = fatFinger ? 'noise:fat-finger' : attempt > 0 ? 'noise:retry' : (reason ?? ctx.dayLabel);
  ctx.own.set(txn, { kind: lab ? 'lab' : 'mac', at: ctx.world.clock.now(), app: 'mac', attempt, label });
  const msg: AuthenticateMessage = { type: 'AUTHENTICATE', txn, passwordOk: !fatFinger, replyTo: self, label, origin: ctx.origin };
  ctx.world.deliver(mac, msg, delay);
}

function answer(ctx: UserContext, prompt: PromptMessage, response: AnswerMessage['response'], numberCorrect: boolean, delay: number): void {
  const msg: AnswerMessage = { type: 'ANSWER', txn: prompt.txn, response, numberCorrect };
  ctx.world.deliver(ctx.idp, msg, delay);
}

/** How likely the user is to look at a prompt at all, by where they are. */
const attention: Record<string, number> = { asleep: 0.2, away: 0.6, atDesk: 0.95, travelling: 0.1 };

/**
 * A person: time zone, work hours, sign-ins to several apps, at desk / away / asleep / travelling, how fast and how
 * reliably they answer a push, and how they treat a prompt they did not ask for — a behaviour profile that approves
 * rarely at first (about 1% for a typical user), more readily as prompts pile up, and more still after a "this is
 * IT" message. Missed pushes and typos lead to retries, as they do in real logs.
 */
export const userMachine = setup({
  types: {
    context: {} as UserContext,
    events: {} as UserEvent,
    input: {} as UserInput,
  },
  actions: {
    planDay: ({ context: ctx, self }) => {
      const now = ctx.world.clock.now();
      for (const [txn, own] of ctx.own) if (now - own.at > 24 * hour) ctx.own.delete(txn);
      const plan = planDay(now, ctx.identity, ctx.world.scenario, ctx.rng, ctx.travelOrigin, ctx.conferenceSeats);
      ctx.origin = plan.origin;
      ctx.dayLabel = plan.label;
      for (const item of plan.items) ctx.world.deliver(self, item.event, item.at - now);
      const watchers = ctx.world.cell(ctx.cell).dayWatchers;
      if (watchers) {
        const items = plan.items.map((item) => ({ at: item.at, type: item.event.type }));
        for (const watcher of watchers) ctx.world.deliver(watcher, { type: 'VICTIM_DAY', items }, 0);
      }
      ctx.world.deliver(self, { type: 'DAY' }, plan.nextDay - now);
    },
    signIn: ({ context, event, self }) => {
      if (event.type === 'SIGN_IN') signIn(context, self, event.app, event.attempt, event.label);
    },
    signInFromHome: ({ context, event, self }) => {
      if (event.type === 'SIGN_IN')
        signIn(context, self, event.app, event.attempt, event.label, context.dayLabel ? context.origin : context.identity.homeOrigin);
    },
    sitDown: ({ context: ctx, self }) => {
      if (!ctx.mac) return;
      ctx.world.deliver(ctx.mac, { type: 'WAKE' }, 0);
      authenticateAtMac(ctx, self, false, 0, ctx.rng.between(3, 12) * second);
    },
    unlockMac: ({ context: ctx, self }) => {
      if (!ctx.mac) return;
      ctx.world.deliver(ctx.mac, { type: 'WAKE' }, 0);
      authenticateAtMac(ctx, self, false, 0, ctx.rng.between(2, 8) * second);
    },
    lockMac: ({ context: ctx }) => {
      if (ctx.mac) ctx.world.deliver(ctx.mac, { type: 'LOCK' }, ctx.rng.between(1, 20) * second);
    },
    leaveMac: ({ context: ctx }) => {
      if (!ctx.mac) return;
      const logout = ctx.rng.chance(ctx.identity.logoutRate);
      ctx.world.deliver(ctx.mac, { type: logout ? 'LOGOUT' : 'LOCK' }, ctx.rng.between(1, 30) * second);
      ctx.world.deliver(ctx.mac, { type: 'SLEEP' }, ctx.rng.between(5, 45) * minute);
    },
    labStart: ({ context: ctx, self }) => {
      if (!ctx.labMac) return;
      ctx.world.deliver(ctx.labMac, { type: 'WAKE' }, 0);
      authenticateAtMac(ctx, self, true, 0, ctx.rng.between(20, 90) * second);
    },
    labEnd: ({ context: ctx }) => {
      if (!ctx.labMac) return;
      ctx.world.deliver(ctx.labMac, { type: 'LOGOUT' }, 0);
      ctx.world.deliver(ctx.labMac, { type: 'SLEEP' }, ctx.rng.between(10, 30) * minute);
    },
    macRetry: ({ context, event, self }) => {
      if (event.type === 'MAC_RETRY') authenticateAtMac(context, self, event.lab, event.attempt, 0);
    },
    remote: ({ context: ctx, event }) => {
      if (event.type !== 'REMOTE' || !ctx.mac) return;
      const ip = ctx.identity.homeOrigin.ip;
      const typo = ctx.rng.chance(ctx.world.scenario.noise.fatFinger);
      if (typo)
        ctx.world.deliver(ctx.mac, { type: 'REMOTE_LOGIN', method: event.method, ip, passwordOk: false, label: 'noise:fat-finger' }, 0);
      ctx.world.deliver(
        ctx.mac,
        { type: 'REMOTE_LOGIN', method: event.method, ip, passwordOk: true },
        typo ? ctx.rng.between(5, 20) * second : 0,
      );
    },
    boardPlane: ({ context: ctx, event, self }) => {
      if (event.type !== 'TRAVEL_START') return;
      ctx.world.deliver(ctx.phone, { type: 'OFFLINE' }, 0);
      ctx.world.deliver(self, { type: 'LANDED' }, event.until - ctx.world.clock.now());
    },
    land: ({ context: ctx }) => ctx.world.deliver(ctx.phone, { type: 'ONLINE' }, 0),
    newPhone: ({ context: ctx, event, self }) => {
      if (event.type !== 'NEW_PHONE' && event.type !== 'ENROL_FACTOR') return;
      const device = ctx.newPhone(ctx.rng);
      const reset = event.type === 'NEW_PHONE';
      ctx.world.deliver(ctx.idp, { type: 'ENROLL', device, origin: ctx.origin, label: event.label, reset }, 500);
      if (reset) ctx.world.deliver(ctx.phone, { type: 'REPLACE', device }, 0);
      // Enrolment ends with a verification push, which the user expects and approves.
      ctx.world.deliver(self, { type: 'SIGN_IN', app: 'Okta Verify enrollment', attempt: 0, label: event.label }, 90 * second);
    },
    responseRule: ({ context, event }) => {
      if (event.type !== 'RESPONSE_RULE') return;
      context.rule = { response: event.rule, since: context.world.clock.now(), prompts: 0 };
    },
    macReenrol: ({ context: ctx, event, self }) => {
      if (event.type !== 'MAC_REENROL' || !ctx.mac) return;
      // Each prompt: the plug-in signs the user out, and they sign in again at the login window, a few minutes apart.
      let at = 0;
      for (let k = 0; k < event.prompts; k++) {
        ctx.world.deliver(ctx.mac, { type: 'LOGOUT' }, at);
        authenticateAtMac(ctx, self, false, 0, at + ctx.rng.between(5, 15) * second, event.label);
        at += ctx.rng.between(2, 6) * 60 * second;
      }
    },
    macRestart: ({ context: ctx, event }) => {
      if (event.type !== 'MAC_RESTART' || !ctx.mac) return;
      ctx.world.deliver(ctx.mac, { type: 'RESTART', label: event.label }, 0);
    },
    itMessage: ({ context, event }) => {
      if (event.type !== 'IT_MESSAGE') return;
      context.itMessageAt = context.world.clock.now();
      context.numberRelay = event.numberRelay;
    },
    result: ({ context: ctx, event, self }) => {
      if (event.type !== 'LOGIN_RESULT') return;
      const own = ctx.own.get(event.txn);
      if (!own) return;
      ctx.own.delete(event.txn);
      if (event.ok || own.attempt >= retriesAllowed(ctx, own)) return;
      let delay: number;
      switch (event.reason) {
        case 'bad_password':
          delay = ctx.rng.between(4, 20) * second;
          break;
        case 'timeout':
        case 'denied':
        case 'wrong_number':
          delay = ctx.rng.between(20, 120) * second;
          break;
        case 'rate_limited':
        case 'muted':
          delay = ctx.rng.between(5, 25) * minute;
          break;
        default:
          return; // locked out: the user calls the help desk and stops trying
      }
      if (own.kind === 'web') {
        ctx.world.deliver(
          self,
          { type: 'SIGN_IN', app: own.app, attempt: own.attempt + 1, label: own.label?.startsWith('noise:enrol') ? own.label : undefined },
          delay,
        );
      } else {
        ctx.world.deliver(self, { type: 'MAC_RETRY', attempt: own.attempt + 1, lab: own.kind === 'lab' }, delay);
      }
    },
    prompt: ({ context: ctx, event, self }) => {
      if (event.type !== 'PROMPT') return;
      const snapshot = self.getSnapshot() as { value: unknown };
      const where = typeof snapshot.value === 'string' ? snapshot.value : 'away';
      const now = ctx.world.clock.now();
      const noise = ctx.world.scenario.noise;
      const b = ctx.identity.behaviour;
      if (ctx.own.has(event.txn)) {
        // A push the user asked for: usually approved within seconds, sometimes missed or denied by mistake.
        if (ctx.rng.chance(noise.missedPush)) return;
        const delay = ctx.rng.logNormal(b.responseMedianS * second, 0.6);
        answer(ctx, event, ctx.rng.chance(noise.denyOwnPush) ? 'deny' : 'approve', !ctx.rng.chance(0.01), delay);
        return;
      }
      const recentFrom = now - 2 * hour;
      while (ctx.unsolicited.length > 0 && ctx.unsolicited[0] < recentFrom) ctx.unsolicited.shift();
      ctx.unsolicited.push(now);
      if (ctx.rule) {
        answerByRule(ctx, event, ctx.rule);
        return;
      }
      if (!ctx.rng.chance(attention[where] ?? 0.6)) return;
      const n = ctx.unsolicited.length;
      const itRecent = now - ctx.itMessageAt < 2 * hour;
      let p = b.approveBase * (1 + b.approveGrowth * (n - 1));
      if (itRecent) p *= b.itMultiplier;
      if (where === 'asleep') p *= 1.5;
      if (p > 0.9) p = 0.9;
      const delay = ctx.rng.logNormal(b.responseMedianS * 2.5 * second, 0.8);
      if (ctx.rng.chance(p)) {
        ctx.approvedUnsolicited++;
        const vendorGuess = ctx.world.scenario.idp.vendor === 'okta' ? 1 / 3 : 0.05;
        const numberCorrect =
          event.factor !== 'push_number' || (itRecent && ctx.rng.chance(ctx.numberRelay)) || ctx.rng.chance(vendorGuess);
        answer(ctx, event, 'approve', numberCorrect, delay);
        return;
      }
      const r = ctx.rng.float();
      if (r < b.fraud) answer(ctx, event, 'fraud', false, delay);
      else if (r < b.fraud + b.deny) answer(ctx, event, 'deny', false, delay);
      // else: ignored, and the IdP times the push out
    },
  },
}).createMachine({
  id: 'user',
  context: ({ input }) => ({
    ...input,
    own: new Map(),
    unsolicited: [],
    itMessageAt: -Infinity,
    numberRelay: 0,
    origin: input.identity.homeOrigin,
    approvedUnsolicited: 0,
  }),
  // The run can start at any local hour: the user starts out awake and plans the rest of that day; the plan's own
  // SLEEP puts them to bed.
  initial: 'away',
  entry: 'planDay',
  on: {
    PROMPT: { actions: 'prompt' },
    LOGIN_RESULT: { actions: 'result' },
    IT_MESSAGE: { actions: 'itMessage' },
    RESPONSE_RULE: { actions: 'responseRule' },
    MAC_RESTART: { actions: 'macRestart' },
    MAC_REENROL: { actions: 'macReenrol' },
    NEW_PHONE: { actions: 'newPhone' },
    ENROL_FACTOR: { actions: 'newPhone' },
    TRAVEL_START: { target: '.travelling', actions: 'boardPlane' },
    SLEEP: { target: '.asleep' },
    LANDED: { target: '.away', actions: 'land' },
    DAY: { target: '.away', actions: 'planDay' },
  },
  states: {
    asleep: {},
    away: {
      on: {
        ARRIVE: { target: 'atDesk', actions: 'sitDown' },
        BACK: { target: 'atDesk', actions: 'unlockMac' },
        SIGN_IN: { actions: 'signInFromHome' },
        LAB_END: { actions: 'labEnd' },
        REMOTE: { actions: 'remote' },
      },
    },
    atDesk: {
      on: {
        SIGN_IN: { actions: 'signIn' },
        BREAK: { target: 'away', actions: 'lockMac' },
        LEAVE: { target: 'away', actions: 'leaveMac' },
        LAB_START: { actions: 'labStart' },
        LAB_END: { actions: 'labEnd' },
        MAC_RETRY: { actions: 'macRetry' },
      },
    },
    travelling: {},
  },
});

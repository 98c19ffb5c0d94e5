import { not, setup, type AnyActorRef } from 'xstate';
import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { ResolvedAttack } from '../scenario/ResolvedScenario.ts';
import type { UserIdentity } from '../population/UserIdentity.ts';
import { localMidnight, localWeekday } from '../population/zoneOffset.ts';
import { intoWorkingHours, workdayPushTimes } from './_internal/slowPushTimes.ts';
import type { WorldPort } from '../world/WorldPort.ts';
import type { AttackerEvent, AuthenticateMessage, LoginRequest, VictimDayMessage } from '../world/messages.ts';
import { day, hour } from '../clock/durations.ts';

/** Input of {@link attackerMachine}: one attacker against one target (a spray has one per target). */
export interface AttackerInput {
  world: WorldPort;
  /** The victim's cell: every record of the attack concerns the victim. */
  cell: number;
  rng: RandomStream;
  incidentId: string;
  attack: ResolvedAttack;
  victim: UserIdentity;
  victimUser: AnyActorRef;
  victimIdp: AnyActorRef;
  victimMac?: AnyActorRef;
  /** First attempt, UTC epoch ms. */
  startAt: number;
  /** Egress addresses, used in turn (rotating every `attack.sources.rotateEvery` attempts). */
  sources: NetworkOrigin[];
  /** The attacker's own browser and the phone they enrol after a compromise. */
  device: Device;
  phone: Device;
  /** The application the attacker signs in to (one they know the victim uses). */
  app: string;
}

/** What any attacker did, scripted or not: read into the truth file when the run ends. */
export interface AttackRecord {
  attempts: number;
  sourcesUsed: string[];
  firstAt: number | null;
  lastAt: number | null;
  compromisedAt: number | null;
  socialEngineeringAt: number | null;
  factorEnrolledAt: number | null;
  /** Each burst's first and last attempt (a recurring attack's; empty otherwise). */
  bursts: Array<{ start: number; end: number }>;
}

/** An attacker's record before its first action. */
export function freshAttackRecord(): AttackRecord {
  return {
    attempts: 0,
    sourcesUsed: [],
    firstAt: null,
    lastAt: null,
    compromisedAt: null,
    socialEngineeringAt: null,
    factorEnrolledAt: null,
    bursts: [],
  };
}

/** What the attacker did, and where its bursts stand. */
export interface AttackerContext extends AttackerInput, AttackRecord {
  /** The burst under way (0 for the first; a recurring attack has `repeat.times`). */
  burst: number;
  /** When the burst under way (or next) is due. */
  due: number;
  /** low-and-slow with `pushesPerDay`: the times of the pushes after the first, drawn at the first gap. */
  slowSchedule: number[] | null;
}

/**
 * When the next burst of a recurring attack is due: `repeat.every` after the last one was due, moved off the
 * victim's weekend (their local Saturday and Sunday) when `workdaysOnly`, so eight workday bursts are eight workdays.
 */
function nextBurstDue(ctx: AttackerContext): number {
  const repeat = ctx.attack.repeat!;
  let due = ctx.due + repeat.everyMs;
  if (repeat.workdaysOnly) {
    for (let i = 0; i < 7; i++) {
      const weekday = localWeekday(ctx.victim.timeZone, due);
      if (weekday >= 1 && weekday <= 5) break;
      due += day;
    }
  }
  return due;
}

/**
 * The start a `relativeTo` anchor gives on the day a victim just planned: the moment of their plan (first or last
 * sign-in, arrival, lunch) plus the offset and a uniform share of the jitter, never before now; undefined on a day
 * before the attack's, or one without that moment (the attacker waits for the victim's next day).
 */
function anchoredStart(ctx: AttackerContext, items: VictimDayMessage['items']): number | undefined {
  const anchor = ctx.attack.anchor;
  if (!anchor || !('relativeTo' in anchor)) return undefined;
  const now = ctx.world.clock.now();
  const scenario = ctx.world.scenario;
  const dayIndex = Math.floor((localMidnight(ctx.victim.timeZone, now + hour) + 12 * hour - scenario.startMs) / day);
  if (dayIndex < ctx.attack.at.day) return undefined;
  const kind = { firstSignIn: 'SIGN_IN', lastSignIn: 'SIGN_IN', workStart: 'ARRIVE', lunch: 'BREAK' }[anchor.relativeTo];
  const times = items.filter((i) => i.type === kind).map((i) => i.at);
  if (times.length === 0) return undefined;
  const moment = anchor.relativeTo === 'lastSignIn' ? Math.max(...times) : Math.min(...times);
  return Math.round(Math.max(now + 1000, moment + anchor.offsetMs + ctx.rng.fork('anchor').float() * anchor.jitterMs));
}

function gap(ctx: AttackerContext): number {
  const a = ctx.attack;
  const jittered = a.intervalMs * (1 + a.jitter * (2 * ctx.rng.float() - 1));
  if (a.strategy !== 'low-and-slow') return Math.max(1000, jittered);
  // Low and slow: pushes at plausible times for the victim so they blend in — in their working hours on workdays,
  // either `pushesPerDay` a workday or `interval` apart (moved into the next working hours when it falls outside).
  const now = ctx.world.clock.now();
  if (a.pushesPerDay !== undefined) {
    ctx.slowSchedule ??= workdayPushTimes(ctx.startAt, ctx.victim, a.pushesPerDay, a.pushes, ctx.rng.fork('workday-pushes'));
    const next = ctx.slowSchedule[ctx.attempts - 1];
    return next === undefined ? 1000 : Math.max(1000, next - now);
  }
  return Math.max(1000, intoWorkingHours(now + jittered, ctx.victim, ctx.rng) - now);
}

/**
 * An attacker who holds the victim's password and triggers MFA challenges until the victim approves or the budget
 * of attempts is spent: bursts, low-and-slow over days, night-time storms, sprays (one attacker per target),
 * rotating egress IPs, login-window attempts at a physically reachable Mac (restart, then type the password), a
 * "this is IT" message mid-burst, and enrolment of their own factor after a compromise.
 */
export const attackerMachine = setup({
  types: {
    context: {} as AttackerContext,
    events: {} as AttackerEvent,
    input: {} as AttackerInput,
  },
  guards: {
    approved: ({ event }) => event.type === 'LOGIN_RESULT' && event.ok,
    budgetLeft: ({ context }) => context.attempts < context.attack.pushes * (context.burst + 1),
    burstsLeft: ({ context }) => context.attack.repeat !== undefined && context.burst + 1 < context.attack.repeat.times,
    enrols: ({ context }) => context.attack.postCompromise.enrollFactor,
    anchored: ({ context }) => context.attack.anchor !== undefined && 'relativeTo' in context.attack.anchor,
    anchorFound: ({ context, event }) => event.type === 'VICTIM_DAY' && anchoredStart(context, event.items) !== undefined,
  },
  delays: {
    start: ({ context }) => Math.max(0, context.startAt - context.world.clock.now()),
    gap: ({ context }) => gap(context),
    postCompromise: ({ context }) => context.attack.postCompromise.afterMs,
    drain: ({ context }) => context.world.scenario.idp.pushTimeoutMs + 5000,
    // At once (a second) when the last burst overran the next one's time.
    nextBurst: ({ context }) => Math.max(1000, context.due - context.world.clock.now()),
  },
  actions: {
    attempt: ({ context: ctx, self }) => {
      const now = ctx.world.clock.now();
      const a = ctx.attack;
      const source = ctx.sources[Math.floor(ctx.attempts / a.sources.rotateEvery) % ctx.sources.length];
      if (ctx.attempts === ctx.attack.pushes * ctx.burst) ctx.bursts.push({ start: now, end: now });
      else ctx.bursts[ctx.bursts.length - 1].end = now;
      ctx.attempts++;
      ctx.firstAt ??= now;
      ctx.lastAt = now;
      // A scenario that says how the victim answers tells the victim before the first prompt reaches them.
      if (ctx.attempts === 1 && a.response) ctx.world.deliver(ctx.victimUser, { type: 'RESPONSE_RULE', rule: a.response }, 0);
      const txn = ctx.world.nextTxn(ctx.cell);
      // Each burst at a Mac starts from a restart: the login window, whoever used the Mac in between.
      const firstOfBurst = ctx.attempts === a.pushes * ctx.burst + 1;
      if (a.strategy === 'login-window' && ctx.victimMac && (a.sharedMac ? ctx.victim.labMac : ctx.victim.mac)) {
        if (firstOfBurst) ctx.world.deliver(ctx.victimMac, { type: 'RESTART', label: ctx.incidentId }, 0);
        const origin = ctx.victim.officeOrigin;
        if (!ctx.sourcesUsed.includes(origin.ip)) ctx.sourcesUsed.push(origin.ip);
        const msg: AuthenticateMessage = { type: 'AUTHENTICATE', txn, passwordOk: true, replyTo: self, label: ctx.incidentId, origin };
        ctx.world.deliver(ctx.victimMac, msg, firstOfBurst ? 45_000 : 0);
      } else {
        if (!ctx.sourcesUsed.includes(source.ip)) ctx.sourcesUsed.push(source.ip);
        const request: LoginRequest = {
          type: 'LOGIN',
          txn,
          app: ctx.app,
          origin: source,
          device: ctx.device,
          passwordOk: true,
          factor: 'push',
          replyTo: self,
          label: ctx.incidentId,
        };
        ctx.world.deliver(ctx.victimIdp, request, ctx.rng.logNormal(300, 0.5));
      }
      const se = a.socialEngineering;
      if (se && ctx.socialEngineeringAt === null && ctx.attempts >= se.afterPrompts) {
        ctx.socialEngineeringAt = now;
        ctx.world.deliver(ctx.victimUser, { type: 'IT_MESSAGE', channel: se.channel, numberRelay: se.numberRelay }, 20_000);
      }
    },
    anchor: ({ context, event }) => {
      if (event.type !== 'VICTIM_DAY') return;
      const start = anchoredStart(context, event.items)!;
      context.startAt = start;
      context.due = start;
    },
    rest: ({ context }) => {
      context.burst++;
      context.due = nextBurstDue(context);
    },
    compromised: ({ context }) => {
      context.compromisedAt ??= context.world.clock.now();
      context.lastAt = context.world.clock.now();
    },
    enrolFactor: ({ context: ctx }) => {
      const now = ctx.world.clock.now();
      ctx.factorEnrolledAt = now;
      ctx.lastAt = now;
      ctx.world.deliver(
        ctx.victimIdp,
        { type: 'ENROLL', device: ctx.phone, origin: ctx.sources[0], label: ctx.incidentId, reset: false },
        0,
      );
    },
  },
}).createMachine({
  id: 'attacker',
  context: ({ input }) => ({
    ...input,
    ...freshAttackRecord(),
    burst: 0,
    due: input.startAt,
    slowSchedule: null,
  }),
  initial: 'placing',
  states: {
    // Anchored to the victim's day, the start waits for the day's plan; otherwise it is known already.
    placing: {
      always: { guard: not('anchored'), target: 'waiting' },
      on: { VICTIM_DAY: { guard: 'anchorFound', target: 'waiting', actions: 'anchor' } },
    },
    waiting: {
      after: { start: 'attacking' },
    },
    attacking: {
      entry: 'attempt',
      on: { LOGIN_RESULT: { guard: 'approved', target: 'compromised', actions: 'compromised' } },
      after: { gap: [{ guard: 'budgetLeft', target: 'attacking', reenter: true }, { target: 'draining' }] },
    },
    draining: {
      // Outstanding pushes can still be approved until the IdP times them out.
      on: { LOGIN_RESULT: { guard: 'approved', target: 'compromised', actions: 'compromised' } },
      after: { drain: [{ guard: 'burstsLeft', target: 'resting', actions: 'rest' }, { target: 'done' }] },
    },
    // A recurring attack between bursts: the next starts when due (`repeat.every` after the last was due).
    resting: {
      on: { LOGIN_RESULT: { guard: 'approved', target: 'compromised', actions: 'compromised' } },
      after: { nextBurst: 'attacking' },
    },
    compromised: {
      always: { guard: not('enrols'), target: 'done' },
      after: { postCompromise: { target: 'done', actions: 'enrolFactor' } },
    },
    // Not a final state: results of pushes still outstanding keep arriving and are ignored here.
    done: {},
  },
});

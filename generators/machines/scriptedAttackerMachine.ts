import { setup, type AnyActorRef } from 'xstate';
import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import { networkByAsn, placeForCountry } from '../population/geo.ts';
import type { ResolvedStep } from '../scenario/ResolvedScenario.ts';
import type { AttackerEvent, AuthenticateMessage, LoginRequest } from '../world/messages.ts';
import { freshAttackRecord, type AttackRecord, type AttackerInput } from './attackerMachine.ts';

/** Input of {@link scriptedAttackerMachine}: an attacker's input, and the victim's lab Mac for `mac: lab` steps. */
export interface ScriptedAttackerInput extends AttackerInput {
  victimLabMac?: AnyActorRef;
}

/** What became of one step, for the truth. */
interface StepRecord {
  kind: ResolvedStep['kind'];
  at: number;
  /** False when the step could not be done: a login-window step on a victim without that Mac, an enrolment before any approval. */
  done: boolean;
  reason?: string;
}

/** One planned action: a step at its time, or the restart that precedes a Mac's first login-window step. */
type Planned = { at: number; step: ResolvedStep; index: number } | { at: number; restart: 'own' | 'lab' };

/** What the scripted attacker did, read into the truth like an attacker's. */
export interface ScriptedAttackerContext extends ScriptedAttackerInput, AttackRecord {
  plan: Planned[];
  next: number;
  steps: StepRecord[];
  /** The address of the latest push or password step: where the enrolment comes from. */
  lastOrigin: NetworkOrigin | null;
  /** Login-window attempts by transaction → their step record, to note one the Mac turned away. */
  pendingAt: Map<string, number>;
}

const restartLeadMs = 45_000;
const browserOs: Record<NonNullable<Extract<ResolvedStep, { kind: 'push' }>['device']>, Pick<Device, 'os' | 'osVersion'>> = {
  windows: { os: 'Windows', osVersion: '10' },
  linux: { os: 'Linux' },
  macos: { os: 'macOS', osVersion: '15.5' },
};

/**
 * The steps in time order (stable for equal times), each at `at` (absolute) or the attack's start plus `after`; a
 * Mac's first login-window step is preceded by a restart 45 s earlier, as an attacker at the keyboard would do.
 */
function planSteps(steps: readonly ResolvedStep[], startAt: number): Planned[] {
  const timed = steps.map((step, index) => ({ at: 'atMs' in step ? step.atMs : startAt + step.afterMs, step, index }));
  timed.sort((a, b) => a.at - b.at || a.index - b.index);
  const plan: Planned[] = [];
  const restarted = new Set<string>();
  for (const t of timed) {
    if (t.step.kind === 'loginWindow' && !restarted.has(t.step.mac)) {
      restarted.add(t.step.mac);
      plan.push({ at: t.at - restartLeadMs, restart: t.step.mac });
    }
    plan.push(t);
  }
  return plan.sort((a, b) => a.at - b.at);
}

/** Where a push or password step comes from: its own address when it names one, else the attack's next source. */
function originOf(ctx: ScriptedAttackerContext, step: { ip?: string; asn?: number; country?: string; proxy?: boolean }): NetworkOrigin {
  if (step.ip === undefined) {
    const source = ctx.sources[Math.floor(ctx.attempts / ctx.attack.sources.rotateEvery) % ctx.sources.length];
    return step.country === undefined ? source : { ...source, country: step.country };
  }
  const known = step.asn === undefined ? undefined : networkByAsn(step.asn);
  const country = step.country ?? known?.country;
  const place = country === undefined ? undefined : placeForCountry(country);
  return {
    ip: step.ip,
    ...(step.asn === undefined ? {} : { asn: step.asn }),
    ...(known ? { asOrg: known.network.asOrg } : {}),
    ...(place ? { country: place.country, city: place.city, lat: place.lat, lon: place.lon } : {}),
    proxy: step.proxy ?? false,
  };
}

function macOf(ctx: ScriptedAttackerContext, which: 'own' | 'lab'): AnyActorRef | undefined {
  return which === 'lab' ? (ctx.victim.labMac ? ctx.victimLabMac : undefined) : ctx.victim.mac ? ctx.victimMac : undefined;
}

/** Notes an attempt and its source, and tells the victim their response rule before the first prompt reaches them. */
function attempted(ctx: ScriptedAttackerContext, ip: string): void {
  if (ctx.attempts === 0 && ctx.attack.response) ctx.world.deliver(ctx.victimUser, { type: 'RESPONSE_RULE', rule: ctx.attack.response }, 0);
  ctx.attempts++;
  if (!ctx.sourcesUsed.includes(ip)) ctx.sourcesUsed.push(ip);
}

/** Performs one planned action at its time. */
function act(ctx: ScriptedAttackerContext, self: AnyActorRef): void {
  const now = ctx.world.clock.now();
  const planned = ctx.plan[ctx.next++];
  if ('restart' in planned) {
    const mac = macOf(ctx, planned.restart);
    if (mac) ctx.world.deliver(mac, { type: 'RESTART', label: ctx.incidentId }, 0);
    return;
  }
  const { step } = planned;
  const record: StepRecord = { kind: step.kind, at: now, done: true };
  ctx.firstAt ??= now;
  ctx.lastAt = now;
  switch (step.kind) {
    case 'push':
    case 'password': {
      const origin = originOf(ctx, step);
      ctx.lastOrigin = origin;
      attempted(ctx, origin.ip);
      const device = step.kind === 'push' && step.device ? { ...ctx.device, ...browserOs[step.device] } : ctx.device;
      const request: LoginRequest = {
        type: 'LOGIN',
        txn: ctx.world.nextTxn(ctx.cell),
        app: ctx.app,
        origin,
        device,
        passwordOk: step.kind === 'push' || step.ok,
        factor: 'push',
        replyTo: self,
        label: ctx.incidentId,
      };
      ctx.world.deliver(ctx.victimIdp, request, 0);
      break;
    }
    case 'loginWindow': {
      const mac = macOf(ctx, step.mac);
      if (!mac) {
        Object.assign(record, { done: false, reason: `the victim has no ${step.mac === 'lab' ? 'lab ' : ''}Mac` });
        break;
      }
      const origin = ctx.victim.officeOrigin;
      attempted(ctx, origin.ip);
      // At the keyboard: a key press wakes a sleeping Mac (or powers on a lab Mac that is off) before the password.
      ctx.world.deliver(mac, { type: 'WAKE' }, 0);
      const msg: AuthenticateMessage = {
        type: 'AUTHENTICATE',
        txn: ctx.world.nextTxn(ctx.cell),
        passwordOk: true,
        replyTo: self,
        label: ctx.incidentId,
        origin,
      };
      ctx.pendingAt.set(msg.txn, ctx.steps.length);
      ctx.world.deliver(mac, msg, 0);
      break;
    }
    case 'contact':
      ctx.socialEngineeringAt ??= now;
      ctx.world.deliver(ctx.victimUser, { type: 'IT_MESSAGE', channel: step.channel, numberRelay: step.numberRelay }, 0);
      break;
    case 'enrolFactor':
      if (ctx.compromisedAt === null) {
        Object.assign(record, { done: false, reason: 'the victim had approved no prompt yet' });
        break;
      }
      ctx.factorEnrolledAt ??= now;
      ctx.world.deliver(
        ctx.victimIdp,
        { type: 'ENROLL', device: ctx.phone, origin: ctx.lastOrigin ?? ctx.sources[0], label: ctx.incidentId, reset: false },
        0,
      );
      break;
  }
  ctx.steps.push(record);
}

/**
 * An attacker who follows a script: each step at its time — a push or a password guess from a given address, a
 * login-window attempt at the victim's Mac, the "this is IT" contact, the enrolment of their own phone — so an
 * incident report or a log excerpt can be replayed step by step. Unlike the other strategies it neither stops at an
 * approval nor retries: the script is what happened.
 */
export const scriptedAttackerMachine = setup({
  types: {
    context: {} as ScriptedAttackerContext,
    events: {} as AttackerEvent,
    input: {} as ScriptedAttackerInput,
  },
  guards: {
    more: ({ context }) => context.next < context.plan.length,
  },
  delays: {
    untilNext: ({ context }) => Math.max(0, context.plan[context.next].at - context.world.clock.now()),
    drain: ({ context }) => context.world.scenario.idp.pushTimeoutMs + 5000,
  },
  actions: {
    act: ({ context, self }) => act(context, self),
    compromised: ({ context, event }) => {
      if (event.type !== 'LOGIN_RESULT') return;
      if (event.ok) context.compromisedAt ??= context.world.clock.now();
      const index = context.pendingAt.get(event.txn);
      // The Mac was in use (its user had signed in again after the restart): the step could not be done.
      if (index !== undefined && event.reason === 'in_use')
        Object.assign(context.steps[index], { done: false, reason: 'the Mac was in use' });
    },
  },
}).createMachine({
  id: 'scripted-attacker',
  context: ({ input }) => ({
    ...input,
    plan: planSteps(input.attack.steps ?? [], input.startAt),
    next: 0,
    ...freshAttackRecord(),
    steps: [],
    lastOrigin: null,
    pendingAt: new Map(),
  }),
  on: { LOGIN_RESULT: { actions: 'compromised' } },
  initial: 'waiting',
  states: {
    waiting: {
      always: { guard: ({ context }) => context.next >= context.plan.length, target: 'draining' },
      after: { untilNext: 'acting' },
    },
    acting: {
      entry: 'act',
      always: [{ guard: 'more', target: 'waiting' }, { target: 'draining' }],
    },
    // Answers to the last prompts can still come until the IdP times them out.
    draining: { after: { drain: 'done' } },
    done: {},
  },
});

import { createActor, type AnyActorRef } from 'xstate';
import type { Incident } from '../../../engine/model/generated/truth.ts';
import { attackerMachine } from '../../machines/attackerMachine.ts';
import { scriptedAttackerMachine, type ScriptedAttackerInput } from '../../machines/scriptedAttackerMachine.ts';
import { idpAccountMachine } from '../../machines/idpAccountMachine.ts';
import { macMachine } from '../../machines/macMachine.ts';
import { phoneMachine } from '../../machines/phoneMachine.ts';
import { userMachine } from '../../machines/userMachine.ts';
import { addressIn, buildIdentity, drawPhone, originAt } from '../../population/buildIdentity.ts';
import { seatConferences } from '../../population/conferenceSeats.ts';
import { placeForCountry, residentialNetworks } from '../../population/geo.ts';
import type { UserIdentity } from '../../population/UserIdentity.ts';
import { createSeededFaker } from '../../random/createSeededFaker.ts';
import { RandomStream } from '../../random/RandomStream.ts';
import type { ResolvedAnchor, ResolvedScenario, VictimResponse } from '../../scenario/ResolvedScenario.ts';
import { formatDuration } from '../../../engine/model/duration/parseDuration.ts';
import type { SimulationProgress } from '../SimulationResult.ts';
import { World } from '../World.ts';
import { planAttacks } from './planAttacks.ts';
import type { RecordSink } from './RecordBuffer.ts';
import { hour } from '../../clock/durations.ts';

/** Options of {@link runPartition}. */
export interface PartitionOptions {
  /** This partition's number and the number of partitions: it runs the cells with `index % parts === part`. */
  part: number;
  parts: number;
  /** Called every `progressEvery` ms of virtual time (default 6 h). */
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
}

/** What one partition did: its incidents (with their place in the plan), counts and population figures. */
export interface PartitionRun {
  incidents: Array<{ order: number; incident: Incident }>;
  records: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
  transitions: number;
  macs: number;
  phones: number;
}

/**
 * Runs the cells of one partition of the world to the end of the scenario and hands every record to `sink` in
 * (time, cell, emission) order. Cells never share state — a user's actors and the attackers aimed at that user form
 * one cell; outages and attack plans are fixed by the scenario — so each cell's records are the same whichever
 * partition runs it, and merging partitions by (time, cell, seq) reproduces a single run byte for byte.
 */
export function runPartition(scenario: ResolvedScenario, sink: RecordSink, options: PartitionOptions): PartitionRun {
  const steps = partitionSteps(scenario, sink, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link runPartition} one progress step (`progressEvery` of virtual time) at a time: the generator yields after each
 * step and returns the run. A caller that awaits between steps lets the event loop turn — a Ctrl-C handler runs, a
 * progress bar draws — without changing a byte of the output.
 */
export function* partitionSteps(scenario: ResolvedScenario, sink: RecordSink, options: PartitionOptions): Generator<void, PartitionRun> {
  const owns = (cell: number) => cell % options.parts === options.part;
  const world = new World(scenario, sink);
  const clock = world.clock;
  const faker = createSeededFaker(scenario.startMs);
  const taken = new Set<string>();
  const labSeed = RandomStream.create(scenario.seed, 'lab-macs');
  const identities: UserIdentity[] = [];
  const toStart: AnyActorRef[] = [];
  const labMacs = new Set<string>();
  const conferenceSeats = seatConferences(scenario);
  const travelOrigin = (country: string, rng: RandomStream) => {
    const net = rng.pick(residentialNetworks(country));
    return originAt(addressIn(net, rng), net, placeForCountry(country));
  };

  for (let i = 0; i < scenario.population.users; i++) {
    const rng = RandomStream.create(scenario.seed, `user:${i}`);
    const identity = buildIdentity(i, scenario, rng, faker, taken, labSeed);
    identities.push(identity);
    if (identity.labMac) labMacs.add(identity.labMac.device.id);
    // Every partition draws every identity (logins are de-duplicated in index order; attacks pick targets among
    // all users), but creates actors only for its own cells.
    if (!owns(i)) continue;
    const phone = createActor(phoneMachine, { clock, input: { world, cell: i, rng: rng.fork('phone-actor'), device: identity.phone } });
    const idp = createActor(idpAccountMachine, {
      clock,
      input: {
        world,
        cell: i,
        login: identity.login,
        rng: rng.fork('idp'),
        phone: identity.phone,
        trusted: new Set([identity.officeOrigin.ip, identity.homeOrigin.ip, ...(identity.mac ? [identity.mac.device.id] : [])]),
        timeZone: identity.timeZone,
      },
    });
    const makeMac = (mac: NonNullable<UserIdentity['mac']>, startsOff: boolean, sub: string) =>
      createActor(macMachine, { clock, input: { world, cell: i, rng: rng.fork(sub), login: identity.login, mac, idp, startsOff } });
    const mac = identity.mac ? makeMac(identity.mac, false, 'mac-actor') : undefined;
    const labMac = identity.labMac ? makeMac(identity.labMac, true, 'lab-mac-actor') : undefined;
    const user = createActor(userMachine, {
      clock,
      input: {
        world,
        cell: i,
        rng: rng.fork('behaviour'),
        identity,
        idp,
        phone,
        mac,
        labMac,
        travelOrigin,
        conferenceSeats,
        newPhone: (r) => drawPhone(r),
      },
    });
    world.addCell({ index: i, identity, user, idp, phone, mac, labMac });
    for (const [ref, name] of [
      [phone, 'phone'],
      [idp, 'idp'],
      [mac, 'mac'],
      [labMac, 'lab-mac'],
      [user, 'user'],
    ] as const) {
      if (!ref) continue;
      world.watch(ref, `${name}:${i}`);
      toStart.push(ref);
    }
  }

  const plans = planAttacks(scenario, identities);
  const attackers = plans.flatMap((plan, order) => {
    if (!owns(plan.target)) return [];
    const cell = world.cell(plan.target);
    const input: ScriptedAttackerInput = {
      world,
      cell: plan.target,
      rng: plan.rng,
      incidentId: plan.incidentId,
      attack: plan.attack,
      victim: cell.identity,
      victimUser: cell.user,
      victimIdp: cell.idp,
      victimMac: plan.attack.sharedMac ? cell.labMac : cell.mac,
      victimLabMac: cell.labMac,
      startAt: plan.startAt,
      sources: plan.sources,
      device: plan.device,
      phone: plan.phone,
      app: plan.app,
    };
    // A script is played by its own machine; every other strategy by the attacker machine.
    const actor =
      plan.attack.strategy === 'script'
        ? createActor(scriptedAttackerMachine, { clock, input })
        : createActor(attackerMachine, { clock, input });
    if (plan.attack.anchor && 'relativeTo' in plan.attack.anchor) cell.dayWatchers = [...(cell.dayWatchers ?? []), actor];
    world.watch(actor, `attacker:${plan.incidentId}`);
    toStart.push(actor);
    return [{ order, actor }];
  });

  for (const actor of toStart) actor.start();

  const end = scenario.startMs + scenario.durationMs;
  const step = options.progressEvery ?? 6 * hour;
  if (!(step > 0)) throw new RangeError(`progressEvery must be a positive number of ms (got ${step})`);
  for (let t = scenario.startMs; t < end; ) {
    t = Math.min(end, t + step);
    world.advance(t);
    options.onProgress?.({ virtualTime: t, fraction: (t - scenario.startMs) / scenario.durationMs, records: world.records });
    yield;
  }
  world.finish();

  const incidents: PartitionRun['incidents'] = [];
  for (const { order, actor } of attackers) {
    const ctx = actor.getSnapshot().context;
    if (ctx.firstAt === null) continue; // planned after the end of the run
    const tally = world.tallies.get(ctx.incidentId);
    const compromisedAt = tally?.compromisedAt ?? null;
    incidents.push({
      order,
      incident: {
        id: ctx.incidentId,
        kind: ctx.attack.strategy,
        campaign: ctx.attack.name,
        target: ctx.victim.login,
        ...(ctx.attack.strategy === 'login-window' && (ctx.attack.sharedMac ? ctx.victim.labMac : ctx.victim.mac)
          ? { device: (ctx.attack.sharedMac ? ctx.victim.labMac : ctx.victim.mac)!.device.id }
          : {}),
        ...(ctx.victim.department === undefined ? {} : { department: ctx.victim.department }),
        ...((scenario.population.roles || ctx.attack.targetRole) && ctx.victim.roles ? { roles: [...ctx.victim.roles] } : {}),
        ...(ctx.attack.response ? { response: describeResponse(ctx.attack.response) } : {}),
        ...(ctx.attack.repeat ? { bursts: ctx.bursts.map((b) => ({ ...b })) } : {}),
        ...(ctx.attack.anchor ? { anchor: { rule: describeAnchor(ctx.attack.anchor), at: ctx.startAt } } : {}),
        ...('steps' in ctx ? { steps: ctx.steps.map((step) => ({ ...step })) } : {}),
        sources: ctx.sourcesUsed,
        start: ctx.firstAt,
        end: Math.max(ctx.lastAt ?? ctx.firstAt, compromisedAt ?? 0),
        compromisedAt,
        prompts: tally?.prompts ?? 0,
        socialEngineeringAt: ctx.socialEngineeringAt,
        factorEnrolledAt: ctx.factorEnrolledAt,
      },
    });
  }
  for (const actor of toStart) actor.stop();
  return {
    incidents,
    records: world.records,
    byType: world.byType,
    bySource: world.bySource,
    transitions: clock.firedCount,
    macs: identities.filter((u) => u.mac).length + labMacs.size,
    phones: identities.length,
  };
}

/** An anchor as the truth file names it: `firstSignIn+2m~10m` (offset, then jitter), `during:evening`. */
function describeAnchor(anchor: ResolvedAnchor): string {
  if ('during' in anchor) return `during:${anchor.during}`;
  const offset = anchor.offsetMs === 0 ? '' : `${anchor.offsetMs > 0 ? '+' : '-'}${formatDuration(Math.abs(anchor.offsetMs))}`;
  return `${anchor.relativeTo}${offset}${anchor.jitterMs > 0 ? `~${formatDuration(anchor.jitterMs)}` : ''}`;
}

/** A victim-response rule as the truth file names it: `never`, `approvesAt:3`. */
function describeResponse(response: VictimResponse): string {
  return 'n' in response ? `${response.kind}:${response.n}` : response.kind;
}

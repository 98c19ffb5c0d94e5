import { createActor, type AnyActorRef } from 'xstate';
import type { CanonicalEvent } from '../../engine/generated/event.ts';
import type { Incident, Truth } from '../../engine/generated/truth.ts';
import { pushstormVersion } from '../../engine/version.ts';
import { attackerMachine } from '../machines/attackerMachine.ts';
import { idpAccountMachine } from '../machines/idpAccountMachine.ts';
import { macMachine } from '../machines/macMachine.ts';
import { phoneMachine } from '../machines/phoneMachine.ts';
import { userMachine } from '../machines/userMachine.ts';
import { addressIn, buildIdentity, drawPhone, originAt } from '../population/buildIdentity.ts';
import { placeForCountry, residentialNetworks } from '../population/geo.ts';
import type { UserIdentity } from '../population/UserIdentity.ts';
import { createSeededFaker } from '../random/createSeededFaker.ts';
import { RandomStream } from '../random/RandomStream.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { planAttacks } from './_internal/planAttacks.ts';
import type { SimulationProgress, SimulationResult } from './SimulationResult.ts';
import { World } from './World.ts';

const hour = 3_600_000;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Called every `progressEvery` ms of virtual time (default 6 h). */
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Runs a scenario to its end: builds the population (each user's identity from their own stream), creates one root
 * xstate actor per entity on a shared virtual clock (user, Mac, lab Mac, phone, IdP account; one attacker per
 * attack target), runs the clock, and hands every record to `sink` in time order. Returns the truth and the counts.
 *
 * Deterministic: the same scenario (seed included) gives the same records in the same order, byte for byte.
 *
 * @example
 * const lines: string[] = [];
 * const { truth } = simulate(scenario, (e) => lines.push(JSON.stringify(e)));
 */
export function simulate(
  scenario: ResolvedScenario,
  sink: (event: CanonicalEvent) => void,
  options: SimulateOptions = {},
): SimulationResult {
  const world = new World(scenario, sink);
  const clock = world.clock;
  const faker = createSeededFaker(scenario.startMs);
  const taken = new Set<string>();
  const labSeed = RandomStream.create(scenario.seed, 'lab-macs');
  const identities: UserIdentity[] = [];
  const toStart: AnyActorRef[] = [];
  const labMacs = new Set<string>();
  const travelOrigin = (country: string, rng: RandomStream) => {
    const net = rng.pick(residentialNetworks(country));
    return originAt(addressIn(net, rng), net, placeForCountry(country));
  };

  for (let i = 0; i < scenario.population.users; i++) {
    const rng = RandomStream.create(scenario.seed, `user:${i}`);
    const identity = buildIdentity(i, scenario, rng, faker, taken, labSeed);
    identities.push(identity);
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
      },
    });
    const makeMac = (mac: NonNullable<UserIdentity['mac']>, startsOff: boolean, sub: string) =>
      createActor(macMachine, { clock, input: { world, cell: i, rng: rng.fork(sub), login: identity.login, mac, idp, startsOff } });
    const mac = identity.mac ? makeMac(identity.mac, false, 'mac-actor') : undefined;
    const labMac = identity.labMac ? makeMac(identity.labMac, true, 'lab-mac-actor') : undefined;
    if (identity.labMac) labMacs.add(identity.labMac.device.id);
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

  const attackers = planAttacks(scenario, identities).map((plan) => {
    const cell = world.cell(plan.target);
    const actor = createActor(attackerMachine, {
      clock,
      input: {
        world,
        cell: plan.target,
        rng: plan.rng,
        incidentId: plan.incidentId,
        attack: plan.attack,
        victim: cell.identity,
        victimUser: cell.user,
        victimIdp: cell.idp,
        victimMac: cell.mac,
        startAt: plan.startAt,
        sources: plan.sources,
        device: plan.device,
        phone: plan.phone,
      },
    });
    world.watch(actor, `attacker:${plan.incidentId}`);
    toStart.push(actor);
    return actor;
  });

  for (const actor of toStart) actor.start();

  const end = scenario.startMs + scenario.durationMs;
  const step = options.progressEvery ?? 6 * hour;
  if (!(step > 0)) throw new RangeError(`progressEvery must be a positive number of ms (got ${step})`);
  for (let t = scenario.startMs; t < end; ) {
    t = Math.min(end, t + step);
    world.advance(t);
    options.onProgress?.({ virtualTime: t, fraction: (t - scenario.startMs) / scenario.durationMs, records: world.records });
  }
  world.finish();

  const incidents: Incident[] = [];
  for (const actor of attackers) {
    const ctx = actor.getSnapshot().context;
    if (ctx.firstAt === null) continue; // planned after the end of the run
    const tally = world.tallies.get(ctx.incidentId);
    const compromisedAt = tally?.compromisedAt ?? null;
    incidents.push({
      id: ctx.incidentId,
      kind: ctx.attack.strategy,
      campaign: ctx.attack.name,
      target: ctx.victim.login,
      ...(ctx.attack.strategy === 'login-window' && ctx.victim.mac ? { device: ctx.victim.mac.device.id } : {}),
      sources: ctx.sourcesUsed,
      start: ctx.firstAt,
      end: Math.max(ctx.lastAt ?? ctx.firstAt, compromisedAt ?? 0),
      compromisedAt,
      prompts: tally?.prompts ?? 0,
      socialEngineeringAt: ctx.socialEngineeringAt,
      factorEnrolledAt: ctx.factorEnrolledAt,
    });
  }
  for (const actor of toStart) actor.stop();

  const truth: Truth = {
    pushstormVersion,
    scenario: { name: scenario.name, hash: scenario.hash },
    seed: scenario.seed,
    start: scenario.startMs,
    end,
    users: scenario.population.users,
    days: scenario.durationMs / (24 * hour),
    incidents,
    labels: world.labels,
  };
  return {
    truth,
    summary: {
      records: world.records,
      byType: sorted(world.byType),
      bySource: sorted(world.bySource),
      users: scenario.population.users,
      macs: identities.filter((u) => u.mac).length + labMacs.size,
      phones: identities.length,
      incidents: incidents.length,
      compromises: incidents.filter((i) => i.compromisedAt !== null).length,
      simulatedDays: truth.days,
      transitions: clock.firedCount,
    },
  };
}

/**
 * The benchmark's reference point: the same population, day plans, clock and record writer as `simulate`, driven by a
 * minimal hand-written loop instead of xstate actors. It writes the same kinds of records for the same benign day
 * (Mac wake and desktop-MFA login, sign-ins with push, lunch lock/unlock, leaving), with no attacks and none of the
 * behaviour the machines model (retries, answers to unsolicited prompts, lockouts, outages). It exists to price the
 * xstate layer, not to be a second simulator.
 */
import type { CanonicalEvent, NetworkOrigin } from '../../engine/model/generated/event.ts';
import { planDay } from '../../generators/machines/_internal/planDay.ts';
import { addressIn, buildIdentity, originAt } from '../../generators/population/buildIdentity.ts';
import { seatConferences } from '../../generators/population/conferenceSeats.ts';
import { placeForCountry, residentialNetworks } from '../../generators/population/geo.ts';
import type { UserIdentity } from '../../generators/population/UserIdentity.ts';
import { RandomStream, createSeededFaker } from '../../generators/random/index.ts';
import type { ResolvedScenario } from '../../generators/scenario/ResolvedScenario.ts';
import { World } from '../../generators/world/World.ts';
import type { AgendaEvent } from '../../generators/world/messages.ts';

export function runHandWrittenWorld(scenario: ResolvedScenario, sink: (e: CanonicalEvent) => void): { records: number } {
  const world = new World(scenario, sink);
  const clock = world.clock;
  const faker = createSeededFaker(scenario.startMs);
  const taken = new Set<string>();
  const labSeed = RandomStream.create(scenario.seed, 'lab-macs');
  const seats = seatConferences(scenario);
  const travelOrigin = (country: string, rng: RandomStream): NetworkOrigin => {
    const net = rng.pick(residentialNetworks(country));
    return originAt(addressIn(net, rng), net, placeForCountry(country));
  };

  for (let i = 0; i < scenario.population.users; i++) {
    const rng = RandomStream.create(scenario.seed, `user:${i}`);
    const id: UserIdentity = buildIdentity(i, scenario, rng, faker, taken, labSeed);
    world.addCell({ index: i, identity: id } as never);
    const behaviour = rng.fork('behaviour');
    let origin = id.homeOrigin;
    const idp = (type: CanonicalEvent['type'], txn: string, app: string, extra: Partial<Omit<CanonicalEvent, 'id'>> = {}) =>
      world.emit(i, {
        id: '',
        time: clock.now(),
        source: 'idp',
        type,
        user: id.login,
        origin,
        device: id.mac?.device,
        app,
        transaction: txn,
        outcome: 'success',
        ...extra,
      });
    const mac = (type: CanonicalEvent['type'], extra: Partial<Omit<CanonicalEvent, 'id'>> = {}) => {
      if (!id.mac) return;
      world.emit(i, {
        id: '',
        time: clock.now(),
        source: 'mac',
        type,
        user: id.login,
        device: id.mac.device,
        outcome: 'success',
        mac: { process: 'loginwindow', shortName: id.mac.shortName, uid: id.mac.uid },
        ...extra,
      });
    };
    const push = (txn: string, app: string, factor: 'push' | 'desktop_mfa', then: () => void) => {
      const challenge = { id: `${txn}.c`, factor };
      idp('mfa.challenge', txn, app, { challenge });
      clock.setTimeout(
        () => {
          idp('mfa.result', txn, app, { challenge: { ...challenge, result: 'approved' } });
          idp('session.start', txn, app, { session: `${txn}.s` });
          then();
        },
        behaviour.logNormal(9000, 0.6),
      );
    };
    const handle = (event: AgendaEvent) => {
      switch (event.type) {
        case 'DAY':
          return plan();
        case 'ARRIVE': {
          mac('mac.wake');
          const txn = world.nextTxn(i);
          mac('mac.login', { transaction: txn });
          mac('mac.mfa.request', { transaction: txn });
          return push(txn, 'Okta Device Access (Desktop MFA)', 'desktop_mfa', () => {
            mac('mac.mfa.result', { transaction: txn });
            mac('mac.session.start', { transaction: txn });
          });
        }
        case 'SIGN_IN': {
          const txn = world.nextTxn(i);
          idp('auth.attempt', txn, event.app);
          if (behaviour.chance(scenario.idp.mfaSkip)) return void idp('session.start', txn, event.app);
          return push(txn, event.app, 'push', () => undefined);
        }
        case 'BREAK':
          return mac('mac.session.lock');
        case 'BACK':
          mac('mac.login');
          return mac('mac.session.unlock');
        case 'LEAVE':
          mac('mac.session.lock');
          return mac('mac.sleep');
        default:
          return;
      }
    };
    const plan = () => {
      const now = clock.now();
      const day = planDay(now, id, scenario, behaviour, travelOrigin, seats);
      origin = day.origin;
      for (const item of day.items) clock.setTimeout(() => handle(item.event), item.at - now);
      clock.setTimeout(() => handle({ type: 'DAY' }), day.nextDay - now);
    };
    plan();
  }
  const end = scenario.startMs + scenario.durationMs;
  for (let t = scenario.startMs; t < end; ) {
    t = Math.min(end, t + 6 * 3_600_000);
    world.advance(t);
  }
  world.finish();
  return { records: world.records };
}

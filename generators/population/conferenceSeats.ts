import type { NetworkOrigin } from '../../engine/model/generated/event.ts';
import { RandomStream } from '../random/RandomStream.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { addressIn, originAt } from './buildIdentity.ts';
import { placeForCountry, residentialNetworks } from './geo.ts';

/** Who goes to each of the scenario's conferences, and the venue network they all sign in from there. */
export interface ConferenceSeats {
  /** By conference index: the user indexes that attend it. */
  attendees: ReadonlyArray<ReadonlySet<number>>;
  /** By conference index: the venue's one NAT address, shared by every attendee while there. */
  venues: readonly NetworkOrigin[];
}

/**
 * Seats each conference's stated head count: every user draws a ticket per conference from their own stream
 * (`user:<i>/conference-<k>`), and the `attendees` lowest tickets go (everyone when the population is smaller). The
 * head count therefore does not depend on the population size, and adding a user changes who goes only if the new
 * user's ticket makes the cut, displacing one attendee. A user attends at most one conference a day: where two
 * overlap, the earlier in the list wins, as before. The venue (one address of a local network in the conference's
 * country and city) comes from a stream of its own.
 */
export function seatConferences(scenario: ResolvedScenario): ConferenceSeats {
  const { users } = scenario.population;
  const attendees = scenario.noise.conferences.map((conference, k) => {
    if (conference.attendees >= users) return new Set(Array.from({ length: users }, (_, i) => i));
    const tickets = Array.from({ length: users }, (_, i) => ({
      i,
      ticket: RandomStream.create(scenario.seed, `user:${i}`).fork(`conference-${k}`).float(),
    }));
    tickets.sort((a, b) => a.ticket - b.ticket || a.i - b.i);
    return new Set(tickets.slice(0, conference.attendees).map((t) => t.i));
  });
  const venues = scenario.noise.conferences.map((conference, k) => {
    const rng = RandomStream.create(scenario.seed, `conference:${k}:venue`);
    const net = rng.pick(residentialNetworks(conference.country));
    const place = placeForCountry(conference.country);
    return originAt(addressIn(net, rng), net, conference.city ? { ...place, city: conference.city } : place);
  });
  return { attendees, venues };
}

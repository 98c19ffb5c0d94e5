import type { CanonicalEvent } from '../../../model/generated/event.ts';

/**
 * Okta's behaviour detection as real exports write it in `debugData.behaviors`: Java map text, not JSON
 * (`{New Geo-Location=NEGATIVE, New Device=POSITIVE, New IP=POSITIVE, New State=NEGATIVE, New Country=NEGATIVE,
 * Velocity=NEGATIVE, New City=NEGATIVE}`), with `risk` as `{level=LOW}` and `threatSuspected` as a string. Okta
 * learns each user's history; this remembers what one log has shown of each user so far, so the same events always
 * give the same text. The decoder ignores these fields: they are context, not part of the canonical event.
 */
export class OktaBehaviors {
  readonly #seen = new Map<string, { ips: Set<string>; devices: Set<string>; countries: Set<string>; cities: Set<string> }>();

  /** The behaviour, risk and threat fields for `e`, then remembers its network and device. */
  next(e: CanonicalEvent): { behaviors: string; risk: string; threatSuspected: string } | undefined {
    const o = e.origin;
    if (!o) return undefined;
    let seen = this.#seen.get(e.user);
    if (!seen) this.#seen.set(e.user, (seen = { ips: new Set(), devices: new Set(), countries: new Set(), cities: new Set() }));
    const first = seen.ips.size === 0;
    const flag = (isNew: boolean) => (first ? 'NEGATIVE' : isNew ? 'POSITIVE' : 'NEGATIVE');
    const newIp = !seen.ips.has(o.ip);
    const newDevice = e.device !== undefined && !seen.devices.has(e.device.id);
    const newCountry = o.country !== undefined && !seen.countries.has(o.country);
    const newCity = o.city !== undefined && !seen.cities.has(o.city);
    const behaviors = `{New Geo-Location=${flag(newCity || newCountry)}, New Device=${flag(newDevice)}, New IP=${flag(newIp)}, New State=${flag(newCity)}, New Country=${flag(newCountry)}, Velocity=NEGATIVE, New City=${flag(newCity)}}`;
    const positives = first ? 0 : [newIp, newDevice, newCountry, newCity].filter(Boolean).length;
    const level = o.proxy || positives >= 3 ? 'HIGH' : positives >= 1 ? 'MEDIUM' : 'LOW';
    // Remember only the user's own successful sign-ins' networks, as a profile would.
    if (e.type === 'session.start' || first) {
      seen.ips.add(o.ip);
      if (e.device) seen.devices.add(e.device.id);
      if (o.country !== undefined) seen.countries.add(o.country);
      if (o.city !== undefined) seen.cities.add(o.city);
    }
    return { behaviors, risk: `{level=${level}}`, threatSuspected: String(o.proxyKind === 'tor') };
  }
}

import { buildPopulation } from '../../generators/population/buildPopulation.ts';
import type { ResolvedScenario } from '../../generators/scenario/ResolvedScenario.ts';
import type { MacHost } from '../formats/LogFormat.ts';

/**
 * Every Mac of the population with what its per-host log needs: device, user, local account, time zone (a lab Mac
 * gets its first user's). Macs whose host names repeat (two people with the same short name) get a file stem of
 * their own, `<hostname>-<serial>`, so no file mixes two Macs.
 */
export function macHosts(scenario: ResolvedScenario): MacHost[] {
  const hosts = new Map<string, MacHost>();
  for (const identity of buildPopulation(scenario)) {
    for (const mac of [identity.mac, identity.labMac]) {
      if (!mac || hosts.has(mac.device.id)) continue;
      const hostname = mac.device.hostname ?? mac.device.id;
      hosts.set(mac.device.id, {
        hostname,
        device: mac.device,
        user: identity.login,
        shortName: mac.shortName,
        uid: mac.uid,
        timeZone: identity.timeZone,
      });
    }
  }
  const named = new Map<string, number>();
  for (const h of hosts.values()) named.set(h.hostname, (named.get(h.hostname) ?? 0) + 1);
  for (const h of hosts.values()) if (named.get(h.hostname)! > 1) h.file = `${h.hostname}-${h.device?.serial ?? h.device?.id}`;
  const stem = (h: MacHost) => h.file ?? h.hostname;
  return [...hosts.values()].sort((a, b) => (stem(a) < stem(b) ? -1 : stem(a) > stem(b) ? 1 : 0));
}

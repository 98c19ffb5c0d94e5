import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { FormatError } from '../../errors/FormatError.ts';
import type { LogFormat, MacHost } from '../../formats/LogFormat.ts';
import { getLogFormat, formatIdsFor } from '../../formats/logFormats.ts';
import { writeLogFiles } from '../../formats/writeLogFiles.ts';
import type { WrittenLogFile } from '../../formats/writeLogFiles.ts';
import { openEventInput } from '../../io/readEventLines.ts';
import { EventReader } from '../../io/readEvents.ts';
import { writeJsonFileAtomic } from '../../io/writeJsonFileAtomic.ts';
import { join } from 'node:path';

/** The IdP and Mac formats `--format` and `--mac-format` ask for. @throws FormatError for an unknown id or a format that cannot hold that source. */
export function chooseLogFormats(request: { format?: string; macFormat?: string }): { idpFormat: LogFormat; macFormat: LogFormat } {
  const pick = (id: string | undefined, source: 'idp' | 'mac', flag: string) => {
    const format = getLogFormat(id ?? 'canonical');
    if (!format.sources.includes(source))
      throw new FormatError(`${flag} ${format.id}: ${format.title} holds no ${source === 'idp' ? 'IdP' : 'Mac'} events; choose one of ${formatIdsFor(source).join(', ')}`, format.id);
    return format;
  };
  return { idpFormat: pick(request.format, 'idp', '--format'), macFormat: pick(request.macFormat, 'mac', '--mac-format') };
}

/** Every Mac of the population with what its per-host log needs: device, user, local account, time zone. */
export function macHosts(scenario: ResolvedScenario): MacHost[] {
  const hosts = new Map<string, MacHost>();
  for (const identity of buildPopulation(scenario)) {
    for (const mac of [identity.mac, identity.labMac]) {
      if (!mac || hosts.has(mac.device.hostname ?? mac.device.id)) continue;
      const hostname = mac.device.hostname ?? mac.device.id;
      hosts.set(hostname, { hostname, device: mac.device, user: identity.login, shortName: mac.shortName, uid: mac.uid, timeZone: identity.timeZone });
    }
  }
  return [...hosts.values()].sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
}

/**
 * Second pass of `simulate --format/--mac-format`: reads the canonical events just written and writes the vendor
 * logs under `dir` (plus `mac/inventory.json` for per-Mac logs).
 */
export async function writeVendorLogs(
  scenario: ResolvedScenario,
  eventsPath: string,
  dir: string,
  idp: LogFormat,
  mac: LogFormat,
): Promise<{ files: WrittenLogFile[]; inventory?: string }> {
  const hosts = mac.perHost ? macHosts(scenario) : [];
  const reader = new EventReader(openEventInput(eventsPath), { strict: true });
  const files = await writeLogFiles(reader.events(), dir, { idp, mac, hosts: new Map(hosts.map((h) => [h.hostname, h])) });
  if (!mac.perHost) return { files };
  const inventory = join(dir, 'mac', 'inventory.json');
  writeJsonFileAtomic(inventory, hosts);
  return { files, inventory };
}

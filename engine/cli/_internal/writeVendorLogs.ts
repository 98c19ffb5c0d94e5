import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { FormatError } from '../../errors/FormatError.ts';
import type { LogFormat, MacHost } from '../../formats/LogFormat.ts';
import { getLogFormat, formatIdsFor } from '../../formats/logFormats.ts';
import { writeLogFiles } from '../../formats/writeLogFiles.ts';
import { formatUnifiedLogLine } from '../../formats/formatUnifiedLogLine.ts';
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
      hosts.set(mac.device.id, { hostname, device: mac.device, user: identity.login, shortName: mac.shortName, uid: mac.uid, timeZone: identity.timeZone });
    }
  }
  const named = new Map<string, number>();
  for (const h of hosts.values()) named.set(h.hostname, (named.get(h.hostname) ?? 0) + 1);
  for (const h of hosts.values()) if (named.get(h.hostname)! > 1) h.file = `${h.hostname}-${h.device?.serial ?? h.device?.id}`;
  const stem = (h: MacHost) => h.file ?? h.hostname;
  return [...hosts.values()].sort((a, b) => (stem(a) < stem(b) ? -1 : stem(a) > stem(b) ? 1 : 0));
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
  const files = await writeLogFiles(reader.events(), dir, {
    idp,
    mac,
    hosts: new Map(hosts.map((h) => [h.device?.id ?? h.hostname, h])),
    lineOf: (format, record) => (format.id === 'unifiedlog' ? formatUnifiedLogLine(record) : JSON.stringify(record)),
  });
  if (!mac.perHost) return { files };
  const inventory = join(dir, 'mac', 'inventory.json');
  writeJsonFileAtomic(inventory, hosts);
  return { files, inventory };
}

import { FormatError } from '../../model/errors/FormatError.ts';
import type { LogFormat, MacHost } from '../LogFormat.ts';
import { getLogFormat, formatIdsFor } from '../logFormats.ts';
import { writeLogFiles } from './writeLogFiles.ts';
import type { WrittenLogFile } from './writeLogFiles.ts';
import { openEventInput } from '../reader/readEventLines.ts';
import { LogRecordReader } from '../reader/LogRecordReader.ts';
import { writeJsonFileAtomic } from './writeJsonFileAtomic.ts';
import { join } from 'node:path';

/** The IdP and Mac formats `--format` and `--mac-format` ask for. @throws FormatError for an unknown id or a format that cannot hold that source. */
export function chooseLogFormats(request: { format?: string; macFormat?: string }): { idpFormat: LogFormat; macFormat: LogFormat } {
  const pick = (id: string | undefined, source: 'idp' | 'mac', flag: string) => {
    const format = getLogFormat(id ?? 'canonical');
    if (!format.sources.includes(source))
      throw new FormatError(
        `${flag} ${format.id}: ${format.title} holds no ${source === 'idp' ? 'IdP' : 'Mac'} events; choose one of ${formatIdsFor(source).join(', ')}`,
        format.id,
      );
    return format;
  };
  return { idpFormat: pick(request.format, 'idp', '--format'), macFormat: pick(request.macFormat, 'mac', '--mac-format') };
}

/**
 * Second pass of `simulate --format/--mac-format`: reads the canonical events just written and writes the vendor
 * logs under `dir` (plus `mac/inventory.json`, the `hosts` given, for per-Mac logs).
 */
export async function writeVendorLogs(
  hosts: readonly MacHost[],
  eventsPath: string,
  dir: string,
  idp: LogFormat,
  mac: LogFormat,
): Promise<{ files: WrittenLogFile[]; inventory?: string }> {
  const reader = new LogRecordReader(openEventInput(eventsPath), { format: 'canonical', strict: true });
  const files = await writeLogFiles(reader.events(), dir, {
    idp,
    mac,
    hosts: new Map(hosts.map((h) => [h.device?.id ?? h.hostname, h])),
  });
  if (!mac.perHost) return { files };
  const inventory = join(dir, 'mac', 'inventory.json');
  writeJsonFileAtomic(inventory, hosts);
  return { files, inventory };
}

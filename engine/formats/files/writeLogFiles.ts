import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { outputTarget } from './outputTarget.ts';
import { join } from 'node:path';
import type { CanonicalEvent, EventSource } from '../../model/generated/event.ts';
import type { LogFormat, MacHost, RecordEncoder } from '../LogFormat.ts';

/** One file {@link writeLogFiles} wrote. */
export interface WrittenLogFile {
  path: string;
  format: LogFormat['id'];
  source: EventSource;
  /** The Mac, for per-host files. */
  host?: string;
  records: number;
}

/** Options of {@link writeLogFiles}. */
export interface WriteLogFilesOptions {
  /** The format of IdP events and of Mac events. */
  idp: LogFormat;
  mac: LogFormat;
  /** Each Mac as its per-host files need it (device, user, time zone), by device id (or host name). */
  hosts?: ReadonlyMap<string, MacHost>;
}

const FLUSH_CHARS = 1 << 16;

/**
 * The file stem of one source's log: the format's own (`okta-system-log`), prefixed `mac-` for the Mac half of a
 * format that holds both sources (`mac-ocsf-authentication`); canonical events split by source are `idp-events` and
 * `mac-events` (`events.ndjson` is the whole world).
 */
function stemOf(format: LogFormat, source: EventSource): string {
  if (format.id === 'canonical') return `${source}-events`;
  return source === 'mac' && format.sources.length > 1 ? `mac-${format.fileStem}` : format.fileStem;
}

class FileSink {
  #buffer = '';
  records = 0;
  /** Where the lines are written: `<target>.partial`, renamed over the target at the end; the target itself for a device or FIFO. */
  readonly temp: string;
  readonly #target: string;
  constructor(readonly path: string) {
    const target = outputTarget(path);
    this.#target = target.path;
    this.temp = target.atomic ? `${target.path}.partial` : target.path;
    writeFileSync(this.temp, '');
  }
  write(line: string): void {
    this.#buffer += `${line}\n`;
    this.records++;
    if (this.#buffer.length >= FLUSH_CHARS) this.flush();
  }
  flush(): void {
    if (this.#buffer) appendFileSync(this.temp, this.#buffer);
    this.#buffer = '';
  }
  close(): void {
    this.flush();
    if (this.temp !== this.#target) renameSync(this.temp, this.#target);
  }
  /** Drops what was written, never the target itself (a device or FIFO written into directly stays). */
  discard(): void {
    if (this.temp !== this.#target) rmSync(this.temp, { force: true });
  }
}

/**
 * Writes canonical events as the log files an organisation's SIEM would receive: IdP events in one file of the IdP
 * format (`okta-system-log.ndjson`…), Mac events in one file of the Mac format, or one file per Mac under `mac/` for
 * the unified log, each record as its format's line (`LogFormat.toLine`). Events must come in time order (as
 * `simulate` writes them); each file appears under its name only once complete, and a failure removes the partial
 * files.
 */
export async function writeLogFiles(
  events: AsyncIterable<CanonicalEvent> | Iterable<CanonicalEvent>,
  dir: string,
  options: WriteLogFilesOptions,
): Promise<WrittenLogFile[]> {
  mkdirSync(dir, { recursive: true });
  const sinks = new Map<string, { sink: FileSink; encoder: RecordEncoder; format: LogFormat; source: EventSource; host?: string }>();
  const open = (source: EventSource, host: string | undefined) => {
    const format = source === 'idp' ? options.idp : options.mac;
    const key = `${source}/${host ?? ''}`;
    let entry = sinks.get(key);
    if (!entry) {
      const known = format.perHost ? options.hosts?.get(host ?? '') : undefined;
      const name = format.perHost ? join('mac', `${known?.file ?? known?.hostname ?? host}.ndjson`) : `${stemOf(format, source)}.ndjson`;
      if (format.perHost) mkdirSync(join(dir, 'mac'), { recursive: true });
      const context = format.perHost ? { host: known ?? { hostname: host ?? 'unknown' } } : {};
      entry = {
        sink: new FileSink(join(dir, name)),
        encoder: format.createEncoder(context),
        format,
        source,
        host: format.perHost ? host : undefined,
      };
      sinks.set(key, entry);
    }
    return entry;
  };
  try {
    for await (const event of events) {
      const format = event.source === 'idp' ? options.idp : options.mac;
      // One file per Mac: keyed by device id, since two Macs may share a host name.
      const host = format.perHost ? (event.device?.id ?? event.device?.hostname ?? 'unknown') : undefined;
      const entry = open(event.source, host);
      for (const record of entry.encoder.encode(event)) entry.sink.write(entry.format.toLine(record));
    }
    const written: WrittenLogFile[] = [];
    for (const entry of [...sinks.values()].sort((a, b) =>
      a.source !== b.source ? (a.source === 'idp' ? -1 : 1) : a.sink.path < b.sink.path ? -1 : 1,
    )) {
      for (const record of entry.encoder.end()) entry.sink.write(entry.format.toLine(record));
      entry.sink.close();
      const host = entry.host !== undefined ? (options.hosts?.get(entry.host)?.hostname ?? entry.host) : undefined;
      written.push({
        path: entry.sink.path,
        format: entry.format.id,
        source: entry.source,
        ...(host !== undefined ? { host } : {}),
        records: entry.sink.records,
      });
    }
    return written;
  } catch (error) {
    for (const { sink } of sinks.values()) sink.discard();
    throw error;
  }
}

import { FormatError } from '../model/errors/FormatError.ts';
import { canonicalFormat } from './canonical/canonicalFormat.ts';
import type { LogFormat } from './LogFormat.ts';
import { oktaClassicFormat, oktaFormat } from './okta/oktaFormat.ts';
import { duoFormat } from './duo/duoFormat.ts';
import { entraFormat } from './entra/entraFormat.ts';
import { entraSentinelFormat } from './entra/entraSentinelFormat.ts';
import { ocsfFormat } from './ocsf/ocsfFormat.ts';
import { unifiedLogFormat } from './unifiedlog/unifiedLogFormat.ts';

/**
 * Every log format pushstorm reads and writes, in the order auto-detection tries them (the canonical format first:
 * its sniff is the strictest). Adding a format is one folder and one line here; {@link FormatId} follows.
 */
export const logFormats = [
  canonicalFormat,
  oktaFormat,
  oktaClassicFormat,
  entraFormat,
  entraSentinelFormat,
  duoFormat,
  ocsfFormat,
  unifiedLogFormat,
] as const satisfies readonly LogFormat[];

/** The id of a log format pushstorm writes and reads (`okta`, `unifiedlog`…): one per entry of {@link logFormats}. */
export type FormatId = (typeof logFormats)[number]['id'];

/** The format with this id. @throws FormatError naming the known ids. */
export function getLogFormat(id: string): LogFormat<FormatId> {
  const format: LogFormat<FormatId> | undefined = logFormats.find((f) => f.id === id);
  if (!format) throw new FormatError(`unknown format "${id}"; known: ${logFormats.map((f) => f.id).join(', ')}`, id);
  return format;
}

/** Ids of the formats that carry `source` events (for `--format` and `--mac-format` choices). */
export function formatIdsFor(source: 'idp' | 'mac'): FormatId[] {
  return logFormats.filter((f: LogFormat<FormatId>) => f.sources.includes(source)).map((f) => f.id);
}

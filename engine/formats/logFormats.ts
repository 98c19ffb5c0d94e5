import { FormatError } from '../errors/FormatError.ts';
import { canonicalFormat } from './canonicalFormat.ts';
import type { FormatId, LogFormat } from './LogFormat.ts';
import { oktaClassicFormat, oktaFormat } from './oktaFormat.ts';
import { duoFormat } from './duoFormat.ts';
import { entraFormat } from './entraFormat.ts';
import { entraSentinelFormat } from './entraSentinelFormat.ts';
import { ocsfFormat } from './ocsfFormat.ts';
import { unifiedLogFormat } from './unifiedLogFormat.ts';

/**
 * Every log format pushstorm reads and writes, in the order auto-detection tries them (the canonical format first:
 * its sniff is the strictest). Adding a format is one file and one line here.
 */
export const logFormats: readonly LogFormat[] = [canonicalFormat, oktaFormat, oktaClassicFormat, entraFormat, entraSentinelFormat, duoFormat, ocsfFormat, unifiedLogFormat];

/** The format with this id. @throws FormatError naming the known ids. */
export function getLogFormat(id: string): LogFormat {
  const format = logFormats.find((f) => f.id === id);
  if (!format) throw new FormatError(`unknown format "${id}"; known: ${logFormats.map((f) => f.id).join(', ')}`, id);
  return format;
}

/** Ids of the formats that carry `source` events (for `--format` and `--mac-format` choices). */
export function formatIdsFor(source: 'idp' | 'mac'): FormatId[] {
  return logFormats.filter((f) => f.sources.includes(source)).map((f) => f.id);
}

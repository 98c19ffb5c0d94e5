import { FormatError } from '../../../model/errors/FormatError.ts';
import { canonicalFields } from './canonicalFields.ts';
import { duoFields } from './duoFields.ts';
import { entraFields, entraSentinelFields } from './entraFields.ts';
import { ocsfFields } from './ocsfFields.ts';
import { oktaFields } from './oktaFields.ts';
import type { ExportFormat, VendorFields } from './VendorFields.ts';

/** Every format's field names. */
const byFormat: Record<ExportFormat, VendorFields> = {
  canonical: canonicalFields,
  okta: oktaFields,
  entra: entraFields,
  'entra-sentinel': entraSentinelFields,
  duo: duoFields,
  ocsf: ocsfFields,
};

/** The field names of `format`. @throws FormatError for a name that is no export format (from untyped input). */
export function fieldsFor(format: ExportFormat): VendorFields {
  const fields = byFormat[format];
  if (fields === undefined) throw new FormatError(`export for the ${format} log's field names is not available yet`, format);
  return fields;
}

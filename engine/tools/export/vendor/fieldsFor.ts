import { FormatError } from '../../../model/errors/FormatError.ts';
import { canonicalFields } from './canonicalFields.ts';
import type { ExportFormat, VendorFields } from './VendorFields.ts';

/** Every format's field names; the vendor logs are added as they are mapped and tested. */
const byFormat: Partial<Record<ExportFormat, VendorFields>> = { canonical: canonicalFields };

/** The field names of `format`. @throws FormatError when the format is not (yet) mapped for export. */
export function fieldsFor(format: ExportFormat): VendorFields {
  const fields = byFormat[format];
  if (fields === undefined) throw new FormatError(`export for the ${format} log's field names is not available yet`, format);
  return fields;
}

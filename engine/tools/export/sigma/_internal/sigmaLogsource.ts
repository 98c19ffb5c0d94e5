import type { ExportFormat } from '../../vendor/VendorFields.ts';

/** A Sigma `logsource`: what a converter's pipeline maps to an index, table or data stream. */
export interface SigmaLogsource {
  readonly product: string;
  readonly service?: string;
  /** Free text for the reader who maps the log source to their data. */
  readonly definition?: string;
}

/**
 * The `logsource` of each log format. The vendors' are those of Sigma's taxonomy appendix (its cloud folder), which
 * converters' pipelines know: Okta System Log `okta/okta`, Entra sign-in logs `azure/signinlogs` (whose rules name the `SigninLogs` columns: the `entra-sentinel` log; the
 * Azure Monitor export's `properties.*` envelope gets a `definition` saying so), Duo `cisco/duo`.
 * The taxonomy has no entry for OCSF, whose records are vendor-neutral: `product: ocsf` names the schema and
 * `service: authentication` the one event class pushstorm writes (Authentication, `class_uid` 3002), the way a Sigma
 * service names a subset of a product's logs; `definition` says so for the reader who maps it. The canonical events are
 * pushstorm's own (`product: pushstorm`, `service: events`).
 */
export const sigmaLogsources: Readonly<Record<ExportFormat, SigmaLogsource>> = {
  canonical: {
    product: 'pushstorm',
    service: 'events',
    definition: 'pushstorm canonical events (simulate events.ndjson): one JSON object per event, fields as written there',
  },
  okta: { product: 'okta', service: 'okta' },
  entra: {
    product: 'azure',
    service: 'signinlogs',
    definition: 'Microsoft Entra ID sign-in logs as the Azure Monitor export writes them: the fields under properties.*',
  },
  'entra-sentinel': { product: 'azure', service: 'signinlogs' },
  duo: { product: 'cisco', service: 'duo' },
  ocsf: {
    product: 'ocsf',
    service: 'authentication',
    definition: 'OCSF Authentication events (class_uid 3002), one JSON object per event, as pushstorm writes them',
  },
};

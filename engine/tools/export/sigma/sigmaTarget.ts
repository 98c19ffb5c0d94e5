import { stringify } from 'yaml';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportFormats } from '../vendor/VendorFields.ts';
import { sigmaOfShape } from './sigmaOfShape.ts';

/**
 * Sigma rules and correlation rules (specification v2) in one multi-document YAML file ({@link sigmaOfShape}), for
 * any log format whose field names are mapped.
 */
export const sigmaTarget: ExportTarget<'sigma'> = {
  id: 'sigma',
  title: 'Sigma rules and correlation rules',
  formats: exportFormats,
  semantics:
    'Verified: the tests check every YAML document against the Sigma JSON schemas (detection rules v2; correlation rules ' +
    'v2.1.0, and the v2.2.0 draft for the extended temporal condition) and hold each detection section to the record ' +
    'condition it renders, on generated records. Not verified: no Sigma converter or SIEM runs here. Differences: a ' +
    'correlation’s timespan is a window the backend places (sliding, or tumbling buckets), not the detector’s epoch-aligned ' +
    'bucket or its window ending at each event, so a tumbling backend misses what straddles a bucket edge; "followed by" ties ' +
    'within one millisecond are the backend’s; a correlation matches once per window and group where the detector finds ' +
    'every event; the absence of an until event (runUntil) is the extended condition `run and not until` over the whole ' +
    'timespan, which also drops runs that follow a success in it, and which converters without extended conditions reject; ' +
    'Sigma matches strings without regard to case. Each rule’s description states its own differences.',
  cannot: () => undefined,
  write(input) {
    const { definition, params } = input.instance;
    const values = Object.entries(params).map(([k, v]) => `${k}=${v}`);
    const header = [
      `# ${definition.id} v${definition.version}: ${definition.title}`,
      `# Sigma rules exported by pushstorm for ${input.fields.title}; parameters: ${values.join(', ') || 'none'}`,
      '# The rules that alert come first (status, level); the rules they correlate follow.',
    ];
    const documents = sigmaOfShape(input).map((d) => stringify(d, { lineWidth: 120 }));
    return `${header.join('\n')}\n${documents.join('---\n')}`;
  },
};

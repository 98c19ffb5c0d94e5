import { EVENTS_FILE_FORMATS, eventsFileName } from '../formats/files/EventsFileWriter.ts';

const count = { type: 'integer', minimum: 0 } as const;
const counts = { type: 'object', additionalProperties: count } as const;

/**
 * JSON Schema of a {@link PartitionManifest} (`partition.json`), for ajv: `npm run gen:validators` compiles it into
 * engine/evaluate/generated/validatePartitionManifest.ts, which `readPartitionManifest` runs.
 */
export const partitionManifestSchema = {
  type: 'object',
  required: ['pushstormVersion', 'scenario', 'seed', 'partition', 'events', 'summary', 'incidentOrder'],
  properties: {
    note: { type: 'string' },
    pushstormVersion: { type: 'string' },
    scenario: {
      type: 'object',
      required: ['name', 'hash'],
      properties: { name: { type: 'string' }, hash: { type: 'string' } },
    },
    seed: count,
    partition: {
      type: 'object',
      required: ['index', 'count'],
      properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } },
    },
    events: { enum: EVENTS_FILE_FORMATS.map(eventsFileName) },
    summary: {
      type: 'object',
      required: ['records', 'byType', 'bySource', 'users', 'macs', 'phones', 'incidents', 'compromises', 'simulatedDays', 'transitions'],
      properties: {
        records: count,
        byType: counts,
        bySource: counts,
        users: count,
        macs: count,
        phones: count,
        incidents: count,
        compromises: count,
        simulatedDays: { type: 'number' },
        transitions: count,
      },
    },
    incidentOrder: counts,
  },
} as const;

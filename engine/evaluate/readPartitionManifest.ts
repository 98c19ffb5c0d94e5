import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { describeFsError } from '../model/errors/describeFsError.ts';
import { FileContentError } from '../model/errors/FileContentError.ts';
import { InputError } from '../model/errors/InputError.ts';
import { schemaIssues } from '../model/errors/schemaIssues.ts';
import { EVENTS_FILE_FORMATS, eventsFileName } from '../formats/files/EventsFileWriter.ts';
import { PARTITION_MANIFEST, type PartitionManifest } from './PartitionManifest.ts';

const Ajv = AjvModule.default;

const count = { type: 'integer', minimum: 0 } as const;
const counts = { type: 'object', additionalProperties: count } as const;
const validate = new Ajv({ allErrors: true, strict: true }).compile<PartitionManifest>({
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
});

/**
 * Reads and checks the {@link PartitionManifest} of a partition's folder (`simulate --partition`).
 *
 * @throws InputError when there is none (the folder is not a partition's); FileContentError when it is not JSON or
 * not a manifest (every problem listed, up to 20).
 */
export function readPartitionManifest(dir: string): PartitionManifest {
  const path = join(dir, PARTITION_MANIFEST);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `${describeFsError(error)}: a partition's folder holds one (simulate --partition K/N)`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FileContentError(path, 'partition manifest', [{ path: '', message: `not JSON (${(error as Error).message})` }]);
  }
  if (!validate(value)) throw new FileContentError(path, 'partition manifest', schemaIssues(validate.errors).slice(0, 20));
  if (value.partition.index > value.partition.count)
    throw new FileContentError(path, 'partition manifest', [
      { path: '/partition/index', message: `must be at most count (${value.partition.count})` },
    ]);
  return value;
}

import { decodeEventLine } from './EventLineDecoder.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { DecodeStep, LogFormat, RecordRejectReason } from '../LogFormat.ts';

const rejectReasons: Record<string, RecordRejectReason> = {
  not_an_object: 'not_an_object',
  missing_field: 'missing_field',
  wrong_type: 'wrong_type',
  bad_timestamp: 'wrong_type',
  unknown_type: 'unknown_kind',
};

/**
 * pushstorm's own event format (`engine/model/schema/event.schema.json`): holds everything, both sources. Decoding checks
 * each record against the schema exactly as `pushstorm detect` does for NDJSON input.
 */
export const canonicalFormat: LogFormat<'canonical'> = {
  id: 'canonical',
  toLine: (record) => JSON.stringify(record),
  siem: { sourcetype: 'pushstorm', index: 'pushstorm-events' },
  title: 'pushstorm canonical events',
  sources: ['idp', 'mac'],
  fileStem: 'events',
  limits: [],
  held: (events) => events.map((e) => structuredClone(e)),
  createEncoder: () => ({ encode: (event: CanonicalEvent) => [event], end: () => [] }),
  createDecoder: () => ({
    decode(record: unknown): DecodeStep {
      let text: string;
      try {
        text = JSON.stringify(record) ?? 'undefined';
      } catch (error) {
        return { kind: 'rejected', reason: 'wrong_type', detail: `not serialisable as JSON: ${(error as Error).message}` };
      }
      const decoded = decodeEventLine(text);
      if (decoded.ok) return { kind: 'events', events: [decoded.event] };
      return { kind: 'rejected', reason: rejectReasons[decoded.reason] ?? 'invalid', detail: decoded.detail };
    },
  }),
  sniff: (record) =>
    typeof record === 'object' &&
    record !== null &&
    !Array.isArray(record) &&
    typeof (record as Record<string, unknown>).type === 'string' &&
    ((record as Record<string, unknown>).source === 'idp' || (record as Record<string, unknown>).source === 'mac') &&
    typeof (record as Record<string, unknown>).time === 'number',
};

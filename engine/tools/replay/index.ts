/**
 * Replay of events to a SIEM endpoint (Splunk HEC, Elasticsearch bulk, plain NDJSON) in batches, paced or as fast as
 * it takes them, with retries and back-off, and every event accounted for.
 * @module
 */
export { parseSpeed } from './parseSpeed.ts';
export { replayEvents } from './replayEvents.ts';
export type { WallClock } from './replayEvents.ts';
export { elasticBulk, ndjsonTarget, splunkHec } from './replayTargets.ts';

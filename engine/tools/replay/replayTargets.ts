import type { ReplayItem } from './ReplayItem.ts';

/** The events of a batch a 2xx answer did not prove were taken: worth retrying (throttled, busy), or failed for good. */
interface ReplayVerdict {
  retry: number[];
  failed: Array<{ index: number; reason: string }>;
}

/** How a batch of events travels to a SIEM endpoint, and how the endpoint's answer reads. */
export interface ReplayTarget {
  id: 'splunk-hec' | 'elastic-bulk' | 'ndjson';
  contentType: string;
  /** The Authorization header for a token, or nothing without one. */
  authorization(token: string | undefined): string | undefined;
  body(items: readonly ReplayItem[]): string;
  /**
   * For a 2xx answer of `batch` events: the indexes of those the answer does not prove were taken. An event not
   * named here counts as sent, so an answer that cannot be read (not JSON, a proxy's page, a missing field) fails
   * every event of the batch rather than letting it pass.
   */
  accepted(responseText: string, batch: number): ReplayVerdict;
}

const allTaken = (): ReplayVerdict => ({ retry: [], failed: [] });

/** Every event of the batch failed, for one reason. */
function allFailed(batch: number, reason: string): ReplayVerdict {
  return { retry: [], failed: Array.from({ length: batch }, (_, index) => ({ index, reason })) };
}

/** The answer as JSON, or undefined when it is not JSON. */
function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The start of an answer's body, on one line, for a reason. */
const quote = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 120));

/**
 * Splunk HTTP Event Collector (`/services/collector/event`): the batch is the events' JSON objects one after another,
 * each `{ time (epoch seconds), source, sourcetype, event }`; `Authorization: Splunk <token>`. HEC acknowledges a
 * batch it indexed with `{"text":"Success","code":0}`: any other 2xx body (a proxy's page, an empty answer) proves
 * nothing, and the batch fails.
 */
export const splunkHec: ReplayTarget = {
  id: 'splunk-hec',
  contentType: 'application/json',
  authorization: (token) => (token ? `Splunk ${token}` : undefined),
  body: (items) =>
    `${items.map((i) => JSON.stringify({ time: i.time / 1000, source: 'pushstorm', sourcetype: i.sourcetype, event: i.record })).join('\n')}\n`,
  accepted(text, batch) {
    const answer = parseAnswer(text) as { code?: unknown; text?: unknown } | undefined;
    if (answer !== null && typeof answer === 'object' && answer.code === 0) return allTaken();
    return allFailed(batch, `not acknowledged: a 2xx answer without HEC's {"code":0}: ${quote(text)}`);
  },
};

/** One item of an Elasticsearch bulk answer: `{ "index": { "status": 201, "error": {...} } }`. */
type BulkItem = Record<string, { status?: unknown; error?: { type?: unknown; reason?: unknown } } | undefined>;

/**
 * Elasticsearch / OpenSearch `_bulk`: an `index` action line (the index `pushstorm-events`, the event id as `_id`, so
 * a retried batch overwrites rather than duplicates) and the document with `@timestamp`; `Authorization: ApiKey <key>`.
 * Bulk answers 200 with one item per document, in order: a document is sent when its item's status is 2xx; 429 and
 * 5xx items are retried, others fail. An answer that is not JSON, or whose `items` do not match the batch one for
 * one, proves nothing: the batch fails.
 */
export const elasticBulk: ReplayTarget = {
  id: 'elastic-bulk',
  contentType: 'application/x-ndjson',
  authorization: (token) => (token ? `ApiKey ${token}` : undefined),
  body: (items) =>
    items
      .map(
        (i) =>
          `${JSON.stringify({ index: { _index: i.index, _id: i.id } })}\n${JSON.stringify({ '@timestamp': new Date(i.time).toISOString(), ...i.record })}\n`,
      )
      .join(''),
  accepted(text, batch) {
    const answer = parseAnswer(text) as { items?: unknown } | undefined;
    if (answer === null || typeof answer !== 'object' || !Array.isArray(answer.items))
      return allFailed(batch, `not acknowledged: a 2xx answer that is not a bulk response with items: ${quote(text)}`);
    if (answer.items.length !== batch)
      return allFailed(batch, `not acknowledged: the bulk response has ${answer.items.length} items for ${batch} documents`);
    const verdict: ReplayVerdict = { retry: [], failed: [] };
    (answer.items as unknown[]).forEach((item, index) => {
      const result = item !== null && typeof item === 'object' ? Object.values(item as BulkItem)[0] : undefined;
      const status = result?.status;
      if (typeof status !== 'number') verdict.failed.push({ index, reason: 'not acknowledged: a bulk item without a status' });
      else if (status === 429 || status >= 500) verdict.retry.push(index);
      else if (status < 200 || status >= 300)
        verdict.failed.push({
          index,
          reason: `${status} ${String(result?.error?.type ?? '')} ${String(result?.error?.reason ?? '')}`.trim(),
        });
    });
    return verdict;
  },
};

/** Plain NDJSON: the records one per line; `Authorization: Bearer <token>`. Any 2xx answer takes the batch. */
export const ndjsonTarget: ReplayTarget = {
  id: 'ndjson',
  contentType: 'application/x-ndjson',
  authorization: (token) => (token ? `Bearer ${token}` : undefined),
  body: (items) => `${items.map((i) => JSON.stringify(i.record)).join('\n')}\n`,
  accepted: allTaken,
};

/** The targets by id. */
export const replayTargets: Readonly<Record<ReplayTarget['id'], ReplayTarget>> = {
  'splunk-hec': splunkHec,
  'elastic-bulk': elasticBulk,
  ndjson: ndjsonTarget,
};

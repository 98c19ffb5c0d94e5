import type { ReplayItem } from './ReplayItem.ts';

/** How a batch of events travels to a SIEM endpoint, and how the endpoint's answer reads. */
export interface ReplayTarget {
  id: 'splunk-hec' | 'elastic-bulk' | 'ndjson';
  contentType: string;
  /** The Authorization header for a token, or nothing without one. */
  authorization(token: string | undefined): string | undefined;
  body(items: readonly ReplayItem[]): string;
  /**
   * For a 2xx answer: the indexes of events the endpoint still refused, split into those worth retrying (throttled,
   * busy) and those it will never take. Most endpoints take a batch whole; Elasticsearch answers per document.
   */
  refused(responseText: string, batch: number): { retry: number[]; failed: Array<{ index: number; reason: string }> };
}

const none = () => ({ retry: [], failed: [] });

/**
 * Splunk HTTP Event Collector (`/services/collector/event`): the batch is the events' JSON objects one after another,
 * each `{ time (epoch seconds), source, sourcetype, event }`; `Authorization: Splunk <token>`.
 */
export const splunkHec: ReplayTarget = {
  id: 'splunk-hec',
  contentType: 'application/json',
  authorization: (token) => (token ? `Splunk ${token}` : undefined),
  body: (items) =>
    `${items.map((i) => JSON.stringify({ time: i.time / 1000, source: 'pushstorm', sourcetype: i.sourcetype, event: i.record })).join('\n')}\n`,
  refused: none,
};

/**
 * Elasticsearch / OpenSearch `_bulk`: an `index` action line (the index `pushstorm-events`, the event id as `_id`, so
 * a retried batch overwrites rather than duplicates) and the document with `@timestamp`; `Authorization: ApiKey <key>`.
 * Bulk answers 200 with per-item statuses: 429 and 5xx items are retried, others fail.
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
  refused(text, batch) {
    let answer: { errors?: boolean; items?: Array<Record<string, { status?: number; error?: { type?: string; reason?: string } }>> };
    try {
      answer = JSON.parse(text);
    } catch {
      return { retry: [], failed: [] };
    }
    if (!answer.errors || !Array.isArray(answer.items)) return none();
    const retry: number[] = [];
    const failed: Array<{ index: number; reason: string }> = [];
    answer.items.slice(0, batch).forEach((item, index) => {
      const result = Object.values(item)[0] ?? {};
      const status = result.status ?? 200;
      if (status === 429 || status >= 500) retry.push(index);
      else if (status >= 300) failed.push({ index, reason: `${status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`.trim() });
    });
    return { retry, failed };
  },
};

/** Plain NDJSON: the canonical events one per line; `Authorization: Bearer <token>`. */
export const ndjsonTarget: ReplayTarget = {
  id: 'ndjson',
  contentType: 'application/x-ndjson',
  authorization: (token) => (token ? `Bearer ${token}` : undefined),
  body: (items) => `${items.map((i) => JSON.stringify(i.record)).join('\n')}\n`,
  refused: none,
};

/** The targets by id. */
export const replayTargets: Readonly<Record<ReplayTarget['id'], ReplayTarget>> = {
  'splunk-hec': splunkHec,
  'elastic-bulk': elasticBulk,
  ndjson: ndjsonTarget,
};

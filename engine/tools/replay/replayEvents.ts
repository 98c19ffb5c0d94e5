import { EndpointUnreachableError } from '../../model/errors/EndpointUnreachableError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { connectionFailure } from './_internal/connectionFailure.ts';
import type { ReplayTarget } from './replayTargets.ts';
import { asReplayItem } from './ReplayItem.ts';
import type { ReplayItem } from './ReplayItem.ts';

/** The wall clock a replay paces itself and backs off by: injected, so the engine reads no real time itself. */
export interface WallClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Options of {@link replayEvents}. */
export interface ReplayOptions {
  url: string;
  target: ReplayTarget;
  /** From the environment only (the CLI reads `--token-env VAR`). */
  token?: string;
  /** `max`, or seconds of event time per wall second. */
  speed: number | 'max';
  /** Events per request (default 500). */
  batchSize?: number;
  /**
   * Retries of one request after a network error, 429 or 5xx (default 5), backing off from `backoffMs` (default
   * 500 ms), doubling, at most 30 s; a `Retry-After` header wins. Not used before the endpoint has answered once: a
   * refused connection, an unknown host or an unreachable network then fails at once.
   */
  maxRetries?: number;
  backoffMs?: number;
  clock: WallClock;
  fetch?: typeof fetch;
  /** Each record the endpoint would not take (the canonical event, or the vendor record), with why: nothing is dropped silently. */
  onFailed?: (record: object, reason: string) => void;
  onProgress?: (stats: ReplayStats) => void;
}

/** What a replay did. */
export interface ReplayStats {
  /** Events read. */
  events: number;
  /** Events the endpoint accepted. */
  sent: number;
  /** Events it refused for good (or after every retry). */
  failed: number;
  requests: number;
  /** Requests repeated after a network error, 429 or 5xx. */
  retried: number;
  bytes: number;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Sends events (canonical events, or vendor records as {@link ReplayItem}s) to a SIEM endpoint in batches: as fast as it takes them, or paced to their event times at `speed`×
 * (a batch leaves when its last event is due, and holds at most a second of paced time). A network error, 429 or 5xx
 * is retried with exponential back-off (or the `Retry-After` the endpoint asks for); a per-document refusal in a
 * 2xx answer (Elasticsearch bulk) retries only those documents; other 4xx fail the batch at once. Every event ends
 * up counted as sent or failed — `events = sent + failed` — and each failed one goes to `onFailed` with its reason.
 *
 * @throws EndpointUnreachableError when the first request cannot connect at all (connection refused, no such host,
 * no route, a certificate it cannot trust): nothing has been sent, and no retry would help.
 */
export async function replayEvents(
  events: AsyncIterable<CanonicalEvent | ReplayItem> | Iterable<CanonicalEvent | ReplayItem>,
  options: ReplayOptions,
): Promise<ReplayStats> {
  const { target, clock } = options;
  const doFetch = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 500;
  const maxRetries = options.maxRetries ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const authorization = target.authorization(options.token);
  const stats: ReplayStats = { events: 0, sent: 0, failed: 0, requests: 0, retried: 0, bytes: 0 };
  let firstTime: number | undefined;
  let wallStart = 0;
  /** Whether the endpoint has answered a request: until then a connection failure is taken as the wrong target. */
  let reached = false;

  const fail = (batch: readonly ReplayItem[], reason: string) => {
    stats.failed += batch.length;
    for (const i of batch) options.onFailed?.(i.record, reason);
  };

  async function send(batch: ReplayItem[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const body = target.body(pending);
      let status = 0;
      let text = '';
      let retryAfter: number | undefined;
      try {
        stats.requests++;
        const response = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': target.contentType, ...(authorization ? { authorization } : {}) },
          body,
        });
        reached = true;
        status = response.status;
        text = await response.text();
        const header = Number(response.headers.get('retry-after'));
        if (Number.isFinite(header) && header > 0) retryAfter = header * 1000;
      } catch (error) {
        const failure = reached ? undefined : connectionFailure(error);
        if (failure) throw new EndpointUnreachableError(displayUrl(options.url), failure.code, failure.problem, { cause: error });
        text = describeNetworkError(error);
      }
      const transient = status === 0 || status === 429 || status >= 500;
      if (transient) {
        if (attempt >= maxRetries) {
          fail(
            pending,
            status === 0 ? `network error after ${attempt + 1} attempts: ${text}` : `HTTP ${status} after ${attempt + 1} attempts`,
          );
          return;
        }
        stats.retried++;
        await clock.sleep(retryAfter ?? Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** attempt));
        continue;
      }
      if (status < 200 || status >= 300) {
        fail(pending, `HTTP ${status}: ${text.slice(0, 200)}`);
        return;
      }
      stats.bytes += Buffer.byteLength(body);
      const { retry, failed } = target.refused(text, pending.length);
      for (const f of failed) {
        stats.failed++;
        options.onFailed?.(pending[f.index].record, f.reason);
      }
      stats.sent += pending.length - retry.length - failed.length;
      const again = retry.map((i) => pending[i]);
      if (again.length > 0 && attempt >= maxRetries) {
        fail(again, `refused (throttled) after ${attempt + 1} attempts`);
        return;
      }
      if (again.length > 0) {
        stats.retried++;
        await clock.sleep(Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** attempt));
      }
      pending = again;
    }
  }

  const due = (time: number) => wallStart + (time - firstTime!) / (options.speed as number);
  let batch: ReplayItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (options.speed !== 'max') {
      const wait = due(batch[batch.length - 1].time) - clock.now();
      if (wait > 0) await clock.sleep(wait);
    }
    const out = batch;
    batch = [];
    await send(out);
    options.onProgress?.(stats);
  };
  for await (const x of events) {
    const event = asReplayItem(x);
    stats.events++;
    if (firstTime === undefined) {
      firstTime = event.time;
      wallStart = clock.now();
    }
    if (batch.length > 0 && options.speed !== 'max' && (event.time - batch[0].time) / options.speed > 1000) await flush();
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return stats;
}

/** The URL without any user name or password it holds: it goes into messages and logs. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** `fetch failed` says nothing: the socket's error under it does (`read ECONNRESET`). */
function describeNetworkError(error: unknown): string {
  const message = (error as Error).message;
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message !== '' ? `${message}: ${cause.message}` : message;
}

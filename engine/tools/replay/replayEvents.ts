import { EndpointUnreachableError } from '../../model/errors/EndpointUnreachableError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { connectionFailure } from './_internal/connectionFailure.ts';
import { retryAfterMs } from './_internal/retryAfterMs.ts';
import type { ReplayTarget } from './replayTargets.ts';
import { asReplayItem } from './ReplayItem.ts';
import type { ReplayItem } from './ReplayItem.ts';

/**
 * The wall clock a replay paces itself, backs off and times out by: injected, so the engine reads no real time itself.
 */
export interface WallClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Milliseconds since the epoch: only to read a `Retry-After` date when the answer carries no `Date` of its own. */
  epochMs(): number;
  /**
   * Resolves after `ms` (any length: a wait longer than a timer can hold, 2^31−1 ms, is slept in parts), or early,
   * without an error, once `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts after `ms`: the deadline of one request. */
  timeout(ms: number): AbortSignal;
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
   * Retries of one request after a network error, a timeout, 429 or 5xx (default 5), backing off from `backoffMs`
   * (default 500 ms), doubling, at most 30 s; a `Retry-After` the endpoint sends wins, up to `maxWaitMs`. Not used
   * before the endpoint has answered once: a refused connection, an unknown host or an unreachable network then fails
   * at once.
   */
  maxRetries?: number;
  backoffMs?: number;
  /** The longest wait a `Retry-After` may ask for (default 60 s): a longer one is cut to this. */
  maxWaitMs?: number;
  /** How long one request may take, answer included, before it is abandoned and retried (default 30 s). */
  timeoutMs?: number;
  clock: WallClock;
  fetch?: typeof fetch;
  /**
   * Aborting it stops the replay (Ctrl-C): the request in flight is abandoned, its events and every event read but
   * not yet sent are failed as `interrupted`, and no more input is read.
   */
  signal?: AbortSignal;
  /** Each record the endpoint did not take (the canonical event, or the vendor record), with why: nothing is dropped silently. */
  onFailed?: (record: object, reason: string) => void;
  onProgress?: (stats: ReplayStats) => void;
}

/** What a replay did. */
export interface ReplayStats {
  /** Events read. */
  events: number;
  /** Events the endpoint's answer proved it took. */
  sent: number;
  /** Events it refused, did not prove it took, or that were never sent (after every retry, or once stopped). */
  failed: number;
  requests: number;
  /** Requests repeated after a network error, a timeout, 429 or 5xx. */
  retried: number;
  bytes: number;
  /**
   * Why the replay stopped before the end of its input, or null when it read everything: `interrupted`, or the
   * answer that makes every further request pointless (401/403, a redirect).
   */
  stopped: string | null;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Sends events (canonical events, or vendor records as {@link ReplayItem}s) to a SIEM endpoint in batches: as fast
 * as it takes them, or paced to their event times at `speed`× (a batch leaves when its last event is due, and holds
 * at most a second of paced time).
 *
 * An event counts as *sent* only on an answer that proves it: what the target's `accepted` reads in a 2xx answer
 * (Splunk HEC `{"code":0}`, an Elasticsearch bulk item status 2xx per document, any 2xx for NDJSON). Otherwise:
 * - a network error, a timeout, 429 or 5xx is retried with exponential back-off (or the capped `Retry-After`), and a
 *   per-document 429/5xx in a bulk answer retries only those documents;
 * - a redirect (3xx) is not followed — a POST re-issued elsewhere, or turned into a bodiless GET, delivers nothing
 *   provable — and 401/403 will not pass by retrying: both fail the batch and stop the replay, naming the new
 *   location or the status;
 * - any other answer fails the batch at once, with the status and the start of the body.
 * Every event read ends up counted as sent or failed — `events = sent + failed` — and each failed one goes to
 * `onFailed` with its reason.
 *
 * @throws EndpointUnreachableError when the first request cannot connect at all (connection refused, no such host,
 * no route, a certificate it cannot trust): nothing has been sent, and no retry would help.
 */
export async function replayEvents(
  events: AsyncIterable<CanonicalEvent | ReplayItem> | Iterable<CanonicalEvent | ReplayItem>,
  options: ReplayOptions,
): Promise<ReplayStats> {
  const { target, clock, signal } = options;
  const doFetch = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 500;
  const maxRetries = options.maxRetries ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const authorization = target.authorization(options.token);
  const stats: ReplayStats = { events: 0, sent: 0, failed: 0, requests: 0, retried: 0, bytes: 0, stopped: null };
  let firstTime: number | undefined;
  let wallStart = 0;
  /** Whether the endpoint has answered a request: until then a connection failure is taken as the wrong target. */
  let reached = false;
  const interrupted = () => signal?.aborted === true;
  const stop = (why: string) => {
    stats.stopped ??= why;
  };

  const fail = (batch: readonly ReplayItem[], reason: string) => {
    stats.failed += batch.length;
    for (const i of batch) options.onFailed?.(i.record, reason);
  };
  const backOff = (attempt: number) => Math.min(MAX_BACKOFF_MS, maxWaitMs, backoffMs * 2 ** attempt);

  async function send(batch: ReplayItem[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (interrupted()) {
        stop('interrupted');
        fail(pending, 'interrupted: not sent');
        return;
      }
      const body = target.body(pending);
      let status = 0;
      let text = '';
      let retryAfter: number | undefined;
      let location: string | null = null;
      const deadline = clock.timeout(timeoutMs);
      try {
        stats.requests++;
        const response = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': target.contentType, ...(authorization ? { authorization } : {}) },
          body,
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
        reached = true;
        status = response.status;
        location = response.headers.get('location');
        retryAfter = retryAfterMs(response.headers.get('retry-after'), response.headers.get('date'), clock.epochMs());
        text = await response.text();
      } catch (error) {
        if (interrupted()) {
          stop('interrupted');
          fail(pending, 'interrupted: no answer came before the replay was stopped, so the endpoint may or may not have them');
          return;
        }
        if (deadline.aborted) {
          status = 0;
          text = `no answer within ${timeoutMs / 1000} s (--timeout)`;
        } else {
          const failure = reached ? undefined : connectionFailure(error);
          if (failure) throw new EndpointUnreachableError(displayUrl(options.url), failure.code, failure.problem, { cause: error });
          status = 0;
          text = describeNetworkError(error);
        }
      }
      if (status >= 300 && status < 400) {
        const why = `HTTP ${status} redirect to ${location === null ? '(no Location given)' : displayUrl(location, options.url)}: not followed; give --to that address if it is the endpoint`;
        stop(why);
        fail(pending, why);
        return;
      }
      if (status === 401 || status === 403) {
        const why = `HTTP ${status} ${status === 401 ? 'unauthorized' : 'forbidden'}: ${snippet(text)} (check the token; nothing more was sent)`;
        stop(why);
        fail(pending, why);
        return;
      }
      const transient = status === 0 || status === 408 || status === 429 || status >= 500;
      if (transient) {
        if (attempt >= maxRetries) {
          fail(
            pending,
            status === 0 ? `network error after ${attempt + 1} attempts: ${text}` : `HTTP ${status} after ${attempt + 1} attempts`,
          );
          return;
        }
        stats.retried++;
        await clock.sleep(retryAfter === undefined ? backOff(attempt) : Math.min(retryAfter, maxWaitMs), signal);
        continue;
      }
      if (status < 200 || status >= 300) {
        fail(pending, `HTTP ${status}: ${snippet(text)}`);
        return;
      }
      stats.bytes += Buffer.byteLength(body);
      const { retry, failed } = target.accepted(text, pending.length);
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
        await clock.sleep(backOff(attempt), signal);
      }
      pending = again;
    }
  }

  const due = (time: number) => wallStart + (time - firstTime!) / (options.speed as number);
  let batch: ReplayItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const out = batch;
    batch = [];
    if (stats.stopped === null && options.speed !== 'max') {
      const wait = due(out[out.length - 1].time) - clock.now();
      if (wait > 0) await clock.sleep(wait, signal);
    }
    if (stats.stopped !== null) fail(out, `not sent: the replay stopped (${stats.stopped})`);
    else await send(out);
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
    if (interrupted()) stop('interrupted');
    if (stats.stopped !== null) break;
  }
  await flush();
  return stats;
}

/** The URL without any user name or password it holds: it goes into messages and files. */
function displayUrl(url: string, base?: string): string {
  try {
    const parsed = new URL(url, base);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** The start of an answer's body, on one line: enough to tell a proxy's HTML page from the endpoint's JSON. */
function snippet(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** `fetch failed` says nothing: the socket's error under it does (`read ECONNRESET`). */
function describeNetworkError(error: unknown): string {
  const message = (error as Error).message;
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message !== '' ? `${message}: ${cause.message}` : message;
}

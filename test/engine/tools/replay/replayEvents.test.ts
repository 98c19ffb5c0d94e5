import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EndpointUnreachableError } from '../../../../engine/model/errors/EndpointUnreachableError.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { elasticBulk, ndjsonTarget, parseSpeed, replayEvents, splunkHec } from '../../../../engine/tools/replay/index.ts';
import { event, fakeClock, T0 } from './_harness.ts';

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server | undefined;
afterEach(() => server?.close());

/** A local endpoint answering each request with the next of `answers` (the last repeats). */
async function endpoint(
  answers: Array<(body: string) => { status: number; body?: string; headers?: Record<string, string> }>,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)](body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/services/collector/event`, seen };
}
const ok = () => ({ status: 200 });

describe('replayEvents', () => {
  it('sends Splunk HEC batches with the token, times in epoch seconds, and every event once', async () => {
    const { url, seen } = await endpoint([ok]);
    const events = Array.from({ length: 5 }, (_, i) => event(i));
    const stats = await replayEvents(events, { url, target: splunkHec, token: 's3cret', speed: 'max', batchSize: 2, clock: fakeClock() });
    expect(stats).toMatchObject({ events: 5, sent: 5, failed: 0, requests: 3, retried: 0 });
    expect(seen[0].headers.authorization).toBe('Splunk s3cret');
    const first = seen[0].body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first).toEqual([
      { time: T0 / 1000, source: 'pushstorm', sourcetype: 'pushstorm:idp', event: events[0] },
      { time: T0 / 1000 + 1, source: 'pushstorm', sourcetype: 'pushstorm:idp', event: events[1] },
    ]);
  });

  it('retries 429 and 5xx with back-off (honouring Retry-After), and fails a batch a 4xx refuses, with the reason', async () => {
    const { url } = await endpoint([
      () => ({ status: 429, headers: { 'retry-after': '3' } }),
      () => ({ status: 503 }),
      ok,
      () => ({ status: 400, body: '{"text":"Invalid data format","code":6}' }),
    ]);
    const clock = fakeClock();
    const failed: string[] = [];
    const stats = await replayEvents([event(0), event(1)], {
      url,
      target: splunkHec,
      speed: 'max',
      batchSize: 1,
      clock,
      onFailed: (e, r) => failed.push(`${(e as CanonicalEvent).id}: ${r}`),
    });
    expect(stats).toMatchObject({ events: 2, sent: 1, failed: 1, requests: 4, retried: 2 });
    expect(clock.slept).toEqual([3000, 1000]);
    expect(failed).toEqual(['e1: HTTP 400: {"text":"Invalid data format","code":6}']);
  });

  it('gives up after the retries, counting the events as failed, never dropping them', async () => {
    const { url } = await endpoint([() => ({ status: 500 })]);
    const clock = fakeClock();
    const failed: string[] = [];
    const stats = await replayEvents([event(0), event(1)], {
      url,
      target: ndjsonTarget,
      speed: 'max',
      maxRetries: 3,
      clock,
      onFailed: (e) => failed.push((e as CanonicalEvent).id),
    });
    expect(stats).toMatchObject({ events: 2, sent: 0, failed: 2, requests: 4, retried: 3 });
    expect(clock.slept).toEqual([500, 1000, 2000]);
    expect(failed).toEqual(['e0', 'e1']);
  });

  it('retries only the documents an Elasticsearch bulk answer throttled, and fails the ones it rejected', async () => {
    const item = (status: number) => ({
      index: {
        status,
        ...(status >= 300
          ? { error: { type: status === 400 ? 'mapper_parsing_exception' : 'es_rejected_execution_exception', reason: 'no' } }
          : {}),
      },
    });
    const { url, seen } = await endpoint([
      () => ({ status: 200, body: JSON.stringify({ errors: true, items: [item(201), item(429), item(400)] }) }),
      () => ({ status: 200, body: JSON.stringify({ errors: false, items: [item(201)] }) }),
    ]);
    const failed: string[] = [];
    const stats = await replayEvents([event(0), event(1), event(2)], {
      url,
      target: elasticBulk,
      token: 'k',
      speed: 'max',
      clock: fakeClock(),
      onFailed: (e, r) => failed.push(`${(e as CanonicalEvent).id}: ${r}`),
    });
    expect(stats).toMatchObject({ events: 3, sent: 2, failed: 1, requests: 2, retried: 1 });
    expect(failed).toEqual(['e2: 400 mapper_parsing_exception no']);
    expect(seen[0].headers.authorization).toBe('ApiKey k');
    expect(seen[0].body.split('\n')[0]).toBe('{"index":{"_index":"pushstorm-events","_id":"e0"}}');
    expect(JSON.parse(seen[1].body.split('\n')[1])).toMatchObject({ id: 'e1', '@timestamp': new Date(T0 + 1000).toISOString() });
  });

  it('paces batches to event time at the given speed', async () => {
    const { url } = await endpoint([ok]);
    const clock = fakeClock();
    // Events 0 s, 60 s and 120 s apart at 60×: due at 0, 1 and 2 s of wall time.
    await replayEvents([event(0, 0), event(1, 60), event(2, 120)], { url, target: ndjsonTarget, speed: 60, clock });
    expect(clock.slept).toEqual([1000, 1000]);
  });

  it('accounts for every event: read = sent + failed, whatever the endpoint answers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(200, 301, 400, 401, 429, 500), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        async (statuses, count, batchSize) => {
          server?.close();
          const { url } = await endpoint(statuses.map((status) => () => ({ status })));
          let reported = 0;
          const stats = await replayEvents(
            Array.from({ length: count }, (_, i) => event(i)),
            { url, target: ndjsonTarget, speed: 'max', batchSize, maxRetries: 2, clock: fakeClock(), onFailed: () => reported++ },
          );
          // A redirect or 401 stops the replay: what was read is accounted for, the rest is not read.
          if (stats.stopped === null) expect(stats.events).toBe(count);
          else expect(stats.events).toBeLessThanOrEqual(count);
          expect(stats.sent + stats.failed).toBe(stats.events);
          expect(reported).toBe(stats.failed);
        },
      ),
      { numRuns: 25 },
    );
  });
});

/** A port nothing listens on: bound by a server that is closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** What `fetch` rejects with when the socket fails: `TypeError: fetch failed`, the socket's error as the cause. */
const fetchFailed = (code: string, message = `connect ${code}`) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });

describe('replayEvents against an endpoint it cannot reach', () => {
  it('fails at the first request on a refused connection, naming the endpoint, without a retry (regression: 65 s of back-off for 704 events)', async () => {
    const port = await closedPort();
    const clock = fakeClock();
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const failed: unknown[] = [];
    const replay = replayEvents(
      Array.from({ length: 704 }, (_, i) => event(i)),
      {
        url: `http://127.0.0.1:${port}/services/collector/event`,
        target: splunkHec,
        speed: 'max',
        clock,
        fetch: counting,
        onFailed: (e) => failed.push(e),
      },
    );
    const error = await replay.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EndpointUnreachableError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', url: `http://127.0.0.1:${port}/services/collector/event`, exitCode: 1 });
    expect((error as Error).message).toBe(
      `replay: cannot reach http://127.0.0.1:${port}/services/collector/event: connection refused (ECONNREFUSED); nothing was sent`,
    );
    expect(attempts).toBe(1);
    expect(clock.slept).toEqual([]);
    expect(failed).toEqual([]);
  });

  it.each([
    ['ENOTFOUND', 'no such host (ENOTFOUND)'],
    ['EHOSTUNREACH', 'host unreachable (EHOSTUNREACH)'],
    ['ENETUNREACH', 'network unreachable (ENETUNREACH)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connection timed out (UND_ERR_CONNECT_TIMEOUT)'],
  ])('fails at once on %s, without the password the URL held', async (code, problem) => {
    let attempts = 0;
    const unreachable: typeof fetch = async () => {
      attempts++;
      throw fetchFailed(code);
    };
    const clock = fakeClock();
    await expect(
      replayEvents([event(0)], {
        url: 'https://hec:s3cret@splunk.example:8088/services/collector/event',
        target: splunkHec,
        speed: 'max',
        clock,
        fetch: unreachable,
      }),
    ).rejects.toThrow(`replay: cannot reach https://splunk.example:8088/services/collector/event: ${problem}; nothing was sent`);
    expect(attempts).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('still retries a connection failure once the endpoint has answered (a restart mid-run), and a reset on the first request', async () => {
    const answers: Array<'ok' | Error> = ['ok', fetchFailed('ECONNREFUSED'), fetchFailed('ECONNREFUSED'), 'ok'];
    const flaky: typeof fetch = async () => {
      const next = answers.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return new Response('{"text":"Success","code":0}', { status: 200 });
    };
    const clock = fakeClock();
    const stats = await replayEvents([event(0), event(1)], {
      url: 'http://splunk:8088/',
      target: splunkHec,
      speed: 'max',
      batchSize: 1,
      clock,
      fetch: flaky,
    });
    expect(stats).toMatchObject({ events: 2, sent: 2, failed: 0, requests: 4, retried: 2 });
    expect(clock.slept).toEqual([500, 1000]);

    const resets: Array<'ok' | Error> = [fetchFailed('ECONNRESET', 'read ECONNRESET'), 'ok'];
    const resetting: typeof fetch = async () => {
      const next = resets.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return new Response('{"text":"Success","code":0}', { status: 200 });
    };
    const failed: string[] = [];
    const again = await replayEvents([event(0)], {
      url: 'http://splunk:8088/',
      target: splunkHec,
      speed: 'max',
      clock: fakeClock(),
      fetch: resetting,
      onFailed: (_, r) => failed.push(r),
    });
    expect(again).toMatchObject({ sent: 1, requests: 2, retried: 1 });
    expect(failed).toEqual([]);
  });

  it('names the socket error of a network failure that outlasts the retries', async () => {
    const resetting: typeof fetch = async () => {
      throw fetchFailed('ECONNRESET', 'read ECONNRESET');
    };
    const failed: string[] = [];
    const stats = await replayEvents([event(0)], {
      url: 'http://splunk:8088/',
      target: splunkHec,
      speed: 'max',
      maxRetries: 1,
      clock: fakeClock(),
      fetch: resetting,
      onFailed: (_, r) => failed.push(r),
    });
    expect(stats).toMatchObject({ sent: 0, failed: 1, requests: 2, retried: 1 });
    expect(failed).toEqual(['network error after 2 attempts: fetch failed: read ECONNRESET']);
  });
});

describe('parseSpeed', () => {
  it('reads max and Nx, and nothing else', () => {
    expect([
      parseSpeed('max'),
      parseSpeed('60x'),
      parseSpeed('1.5x'),
      parseSpeed('0x'),
      parseSpeed('0.0x'),
      parseSpeed('fast'),
      parseSpeed('60'),
    ]).toEqual(['max', 60, 1.5, null, null, null, null]);
  });

  it('refuses paces whose waits would outgrow any timer, or mean nothing', () => {
    expect([
      parseSpeed('0.001x'),
      parseSpeed('0.0009x'),
      parseSpeed('1000000x'),
      parseSpeed('1000001x'),
      parseSpeed(`${'9'.repeat(400)}x`),
    ]).toEqual([0.001, null, 1_000_000, null, null]);
  });
});

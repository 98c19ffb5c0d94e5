import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { elasticBulk, ndjsonTarget, replayEvents, splunkHec, type WallClock } from '../../../../engine/tools/replay/index.ts';
import { event, fakeClock, T0 } from './_harness.ts';

const events = (n: number) => Array.from({ length: n }, (_, i) => event(i));

interface Request {
  method: string;
  url: string;
  body: string;
}
type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A local endpoint answering each request with the next of `answers` (the last repeats); `hang` never answers. */
async function endpoint(answers: Answer[]): Promise<{ url: string; origin: string; seen: Request[] }> {
  const seen: Request[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/services/collector/event`, origin, seen };
}
const hecOk = { status: 200, body: '{"text":"Success","code":0}' };

describe('replayEvents counts an event as sent only on an answer that proves it', () => {
  it.each([
    ['an empty 200', ''],
    ['a proxy page', '<html><body>Welcome</body></html>'],
    ['JSON without code 0', '{"text":"Success"}'],
  ])('Splunk HEC: %s fails the batch with the reason', async (_, body) => {
    const { url } = await endpoint([{ status: 200, body }]);
    const reasons: string[] = [];
    const stats = await replayEvents(events(3), {
      url,
      target: splunkHec,
      speed: 'max',
      clock: fakeClock(),
      onFailed: (_e, r) => reasons.push(r),
    });
    expect(stats).toMatchObject({ events: 3, sent: 0, failed: 3, requests: 1, retried: 0 });
    expect(reasons[0]).toMatch(/^not acknowledged: a 2xx answer without HEC's \{"code":0\}/);
  });

  it.each([
    ['a body that is not JSON', 'OK', /not a bulk response with items/],
    ['no items', '{"took":3,"errors":false}', /not a bulk response with items/],
    ['fewer items than documents', '{"errors":false,"items":[{"index":{"status":201}}]}', /1 items for 3 documents/],
  ])('Elasticsearch bulk: %s fails the batch (regression: counted everything sent)', async (_, body, reason) => {
    const { url } = await endpoint([{ status: 200, body }]);
    const reasons: string[] = [];
    const stats = await replayEvents(events(3), {
      url,
      target: elasticBulk,
      speed: 'max',
      clock: fakeClock(),
      onFailed: (_e, r) => reasons.push(r),
    });
    expect(stats).toMatchObject({ events: 3, sent: 0, failed: 3 });
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(reason);
  });

  it('Elasticsearch bulk: an item without a status fails that document only', async () => {
    const body = JSON.stringify({ errors: false, items: [{ index: { status: 201 } }, { index: {} }, { create: { status: 200 } }] });
    const { url } = await endpoint([{ status: 200, body }]);
    const failed: string[] = [];
    const stats = await replayEvents(events(3), {
      url,
      target: elasticBulk,
      speed: 'max',
      clock: fakeClock(),
      onFailed: (e, r) => failed.push(`${(e as CanonicalEvent).id}: ${r}`),
    });
    expect(stats).toMatchObject({ sent: 2, failed: 1 });
    expect(failed).toEqual(['e1: not acknowledged: a bulk item without a status']);
  });

  it('NDJSON: any 2xx takes the batch', async () => {
    const { url } = await endpoint([{ status: 204 }]);
    const stats = await replayEvents(events(2), { url, target: ndjsonTarget, speed: 'max', clock: fakeClock() });
    expect(stats).toMatchObject({ sent: 2, failed: 0, stopped: null });
  });
});

describe('replayEvents never follows a redirect and stops on 401/403', () => {
  it.each([301, 302, 307, 308])(
    '%i: one request, nothing sent anywhere else, the batch failed naming the new location, the rest not read (regression: 301 → "sent 704")',
    async (status) => {
      const elsewhere = await endpoint([hecOk]);
      const { url, seen } = await endpoint([{ status, headers: { location: `${elsewhere.origin}/collector` } }]);
      const reasons: string[] = [];
      const stats = await replayEvents(events(704), {
        url,
        target: splunkHec,
        speed: 'max',
        batchSize: 100,
        clock: fakeClock(),
        onFailed: (_e, r) => reasons.push(r),
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].method).toBe('POST');
      expect(elsewhere.seen).toHaveLength(0);
      expect(stats.sent).toBe(0);
      expect(stats.events).toBe(100);
      expect(stats.failed).toBe(100);
      expect(stats.stopped).toBe(
        `HTTP ${status} redirect to ${elsewhere.origin}/collector: not followed; give --to that address if it is the endpoint`,
      );
      expect(new Set(reasons)).toEqual(new Set([stats.stopped]));
    },
  );

  it('names a relative Location as the absolute address it points to', async () => {
    const { url, origin } = await endpoint([{ status: 301, headers: { location: '/v2/collector' } }]);
    const stats = await replayEvents(events(1), { url, target: splunkHec, speed: 'max', clock: fakeClock() });
    expect(stats.stopped).toContain(`redirect to ${origin}/v2/collector`);
  });

  it.each([401, 403])('%i: stops at once, nothing retried, events read so far failed, the rest not read', async (status) => {
    const { url, seen } = await endpoint([hecOk, { status, body: '{"text":"Invalid token","code":4}' }]);
    const clock = fakeClock();
    const stats = await replayEvents(events(1000), {
      url,
      target: splunkHec,
      speed: 'max',
      batchSize: 10,
      clock,
      maxRetries: 5,
    });
    expect(seen).toHaveLength(2);
    expect(clock.slept).toEqual([]);
    expect(stats).toMatchObject({ events: 20, sent: 10, failed: 10, requests: 2, retried: 0 });
    expect(stats.stopped).toMatch(new RegExp(`^HTTP ${status} (unauthorized|forbidden): \\{"text":"Invalid token","code":4\\}`));
  });
});

describe('replayEvents bounds every wait', () => {
  it('abandons a request with no answer within the timeout and retries it, then fails it with the reason', async () => {
    const { url, seen } = await endpoint([hecOk, 'hang']);
    const reasons: string[] = [];
    const stats = await replayEvents(events(2), {
      url,
      target: splunkHec,
      speed: 'max',
      batchSize: 1,
      maxRetries: 1,
      timeoutMs: 150,
      clock: fakeClock(),
      onFailed: (_e, r) => reasons.push(r),
    });
    expect(seen).toHaveLength(3);
    expect(stats).toMatchObject({ events: 2, sent: 1, failed: 1, requests: 3, retried: 1 });
    expect(reasons).toEqual(['network error after 2 attempts: no answer within 0.15 s (--timeout)']);
  });

  it("caps a Retry-After at maxWait, whether seconds or an HTTP date (measured from the answer's own Date)", async () => {
    const date = new Date(T0 + 3_600_000);
    const { url } = await endpoint([
      { status: 503, headers: { 'retry-after': '86400' } },
      { status: 429, headers: { date: date.toUTCString(), 'retry-after': new Date(date.getTime() + 5000).toUTCString() } },
      { status: 429, headers: { date: date.toUTCString(), 'retry-after': new Date(date.getTime() + 10 * 86_400_000).toUTCString() } },
      { status: 503, headers: { 'retry-after': 'soon' } },
      hecOk,
    ]);
    const clock = fakeClock();
    const stats = await replayEvents(events(1), {
      url,
      target: splunkHec,
      speed: 'max',
      maxWaitMs: 60_000,
      clock,
    });
    expect(stats).toMatchObject({ sent: 1, retried: 4 });
    // 86400 s → cut to 60 s; a date 5 s after the answer's Date → 5 s; 10 days after it → 60 s; junk → back-off.
    expect(clock.slept).toEqual([60_000, 5_000, 60_000, 4_000]);
  });

  it('never asks the clock for a back-off beyond maxWait', async () => {
    const { url } = await endpoint([{ status: 500 }]);
    const clock = fakeClock();
    await replayEvents(events(1), { url, target: ndjsonTarget, speed: 'max', maxRetries: 8, maxWaitMs: 5000, clock });
    expect(Math.max(...clock.slept)).toBe(5000);
  });
});

describe('replayEvents stops when its signal aborts', () => {
  it('fails the batch in flight and those read as interrupted, reads no further, and accounts for every event read', async () => {
    const { url } = await endpoint([hecOk, hecOk, 'hang']);
    const stop = new AbortController();
    const reasons: string[] = [];
    let progress = 0;
    const replay = replayEvents(events(10_000), {
      url,
      target: splunkHec,
      speed: 'max',
      batchSize: 10,
      clock: fakeClock(),
      signal: stop.signal,
      onFailed: (_e, r) => reasons.push(r),
      onProgress: () => {
        if (++progress === 2) setTimeout(() => stop.abort(), 50);
      },
    });
    const stats = await replay;
    expect(stats.stopped).toBe('interrupted');
    expect(stats.sent).toBe(20);
    expect(stats.events).toBeLessThan(10_000);
    expect(stats.sent + stats.failed).toBe(stats.events);
    expect(reasons).toHaveLength(stats.failed);
    expect(reasons[0]).toMatch(/^interrupted: no answer came before the replay was stopped/);
  });

  it('ends a paced wait at once', async () => {
    const { url } = await endpoint([hecOk]);
    const stop = new AbortController();
    const clock: WallClock = {
      now: () => 0,
      epochMs: () => T0,
      sleep: async (_ms, signal) => {
        stop.abort();
        expect(signal?.aborted).toBe(true);
      },
      timeout: (ms) => AbortSignal.timeout(ms),
    };
    const far = { ...event(1), time: T0 + 365 * 86_400_000 };
    const stats = await replayEvents([event(0), far, event(2)], { url, target: splunkHec, speed: 1, clock, signal: stop.signal });
    // The first event leaves at once; the second is due a year later: the wait ends with the signal, nothing more is sent.
    expect(stats).toMatchObject({ stopped: 'interrupted', events: 3, sent: 1, failed: 2 });
    expect(stats.sent + stats.failed).toBe(stats.events);
  });
});

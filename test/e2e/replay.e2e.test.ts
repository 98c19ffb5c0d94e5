/**
 * `pushstorm replay` as a user runs it, against a local HTTP endpoint started by the test: the token from the
 * environment only, every event sent or written to the failed file with its reason, and clear refusals of bad options.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;
let server: Server;
let url: string;
const bodies: Array<{ auth?: string; lines: number; text: string }> = [];
let refuseFrom = Infinity;
let refuseStatus = 400;

function pushstorm(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'pushstorm.mjs'), ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-replay-'));
  const events = Array.from({ length: 25 }, (_, i) =>
    JSON.stringify({
      id: `e${i}`,
      time: Date.UTC(2026, 2, 2) + i * 1000,
      source: 'idp',
      type: 'mfa.challenge',
      user: 'ann@x.org',
      outcome: 'success',
    }),
  );
  writeFileSync(join(cwd, 'events.ndjson'), `${events.join('\n')}\n`);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push({ auth: req.headers.authorization, lines: body.trim().split('\n').length, text: body });
      const refuse = bodies.length >= refuseFrom;
      res.writeHead(refuse ? refuseStatus : 200, { 'content-type': 'application/json' });
      res.end(refuse ? '{"text":"Invalid token","code":4}' : '{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/collector/event`;
});
afterAll(() => {
  server.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('pushstorm replay', () => {
  it('sends a vendor log as its own records, under the vendor sourcetype, paced by their decoded times', async () => {
    const golden = readFileSync(join(repo, 'test/engine/formats/okta/golden/records.ndjson'), 'utf8').trim().split('\n');
    writeFileSync(join(cwd, 'okta.ndjson'), `${golden.join('\n')}\n`);
    bodies.length = 0;
    const run = await pushstorm(['replay', 'okta.ndjson', '--to', url, '--as', 'splunk-hec', '--batch', '100', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      format: 'okta',
      formatDetected: true,
      records: golden.length,
      events: golden.length,
      sent: golden.length,
      failed: 0,
      unsent: 0,
    });
    const sent = bodies.flatMap((b) =>
      b.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { sourcetype: string; event: unknown; time: number }),
    );
    expect(sent.map((s) => s.event)).toEqual(golden.map((l) => JSON.parse(l)));
    expect(new Set(sent.map((s) => s.sourcetype))).toEqual(new Set(['OktaIM2:log']));
    // the policy evaluation decodes to no event: it goes at the time of the record before it
    expect(sent.at(-1)!.time).toBe(sent.at(-2)!.time);
  });

  it('sends every event in batches with the token from the environment, and says so', async () => {
    bodies.length = 0;
    const run = await pushstorm(
      ['replay', 'events.ndjson', '--to', url, '--as', 'splunk-hec', '--token-env', 'HEC_TOKEN', '--batch', '10', '--json'],
      { HEC_TOKEN: 'abc' },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ events: 25, sent: 25, failed: 0, requests: 3, retried: 0, failedFile: null });
    expect(bodies.map((b) => [b.auth, b.lines])).toEqual([
      ['Splunk abc', 10],
      ['Splunk abc', 10],
      ['Splunk abc', 5],
    ]);
  });

  it('writes what the endpoint refused to the failed file with the reason, and exits 1', async () => {
    bodies.length = 0;
    refuseFrom = 2;
    const run = await pushstorm(['replay', 'events.ndjson', '--to', url, '--as', 'ndjson', '--batch', '10', '--failed', 'f.ndjson']);
    refuseFrom = Infinity;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sent         10');
    expect(run.stderr).toContain('failed       15 (f.ndjson)');
    expect(run.stderr).toContain('error: replay: 15 of 25 events were not accepted (see f.ndjson)');
    const failed = readFileSync(join(cwd, 'f.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failed).toHaveLength(15);
    expect(failed[0]).toMatchObject({ reason: 'HTTP 400: {"text":"Invalid token","code":4}', event: { id: 'e10' } });
  });

  it('stops at a 403: nothing more sent or retried, what was read written to the failed file, exit 1', async () => {
    bodies.length = 0;
    refuseFrom = 2;
    refuseStatus = 403;
    const run = await pushstorm(['replay', 'events.ndjson', '--to', url, '--as', 'splunk-hec', '--batch', '10', '--failed', 'f403.ndjson']);
    refuseFrom = Infinity;
    refuseStatus = 400;
    expect(run.code).toBe(1);
    expect(bodies).toHaveLength(2);
    const reason = 'HTTP 403 forbidden: {"text":"Invalid token","code":4} (check the token; nothing more was sent)';
    expect(run.stderr).toContain(`stopped      ${reason}; the rest of the input was not read`);
    expect(run.stderr).toContain(
      `error: replay: stopped (${reason}); the rest of the input was not read; 10 of 20 events were not accepted (see f403.ndjson)`,
    );
    expect(readFileSync(join(cwd, 'f403.ndjson'), 'utf8').trim().split('\n')).toHaveLength(10);
  });

  it('refuses a URL holding credentials, never echoing the password (exit 2)', async () => {
    const withPassword = url.replace('http://', 'http://hec:s3cr3t@');
    const run = await pushstorm(['replay', 'events.ndjson', '--to', withPassword, '--as', 'splunk-hec']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds a user name or password');
    expect(run.stderr).not.toContain('s3cr3t');
    expect(run.stderr).not.toContain('hec:');
    const ftp = await pushstorm(['replay', 'events.ndjson', '--to', 'ftp://hec:s3cr3t@host/x', '--as', 'ndjson']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).not.toContain('s3cr3t');
  });

  it('writes records it cannot read to the quarantine file and exits 1, after sending the rest', async () => {
    const good = readFileSync(join(cwd, 'events.ndjson'), 'utf8');
    writeFileSync(join(cwd, 'mixed.ndjson'), `${good}not json\n{"id":"x","time":"yesterday"}\n`);
    bodies.length = 0;
    const run = await pushstorm([
      'replay',
      'mixed.ndjson',
      '--to',
      url,
      '--as',
      'ndjson',
      '--format',
      'canonical',
      '--quarantine',
      'q.ndjson',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ sent: 25, failed: 0, quarantined: 2, quarantineFile: 'q.ndjson' });
    expect(run.stderr).toContain('error: replay: 2 records could not be read, not sent (see q.ndjson)');
    const quarantined = readFileSync(join(cwd, 'q.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(quarantined.map((q) => q.line)).toEqual([26, 27]);
  });

  it('refuses paces and durations that cannot be timed (exit 2)', async () => {
    const run = await pushstorm([
      'replay',
      'events.ndjson',
      '--to',
      url,
      '--as',
      'ndjson',
      '--speed',
      '0.0000001x',
      '--timeout',
      '0s',
      '--max-wait',
      'forever',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--speed 0.0000001x: must be max or a pace from 0.001x to 1000000x');
    expect(run.stderr).toContain('--timeout 0s: must be a duration above zero');
    expect(run.stderr).toContain('--max-wait forever: must be a duration above zero');
  });

  it('on SIGINT stops, writes the failed file and the summary, leaves no temporary file, and exits 130', async () => {
    let requests = 0;
    let signalled: () => void = () => {};
    const secondRequest = new Promise<void>((resolve) => (signalled = resolve));
    const hanging = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests++;
        if (requests === 1) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"text":"Success","code":0}');
        } else signalled(); // never answers
      });
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/services/collector/event`;
    const child = spawn(
      process.execPath,
      [
        join(repo, 'bin', 'pushstorm.mjs'),
        'replay',
        'events.ndjson',
        '--to',
        target,
        '--as',
        'splunk-hec',
        '--batch',
        '10',
        '--failed',
        'int.ndjson',
      ],
      { cwd },
    );
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    await secondRequest;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    hanging.closeAllConnections();
    hanging.close();
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('sent         10');
    expect(stderr).toContain('stopped      interrupted');
    expect(stderr).toContain('error: replay: stopped (interrupted)');
    const failed = readFileSync(join(cwd, 'int.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failed.length).toBeGreaterThanOrEqual(10);
    expect(failed[0].reason).toMatch(/^interrupted/);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing token variable, an unknown target, a bad pace and a bad URL at once, with exit 2', async () => {
    const run = await pushstorm([
      'replay',
      'events.ndjson',
      '--to',
      'ftp://x',
      '--as',
      'kafka',
      '--speed',
      'fast',
      '--token-env',
      'NOPE_NOT_SET',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'error: replay options: 4 problems',
        '  --to ftp://x: not an http(s) URL, e.g. https://splunk:8088/services/collector/event',
        '  --as kafka: must be one of splunk-hec, elastic-bulk, ndjson',
        '  --speed fast: must be max or a pace from 0.001x to 1000000x, e.g. 60x (a minute of event time per second)',
        '  --token-env NOPE_NOT_SET: environment variable NOPE_NOT_SET is not set',
        '',
      ].join('\n'),
    );
  });

  it('heads an option error "replay options", naming the option and its value (regression: "detector parameters")', async () => {
    const token = await pushstorm(['replay', 'events.ndjson', '--to', url, '--as', 'ndjson', '--token-env', 'NOPE']);
    expect(token.code).toBe(2);
    expect(token.stderr).toBe('error: replay options: 1 problem\n  --token-env NOPE: environment variable NOPE is not set\n');
    const pace = await pushstorm(['replay', 'events.ndjson', '--to', url, '--as', 'ndjson', '--speed', '0x']);
    expect(pace.code).toBe(2);
    expect(pace.stderr).toMatch(/^error: replay options: 1 problem\n {2}--speed 0x: must be max or a pace from 0.001x/);
    const empty = await pushstorm(['replay', 'events.ndjson', '--to', url, '--as', 'ndjson', '--token-env', 'EMPTY_TOKEN'], {
      EMPTY_TOKEN: '',
    });
    expect(empty.stderr).toContain('--token-env EMPTY_TOKEN: environment variable EMPTY_TOKEN is empty');
  });

  it('fails fast on a refused connection, in one line naming the endpoint, with no retry (regression: 65 s of back-off)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/services/collector/event`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await pushstorm([
      'replay',
      'events.ndjson',
      '--to',
      closed,
      '--as',
      'splunk-hec',
      '--batch',
      '1',
      '--failed',
      'refused.ndjson',
    ]);
    expect(run.code).toBe(1);
    // One line, no summary: a retry would have printed one after its back-off, and 25 batches would have failed one by one.
    expect(run.stderr).toBe(`error: replay: cannot reach ${closed}: connection refused (ECONNREFUSED); nothing was sent\n`);
    expect(existsSync(join(cwd, 'refused.ndjson'))).toBe(false);
  });

  it('exits 1 when the input holds no event to send, saying why, and sends nothing (it exited 0 as if all were delivered)', async () => {
    writeFileSync(join(cwd, 'junk.ndjson'), 'not json\n{"also": "not an event"}\n');
    writeFileSync(join(cwd, 'empty.ndjson'), '');
    for (const [file, why] of [
      ['junk.ndjson', /no events accepted from junk\.ndjson: all 2 records were quarantined/],
      ['empty.ndjson', /no events in empty\.ndjson: it is empty/],
    ] as const) {
      const before = bodies.length;
      const run = await pushstorm(['replay', file, '--to', url, '--as', 'ndjson', '--format', 'canonical']);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toMatch(why);
      expect(bodies.length).toBe(before);
    }
  });
});

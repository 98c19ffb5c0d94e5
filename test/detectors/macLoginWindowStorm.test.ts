import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { macLoginWindowStorm } from '../../detectors/macLoginWindowStorm.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 2);
const params = { threshold: 3, windowMs: 10 * MINUTE, graceMs: 5 * MINUTE, outageUsers: 5 };

const request = (id: string, m: number, device: string, user = 'ann@x.org'): CanonicalEvent => ({
  id,
  time: T0 + m * MINUTE,
  source: 'mac',
  type: 'mac.mfa.request',
  user,
  device: { id: device, kind: 'mac', hostname: device.toUpperCase() },
  transaction: id,
  challenge: { id: `${id}.m`, factor: 'desktop_mfa' },
  mac: { process: 'mfa_plugin', method: 'login_window' },
});

function run(events: CanonicalEvent[], p = params): Alert[] {
  const alerts: Alert[] = [];
  const rt = new DetectorRuntime([{ definition: macLoginWindowStorm, params: p }], (a) => alerts.push(a));
  for (const e of events) rt.push(e);
  rt.finish();
  return alerts;
}

const devices = ['mbp-1', 'mbp-2', 'lab-1'];
type Kind = 'request' | 'start' | 'unlock' | 'result' | 'lock';

/** Mac records on whole minutes, several users per Mac, so window and grace edges come up often. */
const streamArb = fc
  .array(
    fc.record({
      device: fc.constantFrom(...devices),
      user: fc.constantFrom('ann@x.org', 'bob@x.org'),
      minute: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom<Kind>('request', 'request', 'request', 'start', 'unlock', 'result', 'lock'),
    }),
    { maxLength: 100, size: 'max' },
  )
  .map((rows) =>
    rows.map((r, i): CanonicalEvent => {
      const id = `e${String(i).padStart(4, '0')}`;
      const base = {
        id,
        time: T0 + r.minute * MINUTE,
        source: 'mac' as const,
        user: r.user,
        device: { id: r.device, kind: 'mac' as const },
      };
      switch (r.kind) {
        case 'request':
          return { ...request(id, r.minute, r.device, r.user) };
        case 'start':
          return { ...base, type: 'mac.session.start', outcome: 'success' };
        case 'unlock':
          return { ...base, type: 'mac.session.unlock', outcome: 'success' };
        case 'result':
          return {
            ...base,
            type: 'mac.mfa.result',
            transaction: id,
            challenge: { id, factor: 'desktop_mfa', result: 'timeout' },
            outcome: 'failure',
          };
        default: // 'lock'
          return { ...base, type: 'mac.session.lock', outcome: 'success' };
      }
    }),
  );

const paramsArb = fc.record({
  threshold: fc.integer({ min: 2, max: 5 }),
  windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
  graceMs: fc.integer({ min: 0, max: 15 }).map((m) => m * MINUTE),
  // The oracle knows no population context: no crowd of failing users is ever an outage here (tested on its own).
  outageUsers: fc.constant(1000),
});

/**
 * Naively, per Mac: every request that completes `threshold` requests in [t − W, t], with no session start or unlock
 * on that Mac from t − W to t + grace, is a decision at t + grace; decisions more than the thread gap (1 h) apart
 * open new threads.
 */
function oracle(events: CanonicalEvent[], { threshold, windowMs, graceMs }: typeof params): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  for (const device of devices) {
    const mine = events.filter((e) => e.device?.id === device);
    const requests = mine.filter((e) => e.type === 'mac.mfa.request').sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
    const logins = mine.filter((e) => e.type === 'mac.session.start' || e.type === 'mac.session.unlock').map((e) => e.time);
    const decisions: number[] = [];
    requests.forEach((c, k) => {
      if (requests.slice(0, k + 1).filter((d) => d.time >= c.time - windowMs).length < threshold) return;
      if (!logins.some((t) => t >= c.time - windowMs && t <= c.time + graceMs)) decisions.push(c.time + graceMs);
    });
    let last = -Infinity;
    for (const d of decisions.sort((a, b) => a - b)) {
      if (d - last > 60 * MINUTE) opened.push([device, d]);
      last = d;
    }
  }
  return opened.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

const openedOf = (alerts: Alert[]) =>
  alerts
    .filter((a) => a.status === 'open')
    .map((a): [string, number] => [a.entity.value, a.alertTime])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));

const byTime = (events: CanonicalEvent[]) => [...events].sort((a, b) => a.time - b.time);

describe('mac-login-window-storm', () => {
  it('opens exactly the threads a naive recomputation of the definition gives, edges included (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, (events, p) => {
        expect(openedOf(run(byTime(events), p))).toEqual(oracle(events, p));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same alerts when events are shuffled within the allowed lateness, and when every event comes twice (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, fc.integer(), (events, p, seed) => {
        const sorted = byTime(events);
        const shuffled = swapNeighbours(sorted, seed, MINUTE);
        const expected = run(sorted, p);
        expect(run(shuffled, p)).toEqual(expected);
        expect(
          run(
            sorted.flatMap((e) => [e, e]),
            p,
          ),
        ).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('counts requests per Mac, whoever types at it, and names the device', () => {
    const alerts = run([
      request('a', 0, 'lab-1', 'ann@x.org'),
      request('b', 1, 'lab-1', 'bob@x.org'),
      request('c', 2, 'lab-1', 'ann@x.org'),
      request('d', 2, 'mbp-7'),
    ]);
    expect(alerts.map((a) => [a.entity, a.users, a.alertTime - T0, a.devices.map((d) => d.hostname)])).toEqual([
      [{ kind: 'device', value: 'lab-1' }, ['ann@x.org', 'bob@x.org'], 7 * MINUTE, ['LAB-1']],
    ]);
  });

  it('a login-window session on that Mac within the grace period clears the storm; one on another Mac does not', () => {
    const login = (id: string, m: number, device: string): CanonicalEvent => ({
      id,
      time: T0 + m * MINUTE,
      source: 'mac',
      type: 'mac.session.start',
      user: 'ann@x.org',
      device: { id: device, kind: 'mac' },
      outcome: 'success',
    });
    const storm = [request('a', 0, 'mbp-1'), request('b', 1, 'mbp-1'), request('c', 2, 'mbp-1')];
    expect(run([...storm, login('s', 7, 'mbp-1')])).toEqual([]);
    expect(run([...storm, login('s', 7, 'mbp-2')]).length).toBe(1);
    expect(run([...storm, login('s', 7.001, 'mbp-1')]).length).toBe(1);
  });

  it('fires on the night-time login-window storm of the library scenario, on the attacked Mac', async () => {
    const scenario = await loadScenarioFile('scenarios/night-login-window.yaml', { users: 260 });
    const events: CanonicalEvent[] = [];
    const { truth } = simulate(scenario, (e) => events.push(e));
    const alerts = run(events, defaultParams(macLoginWindowStorm));
    const incident = truth.incidents.find((i) => i.kind === 'login-window')!;
    const hits = alerts.filter(
      (a) => a.entity.value === incident.device && a.alertTime >= incident.start && a.alertTime <= incident.end + 10 * MINUTE,
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].user).toBe(incident.target);
  });
});

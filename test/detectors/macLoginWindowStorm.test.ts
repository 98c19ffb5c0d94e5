import { describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { macLoginWindowStorm } from '../../detectors/macLoginWindowStorm.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';

const minute = 60_000;
const T0 = Date.UTC(2026, 2, 2, 2);
const params = { threshold: 3, windowMs: 10 * minute, graceMs: 5 * minute };

const request = (id: string, m: number, device: string, user = 'ann@x.org'): CanonicalEvent => ({
  id,
  time: T0 + m * minute,
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

describe('mac-login-window-storm', () => {
  it('counts requests per Mac, whoever types at it, and names the device', () => {
    const alerts = run([request('a', 0, 'lab-1', 'ann@x.org'), request('b', 1, 'lab-1', 'bob@x.org'), request('c', 2, 'lab-1', 'ann@x.org'), request('d', 2, 'mbp-7')]);
    expect(alerts.map((a) => [a.entity, a.users, a.alertTime - T0, a.devices.map((d) => d.hostname)])).toEqual([
      [{ kind: 'device', value: 'lab-1' }, ['ann@x.org', 'bob@x.org'], 7 * minute, ['LAB-1']],
    ]);
  });

  it('a login-window session on that Mac within the grace period clears the storm; one on another Mac does not', () => {
    const login = (id: string, m: number, device: string): CanonicalEvent => ({
      id, time: T0 + m * minute, source: 'mac', type: 'mac.session.start', user: 'ann@x.org', device: { id: device, kind: 'mac' }, outcome: 'success',
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
    const hits = alerts.filter((a) => a.entity.value === incident.device && a.alertTime >= incident.start && a.alertTime <= incident.end + 10 * minute);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].user).toBe(incident.target);
  });
});

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../detectors/index.ts';
import type { LogFormat, MacHost } from '../../../engine/formats/LogFormat.ts';
import { canonicalFormat } from '../../../engine/formats/canonicalFormat.ts';
import { oktaFormat } from '../../../engine/formats/oktaFormat.ts';
import type { Alert } from '../../../engine/generated/alert.ts';
import type { CanonicalEvent } from '../../../engine/generated/event.ts';
import { defaultParams } from '../../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../../engine/runtime/DetectorRuntime.ts';
import { macHosts } from '../../../engine/cli/_internal/writeVendorLogs.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { decodeAll, encodeAll } from './_harness.ts';

/**
 * The detectors give the same alerts on a world whether they read its canonical events or the vendor logs the same
 * world writes (one IdP file, one Mac file or one per Mac, merged by time as a SIEM would hold them).
 * @module
 */

const instances = detectors.map((definition) => ({ definition, params: defaultParams(definition) }));

function alertsOf(events: Iterable<CanonicalEvent>): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(instances, (a) => alerts.push(a));
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/** What an alert says, without the fields a format changes by construction (device details, evidence ids). */
function gist(a: Alert) {
  return {
    detector: a.detector.id,
    entity: a.entity,
    user: a.user,
    status: a.status,
    update: a.update,
    severity: a.severity,
    firstTime: a.firstTime,
    lastTime: a.lastTime,
    alertTime: a.alertTime,
    challenges: a.challenges,
    outcomes: a.outcomes,
    sources: a.sources.map((s) => s.ip),
    evidenceTotal: a.evidenceTotal,
  };
}

/** The world as the vendor files hold it: each file encoded and decoded on its own, then merged by time. */
function throughFormats(events: CanonicalEvent[], idp: LogFormat, mac: LogFormat, hosts: MacHost[]): CanonicalEvent[] {
  const decoded: CanonicalEvent[][] = [];
  decoded.push(decodeAll(idp, encodeAll(idp, events.filter((e) => e.source === 'idp'))).events);
  const macEvents = events.filter((e) => e.source === 'mac');
  if (mac.perHost) {
    for (const host of hosts) {
      const own = macEvents.filter((e) => (e.device?.hostname ?? e.device?.id) === host.hostname);
      if (own.length > 0) decoded.push(decodeAll(mac, encodeAll(mac, own, { host }), { host }).events);
    }
  } else decoded.push(decodeAll(mac, encodeAll(mac, macEvents)).events);
  return decoded.flat().sort((a, b) => a.time - b.time);
}

const worlds: Record<string, { events: CanonicalEvent[]; hosts: MacHost[]; alerts: Alert[] }> = {};

async function world(name: string, overrides: { users?: number; days?: number }): Promise<void> {
  const scenario: ResolvedScenario = await loadScenarioFile(fileURLToPath(new URL(`../../../scenarios/${name}.yaml`, import.meta.url)), overrides);
  const { events } = runWorld(scenario);
  worlds[name] = { events, hosts: macHosts(scenario), alerts: alertsOf(events) };
}

beforeAll(async () => {
  await world('uber-burst', { users: 150, days: 5 });
  await world('night-login-window', { users: 400, days: 3 });
  await world('duo-fraud-mute', { users: 120, days: 3 });
  await world('hosting-spray', { users: 200, days: 4 });
}, 120_000);

describe.each([
  { idp: oktaFormat, mac: canonicalFormat },
])('alerts from $idp.id + $mac.id logs', ({ idp, mac }) => {
  it.each(['uber-burst', 'night-login-window', 'duo-fraud-mute', 'hosting-spray'])('equal the canonical alerts on %s', (name) => {
    const w = worlds[name];
    expect(w.alerts.length, 'the world raises alerts').toBeGreaterThan(0);
    const vendor = alertsOf(throughFormats(w.events, idp, mac, w.hosts));
    expect(vendor.map(gist)).toEqual(w.alerts.map(gist));
  });
});

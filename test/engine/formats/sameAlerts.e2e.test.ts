import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectors } from '../../../detectors/index.ts';
import type { LogFormat, MacHost } from '../../../engine/formats/LogFormat.ts';
import { canonicalFormat } from '../../../engine/formats/canonical/canonicalFormat.ts';
import { oktaClassicFormat, oktaFormat } from '../../../engine/formats/okta/oktaFormat.ts';
import { duoFormat } from '../../../engine/formats/duo/duoFormat.ts';
import { entraFormat } from '../../../engine/formats/entra/entraFormat.ts';
import { entraSentinelFormat } from '../../../engine/formats/entra/entraSentinelFormat.ts';
import { ocsfFormat } from '../../../engine/formats/ocsf/ocsfFormat.ts';
import { unifiedLogFormat } from '../../../engine/formats/unifiedlog/unifiedLogFormat.ts';
import type { Alert } from '../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { defaultParams } from '../../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../../engine/runtime/DetectorRuntime.ts';
import { macHosts } from '../../../engine/evaluate/macHosts.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { memoised } from '../../_fixtures/memoised.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { decodeAll, encodeAll } from './_harness.ts';

/**
 * Set SAME_ALERTS_REPORT=1 to list every detector that differs (count of canonical and vendor alerts) instead of
 * failing at the first, when adding a format.
 *
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

const worlds: Record<string, { events: CanonicalEvent[]; hosts: MacHost[]; alerts: Alert[] }> = {};

/**
 * One side of a world as its vendor files hold it — the IdP's records, or the Macs' (one file, or one per Mac) — each
 * file encoded and decoded on its own. Made once per format and world: pairs that share a format share its side.
 */
const idpSide = memoised(
  (idp: LogFormat, name: string) => `${idp.id} ${name}`,
  (idp: LogFormat, name: string): CanonicalEvent[] =>
    decodeAll(
      idp,
      encodeAll(
        idp,
        worlds[name].events.filter((e) => e.source === 'idp'),
      ),
    ).events,
);
const macSide = memoised(
  (mac: LogFormat, name: string) => `${mac.id} ${name}`,
  (mac: LogFormat, name: string): CanonicalEvent[] => {
    const { events, hosts } = worlds[name];
    const macEvents = events.filter((e) => e.source === 'mac');
    if (!mac.perHost) return decodeAll(mac, encodeAll(mac, macEvents)).events;
    return hosts.flatMap((host) => {
      const own = macEvents.filter((e) => e.device?.id === host.device?.id);
      return own.length > 0 ? decodeAll(mac, encodeAll(mac, own, { host }), { host }).events : [];
    });
  },
);

/** The world as the vendor files hold it: its two sides merged by time. */
function throughFormats(name: string, idp: LogFormat, mac: LogFormat): CanonicalEvent[] {
  return [...idpSide(idp, name), ...macSide(mac, name)].sort((a, b) => a.time - b.time);
}

async function world(name: string, overrides: { users?: number; days?: number }): Promise<void> {
  const scenario: ResolvedScenario = await loadScenarioFile(
    fileURLToPath(new URL(`../../../scenarios/${name}.yaml`, import.meta.url)),
    overrides,
  );
  const { events } = runWorld(scenario);
  worlds[name] = { events, hosts: macHosts(scenario), alerts: alertsOf(events) };
}

beforeAll(async () => {
  await world('uber-burst', { users: 150, days: 5 });
  await world('night-login-window', { users: 400, days: 3 });
  await world('duo-fraud-mute', { users: 120, days: 3 });
  await world('hosting-spray', { users: 200, days: 4 });
}, 120_000);

const names = ['uber-burst', 'night-login-window', 'duo-fraud-mute', 'hosting-spray'];

/**
 * Each pair of formats, and the detectors whose alerts it changes with the reason (what the format cannot hold):
 * every other detector must give exactly the canonical alerts on every world, and every detector listed must differ
 * on at least one, so the list stays true.
 */
const pairs: Array<{ idp: LogFormat; mac: LogFormat; differs: Record<string, string> }> = [
  { idp: oktaFormat, mac: canonicalFormat, differs: {} },
  { idp: ocsfFormat, mac: ocsfFormat, differs: {} },
  {
    idp: oktaClassicFormat,
    mac: canonicalFormat,
    differs: {
      'denied-burst': 'a Classic org logs no record for an unanswered push, and timeouts are most of a storm',
      'approval-after-fatigue': 'the same: the failed prompts before the approval are mostly timeouts',
      'unfamiliar-source': 'the same: the failed pushes it counts are mostly timeouts',
      'factor-after-burst': 'the evidence of a sign-in pushed through after failed pushes loses their timeouts',
      'mfa-without-login': "the alert's outcome counts lose the timeouts",
      'spray-by-source': 'the failures it counts per source lose the timeouts',
      'spray-by-asn': 'the same, per ASN',
      'baseline-okta-abandonment': 'the rule looks for UNANSWERED pushes, an Identity Engine outcome',
      'unanswered-pushes':
        'without a timeout record, a push the next one follows looks still on the phone, so it counts at once, not after its grace',
    },
  },
  { idp: oktaFormat, mac: unifiedLogFormat, differs: {} },
  ...[entraFormat, entraSentinelFormat].map((idp) => ({
    idp,
    mac: canonicalFormat,
    differs: {
      'factor-after-burst': 'factor enrolments are in the Entra audit log, not the sign-in log',
      'spray-by-asn': 'Entra flags only Tor and VPN egress as anonymised (riskEventTypes_v2), so hosting proxies lose their flag',
      'baseline-okta-abandonment': 'the same: the rule requires the proxy flag',
    },
  })),
  {
    idp: duoFormat,
    mac: canonicalFormat,
    differs: {
      'mfa-without-login':
        "a push's time becomes its answer's: Duo writes one row per resolved attempt, with the one time of its result, and no row for the push sent",
      'factor-after-burst': "the pushes before an enrolment move to their answers' times",
      'unanswered-pushes': "the same: each push is judged a grace period after its answer's time, not its own",
      'unanswered-spray': 'the same, per network',
      'spray-by-asn': 'Duo rows carry no AS number',
      'baseline-okta-abandonment': 'Duo rows carry no proxy flag, which the rule requires',
    },
  },
];

describe.each(pairs)('alerts from $idp.id + $mac.id logs', ({ idp, mac, differs }) => {
  const differing = new Set<string>();
  it.each(names)('equal the canonical alerts on %s, but for the detectors the formats are known to change', (name) => {
    const w = worlds[name];
    expect(w.alerts.length, 'the world raises alerts').toBeGreaterThan(0);
    const vendor = alertsOf(throughFormats(name, idp, mac));
    for (const d of detectors) {
      const mine = vendor.filter((a) => a.detector.id === d.id).map(gist);
      const theirs = w.alerts.filter((a) => a.detector.id === d.id).map(gist);
      if (d.id in differs) {
        if (JSON.stringify(mine) !== JSON.stringify(theirs)) differing.add(d.id);
        continue;
      }
      if (process.env.SAME_ALERTS_REPORT && JSON.stringify(mine) !== JSON.stringify(theirs))
        console.log(`DIFF ${idp.id}+${mac.id} ${name} ${d.id} canonical=${theirs.length} vendor=${mine.length}`);
      else expect(mine, `${d.id} on ${name}`).toEqual(theirs);
    }
  });
  it('changes every detector it is said to change', () => {
    expect([...differing].sort()).toEqual(Object.keys(differs).sort());
  });
});

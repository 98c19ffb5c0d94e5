import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../../engine/model/errors/ScenarioError.ts';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import { entraFormat } from '../../../../engine/formats/entra/entraFormat.ts';
import { duoFormat } from '../../../../engine/formats/duo/duoFormat.ts';
import { ocsfFormat } from '../../../../engine/formats/ocsf/ocsfFormat.ts';
import { unifiedLogFormat } from '../../../../engine/formats/unifiedlog/unifiedLogFormat.ts';
import { canonicalFormat } from '../../../../engine/formats/canonical/canonicalFormat.ts';
import { writeLogFiles } from '../../../../engine/formats/files/writeLogFiles.ts';
import type { LogFormat } from '../../../../engine/formats/LogFormat.ts';
import { macHosts } from '../../../../engine/evaluate/macHosts.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { injectIntoLog } from '../../../../engine/tools/inject/injectIntoLog.ts';
import { profileLog } from '../../../../engine/tools/inject/LogProfile.ts';
import { matchAlert } from '../../../../engine/evaluate/scoring/matchAlert.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import type { ResolvedScenario } from '../../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { decodeAll, encodeAll } from '../../formats/_harness.ts';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../../../../scenarios/${name}.yaml`, import.meta.url));
let benign: CanonicalEvent[];
let logLines: string[];
let attack: ResolvedScenario;

const alertsOf = defaultAlerts;
const read = (lines: string[]) =>
  decodeAll(
    oktaFormat,
    lines.map((l) => JSON.parse(l) as unknown),
  ).events;

beforeAll(async () => {
  // A benign month: no attacks, 150 users, 5 days; its Okta log stands for a real export.
  benign = runWorld(await loadScenarioFile(scenarioFile('quiet-month'), { users: 150, days: 5 })).events;
  logLines = encodeAll(oktaFormat, benign).map((r) => JSON.stringify(r));
  attack = await loadScenarioFile(scenarioFile('uber-burst'));
}, 60_000);

describe('profileLog', () => {
  it('learns the users, span, apps and networks of a log', () => {
    const idp = benign.filter((e) => e.source === 'idp');
    const profile = profileLog(idp);
    expect(profile.users.map((u) => u.login)).toEqual([...new Set(idp.map((e) => e.user))].sort());
    expect(profile.start).toBe(Math.min(...idp.map((e) => e.time)));
    expect(profile.end).toBe(Math.max(...idp.map((e) => e.time)));
    expect(new Set(profile.apps)).toEqual(new Set(idp.filter((e) => e.app !== undefined).map((e) => e.app)));
    expect(profile.users.every((u) => u.origins.length > 0)).toBe(true);
    expect(profileLog([...idp].reverse())).toEqual(profile);
  });
});

describe('injectIntoLog', () => {
  it('keeps every record of the log byte for byte, in order, and adds the attack in time order', async () => {
    const result = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    const original = new Set(logLines);
    expect(result.lines.filter((l) => original.has(l))).toEqual(logLines);
    expect(result.lines.length).toBe(logLines.length + result.added);
    expect(result.added).toBeGreaterThan(0);
    const times = read(result.lines).map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("attacks the log's own users, with truth naming them, and labels exactly the injected events", async () => {
    const result = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    const users = new Set(benign.map((e) => e.user));
    expect(result.truth.incidents.length).toBeGreaterThan(0);
    for (const i of result.truth.incidents) expect(users.has(i.target)).toBe(true);
    const injectedIds = read(result.lines)
      .filter((e) => e.id.startsWith('inj-'))
      .map((e) => e.id);
    expect(Object.keys(result.truth.labels).sort()).toEqual([...injectedIds].sort());
    expect(result.truth.users).toBe(new Set(benign.filter((e) => e.source === 'idp').map((e) => e.user)).size);
  });

  it('makes the detectors find the injected attack and nothing new besides', async () => {
    const result = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    const before = alertsOf(read(logLines));
    const after = alertsOf(read(result.lines));
    const matched = after.filter((a) => matchAlert(a, result.truth.incidents).length > 0);
    expect(matched.map((a) => a.detector.id)).toEqual(expect.arrayContaining(['mfa-without-login', 'denied-burst']));
    const unmatched = after.filter((a) => matchAlert(a, result.truth.incidents).length === 0);
    expect(unmatched.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('pseudonymises users and IPs alike in the log, the truth and the injected events, keeping the alerts', async () => {
    const plain = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    const redacted = await injectIntoLog(Readable.from([logLines.join('\n')]), attack, { redactKey: 'a-key-of-sixteen+chars' });
    const text = redacted.lines.join('\n') + JSON.stringify(redacted.truth) + JSON.stringify(redacted.injected);
    for (const user of new Set(benign.map((e) => e.user))) expect(text.includes(user)).toBe(false);
    for (const ip of new Set(benign.flatMap((e) => (e.origin ? [e.origin.ip] : [])))) expect(text.includes(`"${ip}"`)).toBe(false);
    const gist = (a: Alert) => [a.detector.id, a.firstTime, a.lastTime, a.challenges, a.status];
    expect(alertsOf(read(redacted.lines)).map(gist)).toEqual(alertsOf(read(plain.lines)).map(gist));
    const alerts = alertsOf(read(redacted.lines));
    expect(redacted.truth.incidents.every((i) => alerts.some((a) => matchAlert(a, [i]).length > 0))).toBe(true);
  });

  it('is deterministic', async () => {
    const a = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    const b = await injectIntoLog(Readable.from([logLines.join('\n')]), attack);
    expect(b.lines).toEqual(a.lines);
    expect(b.truth).toEqual(a.truth);
  });

  it('refuses an attack that starts after the log ends, naming it', async () => {
    const late = { ...attack, attacks: attack.attacks.map((a) => ({ ...a, at: { ...a.at, day: 9 } })) };
    await expect(injectIntoLog(Readable.from([logLines.join('\n')]), late, { scenarioFile: 'late.yaml' })).rejects.toThrow(ScenarioError);
    await expect(injectIntoLog(Readable.from([logLines.join('\n')]), late, { scenarioFile: 'late.yaml' })).rejects.toThrow(
      /starts on day 9, after the log's 5 day/,
    );
  });
});

describe('injectIntoLog in every format', () => {
  it.each<[string, LogFormat]>([
    ['entra', entraFormat],
    ['duo', duoFormat],
    ['ocsf', ocsfFormat],
  ])('injects into a %s log: the log kept, the attack labelled by the ids its records decode to, and detected', async (_, format) => {
    const idp = benign.filter((e) => e.source === 'idp');
    const lines = encodeAll(format, idp).map((r) => JSON.stringify(r));
    const result = await injectIntoLog(Readable.from([lines.join('\n')]), attack);
    const original = new Set(lines);
    expect(result.lines.filter((l) => original.has(l))).toEqual(lines);
    const decoded = decodeAll(
      format,
      result.lines.map((l) => JSON.parse(l) as unknown),
    ).events;
    const ids = new Set(decoded.map((e) => e.id));
    expect(Object.keys(result.truth.labels).every((id) => ids.has(id))).toBe(true);
    const alerts = alertsOf(decoded);
    expect(result.truth.incidents.every((i) => alerts.some((a) => matchAlert(a, [i]).length > 0))).toBe(true);
  });

  it("injects a login-window attack into one Mac's unified log, labelled by the ids its lines decode to", async () => {
    const scenario = await loadScenarioFile(scenarioFile('quiet-month'), { users: 3, days: 3 });
    const { events } = runWorld(scenario);
    const host = macHosts(scenario)[0];
    const mine = events.filter((e) => e.source === 'mac' && e.device?.id === host.device?.id);
    const lines = encodeAll(unifiedLogFormat, mine, { host }).map((r) => JSON.stringify(r));
    const lw: ResolvedScenario = {
      ...attack,
      attacks: [
        {
          name: 'lw',
          strategy: 'login-window',
          targets: 1,
          at: { day: 1, minuteOfDay: 150 },
          pushes: 12,
          intervalMs: 40_000,
          jitter: 0.2,
          spreadMs: 0,
          sources: { kind: 'single', pool: 1, rotateEvery: 1 },
          postCompromise: { enrollFactor: false, afterMs: 0 },
        },
      ],
    };
    const result = await injectIntoLog(Readable.from([lines.join('\n')]), lw, { context: { host } });
    expect(result.added).toBeGreaterThan(0);
    expect(result.notHeld).toBeGreaterThan(0); // the IdP side of the attack is not in a Mac's log
    const decoded = decodeAll(
      unifiedLogFormat,
      result.lines.map((l) => JSON.parse(l) as unknown),
      { host },
    ).events;
    const labelled = decoded.filter((e) => e.id in result.truth.labels);
    expect(labelled.length).toBe(Object.keys(result.truth.labels).length);
    expect(labelled.some((e) => e.type === 'mac.mfa.request')).toBe(true);
    const alerts = alertsOf(decoded);
    expect(alerts.some((a) => a.detector.id === 'mac-login-window-storm' && matchAlert(a, result.truth.incidents).length > 0)).toBe(true);
  });

  it("writes injected unified-log lines as simulate writes the Mac's own, Apple's \\/ escaping included (inject used to write plain JSON.stringify)", async () => {
    const scenario = await loadScenarioFile(scenarioFile('quiet-month'), { users: 3, days: 3 });
    const { events } = runWorld(scenario);
    const hosts = macHosts(scenario);
    const host = hosts[0];
    // The Mac's log as `simulate --mac-format unifiedlog` writes it.
    const dir = mkdtempSync(join(tmpdir(), 'pushstorm-inject-'));
    let lines: string[];
    try {
      await writeLogFiles(events, dir, {
        idp: canonicalFormat,
        mac: unifiedLogFormat,
        hosts: new Map(hosts.map((h) => [h.device?.id ?? h.hostname, h])),
      });
      lines = readFileSync(join(dir, 'mac', `${host.file ?? host.hostname}.ndjson`), 'utf8')
        .trimEnd()
        .split('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const unescapedSlash = /(?<!\\)\//;
    expect(lines.some((l) => l.includes('\\/'))).toBe(true);
    expect(lines.some((l) => unescapedSlash.test(l))).toBe(false);
    const lw: ResolvedScenario = {
      ...attack,
      attacks: [
        {
          name: 'lw',
          strategy: 'login-window',
          targets: 1,
          at: { day: 1, minuteOfDay: 150 },
          pushes: 12,
          intervalMs: 40_000,
          jitter: 0.2,
          spreadMs: 0,
          sources: { kind: 'single', pool: 1, rotateEvery: 1 },
          postCompromise: { enrollFactor: false, afterMs: 0 },
        },
      ],
    };
    const original = new Set(lines);
    const plain = await injectIntoLog(Readable.from([`${lines.join('\n')}\n`]), lw, { context: { host } });
    expect(plain.lines.filter((l) => original.has(l))).toEqual(lines);
    const injected = plain.lines.filter((l) => !original.has(l));
    expect(injected).toHaveLength(plain.added);
    expect(injected.some((l) => l.includes('\\/'))).toBe(true);
    // Redaction rewrites every line: still as the simulator writes them.
    const redacted = await injectIntoLog(Readable.from([`${lines.join('\n')}\n`]), lw, {
      context: { host },
      redactKey: 'a-key-of-16-chars-or-more',
    });
    for (const line of [...injected, ...redacted.lines]) {
      // Byte for byte the line the simulator writes for that record: paths escaped, nothing else changed.
      expect(unescapedSlash.test(line)).toBe(false);
      expect(line).toBe(unifiedLogFormat.toLine(JSON.parse(line)));
    }
  });
});

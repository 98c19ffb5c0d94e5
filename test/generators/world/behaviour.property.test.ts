import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld, type WorldRun } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, everyStrategy, tinyScenario } from '../../_fixtures/tinyScenario.ts';

function groupBy<K>(events: CanonicalEvent[], key: (e: CanonicalEvent) => K | undefined): Map<K, CanonicalEvent[]> {
  const map = new Map<K, CanonicalEvent[]>();
  for (const e of events) {
    const k = key(e);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  }
  return map;
}

/** Every causal rule of the stream and the truth that a detector or the scoring relies on; returns the violations. */
function violations(run: WorldRun, scenario: ResolvedScenario): string[] {
  const out: string[] = [];
  const end = scenario.startMs + scenario.durationMs;
  const events = run.events;
  const byId = new Map(events.map((e) => [e.id, e]));
  const byTxn = groupBy(events, (e) => e.transaction);
  const results = groupBy(events, (e) => (e.type === 'mfa.result' ? e.challenge?.id : undefined));
  const challenges = new Map<string, CanonicalEvent>();

  for (const c of events) {
    if (c.type !== 'mfa.challenge') continue;
    const cid = c.challenge!.id;
    if (challenges.has(cid)) out.push(`challenge id ${cid} used twice (${c.id})`);
    challenges.set(cid, c);
    // No push without an attempt: a successful primary factor, or the Mac plug-in's request, in the transaction.
    const txn = byTxn.get(c.transaction!) ?? [];
    const cause = txn.find(
      (x) => x.time <= c.time && ((x.type === 'auth.attempt' && x.outcome === 'success') || x.type === 'mac.mfa.request'),
    );
    if (!cause) out.push(`challenge ${c.id} (txn ${c.transaction}) has no successful attempt or mac.mfa.request before it`);
    const rs = results.get(cid) ?? [];
    if (rs.length > 1) out.push(`challenge ${c.id} has ${rs.length} results`);
    // A sent push is answered or timed out; only those that would time out after the end of the run may be open.
    if (c.outcome === 'success' && rs.length === 0 && c.time + scenario.idp.pushTimeoutMs <= end) {
      out.push(`challenge ${c.id} sent at ${c.time} never got a result`);
    }
    for (const r of rs) {
      if (r.time < c.time) out.push(`result ${r.id} is before its challenge ${c.id}`);
      if (r.transaction !== c.transaction || r.user !== c.user) out.push(`result ${r.id} does not match challenge ${c.id}`);
      if (r.challenge!.factor !== c.challenge!.factor) out.push(`result ${r.id} changes the factor of ${c.id}`);
    }
  }
  for (const [cid, rs] of results) if (!challenges.has(cid)) out.push(`result ${rs[0].id} for unknown challenge ${cid}`);

  for (const s of events) {
    if (s.type !== 'session.start') continue;
    const txn = byTxn.get(s.transaction!) ?? [];
    const failed = txn.find(
      (x) => x.type === 'mfa.result' && x.time <= s.time && ['denied', 'fraud', 'wrong_number', 'timeout'].includes(x.challenge!.result!),
    );
    if (failed) out.push(`session ${s.id} follows ${failed.challenge!.result} result ${failed.id}`);
    const approved = txn.some((x) => x.type === 'mfa.result' && x.challenge!.result === 'approved' && x.time <= s.time);
    if (!approved && s.reason !== 'remembered_device') out.push(`session ${s.id} without approval or remembered device`);
  }

  // Mac: a console session after a desktop-MFA login needs the plug-in's approved result for that login.
  const lastConsoleLogin = new Map<string, CanonicalEvent>();
  for (const e of events) {
    if (e.source !== 'mac') continue;
    const key = `${e.device?.id}|${e.user}`;
    if (e.type === 'mac.login' && e.app === 'system.login.console') lastConsoleLogin.set(key, e);
    if (e.type === 'mac.mfa.result' && e.challenge?.result === 'approved') {
      const idpApproval = (byTxn.get(e.transaction!) ?? []).find(
        (x) => x.type === 'mfa.result' && x.challenge!.result === 'approved' && x.time <= e.time,
      );
      if (!idpApproval) out.push(`mac.mfa.result ${e.id} approved without an approved IdP result`);
    }
    if (e.type !== 'mac.session.start') continue;
    const login = lastConsoleLogin.get(key);
    if (!login) {
      out.push(`mac.session.start ${e.id} without a console login`);
      continue;
    }
    const txn = byTxn.get(login.transaction!) ?? [];
    if (!txn.some((x) => x.type === 'mac.mfa.request')) continue;
    const ok = txn.some((x) => x.type === 'mac.mfa.result' && x.challenge?.result === 'approved' && x.time <= e.time);
    if (!ok) out.push(`mac.session.start ${e.id} after desktop-MFA login ${login.id} without an approved mac.mfa.result`);
  }

  for (const id of Object.keys(run.truth.labels)) if (!byId.has(id)) out.push(`label for unknown event ${id}`);
  const labelled = new Map<string, CanonicalEvent[]>();
  for (const [id, label] of Object.entries(run.truth.labels)) {
    const e = byId.get(id);
    if (!e) continue;
    const list = labelled.get(label);
    if (list) list.push(e);
    else labelled.set(label, [e]);
  }
  for (const inc of run.truth.incidents) {
    const mine = labelled.get(inc.id) ?? [];
    if (mine.length === 0) out.push(`incident ${inc.id} has no labelled events`);
    for (const e of mine) if (e.user !== inc.target) out.push(`event ${e.id} of ${inc.id} concerns ${e.user}, not ${inc.target}`);
    if (inc.start > inc.end) out.push(`incident ${inc.id} starts after it ends`);
    for (const e of mine) if (e.time < inc.start) out.push(`event ${e.id} of ${inc.id} is before the incident start`);
    const approvals = mine.filter((e) => e.type === 'mfa.result' && e.challenge!.result === 'approved');
    if (inc.compromisedAt !== null) {
      if (!approvals.some((e) => e.time === inc.compromisedAt)) out.push(`incident ${inc.id} compromisedAt matches no approved result`);
      if (approvals.some((e) => e.time < inc.compromisedAt!)) out.push(`incident ${inc.id} compromisedAt is not the first approval`);
      if (inc.compromisedAt < inc.start || inc.compromisedAt > inc.end) out.push(`incident ${inc.id} compromised outside [start, end]`);
    } else if (approvals.length > 0) {
      out.push(`incident ${inc.id} has an approved result ${approvals[0].id} but no compromisedAt`);
    }
    const prompts = mine.filter((e) => e.type === 'mfa.challenge' && e.outcome === 'success').length;
    if (prompts !== inc.prompts) out.push(`incident ${inc.id} says ${inc.prompts} prompts, stream has ${prompts}`);
  }
  for (const label of labelled.keys()) {
    if (!label.startsWith('noise:') && !run.truth.incidents.some((i) => i.id === label)) out.push(`label ${label} is no incident`);
  }
  return out;
}

describe('simulate: behaviour (attacks on)', () => {
  it('keeps pushes, results, sessions and the truth causally consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.record({
          everyStrategy: fc.boolean(),
          numberMatching: fc.boolean(),
          outage: fc.boolean(),
          fraudMute: fc.boolean(),
          tightRateLimit: fc.boolean(),
        }),
        (seed, v) => {
          const scenario = tinyScenario({
            seed,
            users: 20,
            days: 2,
            numberMatching: v.numberMatching,
            attacks: v.everyStrategy ? [...everyStrategy(), ...defaultAttacks()] : defaultAttacks(),
            outages: v.outage ? [{ at: { day: 0, minuteOfDay: 21 * 60 }, durationMs: 30 * 60_000 }] : [],
            idp: {
              fraudMuteMs: v.fraudMute ? 1_200_000 : 0,
              rateLimit: { enabled: true, challenges: v.tightRateLimit ? 3 : 10, perMs: 300_000 },
            },
            macs: { desktopMfa: 0.8 },
            noise: { fatFinger: 0.1, missedPush: 0.1 },
          });
          const run = runWorld(scenario);
          expect(run.truth.incidents.length).toBeGreaterThan(0);
          expect(violations(run, scenario)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('the default burst against a fatigable user compromises them on seed 2 (a fixed, checked example)', () => {
    const scenario = tinyScenario({ seed: 2, users: 20, days: 2 });
    const run = runWorld(scenario);
    expect(violations(run, scenario)).toEqual([]);
    const burst = run.truth.incidents.find((i) => i.id === 'burst#1')!;
    expect(burst.kind).toBe('burst');
    expect(burst.compromisedAt).not.toBeNull();
    expect(burst.socialEngineeringAt).not.toBeNull();
    expect(burst.factorEnrolledAt).toBe(burst.end);
    // The attacker's factor enrolment is in the stream, labelled, at the recorded time.
    const enrol = run.events.find((e) => e.type === 'factor.enroll' && run.truth.labels[e.id] === 'burst#1');
    expect(enrol?.time).toBe(burst.factorEnrolledAt);
    expect(enrol?.user).toBe(burst.target);
    const lw = run.truth.incidents.find((i) => i.id === 'lw#1')!;
    expect(lw.kind).toBe('login-window');
    expect(lw.device).toMatch(/^guo/);
  });
});

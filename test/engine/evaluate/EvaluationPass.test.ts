/**
 * The one pipeline: `run` (files), `tune`/`gate` (in memory), the library's detect + score and the `score` command
 * all count one world alike. Regression: on night-login-window (the gate's world) the victim reports fraud and the
 * IdP mutes the rest of the login-window pushes; scoring counted the Mac's requests for those muted pushes as prompts
 * endured (25) while the truth said 19, and `run` and `score` kept noise-labelled events as the attack's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../detectors/index.ts';
import { detectEvents } from '../../../engine/evaluate/detectEvents.ts';
import type { Evaluation } from '../../../engine/evaluate/Evaluation.ts';
import { evaluateScenario } from '../../../engine/evaluate/evaluateScenario.ts';
import { evaluateToDirectory, type DirectoryEvaluation } from '../../../engine/evaluate/evaluateToDirectory.ts';
import { EvaluationPass } from '../../../engine/evaluate/EvaluationPass.ts';
import { scoreFiles } from '../../../engine/evaluate/scoreFiles.ts';
import { promptTimes } from '../../../engine/evaluate/scoring/promptTimes.ts';
import { scoreDetection } from '../../../engine/evaluate/scoring/scoreDetection.ts';
import { simulateScenario } from '../../../engine/evaluate/simulateScenario.ts';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { resolveInstances } from '../../../engine/runtime/resolveInstances.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';

const file = 'scenarios/night-login-window.yaml';
const size = { users: 260 };
let dir: string;
let inMemory: Evaluation;
let onDisk: DirectoryEvaluation;
let events: CanonicalEvent[];
const instances = resolveInstances(detectorRegistry, undefined, undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-pipeline-'));
  inMemory = evaluateScenario(await loadScenarioFile(file, size), instances);
  onDisk = await evaluateToDirectory(file, { ...size, detectors: instances, out: join(dir, 'run'), cwd: dir });
  events = (await simulateScenario(file, size)).events;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one pipeline: every path scores a world alike', () => {
  it('counts prompts endured as the truth does: a Mac request whose IdP push was muted after a fraud report is no prompt', () => {
    const prompts = promptTimes(events, inMemory.truth);
    const muted = events.filter(
      (e) => e.type === 'mfa.challenge' && e.outcome === 'failure' && inMemory.truth.labels[e.id] === 'office-mac-login-window#1',
    );
    expect(muted.length).toBeGreaterThan(0); // the world still exercises the case
    for (const incident of inMemory.truth.incidents) expect(prompts.get(incident.id)?.length ?? 0, incident.id).toBe(incident.prompts);
  });

  it('gives run (through files) the same score, alerts and attack events as tune and gate (in memory)', () => {
    expect(onDisk.evaluation.score).toEqual(inMemory.score);
    expect(onDisk.evaluation.alerts).toEqual(inMemory.alerts);
    expect(onDisk.evaluation.attackEvents).toEqual(inMemory.attackEvents);
    expect(inMemory.attackEvents.length).toBeGreaterThan(0);
    expect(inMemory.attackEvents.every((e) => !inMemory.truth.labels[e.id].startsWith('noise:'))).toBe(true);
  });

  it('gives the library’s detect + score and the score command the same figures', async () => {
    const detection = await detectEvents(events);
    expect(scoreDetection(inMemory.truth, detection.alerts, { events, instances: detection.instances })).toEqual(inMemory.score);
    const scored = await scoreFiles({
      truth: onDisk.simulation.outputs.truth,
      alerts: onDisk.files.alerts,
      events: onDisk.simulation.outputs.events,
    });
    // An alerts file does not say which detectors ran: the score command has rows only for those that alerted.
    expect(scored.score.detectors).toEqual(inMemory.score.detectors.filter((d) => d.alerts > 0));
    expect(scored.score.overall).toEqual(inMemory.score.overall);
    expect(scored.score.perIncident).toEqual(inMemory.score.perIncident);
  });

  it('keeps noise-labelled events on the target out of the attack, whatever path fed them', () => {
    const truth = { ...inMemory.truth, labels: { ...inMemory.truth.labels } };
    const attack = inMemory.attackEvents.find((e) => e.type === 'mfa.challenge' && e.outcome === 'success')!;
    // The victim's own retry during the attack, a push of the same kind on the same user.
    const retry: CanonicalEvent = { ...attack, id: 'victim-retry', transaction: 'own-txn', time: attack.time + 1 };
    truth.labels[retry.id] = 'noise:retry';
    const pass = new EvaluationPass([]);
    for (const e of [...inMemory.attackEvents, retry]) pass.push(e);
    const evaluation = pass.finish(truth);
    expect(evaluation.attackEvents.map((e) => e.id)).not.toContain('victim-retry');
    expect(promptTimes([...inMemory.attackEvents, retry], truth)).toEqual(promptTimes(inMemory.attackEvents, inMemory.truth));
  });
});

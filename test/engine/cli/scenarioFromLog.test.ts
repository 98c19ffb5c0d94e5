import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import type { Truth } from '../../../engine/model/generated/truth.ts';
import { runCliCollected as cli } from '../../_fixtures/runCliCollected.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-from-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const iso = (ms: number) => new Date(ms).toISOString();
const events = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CanonicalEvent);

describe('pushstorm scenario from-log', () => {
  it('replays a simulated incident: the script sends the same pushes at the same times, from the same addresses', async () => {
    expect((await cli(['simulate', 'scenarios/tiny.yaml', '--out', join(dir, 'w'), '-q'])).code).toBe(0);
    const truth = JSON.parse(readFileSync(join(dir, 'w', 'truth.json'), 'utf8')) as Truth;
    const [incident] = truth.incidents;
    const from = iso(incident.start - 60_000);
    const to = iso(incident.end + 3_600_000);
    const out = join(dir, 'replay.yaml');
    const made = await cli([
      'scenario',
      'from-log',
      join(dir, 'w', 'events.ndjson'),
      '--user',
      incident.target,
      '--from',
      from,
      '--to',
      to,
      '--out',
      out,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/^scenario .*replay\.yaml: \d+ steps from \d+ events/);
    expect((await cli(['simulate', out, '--out', join(dir, 'r'), '-q'])).code).toBe(0);
    // Every push of the user in the window (the log cannot tell theirs from the attacker's) is a step of the replay.
    const original = events(join(dir, 'w', 'events.ndjson'))
      .filter((e) => e.type === 'mfa.challenge' && e.user === incident.target && e.time >= Date.parse(from) && e.time < Date.parse(to))
      .map((e) => [e.time, e.origin?.ip]);
    const replayTruth = JSON.parse(readFileSync(join(dir, 'r', 'truth.json'), 'utf8')) as Truth;
    const replayed = events(join(dir, 'r', 'events.ndjson'))
      .filter((e) => e.type === 'mfa.challenge' && replayTruth.labels[e.id] === replayTruth.incidents[0].id)
      .map((e) => [e.time, e.origin?.ip]);
    expect(original.length).toBeGreaterThan(0);
    expect(replayed).toEqual(original);
    expect(replayTruth.incidents[0].kind).toBe('script');
  });

  it('prints to standard output without --out, and refuses bad times (exit 2) and an empty window (exit 1)', async () => {
    const log = join(dir, 'w', 'events.ndjson');
    const truth = JSON.parse(readFileSync(join(dir, 'w', 'truth.json'), 'utf8')) as Truth;
    const user = truth.incidents[0].target;
    const printed = await cli(['scenario', 'from-log', log, '--user', user, '--from', iso(truth.start), '--to', iso(truth.end)]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^ +strategy: script$/m);
    const bad = await cli(['scenario', 'from-log', log, '--user', user, '--from', 'yesterday', '--to', iso(truth.end)]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--from')]);
    const reversed = await cli(['scenario', 'from-log', log, '--user', user, '--from', iso(truth.end), '--to', iso(truth.start)]);
    expect([reversed.code, reversed.stderr]).toEqual([2, expect.stringContaining('must be after --from')]);
    const nobody = await cli([
      'scenario',
      'from-log',
      log,
      '--user',
      'nobody@example.org',
      '--from',
      iso(truth.start),
      '--to',
      iso(truth.end),
    ]);
    expect(nobody.code).toBe(1);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/model/generated/alert.ts';
import { spawnPushstorm } from '../_fixtures/spawnPushstorm.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const plugin = join(repo, 'examples', 'detectors', 'pushesFromNewCountry.ts');
let cwd: string;

const pushstorm = (args: string[]) => spawnPushstorm(args, cwd, { TMPDIR: join(cwd, 'tmp') });
const alertsIn = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Alert);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-plugins-'));
  mkdirSync(join(cwd, 'tmp'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('--detectors-from', () => {
  it('run scores the plug-in beside the built-in detectors, and detect raises its alerts on the same events', () => {
    const run = pushstorm([
      'run',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--out',
      'w',
      '--quiet',
      '--json',
      '--detectors-from',
      plugin,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { detectors: Array<{ label: string; recall: number | null; alerts: number }> };
    const row = summary.detectors.find((d) => d.label === 'pushes-from-new-country');
    expect(row).toMatchObject({
      alerts: 1,
      recall: 1,
      baseline: false,
      params: { threshold: 3, windowMs: 3_600_000, lookbackMs: 30 * 86_400_000 },
    });
    expect(summary.detectors.map((d) => d.label)).toContain('denied-burst');

    const detect = pushstorm([
      'detect',
      'w/events.ndjson',
      '--detectors-from',
      plugin,
      '--detectors',
      'pushes-from-new-country',
      '--params',
      write('p.yaml', 'pushes-from-new-country: { window: 2h }\n'),
    ]);
    expect(detect.code).toBe(0);
    const alerts = alertsIn(detect.stdout);
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.detector.id))).toEqual(new Set(['pushes-from-new-country']));
    expect(alerts[0].detector.params).toEqual({ threshold: 3, windowMs: 2 * 3_600_000, lookbackMs: 30 * 86_400_000 });
    const truth = JSON.parse(readFileSync(join(cwd, 'w', 'truth.json'), 'utf8')) as { incidents: Array<{ target: string }> };
    expect(alerts.map((a) => a.entity.value)).toContain(truth.incidents[0].target);
  });

  it('tune sweeps the plug-in, and gate checks a requirement on it', () => {
    const tune = pushstorm([
      'tune',
      join(repo, 'scenarios', 'uber-burst.yaml'),
      '--detector',
      'pushes-from-new-country',
      '--detectors-from',
      plugin,
      '--grid',
      'threshold=2..3',
      '--no-baselines',
      '--quiet',
      '--json',
    ]);
    expect(tune.stderr).toBe('');
    expect(tune.code).toBe(0);
    expect(tune.stdout).toContain('threshold=2');
    const gate = write(
      'gate.yaml',
      `name: plug\nsuite:\n  - { scenario: ${join(repo, 'scenarios', 'uber-burst.yaml')}, seeds: [2022] }\ndetectors: [pushes-from-new-country]\nrequire:\n  - { detector: pushes-from-new-country, figure: recall, min: 1 }\n`,
    );
    const passed = pushstorm(['gate', gate, '--detectors-from', plugin]);
    expect(passed.stderr + passed.stdout).toMatch(/every check holds/);
    expect(passed.code).toBe(0);
    expect(pushstorm(['gate', gate]).stderr).toContain('unknown detector "pushes-from-new-country"');
  });

  it('stops with exit 2 before anything runs when a module cannot be used, naming it and what is wrong', () => {
    write('throws.mjs', `throw new Error('boom at import');\n`);
    // JavaScript modules: a compiled .mjs cannot import the TypeScript example (only --detectors-from loads .ts).
    const valid = (id: string, extra = '') =>
      `export default { id: '${id}', version: '1.0.0', title: 'T', description: 'D', severity: 'high', attack: { technique: 'T1621' }, needs: ['mfa.result'], entity: 'user', keyOf: (e) => e.user, params: { threshold: { default: 3, min: 1, max: 20, step: 1, unit: 'count', description: 'n' } }, create: () => ({ idleMs: 60000, init: () => null, onEvent() {} }), ${extra} };\n`;
    write('clash.mjs', valid('denied-burst'));
    write('nothing.mjs', 'export const answer = 42;\n');
    write(
      'bad.mjs',
      valid(
        'bad-one',
        `create: undefined, params: { threshold: { default: 0, min: 1, max: 20, step: 1, unit: 'count', description: 'n' } }`,
      ),
    );
    const cases: Array<[string[], string]> = [
      [['detect', '-', '--detectors-from', 'nowhere.js'], `detectors from nowhere.js: not found (looked for ${join(cwd, 'nowhere.js')})`],
      [['detect', '-', '--detectors-from', 'throws.mjs'], 'detectors from throws.mjs: failed to import: boom at import'],
      [
        ['run', join(repo, 'scenarios', 'tiny.yaml'), '--detectors-from', 'clash.mjs'],
        'detectors from clash.mjs: 1 problem\n  default.id: "denied-burst" is the id of a built-in detector; give yours another',
      ],
      [
        ['tune', join(repo, 'scenarios', 'tiny.yaml'), '--detector', 'x', '--grid', 'threshold=2', '--detectors-from', 'nothing.mjs'],
        'detectors from nothing.mjs: exports no detector definition',
      ],
      [
        ['gate', 'gate.yaml', '--detectors-from', 'bad.mjs'],
        'detectors from bad.mjs: 2 problems\n  default.create: must be a function (params) => logic { init, onEvent, idleMs }\n  default.params.threshold.default: must be within [1, 20] (got 0)',
      ],
    ];
    for (const [args, message] of cases) {
      const run = pushstorm(args);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.code, args.join(' ')).toBe(2);
    }
  });
});

function write(name: string, text: string): string {
  writeFileSync(join(cwd, name), text);
  return name;
}

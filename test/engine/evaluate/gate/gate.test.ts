import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FileContentError } from '../../../../engine/model/errors/FileContentError.ts';
import {
  checkGateFile,
  figureRanges,
  formatGateMarkdown,
  formatJunit,
  loadGateFile,
  runGate,
  type GateResult,
} from '../../../../engine/evaluate/gate/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-gate-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tiny = join(process.cwd(), 'scenarios', 'tiny.yaml');
let n = 0;
function gateFile(body: string): string {
  const file = join(dir, `g${n++}.yaml`);
  writeFileSync(file, body);
  return file;
}
const suite = `suite:\n  - { scenario: ${JSON.stringify(tiny)}, seeds: [1] }\n`;

/** The problems `loadGateFile` reports, as `path: message` lines; [] when it loads. */
async function problems(file: string, overrides = {}): Promise<string[]> {
  try {
    await loadGateFile(file, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(FileContentError);
    return (error as FileContentError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe('loadGateFile', () => {
  it('lists every problem of a gate file at once', async () => {
    const paths = (
      await problems(
        gateFile(
          `name: x\nsuite: []\ncolour: red\nrequire:\n  - { detector: overall, figure: recal, min: 1 }\n  - { detector: overall, figure: recall }\n`,
        ),
      )
    ).map((p) => p.slice(0, p.indexOf(':')));
    expect(paths).toEqual(expect.arrayContaining(['', '/suite', '/require/0/figure', '/require/1']));
  });

  it('checks that requirements name scenarios of the suite and that min ≤ max', async () => {
    const found = (
      await problems(
        gateFile(`name: x\n${suite}require:\n  - { detector: overall, figure: recall, min: 0.9, max: 0.5, scenarios: [nope] }\n`),
      )
    ).join('\n');
    expect(found).toMatch(/\/require\/0\/scenarios\/0: not a scenario of the suite[\s\S]*min 0.9 is above max 0.5/);
  });

  it('reports the schema, a missing and an invalid scenario, unknown detectors and parameters, impossible bounds and a missing baseline in one error (regression: it stopped at the first kind)', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nduration: soon\n');
    const file = gateFile(
      `name: all\ncolour: red\nsuite:\n  - { scenario: missing.yaml, seeds: [1] }\n  - { scenario: broken.yaml, seeds: [1, 2] }\n` +
        `detectors: [nope, denied-burst]\nparams: { denied-burst: { window: 7m30s } }\nbaseline: nowhere.json\nrequire:\n` +
        `  - { detector: overall, figure: recall, min: 1.5 }\n  - { detector: overall, figure: falseAlerts, max: -0.1 }\n  - { detector: overall, figure: precision, max: 2 }\n`,
    );
    const found = await problems(file);
    const expected = [
      ': unknown property "colour"',
      '/require/0/min: 1.5 can never be met: recall lies in [0, 1]',
      '/require/1/max: -0.1 can never be met: falseAlerts lies in [0, ∞]',
      '/require/2/max: 2 is always met, so it checks nothing: precision lies in [0, 1]',
      '/suite/0/scenario: missing.yaml: cannot read the file',
      '/suite/1/scenario: broken.yaml /duration: ',
      '/detectors/0: unknown detector "nope"',
      "/params/denied-burst/window: must be a multiple of 1m (the parameter's step; got 7m30s)",
      '/baseline: ',
    ];
    for (const prefix of expected)
      expect(
        found.some((p) => p.startsWith(prefix)),
        `${prefix}\n in\n${found.join('\n')}`,
      ).toBe(true);
    // A scenario that fails under both its seeds is listed once.
    expect(found.filter((p) => p.startsWith('/suite/1/scenario: broken.yaml /duration'))).toHaveLength(1);
  });

  it('refuses exactly the bounds outside the values a figure can take (property)', async () => {
    const figures = Object.keys(figureRanges) as Array<keyof typeof figureRanges>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...figures),
        fc.constantFrom('min', 'max'),
        fc.constantFrom(-0.1, 0, 0.5, 1, 1.5, 1000),
        async (figure, kind, bound) => {
          const [lo, hi] = figureRanges[figure];
          const found = await problems(
            gateFile(`name: b\n${suite}require:\n  - { detector: overall, figure: ${figure}, ${kind}: ${bound} }\n`),
          );
          expect(found.length > 0, found.join('\n')).toBe(bound < lo || bound > hi);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('takes --detectors and --params instead of the file’s own, and reports their problems with the rest', async () => {
    const params = join(dir, 'tuned.yaml');
    writeFileSync(params, 'denied-burst: { threshold: 3, window: 20m }\n');
    const loaded = await loadGateFile(gateFile(`name: o\n${suite}detectors: [mfa-without-login]\n`), {
      detectors: ['denied-burst'],
      params,
    });
    expect(loaded.instances.map((i) => [i.definition.id, i.params])).toEqual([
      ['denied-burst', { threshold: 3, windowMs: 1_200_000, outageUsers: 5 }],
    ]);
    writeFileSync(params, 'denied-burst: { threshold: 3.5 }\n');
    expect(await problems(gateFile(`name: o\n${suite}`), { detectors: ['denied-burst', 'nope'], params })).toEqual([
      `--detectors[1]: unknown detector "nope" (known: ${[...(await import('../../../../detectors/index.ts')).detectorRegistry.keys()].join(', ')})`,
      `--params ${params} /denied-burst/threshold: must be a multiple of 1 (the parameter's step; got 3.5)`,
    ]);
  });
});

describe('runGate', () => {
  const run = async (body: string, options = {}) =>
    runGate(await loadGateFile(gateFile(`name: t\n${suite}${body}`)), { pushstormVersion: '0', ...options });

  it('passes a bound met exactly, fails one missed, and skips a figure that does not apply', async () => {
    // tiny: one incident, caught by every count detector; fraud-report catches nothing there.
    const result = await run(
      'require:\n  - { detector: overall, figure: recall, min: 1 }\n  - { detector: overall, figure: falseAlerts, max: 0 }\n' +
        '  - { detector: fraud-report, figure: precision, min: 0.5 }\n  - { detector: fraud-report, figure: recall, min: 0.5 }\n',
    );
    expect(result.runs[0].checks.map((c) => [c.detector, c.figure, c.status])).toEqual([
      ['overall', 'recall', 'pass'],
      ['overall', 'falseAlerts', 'pass'],
      ['fraud-report', 'precision', 'skip'],
      ['fraud-report', 'recall', 'fail'],
    ]);
    expect([result.passed, result.failed, result.skipped]).toEqual([2, 1, 1]);
  });

  it('refuses, before running anything, a requirement on a detector the gate does not run', async () => {
    await expect(run('detectors: [denied-burst]\nrequire:\n  - { detector: fraud-report, figure: recall, min: 0.5 }\n')).rejects.toThrow(
      /\/require\/0\/detector: no such detector in this gate \(got "fraud-report"; it runs overall, denied-burst\)/,
    );
  });

  it('compares with a baseline in each figure’s direction, within the tolerance (property)', async () => {
    const first = await run('');
    const overall = first.baseline.entries.find((e) => e.detector === 'overall')!;
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        async (shift, slack) => {
          const baselineFile = join(dir, `b${n++}.json`);
          const shifted = { ...first.baseline, entries: [{ ...overall, figures: { recall: overall.figures.recall! + shift } }] };
          writeFileSync(baselineFile, JSON.stringify(shifted));
          const result = await run(`baseline: ${JSON.stringify(baselineFile)}\ntolerance: { recall: ${slack} }\n`);
          // Now recall is the baseline's minus `shift`: worse (lower) beyond the slack fails, anything else passes.
          const expected = -shift < -slack - 1e-12 ? 'fail' : 'pass';
          expect(result.runs[0].checks.map((c) => c.status)).toEqual([expected]);
        },
      ),
      { numRuns: 8 },
    );
  }, 30_000);

  it('a run compared with a baseline made from itself always passes', async () => {
    const first = await run('');
    const baselineFile = join(dir, 'self.json');
    writeFileSync(baselineFile, JSON.stringify(first.baseline));
    const again = await run(`baseline: ${JSON.stringify(baselineFile)}\n`);
    expect(again.failed).toBe(0);
    expect(again.passed).toBeGreaterThan(10);
  });

  it('fails every figure of a scenario whose hash changed since the baseline, and asks for a review', async () => {
    const first = await run('');
    const baselineFile = join(dir, 'old.json');
    writeFileSync(
      baselineFile,
      JSON.stringify({ ...first.baseline, entries: first.baseline.entries.map((e) => ({ ...e, scenarioHash: 'beef'.repeat(16) })) }),
    );
    const result = await run(`baseline: ${JSON.stringify(baselineFile)}\n`);
    expect(result.failed).toBe(first.baseline.entries.length);
    expect(result.runs[0].checks[0].detail).toMatch(/^the scenario changed since the baseline/);
  });
});

describe('gate reports', () => {
  const result: GateResult = {
    name: 'a<b',
    passed: 1,
    failed: 1,
    skipped: 1,
    cachedRuns: 0,
    baseline: { pushstormVersion: '0', gate: 'a<b', entries: [] },
    runs: [
      {
        scenario: 's&t',
        hash: 'h',
        seed: 3,
        users: 1,
        days: 1,
        events: 1,
        incidents: 1,
        seconds: 0.25,
        cached: false,
        checks: [
          { detector: 'overall', figure: 'recall', kind: 'min', bound: 0.9, value: 1, status: 'pass', detail: '1 >= 0.900' },
          { detector: 'overall', figure: 'falseAlerts', kind: 'max', bound: 0, value: 2, status: 'fail', detail: '2 > 0 "quoted" <x>' },
          { detector: 'fraud-report', figure: 'precision', kind: 'min', bound: 0.5, value: null, status: 'skip', detail: 'not applicable' },
        ],
      },
    ],
  };

  it('writes escaped JUnit XML: a suite per run, a case per check, failures and skips marked', () => {
    const xml = formatJunit(result);
    expect(xml).toContain('<testsuites name="pushstorm gate a&lt;b" tests="3" failures="1" skipped="1">');
    expect(xml).toContain('<testsuite name="s&amp;t seed 3" tests="3" failures="1" skipped="1" time="0.250">');
    expect(xml).toContain(
      '<testcase classname="gate.s&amp;t.seed3" name="overall falseAlerts &lt;= 0" time="0"><failure message="falseAlerts of overall on s&amp;t seed 3: 2 &gt; 0 &quot;quoted&quot; &lt;x&gt;"/></testcase>',
    );
    expect(xml).toContain('<skipped message="not applicable"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
  });

  it('writes a Markdown summary with the verdict, the failures first, and every check exactly once, names and details escaped', () => {
    const md = formatGateMarkdown(result);
    expect(md.split('\n')[0]).toBe('## pushstorm gate a&lt;b: FAILED');
    const failedRow = '| s&amp;t | 3 | overall falseAlerts &lt;= 0 | 2 &gt; 0 "quoted" &lt;x&gt; | **FAIL** |';
    expect(md.split(failedRow)).toHaveLength(2); // once (it was listed twice: in the table and under Failures)
    expect(md.indexOf('### Failed checks')).toBeLessThan(md.indexOf(failedRow));
    expect(md.indexOf(failedRow)).toBeLessThan(md.indexOf('<details>'));
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| scenario'));
    expect(rows).toHaveLength(result.runs.reduce((n, r) => n + r.checks.length, 0));
  });
});

describe('checkGateFile', () => {
  it('writes the JUnit XML and the summary it is asked for, and with updateBaseline the baseline instead of comparing', async () => {
    const baselineFile = join(dir, 'checked.baseline.json');
    const file = gateFile(
      `name: c\n${suite}baseline: ${JSON.stringify(baselineFile)}\nrequire:\n  - { detector: overall, figure: recall, min: 1 }\n`,
    );
    const written = await checkGateFile(file, { updateBaseline: true });
    expect(written.baselineWritten).toBe(baselineFile);
    expect(JSON.parse(readFileSync(baselineFile, 'utf8')).entries).toEqual(written.result.baseline.entries);
    const checked = await checkGateFile(file, { junit: join(dir, 'c.xml'), summary: join(dir, 'c.md') });
    expect(checked.baselineWritten).toBeUndefined();
    expect(checked.result.failed).toBe(0);
    expect(readFileSync(join(dir, 'c.xml'), 'utf8')).toContain('failures="0"');
    expect(readFileSync(join(dir, 'c.md'), 'utf8').split('\n')[0]).toBe('## pushstorm gate c: passed');
  });
});

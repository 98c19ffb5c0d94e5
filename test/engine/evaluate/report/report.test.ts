import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { Truth } from '../../../../engine/model/generated/truth.ts';
import { buildScoreReport, renderSvg, scoreTables, writeReport } from '../../../../engine/evaluate/report/index.ts';
import { recallVsFalseAlerts } from '../../../../engine/evaluate/report/charts/recallVsFalseAlerts.ts';
import { scoreAlerts } from '../../../../engine/evaluate/scoring/index.ts';

const minute = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const truth: Truth = {
  pushstormVersion: '0.0.0',
  scenario: { name: 'hand', hash: 'abc123' },
  seed: 9,
  start: T0,
  end: T0 + 86_400_000,
  users: 10,
  days: 1,
  incidents: [
    {
      id: 'b#1',
      kind: 'burst',
      campaign: 'b',
      target: 'ann',
      sources: ['203.0.113.9'],
      start: T0,
      end: T0 + 20 * minute,
      compromisedAt: T0 + 12 * minute,
      prompts: 3,
      factorEnrolledAt: T0 + 20 * minute,
    },
  ],
  labels: { p1: 'b#1', p2: 'b#1', p3: 'b#1', r1: 'b#1', r2: 'b#1', r3: 'b#1', n1: 'noise:retry', n2: 'noise:outage', n3: 'noise:retry' },
};
const push = (id: string, m: number): CanonicalEvent => ({
  id,
  time: T0 + m * minute,
  source: 'idp',
  type: 'mfa.challenge',
  user: 'ann',
  transaction: `t${id}`,
  outcome: 'success',
});
const result = (id: string, m: number, r: 'timeout' | 'approved', of: string): CanonicalEvent => ({
  id,
  time: T0 + m * minute,
  source: 'idp',
  type: 'mfa.result',
  user: 'ann',
  transaction: `t${of}`,
  challenge: { id: of, factor: 'push', result: r },
  outcome: r === 'approved' ? 'success' : 'failure',
});
const events = [
  push('p1', 0),
  result('r1', 1, 'timeout', 'p1'),
  push('p2', 5),
  result('r2', 6, 'timeout', 'p2'),
  push('p3', 11),
  result('r3', 12, 'approved', 'p3'),
];
const alert = (detector: string, user: string, m: number, baseline = false, evidence: string[] = []): Alert => ({
  id: `${detector}:${user}:${m}`,
  status: 'open',
  update: 1,
  detector: { id: detector, version: '1.0.0', baseline, params: { threshold: 2 }, paramSet: 'default' },
  severity: 'high',
  title: detector,
  attack: { technique: 'T1621' },
  entity: { kind: 'user', value: user },
  user,
  firstTime: T0,
  lastTime: T0 + m * minute,
  alertTime: T0 + m * minute,
  challenges: 2,
  outcomes: { timeout: 2 },
  sources: [],
  devices: [],
  apps: [],
  relatedLogins: [],
  evidence,
  evidenceTotal: 2,
});
// bob's alert is false, on a retry during an outage.
const score = scoreAlerts(truth, [
  alert('denied-burst', 'ann', 7),
  alert('denied-burst', 'bob', 300, false, ['n1', 'n2', 'n3']),
  alert('baseline-x', 'ann', 2, true),
]);
const provenance = {
  pushstormVersion: '0.0.0',
  scenarios: [{ name: 'hand', hash: 'abc123', seeds: [9] }],
  detectors: [
    {
      id: 'denied-burst',
      version: '1.0.0',
      paramSet: 'default',
      params: { threshold: 2, windowMs: 600_000, lookbackMs: 1_209_600_000, graceMs: 1_500 },
      baseline: false,
    },
  ],
};

describe('buildScoreReport', () => {
  it('tabulates detectors (overall last), incidents, false alerts with their causes, false alerts by cause, and sums it up in words', () => {
    const doc = buildScoreReport({ kind: 'score', score, truth, provenance, attackEvents: events });
    expect(doc.tables.map((t) => t.title)).toEqual(['Detectors', 'Incidents', 'Top false alerts', 'False alerts by cause']);
    expect(doc.tables[0].rows.map((r) => r[0])).toEqual(['denied-burst', 'baseline-x (baseline)', 'overall (all but baselines)']);
    expect(doc.tables[1].rows[0]).toEqual(['b#1', 'ann', '2026-03-02 09:00', '+12m', '3', '+2m', 'baseline-x, denied-burst']);
    expect(doc.summary).toBe(
      'hand, seed 9: 1 incident (1 compromised) among 10 users over 1 day. All detectors together (baselines aside) caught 1 of 1 incident, a median 7m after the attack began, prevented 1, and raised 1 false alert (100.00 per 1,000 user-days).',
    );
    expect(doc.definitions.length).toBeGreaterThan(5);
    const [, , top, byCause] = doc.tables;
    expect(top.rows[0][top.header.indexOf('causes')]).toBe('outage, retry');
    expect([byCause.header, ...byCause.rows]).toEqual([
      ['detector', 'false alerts', 'outage', 'retry'],
      ['denied-burst', '1', '1', '1'],
      ['overall (all but baselines)', '1', '1', '1'],
    ]);
  });

  it('puts the headline figures and the worst missed incidents at a glance', () => {
    const doc = buildScoreReport({ kind: 'score', score, truth, provenance });
    expect(doc.glance.map((f) => [f.label, f.value, f.detail])).toEqual([
      ['Incident recall', '100%', '1 of 1 incident'],
      ['Alert precision', '50%', '1 of 2 alerts true'],
      ['False alerts per 1,000 user-days', '100.00', '1 false alert in 10 user-days'],
      ['Compromises prevented', '1 of 1', 'caught before the victim approved; 1 of 1 approved a prompt'],
      ['Median time to detect', '7m', 'p95 7m'],
      ['False alerts mostly from', 'outage', 'outage 1, retry 1'],
    ]);
    expect(doc.worstMissed).toEqual([]);
    // Alerted only after the approval: not prevented, so it is listed.
    const late = scoreAlerts(truth, [alert('denied-burst', 'ann', 15), alert('baseline-x', 'ann', 2, true)]);
    expect(buildScoreReport({ kind: 'score', score: late, truth, provenance }).worstMissed).toEqual([
      'b#1 (burst, target ann): caught 3m after the approval (by denied-burst); 3 prompts, approved after 12m',
    ]);
  });

  it('draws the incident timeline from the attack’s events: each push once, each answer, the alerts, the compromise, the enrolment', () => {
    const doc = buildScoreReport({ kind: 'run', score, truth, provenance, attackEvents: events });
    expect(doc.charts.map((c) => c.id)).toEqual(['recall-vs-false-alerts', 'false-alerts-by-cause', 'time-to-detect', 'incident-timeline']);
    const marks = (doc.charts[3].spec as { data: { values: Array<{ minute: number; lane: string; what: string }> } }).data.values;
    expect(marks.map((m) => `${m.minute} ${m.lane} ${m.what}`)).toEqual([
      '0 prompt push sent',
      '1 answer timeout',
      '2 alert baseline-x',
      '5 prompt push sent',
      '6 answer timeout',
      '7 alert denied-burst',
      '11 prompt push sent',
      '12 answer approved',
      '12 compromise approved by the victim',
      '20 factor enrolled attacker factor',
    ]);
    expect(buildScoreReport({ kind: 'score', score, truth, provenance }).charts.map((c) => c.id)).toEqual([
      'recall-vs-false-alerts',
      'false-alerts-by-cause',
      'time-to-detect',
    ]);
  });
});

describe('renderSvg', () => {
  it('gives the same bytes for the same chart, and an SVG with marks', async () => {
    const spec = recallVsFalseAlerts([{ label: 'a', group: 'g', recall: 0.5, falseAlertsPer1000UserDays: 0.2 }]);
    const [one, two] = [await renderSvg(spec), await renderSvg(spec)];
    expect(one).toBe(two);
    expect(one.startsWith('<svg')).toBe(true);
    expect(one).toContain('role-mark');
  });

  it('refuses to load data from anywhere: charts carry their data', async () => {
    await expect(renderSvg({ data: { url: 'https://example.com/x.json' }, mark: 'point' })).rejects.toThrow(/inline data only/);
  });
});

describe('scoreTables', () => {
  it('writes a measured time to two units (2d9h, not 2d8h31m3s) and seconds to a tenth', () => {
    const slow = { ...truth, days: 3, incidents: [{ ...truth.incidents[0], end: T0 + 3 * 86_400_000 }] };
    const late = 2 * 86_400_000 + 8 * 3_600_000 + 31 * minute + 3_000;
    const s = scoreAlerts(slow, [alert('denied-burst', 'ann', late / minute), alert('baseline-x', 'ann', 1.2 / 60, true)]);
    const [detectors] = scoreTables(s);
    const ttd = detectors.header.indexOf('TTD median');
    expect(detectors.rows.map((r) => [r[0], r[ttd]])).toEqual([
      ['denied-burst', '2d9h'],
      ['baseline-x (baseline)', '1.2s'],
      ['overall (all but baselines)', '2d9h'],
    ]);
  });
});

describe('writeReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pushstorm-report-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes Markdown with chart files, self-contained HTML and JSON', async () => {
    const written = await writeReport(buildScoreReport({ kind: 'score', score, truth, provenance, attackEvents: events }), dir);
    const md = readFileSync(written.markdown, 'utf8');
    expect(md).toContain('# pushstorm score report — hand, seed 9');
    expect(md).toContain('![Recall vs false alerts](charts/recall-vs-false-alerts.svg)');
    expect(md).toContain('| denied-burst | 2 | 1 | 1 | 0.50 | 1.00 | 0.67 | 7m | 7m | — | 1/1 | 100.00 | 2.00 |');
    const html = readFileSync(written.html, 'utf8');
    expect(html.match(/<svg/g)?.length).toBe(4);
    // Self-contained: no script, no stylesheet link, nothing fetched (SVG namespaces are names, not requests).
    expect(html).not.toMatch(/<script|<link|src="http|href="http|url\(http/i);
    const json = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(json.data.score.overall.recall).toBe(1);
    expect(written.charts).toHaveLength(4);
    expect(json.data.score.detectors[0].falseAlertsByCause).toEqual({ outage: 1, retry: 1 });
    expect(json.glance[0]).toEqual({ label: 'Incident recall', value: '100%', detail: '1 of 1 incident' });
  });

  it('reads top-down: at a glance, charts, tables, definitions, provenance — in the HTML and the Markdown', async () => {
    const written = await writeReport(
      buildScoreReport({ kind: 'score', score, truth, provenance, attackEvents: events }),
      join(dir, 'order'),
    );
    const html = readFileSync(written.html, 'utf8');
    const sections = [...html.matchAll(/<section id="([a-z-]+)">/g)].map((m) => m[1]);
    expect(sections).toEqual(['at-a-glance', 'charts', 'tables', 'definitions', 'provenance']);
    expect(html.indexOf('<div class="value">100%</div>')).toBeGreaterThan(html.indexOf('id="at-a-glance"'));
    expect(html.indexOf('<svg')).toBeLessThan(html.indexOf('<table'));
    const md = readFileSync(written.markdown, 'utf8');
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['At a glance', 'Charts', 'Tables', 'Definitions', 'Provenance']);
    expect(md).toContain('- **Incident recall: 100%** — 1 of 1 incident');
    expect(md).toContain('### False alerts by cause');
  });

  it('writes parameter durations as durations in the provenance, not milliseconds', async () => {
    const written = await writeReport(buildScoreReport({ kind: 'score', score, truth, provenance }), join(dir, 'durations'));
    for (const text of [readFileSync(written.markdown, 'utf8'), readFileSync(written.html, 'utf8')]) {
      expect(text).toContain('threshold=2, windowMs=10m, lookbackMs=14d, graceMs=1s500ms');
      expect(text).not.toContain('600000');
    }
  });

  it('folds long tables in <details>, keeps short ones open, and writes "None." for an empty one', async () => {
    const doc = buildScoreReport({ kind: 'score', score, truth, provenance });
    doc.tables = [
      { title: 'Short', header: ['a', 'n'], rows: [['x', '1']] },
      { title: 'Long', header: ['a', 'n'], rows: Array.from({ length: 40 }, (_, i) => [`row ${i}`, String(i)]) },
      { title: 'Empty', header: ['a'], rows: [] },
    ];
    const written = await writeReport(doc, join(dir, 'fold'));
    const html = readFileSync(written.html, 'utf8');
    expect(html).toMatch(/<details class="table" open>\n<summary><h3>Short<\/h3> <span class="rows">1 row<\/span>/);
    expect(html).toMatch(/<details class="table">\n<summary><h3>Long<\/h3> <span class="rows">40 rows<\/span>/);
    expect(html).toMatch(/<h3>Empty<\/h3>\n\n<p>None.<\/p>/);
    expect(html).toContain('<td>row 39</td><td class="n">39</td>');
    const md = readFileSync(written.markdown, 'utf8');
    expect(md).toContain('### Long\n\n<details><summary>40 rows</summary>\n\n| a | n |\n|---|---:|');
    expect(md).toContain('### Empty\n\nNone.');
  });
});

describe('writeReport with hostile names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pushstorm-report-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes names from the input as text in report.md: no HTML, tables keep their rows (regression: raw <img> from a user name)', async () => {
    const hostile = '<img src=x onerror=alert(1)>|**x**\u001b[31m';
    const doc = buildScoreReport({ kind: 'score', score, truth, provenance });
    doc.title = `pushstorm score report — ${hostile}`;
    doc.worstMissed = [`${hostile} missed`];
    doc.tables = [
      {
        title: `Users ${hostile}`,
        header: ['user', 'n'],
        rows: [
          [hostile, '1'],
          ['ann', '2'],
        ],
      },
    ];
    const md = readFileSync((await writeReport(doc, dir)).markdown, 'utf8');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('\u001b');
    expect(md).toContain('# pushstorm score report — &lt;img src=x onerror=alert(1)&gt;\\|\\*\\*x\\*\\*\ufffd\\[31m');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('| 1 |'));
    expect(rows).toEqual(['| &lt;img src=x onerror=alert(1)&gt;\\|\\*\\*x\\*\\*\ufffd\\[31m | 1 |']);
  });
});

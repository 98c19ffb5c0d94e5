import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { formatScore } from '../../../../engine/cli/formatScore.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import { countCauses, falseAlertCauses } from '../../../../engine/evaluate/scoring/falseAlertCauses.ts';
import { scoreAlerts } from '../../../../engine/evaluate/scoring/scoreAlerts.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { Truth } from '../../../../engine/model/generated/truth.ts';
import { defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import { instanceLabel } from '../../../../engine/runtime/instanceLabel.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';

const minute = 60_000;
const T0 = Date.UTC(2026, 3, 13, 9);

const labels: Record<string, string> = {
  r1: 'noise:retry',
  r2: 'noise:retry',
  o1: 'noise:outage',
  t1: 'noise:travel',
  a1: 'b#1',
  a2: 'b#1',
  x1: 'benign',
};
const truth: Truth = {
  pushstormVersion: '0.0.0',
  scenario: { name: 'noisy', hash: 'h' },
  seed: 1,
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
      end: T0 + 10 * minute,
      compromisedAt: null,
      prompts: 2,
    },
  ],
  labels,
};
const alert = (detector: string, user: string, m: number, evidence: string[], over: Partial<Alert> = {}): Alert => ({
  id: `${detector}:${user}:${m}`,
  status: 'open',
  update: 1,
  detector: { id: detector, version: '1.0.0', baseline: false, params: {}, paramSet: 'default' },
  severity: 'high',
  title: detector,
  attack: { technique: 'T1621' },
  entity: { kind: 'user', value: user },
  user,
  firstTime: T0 + m * minute,
  lastTime: T0 + m * minute,
  alertTime: T0 + m * minute,
  challenges: 2,
  outcomes: {},
  sources: [],
  devices: [],
  apps: [],
  relatedLogins: [],
  evidence,
  evidenceTotal: evidence.length,
  ...over,
});

describe('falseAlertCauses', () => {
  it('names the noise labels of the evidence without their prefix, once each, sorted', () => {
    expect(falseAlertCauses([{ evidence: ['r1', 'x1', 'o1', 'r2', 'plain'] }], truth)).toEqual(['outage', 'retry']);
  });

  it('pools the evidence of every line of the thread', () => {
    expect(falseAlertCauses([{ evidence: ['r1'] }, { evidence: ['r1', 't1'] }], truth)).toEqual(['retry', 'travel']);
  });

  it('says "benign" when no evidence event is labelled, and "attack" for an incident’s events', () => {
    expect(falseAlertCauses([{ evidence: ['plain', 'x1'] }], truth)).toEqual(['benign']);
    expect(falseAlertCauses([{ evidence: [] }], truth)).toEqual(['benign']);
    expect(falseAlertCauses([{ evidence: ['a1', 'a2', 'plain'] }], truth)).toEqual(['attack']);
  });

  it('gives one cause per distinct label, whatever the order and repetition of the evidence (property)', () => {
    const ids = Object.keys(labels).concat(['plain', 'other']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 30 }), (evidence) => {
        const causes = falseAlertCauses([{ evidence }], truth);
        const reversed = falseAlertCauses([{ evidence: [...evidence].reverse() }, { evidence: evidence.slice(0, 3) }], truth);
        expect(reversed).toEqual(causes);
        expect(new Set(causes).size).toBe(causes.length);
        expect([...causes].sort()).toEqual(causes);
        expect(causes.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('countCauses', () => {
  it('counts each alert under each of its causes, keys sorted', () => {
    const counts = countCauses([['retry'], ['outage', 'retry'], ['benign']]);
    expect(counts).toEqual({ benign: 1, outage: 1, retry: 2 });
    expect(Object.keys(counts)).toEqual(['benign', 'outage', 'retry']);
  });
});

describe('scoreAlerts ties false alerts to their causes', () => {
  const alerts = [
    alert('denied-burst', 'ann', 5, ['a1', 'a2']), // matches b#1: true, no cause
    alert('denied-burst', 'bob', 60, ['r1', 'o1']),
    alert('denied-burst', 'cy', 90, ['r2', 'plain']),
    alert('unfamiliar-source', 'dan', 120, ['t1']),
    alert('unfamiliar-source', 'ann', 600, ['a1']), // hours after b#1 ended: false, on the attack's events
  ];
  const score = scoreAlerts(truth, alerts);

  it('counts false alerts per cause per detector, and overall', () => {
    const byLabel = Object.fromEntries(score.detectors.map((d) => [d.label, d.falseAlertsByCause]));
    expect(byLabel).toEqual({ 'denied-burst': { outage: 1, retry: 2 }, 'unfamiliar-source': { attack: 1, travel: 1 } });
    expect(score.overall.falseAlertsByCause).toEqual({ attack: 1, outage: 1, retry: 2, travel: 1 });
  });

  it('prints the per-cause table in the terminal score too, after the false alerts', () => {
    const text = formatScore(score, { pushstormVersion: '0.0.0', scenario: { name: 'noisy', hash: 'h'.repeat(12) }, seed: 1 });
    const table = text.slice(text.indexOf('false alerts by cause'), text.indexOf('Definitions:')).trim().split('\n');
    expect(text.indexOf('top false alerts')).toBeLessThan(text.indexOf('false alerts by cause'));
    expect(table[1].trim().split(/ {2,}/)).toEqual(['detector', 'false alerts', 'retry', 'attack', 'outage', 'travel']);
    expect(table.slice(2).map((row) => row.trim().split(/ {2,}/))).toEqual([
      ['denied-burst', '2', '2', '0', '1', '0'],
      ['unfamiliar-source', '2', '0', '1', '0', '1'],
      ['overall (all but baselines)', '4', '2', '1', '1', '1'],
    ]);
  });

  it('lists each false alert’s causes', () => {
    expect(score.falseAlerts.map((f) => [f.users[0], f.causes])).toEqual([
      ['bob', ['outage', 'retry']],
      ['cy', ['retry']],
      ['dan', ['travel']],
      ['ann', ['attack']],
    ]);
  });

  it('gives a detector without false alerts an empty tally', () => {
    expect(scoreAlerts(truth, [alerts[0]]).detectors[0].falseAlertsByCause).toEqual({});
  });
});

describe('false alerts by cause in a simulated noisy week', () => {
  it('explains every false alert of false-positive-week by the labels of its own evidence, with the outage, retries and enrolment among them', async () => {
    const scenario = await loadScenarioFile('scenarios/false-positive-week.yaml', { users: 300 });
    const {
      truth: world,
      alerts,
      score,
    } = evaluateScenario(
      scenario,
      detectors.map((definition) => ({ definition, params: defaultParams(definition) })),
    );
    expect(world.incidents).toEqual([]);
    // Recount from the alert lines and the labels, independently of scoring.
    const perDetector = new Map<string, Map<string, Set<string>>>();
    for (const a of alerts) {
      const threads = perDetector.get(instanceLabel(a.detector)) ?? new Map<string, Set<string>>();
      perDetector.set(instanceLabel(a.detector), threads);
      const causes = threads.get(a.id) ?? new Set<string>();
      threads.set(a.id, causes);
      for (const id of a.evidence) if (world.labels[id]?.startsWith('noise:')) causes.add(world.labels[id].slice('noise:'.length));
    }
    for (const d of score.detectors) {
      const expected: Record<string, number> = {};
      for (const causes of perDetector.get(d.label)?.values() ?? []) {
        for (const c of causes.size > 0 ? causes : ['benign']) expected[c] = (expected[c] ?? 0) + 1;
      }
      expect(d.falseAlertsByCause, d.label).toEqual(expected);
    }
    const all = Object.keys(score.overall.falseAlertsByCause);
    expect(score.overall.falseAlerts).toBeGreaterThan(0);
    expect(all).toEqual(expect.arrayContaining(['outage', 'retry']));
    const okta = score.detectors.find((d) => d.label === 'baseline-okta-abandonment')!;
    expect(okta.falseAlertsByCause.enrolment).toBeGreaterThan(0);
  }, 60_000);
});

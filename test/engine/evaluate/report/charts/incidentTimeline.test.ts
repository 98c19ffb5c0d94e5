import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentTimeline, type TimelineMark } from '../../../../../engine/evaluate/report/charts/incidentTimeline.ts';
import { renderSvg } from '../../../../../engine/evaluate/report/renderSvg.ts';
import { legendEntries, pointMarks } from '../_svg.ts';

const detectors = [
  'approval-after-fatigue',
  'denied-burst',
  'factor-after-burst',
  'mfa-without-login',
  'unfamiliar-source',
  'fraud-report',
  'spray-by-source',
  'baseline-okta-abandonment',
  'baseline-splunk-failed-mfa',
  'baseline-elastic-push-denials',
];
/** The regression: 12+ legend entries (a push, three answers, ten detectors, the compromise, an enrolment). */
const story: TimelineMark[] = [
  ...[0, 2, 4, 6].map((minute) => ({ minute, lane: 'prompt', what: 'push sent' })),
  { minute: 1, lane: 'answer', what: 'timeout' },
  { minute: 3, lane: 'answer', what: 'denied' },
  { minute: 7, lane: 'answer', what: 'approved' },
  ...detectors.map((what, i) => ({ minute: 2 + i, lane: 'alert', what })),
  { minute: 5, lane: 'compromise', what: '"IT" message' },
  { minute: 7, lane: 'compromise', what: 'approved by the victim' },
  { minute: 9, lane: 'factor enrolled', what: 'attacker factor' },
];

describe('incidentTimeline', () => {
  it('gives every legend entry its own colour, even with more entries than a 10-colour scheme', async () => {
    const legend = legendEntries(await renderSvg(incidentTimeline(story, 't')));
    expect(legend.map((e) => e.label)).toEqual([
      'push sent',
      'timeout',
      'denied',
      'approved',
      ...detectors,
      '"IT" message',
      'approved by the victim',
      'attacker factor',
    ]);
    expect(new Set(legend.map((e) => e.fill)).size).toBe(legend.length);
  });

  it('draws each legend symbol as the marks it stands for: same shape, same colour', async () => {
    const svg = await renderSvg(incidentTimeline(story, 't'));
    const legend = legendEntries(svg);
    const marks = pointMarks(svg);
    for (const entry of legend) {
      expect(
        marks.some((m) => m.shape === entry.shape && m.fill === entry.fill),
        entry.label,
      ).toBe(true);
    }
    // One shape per lane: a diamond for pushes is not a circle in the legend.
    const shapeOf = (label: string) => legend.find((e) => e.label === label)!.shape;
    expect(shapeOf('push sent')).not.toBe(shapeOf('denied-burst'));
    expect(shapeOf('timeout')).not.toBe(shapeOf('push sent'));
    expect(shapeOf('timeout')).toBe(shapeOf('approved'));
    expect(shapeOf('denied-burst')).toBe(shapeOf('mfa-without-login'));
  });

  it('writes long legend names whole (a tuned parameter set names its parameters)', async () => {
    const what = 'mfa-without-login@threshold=5,windowMs=10m,graceMs=10m';
    const legend = legendEntries(await renderSvg(incidentTimeline([{ minute: 3, lane: 'alert', what }], 't')));
    expect(legend.map((e) => e.label)).toEqual([what]);
  });

  it('moves apart alerts of the same moment, so none hides another (the defaults and an equal tuned point alert together)', async () => {
    const marks = ['mfa-without-login', 'mfa-without-login@threshold=5', 'baseline-x'].map((what) => ({ minute: 15, lane: 'alert', what }));
    const points = pointMarks(await renderSvg(incidentTimeline([{ minute: 0, lane: 'prompt', what: 'push sent' }, ...marks], 't')));
    const alerts = points.slice(1);
    expect(new Set(alerts.map((p) => `${p.x},${p.y}`)).size).toBe(3);
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ])
      expect(Math.abs(alerts[a].y - alerts[b].y)).toBeGreaterThanOrEqual(8);
  });

  it('keeps an answer and a detector of the same name apart', async () => {
    const legend = legendEntries(
      await renderSvg(
        incidentTimeline(
          [
            { minute: 0, lane: 'answer', what: 'x' },
            { minute: 1, lane: 'alert', what: 'x' },
          ],
          't',
        ),
      ),
    );
    expect(legend.map((e) => e.label)).toEqual(['x (answer)', 'x (alert)']);
    expect(legend[0].shape).not.toBe(legend[1].shape);
  });

  it('never gives two legend entries one colour, whatever detectors alert (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z-]{0,20}$/), { maxLength: 40 }), (names) => {
        const marks = [...story.filter((m) => m.lane !== 'alert'), ...names.map((what, i) => ({ minute: i, lane: 'alert', what }))];
        const spec = incidentTimeline(marks, 't') as { encoding: { color: { scale: { domain: string[]; range: string[] } } } };
        const { domain, range } = spec.encoding.color.scale;
        expect(range).toHaveLength(domain.length);
        expect(new Set(range).size).toBe(range.length);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recallVsFalseAlerts, type OperatingPoint } from '../../../../../engine/evaluate/report/charts/recallVsFalseAlerts.ts';
import { renderSvg } from '../../../../../engine/evaluate/report/renderSvg.ts';
import { pointMarks, textBox, textMarks } from '../_svg.ts';

type Box = ReturnType<typeof textBox>;
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The regression: a run's 13 detectors, eight at (0, 0) and five at (0, 1), all labelled at one spot each. */
const run: OperatingPoint[] = [
  ...['approval-after-fatigue', 'denied-burst', 'factor-after-burst', 'mfa-without-login', 'unfamiliar-source'].map((label) => ({
    label,
    group: 'pushstorm',
    recall: 1,
    falseAlertsPer1000UserDays: 0,
  })),
  ...['fraud-report', 'mac-login-window-storm', 'spray-by-asn', 'spray-by-source'].map((label) => ({
    label,
    group: 'pushstorm',
    recall: 0,
    falseAlertsPer1000UserDays: 0,
  })),
  ...['baseline-a', 'baseline-b', 'baseline-c', 'baseline-d'].map((label) => ({
    label,
    group: 'baseline',
    recall: 0,
    falseAlertsPer1000UserDays: 0,
  })),
];

describe('recallVsFalseAlerts', () => {
  it('gives coincident points one label listing them, and no two labels share a position or overlap', async () => {
    const texts = textMarks(await renderSvg(recallVsFalseAlerts(run)));
    expect(texts).toHaveLength(2);
    expect(texts.map((t) => t.lines).sort((a, b) => a.length - b.length)).toEqual([
      ['approval-after-fatigue', 'denied-burst', 'factor-after-burst', 'mfa-without-login', 'unfamiliar-source'],
      ['fraud-report', 'mac-login-window-storm', 'spray-by-asn', 'spray-by-source', 'baseline-a', 'baseline-b', 'baseline-c', 'baseline-d'],
    ]);
    expect(overlap(textBox(texts[0]), textBox(texts[1]))).toBe(false);
  });

  it('keeps the labels of a crowded run apart, with a leader line to those it had to move (regression: default.yaml, seed 1)', async () => {
    const crowded: OperatingPoint[] = [
      ['approval-after-fatigue', 0.023, 0.143],
      ['denied-burst', 0.045, 0.5],
      ['factor-after-burst', 0.023, 0],
      ['fraud-report', 0.227, 0],
      ['mac-login-window-storm', 0.023, 0],
      ['mfa-without-login', 0.045, 0.214],
      ['spray-by-asn', 0.705, 0],
      ['spray-by-source', 0, 0.143],
      ['unfamiliar-source', 0.841, 0.071],
      ['baseline-elastic-push-denials', 0, 0],
      ['baseline-okta-abandonment', 0.864, 1.071],
      ['baseline-sentinel-spam-success', 0, 0],
      ['baseline-splunk-failed-mfa', 0, 0],
    ].map(([label, recall, fa]) => ({
      label: label as string,
      group: (label as string).startsWith('baseline') ? 'baseline' : 'pushstorm',
      recall: recall as number,
      falseAlertsPer1000UserDays: fa as number,
    }));
    const svg = await renderSvg(recallVsFalseAlerts(crowded));
    const texts = textMarks(svg);
    expect(texts.flatMap((t) => t.lines).sort()).toEqual(crowded.map((p) => p.label).sort());
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++)
        expect(overlap(textBox(texts[i]), textBox(texts[j])), `${texts[i].lines} / ${texts[j].lines}`).toBe(false);
    }
    expect(svg).toMatch(/aria-roledescription="rule mark"/);
  });

  it('rings the recommended point and labels it "recommended" in bold', async () => {
    const points: OperatingPoint[] = [
      { label: 'threshold=5', group: 'grid, on the front', recall: 0.9, falseAlertsPer1000UserDays: 0.4, front: true, recommended: true },
      { label: 'defaults', group: 'defaults', recall: 0.9, falseAlertsPer1000UserDays: 0.4 },
      { label: 'threshold=3', group: 'grid, on the front', recall: 1, falseAlertsPer1000UserDays: 2, front: true },
      { label: '', group: 'grid', recall: 0.5, falseAlertsPer1000UserDays: 1 },
    ];
    const svg = await renderSvg(recallVsFalseAlerts(points));
    const texts = textMarks(svg);
    const strong = texts.filter((t) => t.bold);
    expect(strong.map((t) => t.lines)).toEqual([['recommended: threshold=5']]);
    // The coincident defaults keep their own label; the unlabelled grid point has none.
    expect(texts.filter((t) => !t.bold).map((t) => t.lines)).toEqual([['threshold=3'], ['defaults']]);
    const marks = pointMarks(svg);
    const ring = marks.find((m) => m.fill === 'none' || m.fill === 'transparent' || (m.stroke === '#000' && m.fill !== '#000'));
    expect(ring, 'a hollow ring').toBeDefined();
    const filled = marks.filter((m) => m !== ring);
    // The ring sits on the recommended point, which is where the defaults are too.
    expect(filled.some((m) => Math.abs(m.x - ring!.x) < 0.01 && Math.abs(m.y - ring!.y) < 0.01)).toBe(true);
    expect(textBox(strong[0]).left).toBeGreaterThan(0);
  });

  it('marks nothing as recommended when no point is', async () => {
    const texts = textMarks(await renderSvg(recallVsFalseAlerts(run)));
    expect(texts.some((t) => t.bold || t.lines.some((l) => l.startsWith('recommended')))).toBe(false);
  });

  it('never draws two labels over each other (property)', async () => {
    const pointArb = fc.record({
      label: fc.stringMatching(/^[a-z]{1,8}(-[a-z]{1,8}){0,2}$/),
      group: fc.constantFrom('pushstorm', 'baseline'),
      // Crowded on purpose: many points a few pixels apart near the origin, as in a real run.
      recall: fc.oneof(fc.constantFrom(0, 0.02, 0.05, 0.23, 0.7, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      falseAlertsPer1000UserDays: fc.oneof(fc.constantFrom(0, 0.07, 0.14, 0.2, 0.5, 1.07), fc.double({ min: 0, max: 20, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(pointArb, { maxLength: 16, selector: (p) => p.label }), async (points) => {
        const texts = textMarks(await renderSvg(recallVsFalseAlerts(points)));
        const labelled = new Set(texts.flatMap((t) => t.lines));
        for (const p of points) expect(labelled.has(p.label), p.label).toBe(true);
        const positions = texts.map((t) => `${t.x.toFixed(1)},${t.y.toFixed(1)}`);
        expect(new Set(positions).size).toBe(positions.length);
        for (let i = 0; i < texts.length; i++) {
          for (let j = i + 1; j < texts.length; j++)
            expect(overlap(textBox(texts[i]), textBox(texts[j])), `${texts[i].lines} / ${texts[j].lines}`).toBe(false);
        }
      }),
      {
        numRuns: 40,
        examples: [
          // Once found by CI: a largest false-alert rate so small (subnormal) that the axis collapsed to zero width.
          [
            [
              { label: 'a', group: 'pushstorm', recall: 0, falseAlertsPer1000UserDays: 5e-324 },
              { label: 'a-a', group: 'pushstorm', recall: 0, falseAlertsPer1000UserDays: 0 },
            ],
          ],
        ],
      },
    );
  }, 60_000);
});

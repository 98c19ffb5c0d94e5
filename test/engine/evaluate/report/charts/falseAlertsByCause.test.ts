import { describe, expect, it } from 'vitest';
import { falseAlertsByCause } from '../../../../../engine/evaluate/report/charts/falseAlertsByCause.ts';
import { renderSvg } from '../../../../../engine/evaluate/report/renderSvg.ts';
import { legendEntries } from '../_svg.ts';

describe('falseAlertsByCause', () => {
  it('draws a bar per detector split by cause, each cause in its own colour, causes in the order given', async () => {
    const counts = [
      { label: 'denied-burst', cause: 'retry', count: 2 },
      { label: 'denied-burst', cause: 'outage', count: 1 },
      { label: 'baseline-okta-abandonment (baseline)', cause: 'retry', count: 6 },
      { label: 'baseline-okta-abandonment (baseline)', cause: 'enrolment', count: 4 },
      { label: 'baseline-okta-abandonment (baseline)', cause: 'outage', count: 0 },
    ];
    const svg = await renderSvg(falseAlertsByCause(counts, ['retry', 'enrolment', 'outage']));
    const legend = legendEntries(svg);
    expect(legend.map((e) => e.label)).toEqual(['retry', 'enrolment', 'outage']);
    expect(new Set(legend.map((e) => e.fill)).size).toBe(3);
    // Names are whole, never cut to "baseline-okta-abandonment (base…".
    expect(svg).toContain('>baseline-okta-abandonment (baseline)</text>');
    expect(svg).not.toContain('…');
    // Four non-empty segments; each coloured as its cause's legend entry.
    const bars = [
      ...svg.matchAll(
        /aria-roledescription="bar"[^>]*?aria-label="[^"]*"|aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"[^>]*?fill="([^"]+)"/g,
      ),
    ].filter((m) => m[1]);
    expect(bars).toHaveLength(4);
    for (const [, label, fill] of bars) {
      const cause = /cause: ([a-z-]+)/.exec(label)![1];
      expect(fill, label).toBe(legend.find((e) => e.label === cause)!.fill);
    }
  });
});

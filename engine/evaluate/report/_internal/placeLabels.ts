/** A point to label, in pixels of the plot (origin top left). */
export interface LabelAnchor {
  x: number;
  y: number;
  lines: string[];
  /** Placed first and bold. */
  strong?: boolean;
}

/** Where a label goes: the text's anchor in pixels (`align` side, top of the first line) and its box. */
export interface PlacedLabel {
  x: number;
  top: number;
  align: 'left' | 'right';
  lines: string[];
  strong: boolean;
  box: Box;
}

/** A rectangle in pixels that labels keep clear of. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Font metrics of the labels: a generous estimate of sans-serif at these sizes (vega renders with the same). */
export const labelFont = { size: 9, strongSize: 10, lineHeight: 11 } as const;
const charWidth = (strong: boolean) => (strong ? 6.2 : 5.4);
const gap = 7;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Places labels beside their points so that no two overlap: for each label (strong ones first, then top to bottom),
 * the first of a ring of positions — right or left of the point, above, level, below, then further up and down — whose
 * box stays inside the plot and clear of the labels already placed and of the `obstacles` (the points themselves); if
 * none is clear, the least crowded. Text widths are
 * estimated, so the boxes carry a margin.
 */
export function placeLabels(anchors: readonly LabelAnchor[], width: number, height: number, obstacles: readonly Box[] = []): PlacedLabel[] {
  const order = anchors.map((a, i) => ({ a, i })).sort((p, q) => Number(!!q.a.strong) - Number(!!p.a.strong) || p.a.y - q.a.y || p.a.x - q.a.x || p.i - q.i);
  const placed: PlacedLabel[] = [];
  for (const { a } of order) {
    const strong = !!a.strong;
    const w = Math.max(...a.lines.map((l) => l.length)) * charWidth(strong) + 4;
    const h = a.lines.length * labelFont.lineHeight + 2;
    const candidates: PlacedLabel[] = [];
    for (const shift of [0, 1, -1, 2, -2, 3, -3, 4, -4, 6, -6]) {
      for (const vertical of [-h - 2, -h / 2, 2]) {
        const top = a.y + vertical + shift * labelFont.lineHeight;
        for (const [align, away] of [['left', gap], ['right', gap], ['left', 2.5 * gap], ['right', 2.5 * gap]] as const) {
          const x = align === 'left' ? a.x + away : a.x - away;
          const left = align === 'left' ? x : x - w;
          candidates.push({ x, top, align, lines: a.lines, strong, box: { left, top, right: left + w, bottom: top + h } });
        }
      }
    }
    const inside = (c: PlacedLabel) => c.box.left >= -2 && c.box.right <= width + 2 && c.box.top >= -14 && c.box.bottom <= height + 4;
    const clashes = (c: PlacedLabel) => placed.filter((p) => overlaps(p.box, c.box)).length + obstacles.filter((o) => overlaps(o, c.box)).length;
    const best = candidates.find((c) => inside(c) && clashes(c) === 0) ?? [...candidates].filter(inside).sort((p, q) => clashes(p) - clashes(q))[0] ?? candidates[0];
    placed.push(best);
  }
  return placed;
}

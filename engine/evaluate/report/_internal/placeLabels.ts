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
  /** Where a leader line from the point meets the label, when the label had to go farther away. */
  leader?: { x: number; y: number };
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
 * Places labels so that no two overlap: for each label (strong ones first, then top to bottom), the first of a ring of
 * positions beside its point — right or left, above, level, below, then further up and down — whose box stays inside
 * the plot and clear of the labels already placed and of the `obstacles` (the points themselves); failing that, the
 * clear position nearest the point anywhere in the plot, with a leader line back to the point. Only when the plot is
 * full does a label overlap another (the least crowded spot). Text widths are estimated, so the boxes carry a margin.
 * Returns one placement per anchor, in the anchors' order.
 */
export function placeLabels(anchors: readonly LabelAnchor[], width: number, height: number, obstacles: readonly Box[] = []): PlacedLabel[] {
  const order = anchors
    .map((a, i) => ({ a, i }))
    .sort((p, q) => Number(!!q.a.strong) - Number(!!p.a.strong) || p.a.y - q.a.y || p.a.x - q.a.x || p.i - q.i);
  const placed: PlacedLabel[] = [];
  const result: PlacedLabel[] = new Array(anchors.length);
  for (const { a, i } of order) {
    const strong = !!a.strong;
    const w = Math.max(...a.lines.map((l) => l.length)) * charWidth(strong) + 4;
    const h = a.lines.length * labelFont.lineHeight + 2;
    const at = (x: number, top: number, align: 'left' | 'right'): PlacedLabel => {
      const left = align === 'left' ? x : x - w;
      return { x, top, align, lines: a.lines, strong, box: { left, top, right: left + w, bottom: top + h } };
    };
    const near: PlacedLabel[] = [];
    for (const shift of [0, 1, -1, 2, -2, 3, -3, 4, -4, 6, -6]) {
      for (const vertical of [-h - 2, -h / 2, 2]) {
        for (const [align, away] of [
          ['left', gap],
          ['right', gap],
          ['left', 2.5 * gap],
          ['right', 2.5 * gap],
        ] as const) {
          near.push(at(align === 'left' ? a.x + away : a.x - away, a.y + vertical + shift * labelFont.lineHeight, align));
        }
      }
    }
    const far: PlacedLabel[] = [];
    for (let top = -12; top + h <= height + 4; top += labelFont.lineHeight / 2) {
      for (let left = 0; left + w <= width + 2; left += 10) far.push(at(left, top, 'left'));
    }
    far.sort((p, q) => distance(a, p.box) - distance(a, q.box));
    const inside = (c: PlacedLabel) => c.box.left >= -2 && c.box.right <= width + 2 && c.box.top >= -14 && c.box.bottom <= height + 4;
    const labelClashes = (c: PlacedLabel) => placed.filter((p) => overlaps(p.box, c.box)).length;
    const pointClashes = (c: PlacedLabel) => obstacles.filter((o) => overlaps(o, c.box)).length;
    const candidates = [...near.filter(inside), ...far];
    const best =
      candidates.find((c) => labelClashes(c) === 0 && pointClashes(c) === 0) ??
      candidates.find((c) => labelClashes(c) === 0) ??
      [...candidates].sort((p, q) => labelClashes(p) - labelClashes(q))[0] ??
      near[0];
    const label = { ...best, ...(distance(a, best.box) > leaderAfter ? { leader: nearestOn(a, best.box) } : {}) };
    placed.push(label);
    result[i] = label;
  }
  return result;
}

/** Labels farther than this from their point get a leader line. */
const leaderAfter = 3 * gap;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const nearestOn = (p: { x: number; y: number }, b: Box) => ({ x: clamp(p.x, b.left, b.right), y: clamp(p.y, b.top, b.bottom) });
function distance(p: { x: number; y: number }, b: Box): number {
  const q = nearestOn(p, b);
  return Math.hypot(q.x - p.x, q.y - p.y);
}

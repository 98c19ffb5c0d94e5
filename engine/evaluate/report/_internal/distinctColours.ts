/** Categorical colours told apart at a glance on white, in the order they are handed out. */
const palette = [
  '#1f77b4',
  '#17becf',
  '#e6ab02',
  '#7570b3',
  '#e7298a',
  '#1b9e77',
  '#a6761d',
  '#aec7e8',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#9edae5',
  '#393b79',
  '#637939',
  '#f7b6d2',
  '#dbdb8d',
  '#c49c94',
  '#ce6dbd',
];

const hex = (v: number) =>
  Math.round(v * 255)
    .toString(16)
    .padStart(2, '0');

/** HSL (h in turns, s and l in 0..1) as `#rrggbb`. */
function hsl(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

/**
 * `n` colours, all different from each other and from `taken`: the palette first, then hues a golden angle apart
 * at three lightnesses, so a chart with more series than the palette still gives each its own colour.
 */
export function distinctColours(n: number, taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((c) => c.toLowerCase()));
  const out: string[] = [];
  const offer = (c: string) => {
    if (out.length < n && !used.has(c)) {
      used.add(c);
      out.push(c);
    }
  };
  for (const c of palette) offer(c);
  for (let i = 0; out.length < n; i++) offer(hsl((i * 0.618033988749895) % 1, 0.65, [0.42, 0.6, 0.3][i % 3]));
  return out;
}

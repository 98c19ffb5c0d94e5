/**
 * Reading what vega drew: legend entries, point marks and text labels out of a rendered chart's SVG, so tests can
 * assert on the picture a reader sees rather than on the spec.
 */

/** A path's shape without its size: numbers replaced, so a legend diamond and a plotted diamond compare equal. */
export const shapeOf = (d: string) => d.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, '#');

/** Legend entries in order: label, symbol shape, symbol fill. */
export function legendEntries(svg: string): Array<{ label: string; shape: string; fill: string }> {
  const re =
    /role-legend-symbol"[^>]*><path [^>]*?d="([^"]+)"[^>]*?fill="([^"]+)"[^>]*\/><\/g><g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g;
  return [...svg.matchAll(re)].map((m) => ({ label: unescapeXml(m[3]), shape: shapeOf(m[1]), fill: m[2] }));
}

/** Plotted point marks: position, shape, fill (or stroke, for hollow points). */
export function pointMarks(svg: string): Array<{ x: number; y: number; shape: string; fill: string; stroke: string }> {
  const re =
    /<path aria-label="[^"]*" role="graphics-symbol" aria-roledescription="point" transform="translate\(([^,]+),([^)]+)\)" d="([^"]+)"([^>]*)\/>/g;
  return [...svg.matchAll(re)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    shape: shapeOf(m[3]),
    fill: /fill="([^"]+)"/.exec(m[4])?.[1] ?? '',
    stroke: /stroke="([^"]+)"/.exec(m[4])?.[1] ?? '',
  }));
}

/** Text marks drawn in the plot (not axis or legend labels): anchor position, lines, size, weight. */
export function textMarks(svg: string): Array<{ x: number; y: number; lines: string[]; anchor: string; fontSize: number; bold: boolean }> {
  const re =
    /<text aria-label="[^"]*" role="graphics-symbol" aria-roledescription="text mark" text-anchor="([^"]+)" transform="translate\(([^,]+),([^)]+)\)"[^>]*font-size="([\d.]+)px"([^>]*)>(.*?)<\/text>/g;
  return [...svg.matchAll(re)].map((m) => {
    const inner = m[6];
    const lines = inner.includes('<tspan')
      ? [...inner.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => unescapeXml(t[1]))
      : [unescapeXml(inner)];
    return { anchor: m[1], x: Number(m[2]), y: Number(m[3]), fontSize: Number(m[4]), bold: /font-weight="bold"/.test(m[5]), lines };
  });
}

/** A text mark's box, estimated as a reader's eye would see it (0.55 em a character, the line height vega used). */
export function textBox(t: ReturnType<typeof textMarks>[number], lineHeight = 11) {
  const width = Math.max(...t.lines.map((l) => l.length)) * t.fontSize * 0.55;
  const left = t.anchor === 'end' ? t.x - width : t.anchor === 'middle' ? t.x - width / 2 : t.x;
  const top = t.y - t.fontSize * 0.8;
  return { left, right: left + width, top, bottom: top + (t.lines.length - 1) * lineHeight + t.fontSize };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

import { stripControl } from '../../model/text/stripControl.ts';

/** A cell that reads as a figure: a number, a ratio, a percentage, a duration, `a/b`, `x ± y`, or a dash. */
const FIGURE =
  /^(?:—|[-+]?[\d,]*\.?\d+(?:%|×| ± [\d.]+|\/\d+| ?(?:ms|s|m|h|d)(?:\d+(?:ms|s|m|h))*)?(?: \(\d+ prompts?\))?|[+]?\d+(?:ms|s|m|h|d)[\dmsh]*(?: \(\d+ prompts?\))?)$/;

/**
 * Aligns rows into columns two spaces apart: the first row is the header; a column whose cells all read as figures is
 * right-aligned, any other left-aligned. Cells are taken as they are (format numbers before), except that they hold
 * names from input (users, hosts, incident ids, sources): control characters are made harmless and a line break
 * becomes a space, so a cell can neither drive the terminal nor break its row.
 */
export function formatTable(input: ReadonlyArray<readonly string[]>, indent = ''): string {
  const rows = input.map((r) => r.map((cell) => stripControl(cell).replace(/[\n\t]/g, ' ')));
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const right = Array.from({ length: columns }, (_, c) => c > 0 && rows.slice(1).every((r) => FIGURE.test((r[c] ?? '').trim())));
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

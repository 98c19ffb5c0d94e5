/**
 * Aligns rows into columns: the first column left-aligned, the others right-aligned (figures), two spaces apart.
 * The first row is the header. Cells are taken as they are; format numbers before.
 */
export function formatTable(rows: ReadonlyArray<readonly string[]>, indent = ''): string {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd())
    .join('\n');
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDocument, ReportTable } from './ReportDocument.ts';
import { renderSvg } from './renderSvg.ts';

/** The files {@link writeReport} wrote. */
export interface WrittenReport {
  dir: string;
  markdown: string;
  html: string;
  json: string;
  charts: string[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(table: ReportTable): string {
  return [
    `### ${table.title}`,
    '',
    ...(table.caption ? [table.caption, ''] : []),
    `| ${table.header.map(escapeCell).join(' | ')} |`,
    `|${table.header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

function htmlTable(table: ReportTable): string {
  return [
    `<h3>${escapeHtml(table.title)}</h3>`,
    table.caption ? `<p class="caption">${escapeHtml(table.caption)}</p>` : '',
    '<div class="scroll"><table>',
    `<thead><tr>${table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; } h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.scroll { overflow-x: auto; } .caption { color: #57606a; margin-top: 0; }
figure { margin: 1.5rem 0; } figcaption { color: #57606a; max-width: 60rem; }
ul.definitions li { margin: .2rem 0; } code { font-size: 90%; }
`;

/**
 * Writes a report to `dir`: `report.md` (GitHub-flavoured Markdown, charts as `charts/<id>.svg` next to it),
 * `report.html` (self-contained: styles and charts inline, no script, no network) and `report.json` (the document,
 * chart specs and the full figures). Charts are rendered to SVG without a browser.
 */
export async function writeReport(doc: ReportDocument, dir: string): Promise<WrittenReport> {
  mkdirSync(join(dir, 'charts'), { recursive: true });
  const svgs: string[] = [];
  const chartFiles: string[] = [];
  for (const chart of doc.charts) {
    const svg = await renderSvg(chart.spec);
    svgs.push(svg);
    const file = join(dir, 'charts', `${chart.id}.svg`);
    writeFileSync(file, svg);
    chartFiles.push(file);
  }

  const provenanceLines = [
    `pushstorm ${doc.provenance.pushstormVersion}`,
    ...doc.provenance.scenarios.map((s) => `scenario ${s.name} (hash ${s.hash}), seed${s.seeds.length === 1 ? '' : 's'} ${s.seeds.join(', ')}`),
    ...Object.entries(doc.provenance.files ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const paramsTable: ReportTable = {
    title: 'Detector parameters',
    header: ['detector', 'version', 'set', 'parameters'],
    rows: doc.provenance.detectors.map((d) => [
      d.id + (d.baseline ? ' (baseline)' : ''),
      d.version,
      d.paramSet,
      Object.entries(d.params).map(([k, v]) => `${k}=${v}`).join(', '),
    ]),
  };

  const markdown = [
    `# ${doc.title}`,
    '',
    doc.summary,
    '',
    ...provenanceLines.map((l) => `- ${l}`),
    '',
    '## Figures',
    '',
    ...doc.tables.flatMap((t) => [markdownTable(t), '']),
    ...(doc.charts.length > 0 ? ['## Charts', ''] : []),
    ...doc.charts.flatMap((c) => [`### ${c.title}`, '', `![${c.title}](charts/${c.id}.svg)`, '', c.caption, '']),
    '## Definitions',
    '',
    ...doc.definitions.map((d) => `- ${d}`),
    '',
    '## Provenance',
    '',
    markdownTable(paramsTable),
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p>${escapeHtml(doc.summary)}</p>`,
    `<ul>${provenanceLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    '<h2>Figures</h2>',
    ...doc.tables.map(htmlTable),
    ...(doc.charts.length > 0 ? ['<h2>Charts</h2>'] : []),
    ...doc.charts.map(
      (c, i) => `<figure class="chart" id="${escapeHtml(c.id)}"><h3>${escapeHtml(c.title)}</h3>${svgs[i]}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
    ),
    '<h2>Definitions</h2>',
    `<ul class="definitions">${doc.definitions.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`,
    '<h2>Provenance</h2>',
    htmlTable(paramsTable),
    '</body></html>',
    '',
  ].join('\n');

  const paths = { markdown: join(dir, 'report.md'), html: join(dir, 'report.html'), json: join(dir, 'report.json') };
  writeFileSync(paths.markdown, markdown);
  writeFileSync(paths.html, html);
  writeFileSync(paths.json, `${JSON.stringify(doc, null, 2)}\n`);
  return { dir, ...paths, charts: chartFiles };
}

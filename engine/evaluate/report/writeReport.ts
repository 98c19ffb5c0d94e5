import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDocument, ReportTable } from './ReportDocument.ts';
import { formatDuration } from '../../model/duration/parseDuration.ts';
import { renderSvg } from './renderSvg.ts';
import { escapeMarkdown as md } from '../../model/text/escapeMarkdown.ts';

/** The files {@link writeReport} wrote. */
export interface WrittenReport {
  dir: string;
  markdown: string;
  html: string;
  json: string;
  charts: string[];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Tables longer than this are folded in the HTML (and the Markdown) until the reader opens them. */
const foldAfterRows = 15;

/** Which columns hold figures (right-aligned): those whose every cell starts like a number, a sign or a dash. */
const numericColumns = (table: ReportTable) =>
  table.header.map((_, i) => i > 0 && table.rows.length > 0 && table.rows.every((r) => /^[\d+\-−—]/.test(r[i] ?? '')));

const rowsNote = (table: ReportTable) => `${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`;

function markdownTable(table: ReportTable, heading = '###'): string {
  const body = [
    `| ${table.header.map(md).join(' | ')} |`,
    `|${numericColumns(table)
      .map((numeric) => (numeric ? '---:' : '---'))
      .join('|')}|`,
    ...table.rows.map((r) => `| ${r.map(md).join(' | ')} |`),
  ].join('\n');
  const caption = table.caption ? [md(table.caption), ''] : [];
  const title = `${heading} ${md(table.title)}`;
  if (table.rows.length === 0) return [title, '', ...caption, 'None.'].join('\n');
  if (table.rows.length <= foldAfterRows) return [title, '', ...caption, body].join('\n');
  // GitHub renders a table inside <details> when blank lines surround it.
  return [title, '', ...caption, `<details><summary>${escapeHtml(rowsNote(table))}</summary>`, '', body, '', '</details>'].join('\n');
}

function htmlTable(table: ReportTable): string {
  const numeric = numericColumns(table);
  const cell = (c: string, i: number) => (numeric[i] ? `<td class="n">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`);
  if (table.rows.length === 0) {
    return [
      `<div class="table"><h3>${escapeHtml(table.title)}</h3>`,
      table.caption ? `<p class="caption">${escapeHtml(table.caption)}</p>` : '',
      '<p>None.</p></div>',
    ].join('\n');
  }
  return [
    `<details class="table"${table.rows.length <= foldAfterRows ? ' open' : ''}>`,
    `<summary><h3>${escapeHtml(table.title)}</h3> <span class="rows">${escapeHtml(rowsNote(table))}</span></summary>`,
    table.caption ? `<p class="caption">${escapeHtml(table.caption)}</p>` : '',
    '<div class="scroll"><table>',
    `<thead><tr>${table.header.map((h, i) => (numeric[i] ? `<th class="n">${escapeHtml(h)}</th>` : `<th>${escapeHtml(h)}</th>`)).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</tbody>`,
    '</table></div>',
    '</details>',
  ].join('\n');
}

/** A parameter's value as a reader wants it: durations (`…Ms` parameters) as `10m`, `7d`, `1s500ms`. */
function showParam(name: string, value: number): string {
  return /Ms$/.test(name) && Number.isSafeInteger(value) && value >= 0 ? formatDuration(value) : String(value);
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1360px; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.5rem; margin-bottom: .4rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; } h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.summary { max-width: 60rem; }
.glance { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.figure { border: 1px solid #d0d7de; border-radius: 6px; padding: .55rem .9rem; min-width: 11rem; background: #f6f8fa; }
.figure .label { color: #57606a; font-size: .85rem; } .figure .value { font-size: 1.55rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .detail { color: #57606a; font-size: .8rem; }
.missed { margin: .6rem 0 0; } .missed ul { margin: .2rem 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
figure { margin: 1rem 0; width: min-content; } figure svg { display: block; } figcaption { color: #57606a; min-width: 24rem; }
details.table { margin: 1.2rem 0; } details.table > summary { cursor: pointer; } details.table > summary h3 { display: inline; }
.rows { color: #57606a; font-size: .85rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; white-space: nowrap; }
th.n, td.n { text-align: right; }
div.table { margin: 1.2rem 0; }
.scroll { overflow-x: auto; } .caption { color: #57606a; margin: .2rem 0 .4rem; max-width: 60rem; }
ul.definitions li, ul.provenance li { margin: .2rem 0; } code { font-size: 90%; }
`;

/**
 * Writes a report to `dir`: `report.md` (GitHub-flavoured Markdown, charts as `charts/<id>.svg` next to it),
 * `report.html` (self-contained: styles and charts inline, no script, no network) and `report.json` (the document,
 * chart specs and the full figures). Charts are rendered to SVG without a browser. Both pages read top-down as a
 * detection engineer looks: the summary and the headline figures with the worst missed incidents, the charts, the
 * tables (those over 15 rows folded in `<details>`), the definitions, and last the provenance with parameter
 * durations written as durations (`windowMs=10m`).
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
    ...doc.provenance.scenarios.map(
      (s) => `scenario ${s.name} (hash ${s.hash}), seed${s.seeds.length === 1 ? '' : 's'} ${s.seeds.join(', ')}`,
    ),
    ...Object.entries(doc.provenance.files ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const paramsTable: ReportTable = {
    title: 'Detector parameters',
    header: ['detector', 'version', 'set', 'parameters'],
    rows: doc.provenance.detectors.map((d) => [
      d.id + (d.baseline ? ' (baseline)' : ''),
      d.version || '—',
      d.paramSet,
      Object.entries(d.params)
        .map(([k, v]) => `${k}=${showParam(k, v)}`)
        .join(', '),
    ]),
  };

  const markdown = [
    `# ${md(doc.title)}`,
    '',
    md(doc.summary),
    '',
    '## At a glance',
    '',
    ...doc.glance.map((f) => `- **${md(f.label)}: ${md(f.value)}**${f.detail ? ` — ${md(f.detail)}` : ''}`),
    ...(doc.worstMissed.length > 0
      ? [
          '',
          '**Worst missed incidents** (not prevented: missed, or caught only after the approval):',
          '',
          ...doc.worstMissed.map((l) => `- ${md(l)}`),
        ]
      : []),
    '',
    ...(doc.charts.length > 0 ? ['## Charts', ''] : []),
    ...doc.charts.flatMap((c) => [`### ${md(c.title)}`, '', `![${md(c.title)}](charts/${c.id}.svg)`, '', md(c.caption), '']),
    '## Tables',
    '',
    ...doc.tables.flatMap((t) => [markdownTable(t), '']),
    '## Definitions',
    '',
    ...doc.definitions.map((d) => `- ${md(d)}`),
    '',
    '## Provenance',
    '',
    ...provenanceLines.map((l) => `- ${md(l)}`),
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
    `<p class="summary">${escapeHtml(doc.summary)}</p>`,
    '<section id="at-a-glance"><h2>At a glance</h2>',
    '<div class="glance">',
    ...doc.glance.map(
      (f) =>
        `<div class="figure"><div class="label">${escapeHtml(f.label)}</div><div class="value">${escapeHtml(f.value)}</div>${f.detail ? `<div class="detail">${escapeHtml(f.detail)}</div>` : ''}</div>`,
    ),
    '</div>',
    ...(doc.worstMissed.length > 0
      ? [
          '<div class="missed"><h3>Worst missed incidents</h3><p class="caption">Not prevented: missed, or caught only after the victim’s approval.</p>',
          `<ul>${doc.worstMissed.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></div>`,
        ]
      : []),
    '</section>',
    ...(doc.charts.length > 0 ? ['<section id="charts"><h2>Charts</h2>', '<div class="charts">'] : []),
    ...doc.charts.map(
      (c, i) =>
        `<figure class="chart" id="${escapeHtml(c.id)}"><h3>${escapeHtml(c.title)}</h3>${svgs[i]}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
    ),
    ...(doc.charts.length > 0 ? ['</div></section>'] : []),
    '<section id="tables"><h2>Tables</h2>',
    ...doc.tables.map(htmlTable),
    '</section>',
    '<section id="definitions"><h2>Definitions</h2>',
    `<ul class="definitions">${doc.definitions.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`,
    '</section>',
    '<section id="provenance"><h2>Provenance</h2>',
    `<ul class="provenance">${provenanceLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    htmlTable(paramsTable),
    '</section>',
    '</body></html>',
    '',
  ].join('\n');

  const paths = { markdown: join(dir, 'report.md'), html: join(dir, 'report.html'), json: join(dir, 'report.json') };
  writeFileSync(paths.markdown, markdown);
  writeFileSync(paths.html, html);
  writeFileSync(paths.json, `${JSON.stringify(doc, null, 2)}\n`);
  return { dir, ...paths, charts: chartFiles };
}

/**
 * Reports: a scored world (or a sweep) as report.md, a self-contained report.html and report.json, with charts
 * rendered to SVG without a browser.
 * @module
 */
export { buildScoreReport } from './buildScoreReport.ts';
export { renderSvg } from './renderSvg.ts';
export { writeReport } from './writeReport.ts';
export { scoreTables } from './scoreTables.ts';

/**
 * Reports: a scored world (or a sweep) as report.md, a self-contained report.html and report.json, with charts
 * rendered to SVG without a browser.
 * @module
 */
export { buildScoreReport } from './buildScoreReport.ts';
export type { ScoreReportInput } from './buildScoreReport.ts';
export { buildTuneReport } from './buildTuneReport.ts';
export type { ReportChart, ReportDocument, ReportFigure, ReportProvenance, ReportTable } from './ReportDocument.ts';
export { renderSvg } from './renderSvg.ts';
export { writeReport } from './writeReport.ts';
export type { WrittenReport } from './writeReport.ts';
export { falseAlertsByCause } from './charts/falseAlertsByCause.ts';
export type { CauseCount } from './charts/falseAlertsByCause.ts';
export { gridHeatmap } from './charts/gridHeatmap.ts';
export type { GridCell } from './charts/gridHeatmap.ts';
export { incidentTimeline } from './charts/incidentTimeline.ts';
export type { TimelineMark } from './charts/incidentTimeline.ts';
export { recallVsFalseAlerts } from './charts/recallVsFalseAlerts.ts';
export type { OperatingPoint } from './charts/recallVsFalseAlerts.ts';
export { timeToDetect } from './charts/timeToDetect.ts';
export type { DetectionDelay } from './charts/timeToDetect.ts';
export { scoreTables } from './scoreTables.ts';

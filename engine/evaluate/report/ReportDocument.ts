import type { TopLevelSpec } from 'vega-lite';

/** Where a report's figures came from: enough to reproduce them. */
export interface ReportProvenance {
  pushstormVersion: string;
  scenarios: Array<{ name: string; hash: string; seeds: number[] }>;
  /** Detector configurations that ran: id, version, parameter set, parameters. */
  detectors: Array<{ id: string; version: string; paramSet: string; params: Record<string, number>; baseline: boolean }>;
  /** Input files, when the report was made from files. */
  files?: Record<string, string>;
}

/** A headline figure of a report's "at a glance" block. */
export interface ReportFigure {
  /** What it is, e.g. "Incident recall". */
  label: string;
  /** The figure as shown, e.g. "83%". */
  value: string;
  /** A few words of context, e.g. "5 of 6 incidents". */
  detail?: string;
}

/** A table as data: a header row and rows of cells, already formatted. */
export interface ReportTable {
  title: string;
  caption?: string;
  header: string[];
  rows: string[][];
}

/** A chart: its Vega-Lite spec (data inline) and the words around it. */
export interface ReportChart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

/**
 * Everything a report says, independent of its rendering: `writeReport` turns it into report.md, a self-contained
 * report.html and report.json (which keeps `data` — the full figures — for other tools). A reader sees it in this
 * order: the summary and the figures at a glance, the charts, the tables (long ones folded), the definitions, the
 * provenance.
 */
export interface ReportDocument {
  kind: 'score' | 'run' | 'tune';
  title: string;
  /** One-paragraph summary in plain words. */
  summary: string;
  /** The headline figures, shown first: recall, precision, false alerts per 1,000 user-days, compromises prevented… */
  glance: ReportFigure[];
  /**
   * The worst incidents that were not prevented — missed, or caught only after the victim's approval — worst first,
   * one line each; empty when every incident was prevented (or there were none).
   */
  worstMissed: string[];
  provenance: ReportProvenance;
  definitions: readonly string[];
  tables: ReportTable[];
  charts: ReportChart[];
  /** The figures behind the tables, for report.json. */
  data: unknown;
}

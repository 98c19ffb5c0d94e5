/**
 * The CI quality gate: a suite of scenarios × seeds, required figures and a baseline, JUnit XML and a Markdown summary.
 * @module
 */
export { checkGateFile } from './checkGateFile.ts';
export { figureRanges } from './figures.ts';
export { formatGateMarkdown } from './formatGateMarkdown.ts';
export { formatJunit } from './formatJunit.ts';
export { loadGateFile } from './loadGateFile.ts';
export { runGate } from './runGate.ts';
export type { GateResult } from './runGate.ts';

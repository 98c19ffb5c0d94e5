/**
 * The CI quality gate: a suite of scenarios × seeds, required figures and a baseline, JUnit XML and a Markdown summary.
 * @module
 */
export { checkGateFile } from './checkGateFile.ts';
export type { CheckedGate, CheckGateFileOptions } from './checkGateFile.ts';
export { baselineFigures, figureOf, figureRanges, gateFigures } from './figures.ts';
export type { GateFigure } from './figures.ts';
export { formatGateMarkdown } from './formatGateMarkdown.ts';
export { checkName, formatJunit } from './formatJunit.ts';
export { gateFileSchema } from './GateFile.ts';
export type { GateFile, GateRequirement, GateSuiteEntry } from './GateFile.ts';
export { loadGateFile } from './loadGateFile.ts';
export type { GateOverrides, LoadedGate } from './loadGateFile.ts';
export { runGate } from './runGate.ts';
export type { GateBaseline } from './GateBaseline.ts';
export type { GateCheck, GateResult, GateRun } from './runGate.ts';

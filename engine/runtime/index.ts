export { DetectorRuntime } from './DetectorRuntime.ts';
export type { DetectorInstance, RuntimeOptions, RuntimeStats } from './DetectorRuntime.ts';
export { defaultParams } from './DetectorDefinition.ts';
export type { DetectorContext, DetectorDefinition, DetectorLogic, Finding, ParamSpec } from './DetectorDefinition.ts';
export { describeInstance } from './describeInstance.ts';
export { instanceLabel } from './instanceLabel.ts';

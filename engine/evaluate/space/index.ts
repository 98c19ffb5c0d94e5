/**
 * A detector set measured over a scenario space, by attack family and by kind of benign noise.
 * @module
 */
export { baselinesAtBudget, comparisonInstances } from './baselinesAtBudget.ts';
export type { BaselineAtBudget } from './baselinesAtBudget.ts';
export { loadSpaceDirectory } from './loadSpaceDirectory.ts';
export { scoreSpace } from './scoreSpace.ts';
export type { SpaceCell, SpaceReport, SpaceWorld } from './scoreSpace.ts';

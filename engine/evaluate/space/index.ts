/**
 * A detector set measured over a scenario space, by attack family and by kind of benign noise.
 * @module
 */
export { loadSpaceDirectory } from './loadSpaceDirectory.ts';
export { scoreSpace } from './scoreSpace.ts';
export type { SpaceCell, SpaceReport, SpaceWorld } from './scoreSpace.ts';

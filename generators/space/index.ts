/**
 * The scenario space: valid scenarios drawn over the whole scenario language, stratified by attack family, for
 * measuring detectors on worlds nobody tuned them on.
 * @module
 */
export { isSpaceFamily, spaceFamilies, spaceNoiseKinds } from './SpaceFamily.ts';
export type { SpaceFamily } from './SpaceFamily.ts';
export { sampleSpace } from './sampleSpace.ts';
export { spaceScenario } from './spaceScenario.ts';
export type { SpaceScenario } from './spaceScenario.ts';

import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { macLoginWindowStorm } from './macLoginWindowStorm.ts';
import { mfaWithoutLogin } from './mfaWithoutLogin.ts';
import { sprayByAsn, sprayBySource } from './sprayBySource.ts';

export { macLoginWindowStorm } from './macLoginWindowStorm.ts';
export type { MacLoginWindowStormParams } from './macLoginWindowStorm.ts';
export { mfaWithoutLogin } from './mfaWithoutLogin.ts';
export type { MfaWithoutLoginParams } from './mfaWithoutLogin.ts';
export { sprayByAsn, sprayBySource } from './sprayBySource.ts';

/** Every detector pushstorm ships, in listing order. Adding a detector is one file plus one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const detectors: ReadonlyArray<DetectorDefinition<any, any>> = [mfaWithoutLogin, macLoginWindowStorm, sprayBySource, sprayByAsn];

/** The detectors by id. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const detectorRegistry: ReadonlyMap<string, DetectorDefinition<any, any>> = new Map(detectors.map((d) => [d.id, d]));

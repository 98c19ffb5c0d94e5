import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { mfaWithoutLogin } from './mfaWithoutLogin.ts';

export { mfaWithoutLogin } from './mfaWithoutLogin.ts';
export type { MfaWithoutLoginParams } from './mfaWithoutLogin.ts';

/** Every detector pushstorm ships, by id. Adding a detector is one file plus one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const detectorRegistry: ReadonlyMap<string, DetectorDefinition<any, any>> = new Map([[mfaWithoutLogin.id, mfaWithoutLogin]]);

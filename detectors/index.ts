import type { AnyDetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { approvalAfterFatigue } from './approvalAfterFatigue.ts';
import { baselineElasticDenials } from './baselineElasticDenials.ts';
import { baselineOktaAbandonment } from './baselineOktaAbandonment.ts';
import { baselineSentinelSpamThenSuccess } from './baselineSentinelSpamThenSuccess.ts';
import { baselineSplunkFailedMfa } from './baselineSplunkFailedMfa.ts';
import { deniedBurst } from './deniedBurst.ts';
import { factorAfterBurst } from './factorAfterBurst.ts';
import { fraudReport } from './fraudReport.ts';
import { macLoginWindowStorm } from './macLoginWindowStorm.ts';
import { mfaWithoutLogin } from './mfaWithoutLogin.ts';
import { sprayByAsn, sprayBySource } from './sprayBySource.ts';
import { unansweredPushes } from './unansweredPushes.ts';
import { unansweredSpray } from './unansweredSpray.ts';
import { unfamiliarSource } from './unfamiliarSource.ts';

export { macLoginWindowStorm } from './macLoginWindowStorm.ts';
export type { MacLoginWindowStormParams } from './macLoginWindowStorm.ts';
export { mfaWithoutLogin } from './mfaWithoutLogin.ts';
export type { MfaWithoutLoginParams } from './mfaWithoutLogin.ts';
export { sprayByAsn, sprayBySource } from './sprayBySource.ts';
export { unansweredPushes } from './unansweredPushes.ts';
export type { UnansweredPushesParams } from './unansweredPushes.ts';
export { unansweredSpray } from './unansweredSpray.ts';
export type { UnansweredSprayParams } from './unansweredSpray.ts';
export { unfamiliarSource } from './unfamiliarSource.ts';
export type { UnfamiliarSourceParams } from './unfamiliarSource.ts';
export { deniedBurst } from './deniedBurst.ts';
export { approvalAfterFatigue } from './approvalAfterFatigue.ts';
export { factorAfterBurst } from './factorAfterBurst.ts';
export { fraudReport } from './fraudReport.ts';
export { baselineElasticDenials } from './baselineElasticDenials.ts';
export { baselineOktaAbandonment } from './baselineOktaAbandonment.ts';
export { baselineSentinelSpamThenSuccess } from './baselineSentinelSpamThenSuccess.ts';
export { baselineSplunkFailedMfa } from './baselineSplunkFailedMfa.ts';

/** Every detector pushstorm ships, in listing order. Adding a detector is one file plus one line here. */
export const detectors: ReadonlyArray<AnyDetectorDefinition> = [
  mfaWithoutLogin,
  macLoginWindowStorm,
  deniedBurst,
  approvalAfterFatigue,
  factorAfterBurst,
  fraudReport,
  sprayBySource,
  sprayByAsn,
  unfamiliarSource,
  unansweredPushes,
  unansweredSpray,
  baselineSplunkFailedMfa,
  baselineElasticDenials,
  baselineSentinelSpamThenSuccess,
  baselineOktaAbandonment,
];

/** The detectors by id. */
export const detectorRegistry: ReadonlyMap<string, AnyDetectorDefinition> = new Map(detectors.map((d) => [d.id, d]));

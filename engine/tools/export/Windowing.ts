/**
 * How a run's shaped detectors count: as each is written (`own`), every count over sliding windows (`sliding`: each
 * fixed-bucket detector as its sliding variant, what an EQL export catches), or every count in fixed buckets
 * (`tumbling`: each sliding-window detector as its tumbling variant, what an ES|QL or KQL `bin()` export
 * catches).
 */
export const windowings = ['own', 'sliding', 'tumbling'] as const;

/** One of {@link windowings}. */
export type Windowing = (typeof windowings)[number];

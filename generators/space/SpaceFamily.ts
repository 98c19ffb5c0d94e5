/**
 * The attack families a scenario space is stratified by: each names one shape of attack that a detector must see,
 * drawn with every parameter the scenario language has for it. `benign` worlds have no attack: they measure false
 * alerts.
 */
export const spaceFamilies = [
  'burst',
  'night',
  'low-and-slow',
  'spray',
  'login-window',
  'shared-mac',
  'recurring',
  'social-engineering',
  'near-victim',
  'routine',
  'benign',
] as const;

/** One attack family of {@link spaceFamilies}. */
export type SpaceFamily = (typeof spaceFamilies)[number];

/** The benign noise a space world may add to its routine traffic; a world has none, one or several. */
export const spaceNoiseKinds = ['outage', 'enrolment-wave', 'mac-restarts', 'conference', 'travel', 'missed-pushes', 'shifts'] as const;

/** One noise kind of {@link spaceNoiseKinds}. */
export type SpaceNoiseKind = (typeof spaceNoiseKinds)[number];

/** Whether `value` names a family. */
export const isSpaceFamily = (value: string): value is SpaceFamily => (spaceFamilies as readonly string[]).includes(value);

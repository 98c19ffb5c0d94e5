export { VirtualClock } from './VirtualClock.ts';
export type { TimerHandle } from './VirtualClock.ts';
export { day, hour, minute, second } from './durations.ts';

export { VirtualClock } from './VirtualClock.ts';
export type { TimerHandle } from './VirtualClock.ts';

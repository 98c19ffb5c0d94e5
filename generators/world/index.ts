export { simulate } from './simulate.ts';
export { simulateAsync } from './simulateAsync.ts';
export type * from './messages.ts';

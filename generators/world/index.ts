export { simulate } from './simulate.ts';
export type * from './messages.ts';

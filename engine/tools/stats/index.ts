/**
 * Realism figures of any event stream (prompts per user per day, answers, retries, night and weekend shares), to set
 * a simulated organisation beside a real export.
 * @module
 */
export { RealismStats } from './RealismStats.ts';

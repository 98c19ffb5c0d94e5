/**
 * Real logs into scenarios: one user's incident, replayed step by step in a synthetic organisation.
 * @module
 */
export { scriptFromEvents } from './scriptFromEvents.ts';

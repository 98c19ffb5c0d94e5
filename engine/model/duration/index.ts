/**
 * Durations as people write them (`"10m"`, `"1.5h"`) ↔ integer milliseconds, shared by scenario files, detector
 * parameters and CLI options.
 * @module
 */
export { formatDuration, parseDuration } from './parseDuration.ts';

/**
 * Lengths of time in milliseconds, the unit of every event time, window, parameter and virtual clock in pushstorm.
 * Written once here so a detector's `10 * MINUTE` and the world's `day` are the same number.
 *
 * @example const windowMs = 10 * MINUTE; // 600_000
 * @module
 */

/** One second in milliseconds. */
export const SECOND = 1_000;
/** One minute in milliseconds. */
export const MINUTE = 60 * SECOND;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day (24 hours, no calendar) in milliseconds. */
export const DAY = 24 * HOUR;

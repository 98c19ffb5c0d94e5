/**
 * The sizes pushstorm accepts, in one place: the scenario schema, the command-line overrides, the simulator and the
 * event readers all state the same bounds (a test checks the schema against these).
 *
 * Memory: the simulator keeps every user's actors (user, Mac, phone, IdP account) for the whole run: 40–60 KB a user
 * (`npm run bench:memory`: 100,000 users for a day peaked at 3.7 GB on one thread, 5.8 GB on two, whose workers each
 * draw the whole population). Events stream to disk, so the length of a run costs time, not memory (a 14-day run of
 * 10,000 users completes under a 500 MB heap limit).
 * @module
 */

/** Event times every reader and decoder accepts: 1 January 2000 up to the end of 2100 (epoch ms, end exclusive). */
export const EVENT_TIME_RANGE = { min: Date.UTC(2000, 0, 1), end: Date.UTC(2101, 0, 1) } as const;

/** The longest simulated run, in days: ten years, far beyond a useful run; days × 24 h stays a safe integer of ms. */
export const MAX_DAYS = 3_650;

/**
 * The largest population a scenario may have: about 15 GB of simulator state on the reference machine (24 GiB,
 * two cores), the most that leaves room for the rest of the system.
 */
export const MAX_USERS = 250_000;

/**
 * Populations above this (about 3 GB of simulator state) are simulated only when asked twice: `--yes` on the command
 * line, so that a typo (`users: 500000`) does not take the machine's memory for minutes before anything is written.
 */
export const CONFIRM_USERS = 50_000;

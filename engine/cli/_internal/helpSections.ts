/**
 * Help text blocks shared by several commands, so every `--help` says the same thing the same way. Kept free of heavy
 * imports: a command that only prints an option's help (`gate --yes`) should not load the simulator for it.
 * @module
 */
import { CONFIRM_USERS } from '../../model/limits.ts';

/** Help text of the --yes option. */
export const YES_HELP = `simulate a world (with --partition: a slice) of more than ${CONFIRM_USERS.toLocaleString('en-US')} users (about 60 KB of memory a user)`;

/** Help text of the --workers option. */
export const WORKERS_HELP =
  'worker threads (default: 2 from 20,000 user-days on a machine with 2+ cores, else 1; any count gives the same bytes)';

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  failure: a bug or an I/O problem (disk full, no permission); see stderr
  2  bad input: invalid scenario, option value or command line; nothing written`;

export const OUTPUTS_HELP = `Outputs (in the output directory):
  events.ndjson  canonical events, one JSON object per line, sorted by time
                 (schema: engine/model/schema/event.schema.json)
  truth.json     ground truth: the incidents (target, attacker sources, start, end,
                 time of compromise) and a label per event id; detectors never read
                 it, scoring does (schema: engine/model/schema/truth.schema.json)
  The same scenario and seed give byte-identical files. Each file appears under
  its real name only once complete.`;

/** Formats examples as `  $ command` lines followed by an indented explanation. */
export function examplesHelp(examples: Array<[command: string, explanation: string]>): string {
  return ['Examples:', ...examples.flatMap(([command, explanation]) => [`  $ ${command}`, `      ${explanation}`])].join('\n');
}

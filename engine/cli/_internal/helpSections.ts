/** Help text blocks shared by several commands, so every `--help` says the same thing the same way. */

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

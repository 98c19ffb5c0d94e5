import { scoreTables } from '../../evaluate/report/scoreTables.ts';
import type { Score } from '../../evaluate/scoring/scoreAlerts.ts';
import { formatTable } from './formatTable.ts';

/** The heading the terminal prints above the table: the reports' title, and where its counts come from. */
const HEADING = "false alerts by cause (the truth's labels of their evidence)";

/**
 * The reports' "False alerts by cause" table as terminal lines, a blank line and the heading first — or no lines when
 * no detector raised a false alert (the reports leave the table out then too). `score` and `run` print it after
 * their detector tables, so the terminal, the HTML and the Markdown report show the same counts.
 */
export function falseAlertCauseLines(score: Score): string[] {
  const table = scoreTables(score).find((t) => t.title === 'False alerts by cause');
  return table ? ['', HEADING, formatTable([table.header, ...table.rows], '  ')] : [];
}

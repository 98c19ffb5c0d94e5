import type { TargetInput } from './ExportTarget.ts';

/** Lines of at most `width` characters, breaking at spaces (a longer word stays whole). */
function wrapText(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** What an export's header says besides the detector: where the query reads and what this query's shape becomes. */
export interface HeaderFacts {
  /** Where the query reads, in the target's words (`sourcetype="OktaIM2:log"`, `table SigninLogs`). */
  reads: string;
  /** The one paragraph on this query: exact, bucketed or different, and how far that is verified. */
  semantics: string;
  /** What each result is (the columns of a finding, or the matched events). */
  results: string;
}

/**
 * The header every export target writes first, as plain lines for the target to turn into its comments: the
 * detector's id, version and title, its parameter values, the log format, where the query reads, and the paragraph
 * on its semantics — so a query pasted into a SIEM still says what it is and how far to trust it.
 */
export function exportHeader({ instance, shape, fields }: TargetInput, facts: HeaderFacts): string[] {
  const { definition, params } = instance;
  const values = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  return [
    `${definition.id} v${definition.version}: ${definition.title}`,
    `parameters: ${values.join(', ') || 'none'}`,
    ...wrapText(`log: ${fields.title} (--format ${fields.format}); reads ${facts.reads}`),
    ...wrapText(`semantics (${shape.kind}): ${facts.semantics}`),
    ...wrapText(`results: ${facts.results}`),
  ];
}

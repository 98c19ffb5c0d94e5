import type { FileContentIssue } from '../../model/errors/FileContentError.ts';
import { MAX_NESTING, nestingDepth, tooDeep } from '../../model/text/nestingDepth.ts';

/**
 * The JSON values of NDJSON text, a line each, with their line numbers: blank lines skipped; a line that is not JSON,
 * or nested too deep to handle safely, becomes an issue in `issues` instead. Stops once `issues` holds `maxIssues`.
 */
export function* jsonLines(text: string, issues: FileContentIssue[], maxIssues: number): Generator<{ line: number; value: unknown }> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && issues.length < maxIssues; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push({ line: i + 1, path: '', message: `not JSON (${(error as Error).message})` });
      continue;
    }
    if (nestingDepth(value) > MAX_NESTING) issues.push({ line: i + 1, path: '', message: tooDeep() });
    else yield { line: i + 1, value };
  }
}

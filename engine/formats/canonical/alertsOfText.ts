import { FileContentError, type FileContentIssue } from '../../model/errors/FileContentError.ts';
import type { Alert } from '../../model/generated/alert.ts';
import { validateAlert } from '../../model/generated/validateAlert.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';
import { jsonLines } from '../_internal/jsonLines.ts';

/**
 * The alerts of an alerts file's text as `pushstorm detect` writes it: NDJSON, one alert line per line, each checked
 * against the alert schema; blank lines are skipped. `path` names the file in errors.
 *
 * @throws FileContentError listing the bad lines (up to 20) — an alerts file is our own output, so a bad line means
 * the wrong file, not noise to quarantine.
 */
export function alertsOfText(text: string, path: string): Alert[] {
  const alerts: Alert[] = [];
  const issues: FileContentIssue[] = [];
  for (const { line, value } of jsonLines(text, issues, 20)) {
    if (validateAlert(value)) alerts.push(value);
    else issues.push(...schemaIssues(validateAlert.errors, line).slice(0, 3));
  }
  if (issues.length > 0) throw new FileContentError(path, 'alerts file', issues.slice(0, 20));
  return alerts;
}

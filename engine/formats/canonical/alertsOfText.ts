import AjvModule from 'ajv';
import { FileContentError, type FileContentIssue } from '../../model/errors/FileContentError.ts';
import type { Alert } from '../../model/generated/alert.ts';
import schema from '../../model/schema/alert.schema.json' with { type: 'json' };
import { MAX_NESTING, nestingDepth, tooDeep } from '../../model/text/nestingDepth.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';

const Ajv = AjvModule.default;
const validateAlert = new Ajv({ allErrors: true, verbose: true, strict: true }).compile<Alert>(schema);

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
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && issues.length < 20; i++) {
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
    else if (validateAlert(value)) alerts.push(value);
    else issues.push(...schemaIssues(validateAlert.errors, i + 1).slice(0, 3));
  }
  if (issues.length > 0) throw new FileContentError(path, 'alerts file', issues.slice(0, 20));
  return alerts;
}

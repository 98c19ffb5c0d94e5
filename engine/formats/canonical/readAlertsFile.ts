import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { FileContentError, type FileContentIssue } from '../../model/errors/FileContentError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import type { Alert } from '../../model/generated/alert.ts';
import schema from '../../model/schema/alert.schema.json' with { type: 'json' };
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { MAX_NESTING, nestingDepth, tooDeep } from '../../model/text/nestingDepth.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';

const Ajv = AjvModule.default;
const validateAlert = new Ajv({ allErrors: true, verbose: true, strict: true }).compile<Alert>(schema);

/**
 * Reads and validates an alerts file as `pushstorm detect` writes it: NDJSON, one alert line per line; blank lines
 * are skipped. `"-"` reads standard input.
 *
 * @throws InputError when the file cannot be read; FileContentError listing the bad lines (up to 20) — an alerts
 * file is our own output, so a bad line means the wrong file, not noise to quarantine.
 */
export function readAlertsFile(path: string): Alert[] {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
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

import { readFileSync } from 'node:fs';
import { FileContentError } from '../../model/errors/FileContentError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import type { Truth } from '../../model/generated/truth.ts';
import { validateTruth } from '../../model/generated/validateTruth.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { MAX_NESTING, nestingDepth, tooDeep } from '../../model/text/nestingDepth.ts';

/**
 * Reads and validates a `truth.json` written by `pushstorm simulate`.
 *
 * @throws InputError when the file cannot be read; FileContentError when it is not JSON or not a truth file (every
 * schema problem listed, up to 20).
 */
export function readTruthFile(path: string): Truth {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FileContentError(path, 'truth file', [{ path: '', message: `not JSON (${(error as Error).message})` }]);
  }
  if (nestingDepth(value) > MAX_NESTING) throw new FileContentError(path, 'truth file', [{ path: '', message: tooDeep() }]);
  if (!validateTruth(value)) throw new FileContentError(path, 'truth file', schemaIssues(validateTruth.errors).slice(0, 20));
  return value;
}

import type { ErrorObject } from 'ajv';
import type { FileContentIssue } from './FileContentError.ts';
import { issuePathOfPointer } from './issuePath.ts';

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** ajv's errors as file-content issues: the JSON pointer, and what is wrong with the value found there. */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined, line?: number): FileContentIssue[] {
  return (errors ?? []).map((e) => {
    let message = e.message ?? 'invalid';
    if (e.keyword === 'additionalProperties')
      message = `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    else if (e.keyword === 'required') message = `missing "${(e.params as { missingProperty: string }).missingProperty}"`;
    else if (e.keyword === 'enum')
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ')} (got ${show(e.data)})`;
    else if ('data' in e) message = `${message} (got ${show(e.data)})`;
    return { ...(line !== undefined ? { line } : {}), path: issuePathOfPointer(e.instancePath), message };
  });
}

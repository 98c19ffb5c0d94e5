import type { FileContentIssue } from '../../../model/errors/FileContentError.ts';
import { type ForeignColumn, foreignColumns } from '../ForeignAlertRow.ts';
import type { ColumnNames } from './rowOf.ts';

const required: readonly ForeignColumn[] = ['entity', 'decision_time'];

/**
 * What a message says of a missing column: which columns there are, and — when the role's own name was looked for
 * — how to map another column to it: `missing (columns: user_name, ts); map one with --column entity=NAME`.
 */
export function missingColumn(role: ForeignColumn, name: string, present: readonly string[]): string {
  const has = present.length === 0 ? 'no columns' : `columns: ${present.slice(0, 12).join(', ')}${present.length > 12 ? ', …' : ''}`;
  return `missing (${has})${role === name ? `; map one with --column ${role}=NAME` : ''}`;
}

/**
 * The column of each role: the name mapped to it, or the role's own name. Against a table's header (`present`), a
 * name matches exactly, or else the one header that differs from it only in case (SQL engines disagree on the case
 * of column names). Returns the problems instead when a required column, or an optional one the caller mapped, is
 * missing.
 */
export function columnNames(
  mapping: Readonly<Partial<Record<ForeignColumn, string>>>,
  present: readonly string[],
): ColumnNames | FileContentIssue[] {
  const names = {} as Record<ForeignColumn, string>;
  const issues: FileContentIssue[] = [];
  for (const role of foreignColumns) {
    const wanted = mapping[role] ?? role;
    const folded = present.filter((p) => p.toLowerCase() === wanted.toLowerCase());
    const found = present.includes(wanted) ? wanted : folded.length === 1 ? folded[0] : undefined;
    if (found === undefined && (required.includes(role) || mapping[role] !== undefined))
      issues.push({ path: '', column: wanted, message: missingColumn(role, wanted, present) });
    names[role] = found ?? wanted;
  }
  return issues.length > 0 ? issues : names;
}

/** The column of each role as mapped, without a header to check against (NDJSON rows: each line has its own fields). */
export function mappedNames(mapping: Readonly<Partial<Record<ForeignColumn, string>>>): ColumnNames {
  return Object.fromEntries(foreignColumns.map((role) => [role, mapping[role] ?? role])) as Record<ForeignColumn, string>;
}

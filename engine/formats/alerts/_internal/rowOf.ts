import type { ForeignAlertRow, ForeignColumn, ForeignEntityKind } from '../ForeignAlertRow.ts';
import { foreignEntityKinds } from '../ForeignAlertRow.ts';
import { decisionTimeOf } from './decisionTimeOf.ts';

/** Problems listed before reading stops: enough to see a pattern, not a screenful per bad row. */
export const MAX_ISSUES = 20;

/** A problem with one cell: the column as the file names it, and what is wrong. */
export interface CellProblem {
  column: string;
  message: string;
}

/** The file's column for each role. */
export type ColumnNames = Readonly<Record<ForeignColumn, string>>;

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A row of foreign alerts from its cells (`cell(name)` is `undefined` when the row has no such column), or the
 * problems of its cells: every cell is checked, so one pass shows all of a row's problems. Empty cells (null, blank
 * text) of optional columns mean "not given"; of `entity` and `decision_time`, they are problems.
 */
export function rowOf(row: number, names: ColumnNames, cell: (name: string) => unknown): ForeignAlertRow | CellProblem[] {
  const problems: CellProblem[] = [];
  const problem = (role: ForeignColumn, message: string) => problems.push({ column: names[role], message });

  const entityCell = cell(names.entity);
  const entity = textOf(entityCell);
  if (entity === undefined)
    problem('entity', isEmpty(entityCell) ? 'empty: every row names its entity' : `not a name (got ${shown(entityCell)})`);
  const timeCell = cell(names.decision_time);
  const time = isEmpty(timeCell) ? { problem: 'empty: every row has a decision time' } : decisionTimeOf(timeCell);
  if (typeof time !== 'number') problem('decision_time', time.problem);

  const out: ForeignAlertRow = { row, entity: entity ?? '', decisionTime: typeof time === 'number' ? time : 0 };
  const detectorCell = cell(names.detector);
  if (!isEmpty(detectorCell)) {
    const detector = textOf(detectorCell);
    if (detector === undefined) problem('detector', `not a name (got ${shown(detectorCell)})`);
    else out.detector = detector;
  }
  const kindCell = cell(names.entity_kind);
  if (!isEmpty(kindCell)) {
    const kind = typeof kindCell === 'string' ? kindCell.trim().toLowerCase() : undefined;
    if (kind === undefined || !foreignEntityKinds.includes(kind as ForeignEntityKind))
      problem('entity_kind', `must be one of ${foreignEntityKinds.join(', ')} (got ${shown(kindCell)})`);
    else out.entityKind = kind as ForeignEntityKind;
  }
  const evidenceCell = cell(names.evidence);
  if (!isEmpty(evidenceCell)) {
    const evidence = evidenceOf(evidenceCell);
    if (evidence === undefined) problem('evidence', `must be a count or a list of event ids (got ${shown(evidenceCell)})`);
    else out.evidence = evidence;
  }
  const usersCell = cell(names.users);
  if (!isEmpty(usersCell)) {
    const users = listOf(usersCell);
    if (users === undefined) problem('users', `must be a list of user logins (got ${shown(usersCell)})`);
    else out.users = users;
  }
  return problems.length > 0 ? problems : out;
}

/** A name: non-blank text, or a whole number (numeric user ids, an ASN column) written as digits. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return String(value);
  return undefined;
}

/** A count (a whole number >= 0, or its digits) or a list of event ids ({@link listOf}). */
function evidenceOf(value: unknown): string[] | number | undefined {
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return listOf(value);
}

/**
 * A list of names: an array (NDJSON, a Parquet LIST) of text or whole numbers, or text — a JSON array, or names
 * separated by commas or spaces, in optional brackets as DuckDB writes a list to CSV (`[e1, e2]`).
 */
function listOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const names = value.map(textOf);
    return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('["')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return listOf(parsed);
    } catch {
      // Not JSON after all: read it as a plain list.
    }
  }
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner
    .split(/[\s,]+/)
    .map((name) => name.replace(/^(["'])(.*)\1$/, '$2'))
    .filter((name) => name !== '');
}

/** A cell's value as a message quotes it, cut to 60 characters. */
function shown(value: unknown): string {
  const text =
    typeof value === 'bigint' ? String(value) : value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

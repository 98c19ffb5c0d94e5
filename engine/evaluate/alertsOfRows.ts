import { detectorRegistry } from '../../detectors/index.ts';
import type { ForeignAlertRow, ForeignEntityKind } from '../formats/alerts/index.ts';
import type { Alert } from '../model/generated/alert.ts';
import type { AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import { continuesThread, DEFAULT_THREAD_GAP_MS, threadId } from '../runtime/threadRules.ts';

/** Options of {@link alertsOfRows}. */
export interface AlertsOfRowsOptions {
  /** The detector of a row that names none (`id`, or `id@set` for a parameter set). */
  detector: string;
  /** The entity kind of a row that names none; default: the detector's, when it is a known one, else `user`. */
  entityKind?: ForeignEntityKind;
  /** Rows of one detector and entity this close in time are one alert thread (default: the runtime's, 1 h). */
  threadGapMs?: number;
  /** Detectors whose metadata a row naming them takes (default: pushstorm's own). */
  known?: ReadonlyMap<string, AnyDetectorDefinition>;
  /** Evidence ids listed per alert (default 200, as the runtime lists them). */
  maxEvidence?: number;
}

interface Thread {
  key: string;
  rows: ForeignAlertRow[];
  /** Later rows that brought something new: evidence ids not seen in the thread, or any row when ids are not given. */
  growths: number;
  ids: Set<string>;
  counted: number;
}

/**
 * Another engine's findings as pushstorm alerts, so `score` measures them as it measures a built-in detector's. The
 * rows of one detector, parameter set and entity are folded into alert threads by the runtime's own rule
 * ({@link continuesThread}): a row at most one thread gap after the thread's last row joins it, a later one opens the
 * next. Each thread gives an open line at its first row's decision time and, when later rows added to it, a closing
 * line at its last row's — the two lines the streaming runtime writes, so alerts, false alerts and time to detect
 * count the same for rows that are the same findings.
 *
 * A row says less than a streaming alert: its entity (a user, device, source IP or `AS<n>` — which is a `source` in
 * alerts, as the ASN-keyed detectors write it), the users it names if given, its evidence ids or count. Challenges,
 * outcomes, apps and related logins stay empty. A row that names a known detector takes its title, severity, ATT&CK
 * mapping, version and baseline flag (baselines are scored apart from `overall`); its parameters are not known (`{}`).
 * Lines come out in time order (then by id), like a detect run's.
 *
 * @example alertsOfRows([{ row: 1, entity: 'ann', decisionTime: 1772442300000 }], { detector: 'fraud-report' })
 */
export function alertsOfRows(rows: readonly ForeignAlertRow[], options: AlertsOfRowsOptions): Alert[] {
  const known = options.known ?? detectorRegistry;
  const gap = options.threadGapMs ?? DEFAULT_THREAD_GAP_MS;
  const maxEvidence = options.maxEvidence ?? 200;
  const ordered = [...rows].sort((a, b) => a.decisionTime - b.decisionTime || a.row - b.row);
  const open = new Map<string, Thread>();
  const threads: Thread[] = [];
  for (const row of ordered) {
    const key = threadKey(row, options, known);
    const thread = open.get(key);
    if (thread !== undefined && continuesThread(thread.rows[thread.rows.length - 1].decisionTime, row.decisionTime, gap)) {
      thread.rows.push(row);
      const before = thread.ids.size;
      absorb(thread, row);
      if (!Array.isArray(row.evidence) || thread.ids.size > before) thread.growths++;
    } else {
      const next: Thread = { key, rows: [row], growths: 0, ids: new Set(), counted: 0 };
      absorb(next, row);
      open.set(key, next);
      threads.push(next);
    }
  }
  const lines: Alert[] = [];
  for (const thread of threads) {
    lines.push(lineOf(thread, 'open', known, maxEvidence));
    if (thread.growths > 0) lines.push(lineOf(thread, 'closed', known, maxEvidence));
  }
  return lines.sort((a, b) => a.alertTime - b.alertTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.status === 'open' ? -1 : 1));
}

/** Detector, parameter set, entity kind (as alerts name it) and value of a row, NUL-separated. */
function threadKey(row: ForeignAlertRow, options: AlertsOfRowsOptions, known: ReadonlyMap<string, AnyDetectorDefinition>): string {
  const label = row.detector ?? options.detector;
  const at = label.lastIndexOf('@');
  const [id, paramSet] = at > 0 ? [label.slice(0, at), label.slice(at + 1)] : [label, 'default'];
  const kind = row.entityKind ?? options.entityKind ?? known.get(id)?.entity ?? 'user';
  const value = kind === 'asn' ? asnKey(row.entity) : row.entity;
  return [id, paramSet, kind, value].join('\u0000');
}

/** An autonomous system as the ASN-keyed detectors key it: `AS13335` for `13335`, `as13335` or `AS13335`. */
function asnKey(entity: string): string {
  const digits = /^(?:as)?\s*(\d+)$/i.exec(entity.trim());
  return digits === null ? entity : `AS${Number(digits[1])}`;
}

function absorb(thread: Thread, row: ForeignAlertRow): void {
  if (Array.isArray(row.evidence)) for (const id of row.evidence) thread.ids.add(id);
  else if (row.evidence !== undefined) thread.counted += row.evidence;
}

/** The open line (as of the first row) or the closing line (all rows) of a thread. */
function lineOf(thread: Thread, status: Alert['status'], known: ReadonlyMap<string, AnyDetectorDefinition>, maxEvidence: number): Alert {
  const [id, paramSet, kindOfRow, value] = thread.key.split('\u0000') as [string, string, ForeignEntityKind, string];
  const rows = status === 'open' ? thread.rows.slice(0, 1) : thread.rows;
  const first = rows[0].decisionTime;
  const last = rows[rows.length - 1].decisionTime;
  const kind: Alert['entity']['kind'] = kindOfRow === 'asn' ? 'source' : kindOfRow;
  const users = [...new Set(rows.flatMap((r) => r.users ?? []))].sort();
  const ids = status === 'open' ? [...new Set(Array.isArray(rows[0].evidence) ? rows[0].evidence : [])] : [...thread.ids];
  const counted = status === 'open' ? (typeof rows[0].evidence === 'number' ? rows[0].evidence : 0) : thread.counted;
  const definition = known.get(id);
  const user = kind === 'user' ? value : users.length === 1 ? users[0] : undefined;
  return {
    id: threadId(id, paramSet, kind, value, first),
    status,
    update: status === 'open' ? 1 : thread.growths + 1,
    detector: { id, version: definition?.version ?? 'external', baseline: definition?.baseline !== undefined, params: {}, paramSet },
    severity: definition?.severity ?? 'medium',
    title: definition?.title ?? `Findings of ${id}`,
    attack: definition?.attack ?? { technique: 'T1621' },
    entity: { kind, value },
    ...(user !== undefined ? { user } : {}),
    ...(kind !== 'user' ? { users } : {}),
    firstTime: first,
    lastTime: last,
    alertTime: status === 'open' ? first : last,
    challenges: 0,
    outcomes: {},
    // A source-keyed alert matches an incident by its source IPs: the entity is the one it has.
    sources: kindOfRow === 'source' ? [{ ip: value, count: rows.length }] : [],
    devices: [],
    apps: [],
    relatedLogins: [],
    evidence: ids.slice(0, maxEvidence),
    evidenceTotal: ids.length + counted,
  };
}

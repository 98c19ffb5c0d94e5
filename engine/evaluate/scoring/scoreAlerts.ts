import type { Alert } from '../../model/generated/alert.ts';
import type { Incident, Truth } from '../../model/generated/truth.ts';
import { countCauses, falseAlertCauses } from './falseAlertCauses.ts';
import { defaultMatchGraceMs, matchAlert } from './matchAlert.ts';
import { quantile } from './quantile.ts';
import { instanceLabel } from '../../runtime/instanceLabel.ts';

/** Options of {@link scoreAlerts}. */
export interface ScoreOptions {
  /** How long after an incident's end an alert still matches it (default 1 h). */
  graceMs?: number;
  /** Each incident's prompt times, oldest first ({@link promptTimes}); without them prompts endured are unknown. */
  prompts?: ReadonlyMap<string, readonly number[]>;
  /** False alerts listed with their context in {@link Score.falseAlerts} (default 20). */
  topFalseAlerts?: number;
  /**
   * The detector configurations that ran (as alerts name them), so one that raised nothing still gets its row — with
   * recall 0 — instead of vanishing from the table.
   */
  ran?: ReadonlyArray<Alert['detector']>;
}

/** The figures of one detector (one parameter set), or of the default set together. */
export interface DetectorScore {
  /** `id`, or `id@set` for a named parameter set; `overall` for the default set together. */
  label: string;
  detector: string;
  version: string;
  paramSet: string;
  params: Record<string, number>;
  baseline: boolean;
  /** Alert threads (an open line and maybe a closing line are one alert). */
  alerts: number;
  trueAlerts: number;
  falseAlerts: number;
  /** True alerts / alerts; null without alerts. */
  precision: number | null;
  /** Incidents with at least one matching alert / incidents; null without incidents. */
  recall: number | null;
  /** Harmonic mean of precision and recall; 0 when no incident was caught, null without incidents. */
  f1: number | null;
  incidentsDetected: number;
  /** First matching alert − incident start, over detected incidents. */
  timeToDetectMs: { median: number | null; p95: number | null };
  /** Prompts at or before the first matching alert, over detected incidents; null when prompts are unknown. */
  promptsBeforeDetection: { median: number | null; p95: number | null } | null;
  /** Incidents detected before the victim's approval, or detected and never approved. */
  prevented: number;
  /** prevented / incidents; null without incidents. */
  preventedRate: number | null;
  falseAlertsPer1000UserDays: number;
  alertsPerDay: number;
  /**
   * False alerts per benign cause, from the truth's labels of their evidence ({@link falseAlertCauses}): `retry`,
   * `outage`, `travel`, `enrolment`…, `attack` (an incident's events the alert did not match), `benign` (no noise
   * label). An alert with two causes counts under both. Keys sorted; `{}` without false alerts.
   */
  falseAlertsByCause: Record<string, number>;
}

/** When one detector first matched one incident. */
interface Detection {
  label: string;
  at: number;
  timeToDetectMs: number;
  promptsBefore: number | null;
  /** Before the victim's approval, or the victim never approved. */
  beforeCompromise: boolean;
}

/** One incident, and which detectors caught it when. */
export interface IncidentScore {
  incident: Incident;
  /** The first matching alert of each detector, earliest first. */
  detections: Detection[];
}

/** A false alert with what a reader needs to judge it. */
interface FalseAlert {
  id: string;
  label: string;
  severity: Alert['severity'];
  entity: Alert['entity'];
  alertTime: number;
  firstTime: number;
  lastTime: number;
  challenges: number;
  outcomes: Record<string, number>;
  users: string[];
  sources: Array<{ ip: string; asOrg?: string; country?: string; count: number }>;
  devices: string[];
  apps: string[];
  /** The benign behaviours its evidence was labelled with ({@link falseAlertCauses}), e.g. `['outage', 'retry']`. */
  causes: string[];
}

/** Everything {@link scoreAlerts} measures. */
export interface Score {
  users: number;
  days: number;
  userDays: number;
  graceMs: number;
  incidents: number;
  compromises: number;
  /** Per detector and parameter set: detectors first, then baselines, each by label. */
  detectors: DetectorScore[];
  /** The non-baseline detectors together: an incident counts as detected when any of them caught it. */
  overall: DetectorScore;
  perIncident: IncidentScore[];
  /** The most severe false alerts first (then most challenges, then earliest). */
  falseAlerts: FalseAlert[];
}

interface Thread {
  label: string;
  lines: Alert[];
}

const severityRank: Record<Alert['severity'], number> = { low: 0, medium: 1, high: 2, critical: 3 };
const labelOf = (a: Alert) => instanceLabel(a.detector);

/**
 * Scores alert lines against the truth of the world they came from, by the definitions of `docs/scoring.md` (Definitions):
 * an alert thread (its open and closing lines) matches an incident when one of its lines does ({@link matchAlert});
 * an incident is detected at the earliest alert time of a matching line. Precision counts threads; recall,
 * time to detect, prompts endured and compromises prevented count incidents; false alerts per 1,000 user-days =
 * unmatched threads × 1000 / (users × days). Baseline detectors are scored alone and left out of `overall`.
 */
export function scoreAlerts(truth: Truth, alerts: Iterable<Alert>, options: ScoreOptions = {}): Score {
  const graceMs = options.graceMs ?? defaultMatchGraceMs;
  const threads = new Map<string, Thread>();
  const labels: string[] = [];
  const meta = new Map<string, Alert['detector']>();
  for (const detector of options.ran ?? []) {
    const label = instanceLabel(detector);
    if (!meta.has(label)) {
      meta.set(label, detector);
      labels.push(label);
    }
  }
  for (const a of alerts) {
    const label = labelOf(a);
    if (!meta.has(label)) {
      meta.set(label, a.detector);
      labels.push(label);
    }
    const key = `${label}\u0000${a.id}`;
    const thread = threads.get(key);
    if (thread) thread.lines.push(a);
    else threads.set(key, { label, lines: [a] });
  }

  // For each thread: the incidents it matches, each at the earliest matching line.
  const matches = new Map<Thread, Map<string, number>>();
  for (const thread of threads.values()) {
    const found = new Map<string, number>();
    for (const line of thread.lines) {
      for (const id of matchAlert(line, truth.incidents, graceMs)) {
        const at = found.get(id);
        if (at === undefined || line.alertTime < at) found.set(id, line.alertTime);
      }
    }
    matches.set(thread, found);
  }
  const causes = new Map<Thread, string[]>();
  for (const [thread, found] of matches) if (found.size === 0) causes.set(thread, falseAlertCauses(thread.lines, truth));

  const userDays = truth.users * truth.days;
  const incidentsById = new Map(truth.incidents.map((i) => [i.id, i]));
  const promptsBefore = (incident: Incident, at: number): number | null => {
    const times = options.prompts?.get(incident.id);
    if (!options.prompts) return null;
    if (!times) return 0;
    let n = 0;
    while (n < times.length && times[n] <= at) n++;
    return n;
  };

  const score = (label: string, detector: Alert['detector'], mine: Thread[]): { row: DetectorScore; first: Map<string, number> } => {
    const first = new Map<string, number>();
    let trueAlerts = 0;
    for (const thread of mine) {
      const found = matches.get(thread)!;
      if (found.size > 0) trueAlerts++;
      for (const [id, at] of found) {
        const before = first.get(id);
        if (before === undefined || at < before) first.set(id, at);
      }
    }
    const ttd: number[] = [];
    const prompts: number[] = [];
    let prevented = 0;
    for (const [id, at] of first) {
      const incident = incidentsById.get(id)!;
      ttd.push(Math.max(0, at - incident.start)); // a spray alert may name a target before its own pushes
      const p = promptsBefore(incident, at);
      if (p !== null) prompts.push(p);
      if (incident.compromisedAt === null || at < incident.compromisedAt) prevented++;
    }
    const n = truth.incidents.length;
    const precision = mine.length > 0 ? trueAlerts / mine.length : null;
    const recall = n > 0 ? first.size / n : null;
    // Recall > 0 implies alerts, so precision is a number there; no incident caught is an F1 of 0.
    const f1 = recall === null ? null : recall === 0 ? 0 : (2 * precision! * recall) / (precision! + recall);
    return {
      first,
      row: {
        label,
        detector: detector.id,
        version: detector.version,
        paramSet: detector.paramSet,
        params: detector.params,
        baseline: detector.baseline,
        alerts: mine.length,
        trueAlerts,
        falseAlerts: mine.length - trueAlerts,
        precision,
        recall,
        f1,
        incidentsDetected: first.size,
        timeToDetectMs: { median: quantile(ttd, 0.5), p95: quantile(ttd, 0.95) },
        promptsBeforeDetection: options.prompts ? { median: quantile(prompts, 0.5), p95: quantile(prompts, 0.95) } : null,
        prevented,
        preventedRate: n > 0 ? prevented / n : null,
        falseAlertsPer1000UserDays: userDays > 0 ? ((mine.length - trueAlerts) * 1000) / userDays : 0,
        alertsPerDay: truth.days > 0 ? mine.length / truth.days : 0,
        falseAlertsByCause: countCauses(mine.map((t) => causes.get(t) ?? [])),
      },
    };
  };

  const all = [...threads.values()];
  const detections = new Map<string, Detection[]>(truth.incidents.map((i) => [i.id, []]));
  labels.sort((a, b) => Number(meta.get(a)!.baseline) - Number(meta.get(b)!.baseline) || (a < b ? -1 : a > b ? 1 : 0));
  const detectors = labels.map((label) => {
    const { row, first } = score(
      label,
      meta.get(label)!,
      all.filter((t) => t.label === label),
    );
    for (const [id, at] of first) {
      const incident = incidentsById.get(id)!;
      detections.get(id)!.push({
        label,
        at,
        timeToDetectMs: Math.max(0, at - incident.start),
        promptsBefore: promptsBefore(incident, at),
        beforeCompromise: incident.compromisedAt === null || at < incident.compromisedAt,
      });
    }
    return row;
  });
  const overall = score(
    'overall',
    { id: 'overall', version: '', baseline: false, params: {}, paramSet: 'default' },
    all.filter((t) => !meta.get(t.label)!.baseline),
  ).row;

  const falseAlerts = all
    .filter((t) => matches.get(t)!.size === 0)
    .map((t): FalseAlert => {
      const last = t.lines[t.lines.length - 1];
      const open = t.lines[0];
      return {
        id: last.id,
        label: t.label,
        severity: last.severity,
        entity: last.entity,
        alertTime: open.alertTime,
        firstTime: last.firstTime,
        lastTime: last.lastTime,
        challenges: last.challenges,
        outcomes: last.outcomes,
        users: last.users ?? (last.user ? [last.user] : []),
        sources: last.sources.slice(0, 3).map(({ ip, asOrg, country, count }) => ({ ip, asOrg, country, count })),
        devices: last.devices.map((d) => d.hostname ?? d.id),
        apps: last.apps,
        causes: causes.get(t)!,
      };
    })
    .sort(
      (a, b) =>
        severityRank[b.severity] - severityRank[a.severity] ||
        b.challenges - a.challenges ||
        a.alertTime - b.alertTime ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, options.topFalseAlerts ?? 20);

  return {
    users: truth.users,
    days: truth.days,
    userDays,
    graceMs,
    incidents: truth.incidents.length,
    compromises: truth.incidents.filter((i) => i.compromisedAt !== null).length,
    detectors,
    overall,
    perIncident: truth.incidents.map((incident) => ({
      incident,
      detections: detections.get(incident.id)!.sort((a, b) => a.at - b.at || (a.label < b.label ? -1 : 1)),
    })),
    falseAlerts,
  };
}

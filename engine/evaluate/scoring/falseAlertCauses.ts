import type { Alert } from '../../model/generated/alert.ts';
import type { Truth } from '../../model/generated/truth.ts';

/** The cause of a false alert whose evidence carries no label: ordinary activity the detector's rule alone flagged. */
const benignCause = 'benign';

/** The cause of a false alert whose evidence belongs to an incident it did not match (too late, or another target). */
const attackCause = 'attack';

const noisePrefix = 'noise:';

/**
 * The benign behaviours behind a false alert, read from the truth's label of each of its evidence events: a noise
 * label without its `noise:` prefix (`retry`, `fat-finger`, `travel`, `conference`, `device-change`, `enrolment`,
 * `outage`, `shared-mac`… — whatever the generators wrote), or `attack` for an event of an incident the alert did not
 * match. Distinct causes in alphabetical order; `benign` alone when no evidence event is
 * labelled (unlabelled events are ordinary activity, and a noise label is a better explanation than the ordinary
 * events beside it). `lines` are the alert thread's lines: their evidence ids are pooled (each line lists its first
 * 200). Detectors never see these labels; only scoring does.
 *
 * @example falseAlertCauses([alert], { labels: { e1: 'noise:retry', e2: 'noise:outage' } }) // ['outage', 'retry']
 */
export function falseAlertCauses(lines: readonly Pick<Alert, 'evidence'>[], truth: Pick<Truth, 'labels'>): string[] {
  const causes = new Set<string>();
  for (const line of lines) {
    for (const id of line.evidence) {
      const label = truth.labels[id];
      if (label === undefined || label === benignCause) continue;
      causes.add(label.startsWith(noisePrefix) ? label.slice(noisePrefix.length) : attackCause);
    }
  }
  return causes.size === 0 ? [benignCause] : [...causes].sort();
}

/**
 * False alerts per cause: how many of the given alerts' cause lists name each cause (an alert with two causes counts
 * under both, so the counts may add up to more than the alerts). Keys in alphabetical order, so the JSON is stable.
 *
 * @example countCauses([['retry'], ['outage', 'retry']]) // { outage: 1, retry: 2 }
 */
export function countCauses(causeLists: Iterable<readonly string[]>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const causes of causeLists) for (const cause of causes) counts.set(cause, (counts.get(cause) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

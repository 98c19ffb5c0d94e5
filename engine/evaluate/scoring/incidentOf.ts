const noisePrefix = 'noise:';

/** The label the truth gives ordinary activity (usually by leaving the event out of `labels`). */
const benignLabel = 'benign';

/**
 * The incident an event belongs to, by its truth label: the label itself when it names an incident, `undefined` for
 * a noise label (`noise:retry`, `noise:outage`…), `benign` or no label.
 *
 * The one rule every path of the pipeline uses (run, tune, gate, score, the library): an event is an attack event
 * only when the truth labels it with an incident id. A noise-labelled or unlabelled event is the user's own, even
 * when it concerns the target during the attack (the victim's own retry, a push during an outage of their own
 * login): it never adds a prompt endured and never becomes part of an incident's timeline. Matching an alert to an
 * incident does not read labels at all (user, device or source and time, `matchAlert`), so such events in a
 * true alert's evidence leave it true; in a false alert's evidence they name its cause.
 *
 * @example incidentOf('uber-burst#1') // 'uber-burst#1'
 * @example incidentOf('noise:retry') // undefined
 */
export function incidentOf(label: string | undefined): string | undefined {
  if (label === undefined || label === benignLabel || label.startsWith(noisePrefix)) return undefined;
  return label;
}

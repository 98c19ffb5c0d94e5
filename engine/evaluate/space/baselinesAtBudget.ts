import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { defaultParams } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { instanceLabel } from '../../runtime/instanceLabel.ts';
import type { SpaceCell, SpaceReport } from './scoreSpace.ts';

/** Values of its threshold each baseline is swept over across its range (fewer when the range holds fewer steps)… */
const sweepPoints = 12;
/** …and, where thresholds matter most, every value of its first steps. */
const lowSteps = 8;

/** A baseline swept to the default set's false-alert rate: its most sensitive setting within that budget. */
export interface BaselineAtBudget {
  baseline: string;
  /** The swept parameter and the value chosen. */
  param: string;
  value: number;
  /** Its figures over every world at that value (`cell.detector` is `id@<param>=<value>`). */
  cell: SpaceCell;
  /** False: no value of the sweep came within the budget; `cell` is then the one with the fewest false alerts. */
  withinBudget: boolean;
}

/** The first count parameter of a detector: the threshold a sweep turns. */
const thresholdOf = (definition: AnyDetectorDefinition): string | undefined =>
  Object.entries(definition.params).find(([, spec]) => spec.unit === 'count')?.[0];

/**
 * The instances that sweep each baseline's threshold (its first count parameter): every value of its first
 * {@link lowSteps} steps, then {@link sweepPoints} values spread over its range, and its default; the other parameters
 * at their defaults; named `<param>=<value>`, so they run side by side in one pass with the default set. Baselines
 * without a count parameter are left out.
 */
function baselineSweepInstances(baselines: readonly AnyDetectorDefinition[]): DetectorInstance[] {
  const out: DetectorInstance[] = [];
  for (const definition of baselines) {
    const param = thresholdOf(definition);
    if (param === undefined) continue;
    const { min, max, step } = definition.params[param];
    const steps = Math.floor((max - min) / step);
    const stride = Math.max(1, Math.ceil(steps / (sweepPoints - 1)));
    const values = new Set<number>();
    for (let k = 0; k <= steps; k += stride) values.add(min + k * step);
    for (let k = 0; k <= Math.min(lowSteps, steps); k++) values.add(min + k * step);
    values.add(definition.params[param].default);
    for (const value of [...values].sort((a, b) => a - b))
      out.push({ definition, params: { ...defaultParams(definition), [param]: value }, paramSet: `${param}=${value}` });
  }
  return out;
}

/**
 * What a comparison at equal false alerts runs instead of `chosen`: the chosen pushstorm detectors as they are, and each
 * chosen baseline's sweep ({@link baselineSweepInstances}) instead of its one setting; with the baselines swept and a
 * test that tells a sweep's settings (shown in the comparison, not as rows of their own) from the rest.
 */
export function comparisonInstances(chosen: readonly DetectorInstance[]): {
  instances: DetectorInstance[];
  baselines: AnyDetectorDefinition[];
  swept: (label: string) => boolean;
} {
  const baselines = [...new Set(chosen.filter((i) => i.definition.baseline !== undefined).map((i) => i.definition))];
  const sweep = baselineSweepInstances(baselines);
  const labels = new Set(sweep.map((i) => instanceLabel({ id: i.definition.id, paramSet: i.paramSet })));
  return {
    instances: [...chosen.filter((i) => i.definition.baseline === undefined), ...sweep],
    baselines,
    swept: (label) => labels.has(label),
  };
}

/**
 * Compares each swept baseline with the default set at equal false-alert rate: for each baseline, among its swept
 * settings whose false alerts per 1,000 user-days over all worlds are at most the default set's (`overall`), the one
 * with the highest recall (then the most prevented, then the fewest false alerts). A baseline no setting of which
 * stays within the budget is reported at its quietest setting, marked so.
 */
export function baselinesAtBudget(report: SpaceReport, baselines: readonly AnyDetectorDefinition[]): BaselineAtBudget[] {
  const overall = report.all.find((c) => c.detector === 'overall');
  const budget = overall?.falseAlertsPer1000UserDays?.mean ?? 0;
  const rate = (c: SpaceCell) => c.falseAlertsPer1000UserDays?.mean ?? 0;
  const out: BaselineAtBudget[] = [];
  for (const definition of baselines) {
    const param = thresholdOf(definition);
    if (param === undefined) continue;
    const swept = report.all.filter((c) => c.detector.startsWith(`${definition.id}@${param}=`));
    if (swept.length === 0) continue;
    const within = swept.filter((c) => rate(c) <= budget);
    const better = (a: SpaceCell, b: SpaceCell) => b.detected - a.detected || b.prevented - a.prevented || rate(a) - rate(b);
    const cell = within.length > 0 ? within.sort(better)[0] : swept.sort((a, b) => rate(a) - rate(b) || b.detected - a.detected)[0];
    out.push({
      baseline: definition.id,
      param,
      value: Number(cell.detector.slice(cell.detector.indexOf('=') + 1)),
      cell,
      withinBudget: within.length > 0,
    });
  }
  return out;
}

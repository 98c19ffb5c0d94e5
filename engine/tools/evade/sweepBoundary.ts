import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { BoundaryCell } from '../../evaluate/report/charts/evasionBoundary.ts';
import type { EvadeBudget, EvadeFamily, EvasionAttack, EvasionContext } from './EvasionAttack.ts';
import type { EvaluateOptions } from '../../evaluate/evaluateScenario.ts';
import { judgeAttack, type EvadeGoal } from './judgeAttack.ts';

/** A boundary grid: its axes and each cell's outcome. */
export interface Boundary {
  axes: { x: string; y: string };
  cells: BoundaryCell[];
}

const gaps = [10, 30, 60, 120, 300, 900, 1800, 3600];

/** Up to `count` whole numbers spread evenly from `min` to `max`, both included. */
function spread(min: number, max: number, count: number): number[] {
  if (max - min + 1 <= count) return Array.from({ length: max - min + 1 }, (_, k) => min + k);
  return [...new Set(Array.from({ length: count }, (_, k) => Math.round(min + ((max - min) * k) / (count - 1))))];
}

/**
 * The detection boundary of a family: plain attacks (one address on the attacker's own line, no jitter, starting at
 * 21:00 on day 1) over prompts × the gap between pushes (low-and-slow: × pushes per workday), each simulated and
 * judged like the search's attacks; `evaluate` passes a world cache on (and hears where each world came from).
 */
export function sweepBoundary(
  family: EvadeFamily,
  context: EvasionContext,
  instances: readonly DetectorInstance[],
  budget: EvadeBudget,
  goal: EvadeGoal,
  onWorld?: () => void,
  evaluate: Pick<EvaluateOptions, 'cache' | 'onWorld'> = {},
): Boundary {
  const prompts = spread(Math.max(budget.minPrompts ?? 1, family === 'social-engineering' ? 2 : 1), budget.maxPrompts, 10);
  const slow = family === 'low-and-slow';
  const xs = slow
    ? [1, 2, 3, 4, 6, 8]
    : gaps.filter((g) => g * Math.max(1, budget.maxPrompts - 1) <= budget.maxDays * 86_400 || g === gaps[0]);
  const cells: BoundaryCell[] = [];
  for (const p of prompts) {
    for (const x of xs) {
      const attack: EvasionAttack = {
        family,
        prompts: p,
        intervalS: slow ? 60 : x,
        jitter: 0,
        minuteOfDay: slow ? 10 * 60 : 21 * 60,
        source: 'single',
        pool: 1,
        rotateEvery: 1,
        perDay: slow ? x : 1,
        contactAfter: p - 1,
      };
      const { status } = judgeAttack(attack, context, instances, budget, goal, evaluate);
      onWorld?.();
      cells.push({ x: slow ? String(x) : x < 60 ? `${x}s` : x < 3600 ? `${x / 60}m` : `${x / 3600}h`, y: String(p), status });
    }
  }
  return { axes: { x: slow ? 'pushes per workday' : 'gap between pushes', y: 'prompts until the approval' }, cells };
}

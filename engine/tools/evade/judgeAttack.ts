import { type EvaluateOptions, evaluateScenario } from '../../evaluate/evaluateScenario.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { resolveScenario } from '../../../generators/scenario/index.ts';
import { evasionScenario, type EvadeBudget, type EvasionAttack, type EvasionContext } from './EvasionAttack.ts';

/** What the search is after: a compromise with no alert before the approval, or with no alert at all. */
export type EvadeGoal = 'compromise' | 'undetected';

/**
 * How one attack went: `evaded` (the victim approved within the budget and no detector of the set alerted before the
 * approval — or at all, for the goal `undetected`), `detected`, `no-compromise` (the IdP refused the pushes, e.g.
 * rate limit or lockout, so the approval never came) or `over-budget` (the approval came after fewer or more prompts,
 * or more days, than the budget allows).
 */
export interface AttackOutcome {
  status: 'evaded' | 'detected' | 'no-compromise' | 'over-budget';
  /** Prompts the victim saw in the incident. */
  prompts: number;
  /** Days from the first push to the approval, or null without one. */
  days: number | null;
  /** The detectors that alerted on the incident, earliest first, with how long after its start. */
  alerts: Array<{ detector: string; afterMs: number; beforeApproval: boolean }>;
  events: number;
}

const day = 86_400_000;

/**
 * Simulates the attack in its small world (or reads it from `evaluate.cache`) and judges it against the detector set.
 */
export function judgeAttack(
  attack: EvasionAttack,
  context: EvasionContext,
  instances: readonly DetectorInstance[],
  budget: EvadeBudget,
  goal: EvadeGoal,
  evaluate: Pick<EvaluateOptions, 'cache' | 'onWorld'> = {},
): AttackOutcome {
  const evaluation = evaluateScenario(resolveScenario(evasionScenario(attack, context)), instances, evaluate);
  const incident = evaluation.score.perIncident[0];
  if (!incident) return { status: 'no-compromise', prompts: 0, days: null, alerts: [], events: evaluation.events };
  const { compromisedAt, start, prompts } = incident.incident;
  const alerts = incident.detections.map((d) => ({ detector: d.label, afterMs: d.at - start, beforeApproval: d.beforeCompromise }));
  const days = compromisedAt === null ? null : (compromisedAt - start) / day;
  const base = { prompts, days, alerts, events: evaluation.events };
  if (compromisedAt === null) return { ...base, status: 'no-compromise' };
  if (prompts > budget.maxPrompts || prompts < (budget.minPrompts ?? 1) || (days ?? 0) > budget.maxDays)
    return { ...base, status: 'over-budget' };
  const caught = goal === 'undetected' ? alerts.length > 0 : alerts.some((a) => a.beforeApproval);
  return { ...base, status: caught ? 'detected' : 'evaded' };
}

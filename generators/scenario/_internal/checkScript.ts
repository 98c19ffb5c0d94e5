import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import { parseDuration } from '../../../engine/model/duration/parseDuration.ts';
import { day as dayMs } from '../../clock/durations.ts';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The kinds of script step; a step names exactly one. */
const stepKinds = ['push', 'password', 'loginWindow', 'contact', 'enrolFactor'] as const;

/** The prompts a script's steps raise at most: pushes, right passwords and login-window attempts. */
export function scriptPrompts(steps: unknown[]): number {
  return steps.filter(
    (s) => isRecord(s) && (s.push !== undefined || s.loginWindow !== undefined || (isRecord(s.password) && s.password.ok === true)),
  ).length;
}

/** Whether a script holds a contact step (so `approvesAfterContact` has a contact to follow). */
export function scriptHasContact(steps: unknown): boolean {
  return Array.isArray(steps) && steps.some((s) => isRecord(s) && s.contact !== undefined);
}

/**
 * A scripted attack's problems: steps on another strategy, a script without steps, `socialEngineering` beside a script
 * (its contact is a step), and per step a time (exactly one of `after` and `at`, `at` inside the scenario), exactly
 * one kind, and a Mac for a login-window step.
 *
 * @param startMs The scenario's start, when valid; @param days its length in days, when valid.
 */
export function checkScript(
  attack: Json,
  at: (...rest: Array<string | number>) => string,
  world: { startMs: number | undefined; days: number | undefined; macs: Json },
  issues: ScenarioIssue[],
): void {
  const script = attack.strategy === 'script';
  if (attack.steps !== undefined && typeof attack.strategy === 'string' && !script)
    issues.push({ path: at('steps'), message: `applies to script attacks, not ${attack.strategy}` });
  if (!script) return;
  if (attack.steps === undefined) issues.push({ path: at('steps'), message: 'a script attack needs its steps' });
  if (attack.socialEngineering !== undefined)
    issues.push({ path: at('socialEngineering'), message: 'a script makes its contact with a contact step: give it as one' });
  if (!Array.isArray(attack.steps)) return;
  attack.steps.forEach((item, index) => {
    if (!isRecord(item)) return;
    const here = (...rest: Array<string | number>) => at('steps', index, ...rest);
    const kinds = stepKinds.filter((k) => item[k] !== undefined);
    if (kinds.length !== 1)
      issues.push({
        path: here(),
        message: `${kinds.length === 0 ? 'names no action' : `names ${kinds.join(' and ')}`}: a step does exactly one of ${stepKinds.join(', ')}`,
      });
    if ((item.after === undefined) === (item.at === undefined))
      issues.push({
        path: here(),
        message:
          item.after === undefined
            ? 'needs a time: after (from the attack’s start) or at (an absolute time)'
            : 'has both after and at: give one',
      });
    if (typeof item.after === 'string') {
      try {
        parseDuration(item.after);
      } catch (error) {
        issues.push({ path: here('after'), message: (error as Error).message });
      }
    }
    if (typeof item.at === 'string' && world.startMs !== undefined && world.days !== undefined) {
      const t = Date.parse(item.at);
      const end = world.startMs + world.days * dayMs;
      if (Number.isNaN(t) || t < world.startMs || t >= end)
        issues.push({
          path: here('at'),
          message: `must be inside the scenario, from ${new Date(world.startMs).toISOString()} to before ${new Date(end).toISOString()} (got ${item.at})`,
        });
    }
    const mac = isRecord(item.loginWindow) ? (item.loginWindow.mac ?? 'own') : undefined;
    if (mac === 'own' && world.macs.perUser === 0)
      issues.push({ path: here('loginWindow'), message: 'needs the victim’s own Mac, but /population/macs/perUser is 0' });
    if (mac === 'lab' && (world.macs.shared === 0 || world.macs.sharedUsers === 0))
      issues.push({ path: here('loginWindow'), message: 'needs shared lab Macs and users of them (population.macs.shared, sharedUsers)' });
  });
}

import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import type { ScenarioOverrides } from '../ResolvedScenario.ts';
import { describeValue } from './describeValue.ts';
import { MAX_DAYS, MAX_USERS } from '../../../engine/model/limits.ts';

/** Accepted range of each override, matching the schema's range for the value it replaces. */
const ranges: Record<keyof ScenarioOverrides, { min: number; max: number }> = {
  seed: { min: 0, max: 4_294_967_295 },
  users: { min: 1, max: MAX_USERS },
  days: { min: 1, max: MAX_DAYS },
};

/** Whether an override is present and usable; an invalid one is reported by {@link checkOverrides} and ignored. */
export function validOverride(overrides: ScenarioOverrides | undefined, key: keyof ScenarioOverrides): number | undefined {
  const value: unknown = overrides?.[key];
  const { min, max } = ranges[key];
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : undefined;
}

/** Problems with the overrides, each under the command-line option it comes from (`--users`). */
export function checkOverrides(overrides: ScenarioOverrides | undefined): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const key of Object.keys(ranges) as Array<keyof ScenarioOverrides>) {
    const value: unknown = overrides?.[key];
    if (value === undefined || validOverride(overrides, key) !== undefined) continue;
    const { min, max } = ranges[key];
    issues.push({
      path: `--${key}`,
      message: `must be an integer from ${min} to ${max} (got ${describeValue(value)})`,
    });
  }
  return issues;
}

import type { Scenario } from '../../../engine/model/generated/scenario.ts';

/** Properties the schema leaves optional without a default: they may still be absent after validation. */
type StaysOptional =
  | 'description'
  | 'targetProfile'
  | 'interval'
  | 'time'
  | 'relativeTo'
  | 'offset'
  | 'during'
  | 'socialEngineering'
  | 'country'
  | 'city'
  | 'timeZone'
  | 'cautious'
  | 'typical'
  | 'fatigable';

/** `T` with every property that has a schema default made required, recursively; arrays and tuples become arrays. */
export type Filled<T> = T extends readonly (infer Item)[]
  ? Filled<Item>[]
  : T extends object
    ? { [K in keyof T as K extends StaysOptional ? never : K]-?: Filled<T[K]> } & {
        // Homomorphic mapping keeps each of these as optional (or required) as the schema says.
        [K in keyof T as K extends StaysOptional ? K : never]: Filled<T[K]>;
      }
    : T;

/**
 * A scenario after schema validation with ajv's `useDefaults` (plus the `idp` and `noise` objects the loader adds):
 * what the resolver may read without checking for absent defaults.
 */
export type FilledScenario = Filled<Scenario>;

import type { RunScope } from '../DetectorDefinition.ts';

/** A fresh {@link RunScope}: one per runtime. */
export function newRunScope(): RunScope {
  const values = new Map<string, unknown>();
  return {
    share<T>(key: string, make: () => T): T {
      if (values.has(key)) return values.get(key) as T;
      const value = make();
      values.set(key, value);
      return value;
    },
  };
}

/**
 * `compute`, remembered by `keyOf` of its arguments for the life of the module scope that holds the result — in
 * vitest, one test file's (each file runs in a fresh scope): what several tests of a file derive from one world (its
 * vendor logs, a command's help) is made once, by whichever test asks first. Results are shared, not copied: callers
 * must not change them.
 *
 * @example
 * const help = memoised((command: string) => command, (command) => pushstorm([command, '--help']).stdout);
 */
export function memoised<A extends readonly unknown[], V>(keyOf: (...args: A) => string, compute: (...args: A) => V): (...args: A) => V {
  const made = new Map<string, V>();
  return (...args) => {
    const key = keyOf(...args);
    if (made.has(key)) return made.get(key) as V;
    const value = compute(...args);
    made.set(key, value);
    return value;
  };
}

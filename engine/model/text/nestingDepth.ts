/**
 * How deep a parsed document may nest (arrays and objects inside each other). Every file pushstorm reads nests a few
 * levels — a scenario about six, a truth file four — so this is far above any real file and far below what a
 * recursive walk (schema validation, cloning, scoring) can take before the stack overflows.
 */
export const MAX_NESTING = 100;

/**
 * The nesting depth of a parsed JSON or YAML value (a scalar is 0, `[]` is 1, `[[1]]` is 2), counted without
 * recursion and given up as soon as it passes `limit`: a file nested 100,000 deep costs one short walk, not a stack
 * overflow.
 *
 * @returns the depth, or `limit + 1` when it is deeper than `limit`.
 * @example nestingDepth({ a: [1, { b: 2 }] }) // 3
 */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object' || seen.has(item)) continue;
    seen.add(item);
    const inner = depth + 1;
    if (inner > limit) return limit + 1;
    if (inner > deepest) deepest = inner;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, inner]);
  }
  return deepest;
}

/** Why a document nested deeper than {@link MAX_NESTING} is refused, in the words every reader uses. */
export function tooDeep(): string {
  return `nested more than ${MAX_NESTING} levels deep: no pushstorm file nests like that`;
}

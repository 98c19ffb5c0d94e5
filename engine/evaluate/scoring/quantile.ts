/**
 * The nearest-rank quantile of `values` (0 < q ≤ 1): the smallest value with at least a fraction `q` of the values at
 * or below it — always one of the values, never an interpolation. Null for no values.
 *
 * @example quantile([5, 1, 3], 0.5) // 3
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

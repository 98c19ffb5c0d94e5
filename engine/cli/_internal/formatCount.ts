/** A whole number with thousands separators, e.g. `1234567` → `"1,234,567"`; locale-independent on purpose. */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** A count, or a number with up to two decimals when it is not whole (`7` → `"7"`, `0.5` → `"0.5"`). */
export function formatQuantity(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : String(Number(value.toFixed(2)));
}

/** Amounts of money: whole rials, the unit in which wages, claims and awards are recorded. */

/** A whole, non-negative number of rials that arithmetic keeps exact. */
export function isRialAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** `1234567` → `'1,234,567'`. Written out rather than `toLocaleString` so the output never depends on ICU data. */
export function formatRials(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`formatRials needs a whole number of rials, got ${n}`);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

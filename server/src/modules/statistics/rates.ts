// Ratios and how they are printed. JSON keeps fractions (0.9954); print rounds to two decimals
// and drops trailing zeros as the seed bulletin does (99.54%, 100%, 14%, 0.6%). A zero
// denominator has no rate: null in JSON, "—" in print — never NaN.

export const NO_VALUE = '—';

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Rounds half away from zero at `decimals`, avoiding binary artefacts (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor;
}

/** A number with at most `decimals` decimals and no trailing zeros. */
export function formatNumber(value: number | null, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  const rounded = roundTo(value, decimals);
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A fraction as a percentage: 0.99541 → "99.54%". */
export function formatPercent(fraction: number | null, decimals = 2): string {
  if (fraction === null || !Number.isFinite(fraction)) return NO_VALUE;
  return `${formatNumber(fraction * 100, decimals)}%`;
}

/** Change of a rate in percentage points, as the seed prints it ("下降了0.27%"). */
export function percentPointDelta(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return (current - previous) * 100;
}

/** "增加了327件" / "减少了12件" / "持平". */
export function countChangeText(delta: number, unit = '件'): string {
  if (delta > 0) return `增加了${delta}${unit}`;
  if (delta < 0) return `减少了${-delta}${unit}`;
  return '持平';
}

/** "上升了0.39%" / "下降了0.27%" / "持平" / "—" (a rate missing in either month). */
export function rateChangeText(current: number | null, previous: number | null): string {
  const delta = percentPointDelta(current, previous);
  if (delta === null) return `无法比较（${NO_VALUE}）`;
  const rounded = roundTo(delta, 2);
  if (rounded === 0) return '持平';
  return `${rounded > 0 ? '上升了' : '下降了'}${formatNumber(Math.abs(rounded))}%`;
}

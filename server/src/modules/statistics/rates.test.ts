import { describe, expect, it } from 'vitest';
import {
  countChangeText,
  formatNumber,
  formatPercent,
  NO_VALUE,
  percentPointDelta,
  rateChangeText,
  ratio,
} from './rates.js';

describe('rates and printing', () => {
  it('computes the seed headline rates as fractions', () => {
    expect(ratio(26259, 26380)).toBeCloseTo(0.99541, 5);
    expect(formatPercent(ratio(26259, 26380))).toBe('99.54%');
    expect(formatPercent(ratio(17317, 26195))).toBe('66.11%');
    expect(formatPercent(ratio(966, 1245))).toBe('77.59%');
  });

  it('drops trailing zeros as the seed prints (100%, 14%, 0.6%)', () => {
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(ratio(1, 168))).toBe('0.6%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(ratio(1618, 3706), 1)).toBe('43.7%');
  });

  it('prints a zero denominator as a dash, never NaN', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
    expect(formatPercent(ratio(0, 0))).toBe(NO_VALUE);
    expect(formatNumber(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('rounds half away from zero without binary artefacts', () => {
    expect(formatNumber(1.005)).toBe('1.01');
    expect(formatNumber(96.195)).toBe('96.2');
    expect(formatNumber(-0.001)).toBe('0');
  });

  it('says month-over-month changes in counts and percentage points', () => {
    expect(countChangeText(327)).toBe('增加了327件');
    expect(countChangeText(-787)).toBe('减少了787件');
    expect(countChangeText(0)).toBe('持平');
    // 立案率 99.81% → 99.54%: "下降了0.27%" (percentage points, as the seed prints them)
    expect(rateChangeText(0.9954, 0.9981)).toBe('下降了0.27%');
    expect(rateChangeText(0.6611, 0.6572)).toBe('上升了0.39%');
    expect(rateChangeText(0.5, 0.5)).toBe('持平');
    expect(rateChangeText(null, 0.5)).toContain('—');
    expect(percentPointDelta(0.9954, null)).toBeNull();
  });
});

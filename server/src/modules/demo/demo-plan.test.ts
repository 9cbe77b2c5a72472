import { describe, expect, it } from 'vitest';
import {
  allocate,
  disposingUnits,
  MAJOR_TOTALS_JULY,
  minorQuotas,
  plannedHeadline,
  QUIET,
  RECEIVED,
  ROUTES,
  SEED_UNIT_ROWS,
  selfDisposed,
} from './demo-plan.js';

describe('demo plan', () => {
  it('July makes the seed headline', () => {
    expect(plannedHeadline('2019-07')).toEqual({
      received: 26380,
      filed: 26259,
      due: 26195,
      disposed: 17317,
      selfDisposed: 7031,
    });
  });

  it('June makes the printed deltas (−327, 99.81%, 65.72%)', () => {
    const june = plannedHeadline('2019-06');
    expect(june.received).toBe(26380 - 327);
    expect(((june.filed / june.received) * 100).toFixed(2)).toBe('99.81');
    expect(((june.disposed / june.due) * 100).toFixed(2)).toBe('65.72');
    expect(((17317 / 26195 - june.disposed / june.due) * 100).toFixed(2)).toBe('0.39');
  });

  it('every unit row of the three assessment tables comes out exactly', () => {
    const due = new Map<string, number>();
    const disposed = new Map<string, number>();
    for (const r of ROUTES) {
      for (const u of new Set(r.units)) due.set(u, (due.get(u) ?? 0) + r.counts['2019-07']);
      for (const u of disposingUnits(r)) disposed.set(u, (disposed.get(u) ?? 0) + r.counts['2019-07']);
    }
    for (const row of SEED_UNIT_ROWS) {
      expect([row.unit, due.get(row.unit), disposed.get(row.unit) ?? 0]).toEqual([
        row.unit,
        row.due,
        row.disposed,
      ]);
    }
    expect(due.size).toBe(SEED_UNIT_ROWS.length);
  });

  it('June routes reach the same units as July (only locations move)', () => {
    const total = (m: '2019-06' | '2019-07') => ROUTES.reduce((s, r) => s + r.counts[m], 0);
    expect(total('2019-06')).toBe(total('2019-07'));
  });

  it('each district keeps a plausible share of self-disposals', () => {
    for (const month of ['2019-06', '2019-07'] as const) {
      const self = selfDisposed(month);
      for (const d of Object.keys(self) as (keyof typeof self)[]) {
        const share = self[d] / RECEIVED[month][d];
        expect(share).toBeGreaterThan(0.15);
        expect(share).toBeLessThan(0.4);
        expect(QUIET[month][d].waiting).toBeGreaterThan(0);
      }
    }
  });

  it('minor quotas add up to each major and to 立案数; the seed’s top four print their shares', () => {
    const q = minorQuotas('2019-07');
    for (const [major, total] of Object.entries(MAJOR_TOTALS_JULY)) {
      const sum = Object.entries(q)
        .filter(([k]) => k.startsWith(major))
        .reduce((s, [, n]) => s + n, 0);
      expect([major, sum]).toEqual([major, total]);
    }
    const top = Object.entries(q)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    expect(top.slice(0, 4).map(([k, n]) => [k, ((n / 26259) * 100).toFixed(2)])).toEqual([
      ['E0102', '21.83'],
      ['E0511', '9.64'],
      ['E0505', '9.12'],
      ['E0504', '8.08'],
    ]);
    expect(Object.values(minorQuotas('2019-06')).reduce((a, b) => a + b, 0)).toBe(
      plannedHeadline('2019-06').filed,
    );
  });

  it('allocate splits exactly by largest remainder', () => {
    expect(allocate(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
    expect(allocate(0, { a: 2 })).toEqual({ a: 0 });
  });
});

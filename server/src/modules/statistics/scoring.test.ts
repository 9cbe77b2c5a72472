import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import {
  bandScore,
  checkScheme,
  defaultScheme,
  grade,
  indicatorScore,
  indicatorValues,
  rankRows,
  type SchemeDefinition,
  scoreUnit,
} from './scoring.js';

const measures = (over: Partial<Parameters<typeof scoreUnit>[1]> = {}) => ({
  due: 100,
  disposed: 90,
  disposedOnTime: 80,
  closed: 85,
  closedOnTime: 75,
  reworked: 5,
  extended: 2,
  overdueOpen: 10,
  ...over,
});

describe('scoring schemes', () => {
  it('default schemes sum to 100% and pass the check', () => {
    for (const table of ['regions', 'departments', 'enterprises'] as const) {
      const scheme = defaultScheme(table);
      expect(scheme.definition.indicators.reduce((s, i) => s + i.weight, 0)).toBe(100);
      expect(() => checkScheme(scheme.definition)).not.toThrow();
    }
  });

  it('refuses weights that do not sum to 100% (422, both languages)', () => {
    const def = defaultScheme('departments').definition;
    const bad: SchemeDefinition = {
      ...def,
      indicators: def.indicators.map((i) => ({ ...i, weight: i.weight === 10 ? 20 : i.weight })),
    };
    try {
      checkScheme(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).messages.zh).toContain('100%');
      expect((error as AppError).messages.en).toContain('110%');
    }
  });

  it('refuses duplicate indicators and bands without a catch-all', () => {
    const dup: SchemeDefinition = {
      zeroIfNoneDisposed: true,
      indicators: [
        { key: 'disposalRate', weight: 50, method: 'rate', direction: 'up' },
        { key: 'disposalRate', weight: 50, method: 'rate', direction: 'up' },
      ],
    };
    expect(() => checkScheme(dup)).toThrow(AppError);
    const noCatchAll: SchemeDefinition = {
      zeroIfNoneDisposed: true,
      indicators: [
        { key: 'caseCount', weight: 100, method: 'bands', direction: 'up', bands: [{ lte: 50, score: 100 }] },
      ],
    };
    expect(() => checkScheme(noCatchAll)).toThrow(/catch-all/);
  });

  it('scores bands at their edges (立案数分值)', () => {
    const bands = defaultScheme('departments').definition.indicators[0]?.bands ?? [];
    expect(bandScore(0, bands)).toBe(100);
    expect(bandScore(50, bands)).toBe(100);
    expect(bandScore(51, bands)).toBe(90);
    expect(bandScore(100, bands)).toBe(90);
    expect(bandScore(200, bands)).toBe(75);
    expect(bandScore(500, bands)).toBe(60);
    expect(bandScore(999, bands)).toBe(40);
    expect(bandScore(1000, bands)).toBe(0);
    const perGrid = defaultScheme('regions').definition.indicators[1]?.bands ?? [];
    expect(bandScore(0, perGrid)).toBe(100);
    expect(bandScore(2.9, perGrid)).toBe(90);
    expect(bandScore(3, perGrid)).toBe(75);
    expect(bandScore(8.99, perGrid)).toBe(40);
    expect(bandScore(9, perGrid)).toBe(0);
  });

  it('scores rates up or down, and a missing value as 0', () => {
    expect(
      indicatorScore({ key: 'closingRate', weight: 30, method: 'rate', direction: 'up' }, 0.9),
    ).toBeCloseTo(90);
    expect(
      indicatorScore({ key: 'reworkRate', weight: 30, method: 'rate', direction: 'down' }, 0.05),
    ).toBeCloseTo(95);
    expect(indicatorScore({ key: 'reworkRate', weight: 30, method: 'rate', direction: 'down' }, null)).toBe(
      0,
    );
  });

  it('computes the department score from the scheme', () => {
    // 立案数 100 → 90; 结案率 85/100; 按期处置率 80/100; 返工率 5/100
    const s = scoreUnit(defaultScheme('departments').definition, measures());
    expect(s.score).toBeCloseTo(0.1 * 90 + 0.3 * 85 + 0.3 * 80 + 0.3 * 95, 6);
    expect(s.parts.map((p) => p.key)).toEqual([
      'caseCount',
      'closingRate',
      'onTimeDisposalRate',
      'reworkRate',
    ]);
  });

  it('computes the region score with per-grid cases and public reports', () => {
    const m = measures({ districtFiled: 400, districtGrids: 100, districtFiledPublic: 40 });
    const values = indicatorValues(m);
    expect(values.casesPerGrid).toBe(4);
    expect(values.publicReportRate).toBeCloseTo(0.1);
    const s = scoreUnit(defaultScheme('regions').definition, m);
    expect(s.score).toBeCloseTo(0.1 * 90 + 0.2 * 75 + 0.3 * 85 + 0.4 * 75, 6);
    // A district without grids has no per-grid value: that indicator scores 0.
    expect(
      indicatorValues(measures({ districtFiled: 5, districtGrids: 0, districtFiledPublic: 0 })).casesPerGrid,
    ).toBeNull();
  });

  it('a unit that disposed of nothing scores 0 (the seed’s rows of 0)', () => {
    expect(
      scoreUnit(
        defaultScheme('departments').definition,
        measures({ disposed: 0, disposedOnTime: 0, closed: 0, closedOnTime: 0 }),
      ).score,
    ).toBe(0);
  });

  it('grades A–E', () => {
    expect([95, 90, 89.99, 75, 60, 59, 40, 39.9].map(grade)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'D',
      'D',
      'E',
    ]);
  });

  it('ranks deterministically, with excluded units shown "/" after the ranked ones', () => {
    const rows = [
      { name: '乙', score: 90, disposalRate: 0.9, due: 10, excluded: false },
      { name: '甲', score: 90, disposalRate: 0.9, due: 10, excluded: false },
      { name: '丙', score: 90, disposalRate: 0.95, due: 5, excluded: false },
      { name: '丁', score: 99, disposalRate: 1, due: 1, excluded: true },
      { name: '戊', score: 50, disposalRate: null, due: 3, excluded: false },
    ];
    const ranked = rankRows(rows);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['丙', 1],
      ['乙', 2], // 乙 (U+4E59) sorts before 甲 (U+7532) by code point
      ['甲', 3],
      ['戊', 4],
      ['丁', null],
    ]);
    expect(rankRows([...rows].reverse()).map((r) => r.name)).toEqual(ranked.map((r) => r.name));
  });
});

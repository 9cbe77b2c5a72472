import { z } from 'zod';
import { invalid } from '../../platform/http/errors.js';
import { ratio, roundTo } from './rates.js';

// 考核方案 (scoring schemes) for the three 业务工作考核表, and ranking. Pure.
//
// A scheme is a list of indicators with weights (summing to 100%). An indicator scores 0–100:
// a rate scores rate×100, or (1−rate)×100 when lower is better (返工率, 延期率 …); a count is
// scored by bands (立案数分值). The unit's score is Σ weight × indicator score / 100. Scores are
// computed from the scheme, not fitted to anything printed: the seed's scores use inputs the
// seed does not print (仁和区 88.86% → 96.2 but 东区 81.54% → 96.17).

export const assessmentTables = ['regions', 'departments', 'enterprises'] as const;
export const assessmentTableSchema = z.enum(assessmentTables);
export type AssessmentTable = z.infer<typeof assessmentTableSchema>;

export const assessmentTableLabels: Record<AssessmentTable, string> = {
  regions: '区（县）',
  departments: '有处置业务的市级部门',
  enterprises: '有处置业务的企事业单位',
};

export const indicatorKeys = [
  'disposalRate', // 处置率 = 处置数/应处置数
  'onTimeDisposalRate', // 按期处置率 = 按期处置数/应处置数
  'closingRate', // 结案率 = 结案数/应结案数 (应结案数 = 处置数 + 超期未处置数)
  'onTimeClosingRate', // 按期结案率 = 按期结案数/应结案数
  'reworkRate', // 返工率 = 返工数/应结案数
  'extensionRate', // 延期率 = 延期数/应处置数
  'overduePendingRate', // 超期待处置率 = 超期未处置数/应处置数
  'caseCount', // 立案数 (the unit's 应处置数), scored by bands
  'casesPerGrid', // 区域: 立案数 / 单元网格数, scored by bands
  'publicReportRate', // 区域: 监督举报率 = 公众举报立案数/立案数
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export const indicatorLabels: Record<IndicatorKey, string> = {
  disposalRate: '处置率',
  onTimeDisposalRate: '按期处置率',
  closingRate: '结案率',
  onTimeClosingRate: '按期结案率',
  reworkRate: '返工率',
  extensionRate: '延期率',
  overduePendingRate: '超期待处置率',
  caseCount: '立案数',
  casesPerGrid: '每网格立案数',
  publicReportRate: '监督举报率',
};

const bandSchema = z
  .object({
    lt: z.number().optional(),
    lte: z.number().optional(),
    score: z.number().min(0).max(100),
  })
  .refine((b) => b.lt === undefined || b.lte === undefined, { message: 'a band has lt or lte, not both' });
export type Band = z.infer<typeof bandSchema>;

const indicatorSchema = z.object({
  key: z.enum(indicatorKeys),
  weight: z.number().min(0).max(100),
  /** rate: value×100 (up) or (1−value)×100 (down); bands: the first band the value falls in. */
  method: z.enum(['rate', 'bands']),
  direction: z.enum(['up', 'down']).default('up'),
  bands: z.array(bandSchema).min(1).optional(),
});
export type SchemeIndicator = z.infer<typeof indicatorSchema>;

export const schemeDefinitionSchema = z.object({
  indicators: z.array(indicatorSchema).min(1).max(20),
  /** A unit that disposed of nothing scores 0 (as every such row of the seed's tables does). */
  zeroIfNoneDisposed: z.boolean().default(true),
});
export type SchemeDefinition = z.infer<typeof schemeDefinitionSchema>;

export interface Scheme {
  table: AssessmentTable;
  version: number;
  effectiveFrom: string;
  name: string;
  definition: SchemeDefinition;
}

/** The rule a scheme must pass beyond its shape: weights sum to 100%, bands are usable. */
export function checkScheme(definition: SchemeDefinition): void {
  const total = definition.indicators.reduce((sum, i) => sum + i.weight, 0);
  if (Math.abs(total - 100) > 1e-6) {
    throw invalid(
      `各指标权重之和须为100%，当前为${roundTo(total, 4)}%`,
      `indicator weights must sum to 100%; they sum to ${roundTo(total, 4)}%`,
      { total },
    );
  }
  const seen = new Set<string>();
  for (const indicator of definition.indicators) {
    if (seen.has(indicator.key)) {
      throw invalid(
        `指标重复：${indicatorLabels[indicator.key]}`,
        `indicator listed twice: ${indicator.key}`,
      );
    }
    seen.add(indicator.key);
    if (indicator.method === 'bands') {
      const bands = indicator.bands ?? [];
      const last = bands[bands.length - 1];
      if (!last || last.lt !== undefined || last.lte !== undefined) {
        throw invalid(
          `分段计分的指标（${indicatorLabels[indicator.key]}）须以“其余”分段结尾`,
          `banded indicator ${indicator.key} must end with a catch-all band (no lt/lte)`,
        );
      }
    }
  }
}

/** The score of the first band the value falls in (bands are tried in order). */
export function bandScore(value: number, bands: readonly Band[]): number {
  for (const band of bands) {
    if (band.lt !== undefined && !(value < band.lt)) continue;
    if (band.lte !== undefined && !(value <= band.lte)) continue;
    return band.score;
  }
  return 0;
}

/** An indicator's 0–100 score; a missing value (zero denominator) scores 0. */
export function indicatorScore(indicator: SchemeIndicator, value: number | null): number {
  if (value === null) return 0;
  if (indicator.method === 'bands') return bandScore(value, indicator.bands ?? []);
  const clamped = Math.min(1, Math.max(0, value));
  return (indicator.direction === 'down' ? 1 - clamped : clamped) * 100;
}

/** 等级: A ≥ 90, B 75–90, C 60–75, D 40–60, E < 40 (DOMAIN.md §1.4). */
export function grade(score: number): 'A' | 'B' | 'C' | 'D' | 'E' {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'E';
}

export interface UnitMeasures {
  due: number;
  disposed: number;
  disposedOnTime: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  overdueOpen: number;
  /** Regions only: the district's filed cases, its grids and its filed public reports. */
  districtFiled?: number;
  districtGrids?: number;
  districtFiledPublic?: number;
}

export function indicatorValues(m: UnitMeasures): Record<IndicatorKey, number | null> {
  const dueToClose = m.disposed + m.overdueOpen;
  return {
    disposalRate: ratio(m.disposed, m.due),
    onTimeDisposalRate: ratio(m.disposedOnTime, m.due),
    closingRate: ratio(m.closed, dueToClose),
    onTimeClosingRate: ratio(m.closedOnTime, dueToClose),
    reworkRate: ratio(m.reworked, dueToClose),
    extensionRate: ratio(m.extended, m.due),
    overduePendingRate: ratio(m.overdueOpen, m.due),
    caseCount: m.due,
    casesPerGrid: m.districtFiled === undefined ? null : ratio(m.districtFiled, m.districtGrids ?? 0),
    publicReportRate:
      m.districtFiledPublic === undefined ? null : ratio(m.districtFiledPublic, m.districtFiled ?? 0),
  };
}

export interface UnitScore {
  score: number;
  parts: { key: IndicatorKey; value: number | null; score: number; weight: number }[];
}

export function scoreUnit(definition: SchemeDefinition, m: UnitMeasures): UnitScore {
  const values = indicatorValues(m);
  const parts = definition.indicators.map((i) => ({
    key: i.key,
    value: values[i.key],
    score: indicatorScore(i, values[i.key]),
    weight: i.weight,
  }));
  if (definition.zeroIfNoneDisposed && m.disposed === 0) return { score: 0, parts };
  const score = parts.reduce((sum, p) => sum + (p.weight * p.score) / 100, 0);
  return { score: roundTo(score, 2), parts };
}

export interface Rankable {
  name: string;
  score: number;
  disposalRate: number | null;
  due: number;
  excluded: boolean;
}

/**
 * Ranks a table's rows. Order: score (to two decimals, as printed) descending, then 处置率
 * descending, then 应处置数 descending, then the unit name by code point — so equal scores
 * still get distinct, reproducible ranks. Rows marked 暂不参与排名 get no rank ("/") and follow
 * the ranked rows in the same order.
 */
export function rankRows<T extends Rankable>(rows: readonly T[]): (T & { rank: number | null })[] {
  const order = (a: T, b: T) =>
    b.score - a.score ||
    (b.disposalRate ?? -1) - (a.disposalRate ?? -1) ||
    b.due - a.due ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const ranked = rows.filter((r) => !r.excluded).sort(order);
  const excluded = rows.filter((r) => r.excluded).sort(order);
  return [...ranked.map((r, i) => ({ ...r, rank: i + 1 })), ...excluded.map((r) => ({ ...r, rank: null }))];
}

// Defaults: DOMAIN.md §1.4 (GB/T 30428.4 as implemented in a Unicom platform).

/** 立案数分值 for departments: 0–50 → 100, 51–100 → 90, 101–200 → 75, 201–500 → 60, 501–999 → 40, ≥ 1000 → 0. */
const departmentCountBands: Band[] = [
  { lte: 50, score: 100 },
  { lte: 100, score: 90 },
  { lte: 200, score: 75 },
  { lte: 500, score: 60 },
  { lt: 1000, score: 40 },
  { score: 0 },
];

/** 立案数分值 per grid, area class 1: 0 → 100, <3 → 90, <5 → 75, <7 → 60, <9 → 40, else 0. */
const regionPerGridBands: Band[] = [
  { lte: 0, score: 100 },
  { lt: 3, score: 90 },
  { lt: 5, score: 75 },
  { lt: 7, score: 60 },
  { lt: 9, score: 40 },
  { score: 0 },
];

const departmentDefinition: SchemeDefinition = {
  indicators: [
    { key: 'caseCount', weight: 10, method: 'bands', direction: 'up', bands: departmentCountBands },
    { key: 'closingRate', weight: 30, method: 'rate', direction: 'up' },
    { key: 'onTimeDisposalRate', weight: 30, method: 'rate', direction: 'up' },
    { key: 'reworkRate', weight: 30, method: 'rate', direction: 'down' },
  ],
  zeroIfNoneDisposed: true,
};

/**
 * The region scheme as written sums to 70% (10 + 20 + 30 + 10); one weight is mistyped. We take
 * 40% for 按期结案率, which closes the sum (DOMAIN.md §1.4).
 */
const regionDefinition: SchemeDefinition = {
  indicators: [
    { key: 'publicReportRate', weight: 10, method: 'rate', direction: 'down' },
    { key: 'casesPerGrid', weight: 20, method: 'bands', direction: 'up', bands: regionPerGridBands },
    { key: 'closingRate', weight: 30, method: 'rate', direction: 'up' },
    { key: 'onTimeClosingRate', weight: 40, method: 'rate', direction: 'up' },
  ],
  zeroIfNoneDisposed: true,
};

export function defaultScheme(table: AssessmentTable): Scheme {
  const definition = table === 'regions' ? regionDefinition : departmentDefinition;
  return {
    table,
    version: 0,
    effectiveFrom: '2000-01',
    name:
      table === 'regions'
        ? '区域评价（GB/T 30428.4 式，默认）'
        : table === 'departments'
          ? '专业部门评价（GB/T 30428.4 式，默认）'
          : '企事业单位评价（同专业部门，默认）',
    definition: structuredClone(definition),
  };
}

import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { type CampaignDistrictCounts, campaignCountsByDistrict } from '../field/index.js';
import { hotlineMonthlyFigures, hotlineOrdersReceived } from '../hotline/index.js';
import type { HeadlineCounts, UnitCounts } from './case-facts.js';
import { isMonth, previousMonth, reportWindow } from './month.js';
import { ratio } from './rates.js';
import {
  type AssessmentTable,
  assessmentTables,
  checkScheme,
  defaultScheme,
  grade,
  type IndicatorKey,
  rankRows,
  type Scheme,
  type SchemeDefinition,
  schemeDefinitionSchema,
  scoreUnit,
} from './scoring.js';
import { scoreStaff } from './staff-scoring.js';
import {
  type CategoryInfo,
  type DistrictInfo,
  endExclusion,
  type HeadlineGroupRow,
  insertExclusion,
  insertScheme,
  type MonthWindow,
  nextSchemeVersion,
  selectCategories,
  selectCollectionCounts,
  selectDistricts,
  selectExclusionById,
  selectExclusions,
  selectHeadlineGroups,
  selectHeadlineGroupsFromFacts,
  selectSchemeForMonth,
  selectSchemes,
  selectStaffCounts,
  selectUnitCounts,
  selectUnitCountsFromFacts,
  selectUnits,
  type UnitInfo,
} from './statistics.repository.js';

export interface Headline {
  received: number;
  filed: number;
  /** 立案率 = 立案数/上报数 (null when nothing was received). */
  filingRate: number | null;
  dueForDisposal: number;
  disposed: number;
  /** 处置率 = 处置数/应处置数. */
  disposalRate: number | null;
  disposedOnTime: number;
  /** 按期处置率 = 按期处置数/应处置数. */
  onTimeDisposalRate: number | null;
  selfDisposed: number;
  closed: number;
}

export interface DistrictCount {
  districtId: string | null;
  district: string;
  received: number;
  filed: number;
}

export interface MajorCount {
  code: string;
  name: string;
  count: number;
  share: number | null;
}

export interface MinorCount {
  code: string;
  kind: 'event' | 'part';
  name: string;
  majorName: string;
  count: number;
  share: number | null;
}

export interface AssessmentRow {
  unitId: string;
  unit: string;
  due: number;
  disposed: number;
  disposalRate: number | null;
  disposedOnTime: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  overdueOpen: number;
  indicators: { key: IndicatorKey; value: number | null; score: number; weight: number }[];
  score: number;
  grade: string;
  /** null: 暂不参与排名 (printed "/"). */
  rank: number | null;
  note: string;
}

/** The hotline's figures, as the hotline module defines them (its 口径 live there). */
export type HotlineFigures = Awaited<ReturnType<typeof hotlineMonthlyFigures>>;

export interface AssessmentTableResult {
  table: AssessmentTable;
  scheme: { version: number; effectiveFrom: string; name: string; definition: SchemeDefinition };
  rows: AssessmentRow[];
}

export interface MonthlyFigures {
  month: string;
  cityCode: string;
  asOf: string;
  cases: Headline & {
    byDistrict: DistrictCount[];
    events: { total: number; byMajor: MajorCount[] };
    parts: { total: number; byMajor: MajorCount[] };
    topMinors: MinorCount[];
    previous: (Headline & { month: string; asOf: string; byDistrict: DistrictCount[] }) | null;
  };
  hotline: HotlineFigures;
  /** The previous month's 受理 count (for "较上月上升250件"), as of its own end. */
  hotlinePrevious: { month: string; received: number } | null;
  assessment: Record<AssessmentTable, AssessmentTableResult>;
  /** 专项行动: the month's campaign entries per district, as of the same instant (field module). */
  campaigns: CampaignDistrictCounts[];
}

export interface FiguresOptions {
  now: Date;
  asOf?: Date;
  /** How many minor categories topMinors lists (default 10). */
  topMinors?: number;
}

function headlineOf(c: HeadlineCounts): Headline {
  return {
    received: c.received,
    filed: c.filed,
    filingRate: ratio(c.filed, c.received),
    dueForDisposal: c.dueForDisposal,
    disposed: c.disposed,
    disposalRate: ratio(c.disposed, c.dueForDisposal),
    disposedOnTime: c.disposedOnTime,
    onTimeDisposalRate: ratio(c.disposedOnTime, c.dueForDisposal),
    selfDisposed: c.selfDisposed,
    closed: c.closed,
  };
}

const emptyCounts = (): HeadlineGroupRow => ({
  groupDistrict: 1,
  groupCategory: 1,
  districtId: null,
  categoryId: null,
  received: 0,
  filed: 0,
  dueForDisposal: 0,
  disposed: 0,
  disposedOnTime: 0,
  selfDisposed: 0,
  closed: 0,
  filedPublic: 0,
});

function splitGroups(rows: HeadlineGroupRow[]) {
  const total = rows.find((r) => r.groupDistrict === 1 && r.groupCategory === 1) ?? emptyCounts();
  const districts = rows.filter((r) => r.groupDistrict === 0);
  const categories = rows.filter((r) => r.groupCategory === 0);
  return { total, districts, categories };
}

function byDistrictOf(rows: HeadlineGroupRow[], districts: DistrictInfo[]): DistrictCount[] {
  const names = new Map(districts.map((d) => [d.id, d.name]));
  return rows
    .filter((r) => r.received > 0)
    .map((r) => ({
      districtId: r.districtId,
      district: r.districtId ? (names.get(r.districtId) ?? r.districtId) : '未定位',
      received: r.received,
      filed: r.filed,
    }))
    .sort((a, b) => b.received - a.received || (a.district < b.district ? -1 : 1));
}

const byCountDesc = <T extends { count: number; code: string }>(a: T, b: T) =>
  b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function categoryFigures(rows: HeadlineGroupRow[], categories: CategoryInfo[], filed: number, top: number) {
  const info = new Map(categories.map((c) => [c.id, c]));
  const majors = { event: new Map<string, MajorCount>(), part: new Map<string, MajorCount>() };
  const minors: MinorCount[] = [];
  for (const row of rows) {
    const c = row.categoryId ? info.get(row.categoryId) : undefined;
    if (!c || row.filed === 0) continue;
    const major = majors[c.kind].get(c.majorCode) ?? {
      code: c.majorCode,
      name: c.majorName,
      count: 0,
      share: null,
    };
    major.count += row.filed;
    majors[c.kind].set(c.majorCode, major);
    minors.push({
      code: c.code,
      kind: c.kind,
      name: c.name,
      majorName: c.majorName,
      count: row.filed,
      share: null,
    });
  }
  const kindOf = (kind: 'event' | 'part') => {
    const list = [...majors[kind].values()];
    const total = list.reduce((s, m) => s + m.count, 0);
    return { total, byMajor: list.map((m) => ({ ...m, share: ratio(m.count, total) })).sort(byCountDesc) };
  };
  return {
    events: kindOf('event'),
    parts: kindOf('part'),
    topMinors: minors
      .map((m) => ({ ...m, share: ratio(m.count, filed) }))
      .sort((a, b) => byCountDesc(a, b) || (a.kind < b.kind ? -1 : 1))
      .slice(0, top),
  };
}

/**
 * Which source answers for a month as of an instant. The maintained facts hold each case as of
 * its month's end, which is also "now" for the month in progress: they answer whenever the
 * as-of is that default. An earlier as-of (a bulletin re-issued as it stood on some day) is
 * recounted from the log.
 */
function countSource(cityCode: string, month: string, asOf: Date, now: Date) {
  const { range, asOf: settled } = reportWindow(month, now);
  const facts = asOf.getTime() >= settled.getTime();
  const window: MonthWindow = { cityCode, start: range.start, end: range.end, asOf };
  return { facts, window, factsWindow: { cityCode, month, asOf } };
}

function headlineGroups(db: Db, cityCode: string, month: string, asOf: Date, now: Date) {
  const source = countSource(cityCode, month, asOf, now);
  return source.facts
    ? selectHeadlineGroupsFromFacts(db, source.factsWindow)
    : selectHeadlineGroups(db, source.window);
}

function unitCounts(db: Db, cityCode: string, month: string, asOf: Date, now: Date) {
  const source = countSource(cityCode, month, asOf, now);
  return source.facts
    ? selectUnitCountsFromFacts(db, source.factsWindow)
    : selectUnitCounts(db, source.window);
}

const tableOfUnit: Record<UnitInfo['kind'], AssessmentTable> = {
  district_government: 'regions',
  city_department: 'departments',
  enterprise: 'enterprises',
};

/** The scheme a table uses for a month: the newest version in force, else the built-in default. */
export async function schemeFor(
  db: Db,
  cityCode: string,
  table: AssessmentTable,
  month: string,
): Promise<Scheme> {
  const row = await selectSchemeForMonth(db, cityCode, table, month);
  if (!row) return defaultScheme(table);
  return {
    table,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    name: row.name,
    definition: schemeDefinitionSchema.parse(row.definition),
  };
}

async function assessmentOf(
  db: Db,
  cityCode: string,
  month: string,
  unitCounts: UnitCounts[],
  units: UnitInfo[],
  districtRows: HeadlineGroupRow[],
  districts: DistrictInfo[],
): Promise<Record<AssessmentTable, AssessmentTableResult>> {
  const unitInfo = new Map(units.map((u) => [u.id, u]));
  const districtCounts = new Map(districtRows.map((r) => [r.districtId, r]));
  const gridCounts = new Map(districts.map((d) => [d.id, d.grids]));
  const exclusions = (await selectExclusions(db, cityCode)).filter(
    (e) => e.fromMonth <= month && (e.untilMonth === null || month < e.untilMonth),
  );
  const result = {} as Record<AssessmentTable, AssessmentTableResult>;
  for (const table of assessmentTables) {
    const scheme = await schemeFor(db, cityCode, table, month);
    const rows = unitCounts
      .filter((c) => c.due > 0)
      .flatMap((c) => {
        const unit = unitInfo.get(c.unitId);
        if (!unit || tableOfUnit[unit.kind] !== table) return [];
        const district = unit.regionId ? districtCounts.get(unit.regionId) : undefined;
        const measures = {
          ...c,
          ...(table === 'regions'
            ? {
                districtFiled: district?.filed ?? 0,
                districtGrids: unit.regionId ? (gridCounts.get(unit.regionId) ?? 0) : 0,
                districtFiledPublic: district?.filedPublic ?? 0,
              }
            : {}),
        };
        const scored = scoreUnit(scheme.definition, measures);
        const exclusion = exclusions.find((e) => e.tableKey === table && e.unitId === c.unitId);
        return [
          {
            unitId: c.unitId,
            unit: table === 'regions' ? (unit.regionName ?? unit.name) : unit.name,
            name: unit.name,
            due: c.due,
            disposed: c.disposed,
            disposalRate: ratio(c.disposed, c.due),
            disposedOnTime: c.disposedOnTime,
            closed: c.closed,
            closedOnTime: c.closedOnTime,
            reworked: c.reworked,
            extended: c.extended,
            overdueOpen: c.overdueOpen,
            indicators: scored.parts,
            score: scored.score,
            grade: grade(scored.score),
            excluded: exclusion !== undefined,
            note: exclusion?.note ?? '',
          },
        ];
      });
    result[table] = {
      table,
      scheme: {
        version: scheme.version,
        effectiveFrom: scheme.effectiveFrom,
        name: scheme.name,
        definition: scheme.definition,
      },
      rows: rankRows(rows).map(({ name: _name, excluded: _excluded, ...row }) => row),
    };
  }
  return result;
}

/**
 * The month's figures (DESIGN.md §4): cases, hotline and the three assessment tables, as of an
 * instant (default: the month's end, never later than now). The previous month is reported as
 * of its own end (its bulletin's figures), or as of `asOf` if that is earlier.
 */
export async function monthlyFigures(
  db: Db,
  cityCode: string,
  month: string,
  options: FiguresOptions,
): Promise<MonthlyFigures> {
  const { asOf } = reportWindow(month, options.now, options.asOf);
  const prevMonth = previousMonth(month);
  const prev = reportWindow(prevMonth, options.now);
  const prevAsOf = prev.asOf.getTime() < asOf.getTime() ? prev.asOf : asOf;
  // Every independent read at once: on a 10 M-case city the month's groups, its units, the
  // month before and the 12345 facts each take hundreds of milliseconds, and waiting for the
  // first two before starting the rest left a core idle.
  const [
    groups,
    unitRows,
    categories,
    districts,
    units,
    prevGroupRows,
    hotline,
    hotlinePreviousReceived,
    campaigns,
  ] = await Promise.all([
    headlineGroups(db, cityCode, month, asOf, options.now),
    unitCounts(db, cityCode, month, asOf, options.now),
    selectCategories(db, cityCode),
    selectDistricts(db, cityCode),
    selectUnits(db, cityCode),
    headlineGroups(db, cityCode, prevMonth, prevAsOf, options.now),
    hotlineMonthlyFigures(db, cityCode, month, asOf),
    hotlineOrdersReceived(db, cityCode, prevMonth, prevAsOf),
    campaignCountsByDistrict(db, cityCode, month, { asOf }),
  ]);
  const { total, districts: districtRows, categories: categoryRows } = splitGroups(groups);
  const headline = headlineOf(total);
  const assessment = await assessmentOf(db, cityCode, month, unitRows, units, districtRows, districts);
  const prevGroups = splitGroups(prevGroupRows);
  const previous =
    prevGroups.total.received === 0
      ? null
      : {
          month: prevMonth,
          asOf: prevAsOf.toISOString(),
          ...headlineOf(prevGroups.total),
          byDistrict: byDistrictOf(prevGroups.districts, districts),
        };

  return {
    month,
    cityCode,
    asOf: asOf.toISOString(),
    cases: {
      ...headline,
      byDistrict: byDistrictOf(districtRows, districts),
      ...categoryFigures(categoryRows, categories, total.filed, options.topMinors ?? 10),
      previous,
    },
    hotline,
    hotlinePrevious:
      hotlinePreviousReceived === 0 ? null : { month: prevMonth, received: hotlinePreviousReceived },
    assessment,
    campaigns,
  };
}

/** Headline and per-unit counts only (the vendors module and tests use these). */
export async function monthlyCaseCounts(db: Db, cityCode: string, month: string, options: FiguresOptions) {
  const { asOf } = reportWindow(month, options.now, options.asOf);
  const [groups, units] = await Promise.all([
    headlineGroups(db, cityCode, month, asOf, options.now),
    unitCounts(db, cityCode, month, asOf, options.now),
  ]);
  return { asOf, headline: headlineOf(splitGroups(groups).total), units };
}

/** What collectors reported in some districts in the month (for the collection contracts). */
export async function collectionFigures(
  db: Db,
  cityCode: string,
  month: string,
  districtIds: readonly string[],
  options: FiguresOptions,
) {
  const { range, asOf } = reportWindow(month, options.now, options.asOf);
  return selectCollectionCounts(db, { cityCode, start: range.start, end: range.end, asOf }, districtIds);
}

/** 人员考核: each collector's, acceptor's, shift lead's and dispatcher's month, scored. */
export async function staffScores(db: Db, cityCode: string, month: string, options: FiguresOptions) {
  const { range, asOf } = reportWindow(month, options.now, options.asOf);
  const rows = await selectStaffCounts(db, { cityCode, start: range.start, end: range.end, asOf });
  return {
    month,
    asOf: asOf.toISOString(),
    items: rows.map((counts) => ({ ...counts, ...scoreStaff(counts) })),
  };
}

// ── schemes and exclusions ───────────────────────────────────────────────────────────────────

export interface SchemeInput {
  table: AssessmentTable;
  name: string;
  effectiveFrom: string;
  definition: SchemeDefinition;
}

export async function listSchemes(db: Db, cityCode: string, month: string) {
  const history = await selectSchemes(db, cityCode);
  const current = await Promise.all(assessmentTables.map((t) => schemeFor(db, cityCode, t, month)));
  return { month, current, history };
}

/** A new version of a table's scheme; weights must sum to 100% (else 422, nothing stored). */
export async function createScheme(db: Db, actor: Actor, input: SchemeInput) {
  if (!isMonth(input.effectiveFrom)) {
    throw invalid(`生效月份格式应为 YYYY-MM：${input.effectiveFrom}`, `effectiveFrom must be YYYY-MM`);
  }
  const definition = schemeDefinitionSchema.parse(input.definition);
  checkScheme(definition);
  return db.transaction().execute(async (trx) => {
    const version = await nextSchemeVersion(trx, actor.cityCode, input.table);
    const id = uuidv7();
    await insertScheme(trx, {
      id,
      cityCode: actor.cityCode,
      tableKey: input.table,
      version,
      effectiveFrom: input.effectiveFrom,
      name: input.name,
      definition,
      createdBy: actor.userId,
    });
    await recordActorAudit(trx, actor, 'scoring_scheme.create', 'scoring_scheme', id, {
      table: input.table,
      version,
      effectiveFrom: input.effectiveFrom,
    });
    return {
      id,
      table: input.table,
      version,
      effectiveFrom: input.effectiveFrom,
      name: input.name,
      definition,
    };
  });
}

export function listRankingExclusions(db: Db, cityCode: string) {
  return selectExclusions(db, cityCode);
}

export async function addRankingExclusion(
  db: Db,
  actor: Actor,
  input: { table: AssessmentTable; unitId: string; fromMonth: string; note?: string },
) {
  if (!isMonth(input.fromMonth)) throw invalid('起始月份格式应为 YYYY-MM', 'fromMonth must be YYYY-MM');
  const units = await selectUnits(db, actor.cityCode);
  const unit = units.find((u) => u.id === input.unitId);
  if (!unit) throw notFound({ zh: '处置单位', en: 'handling unit' });
  if (tableOfUnit[unit.kind] !== input.table) {
    throw invalid('该单位不属于此考核表', 'the unit does not belong to this assessment table');
  }
  const existing = (await selectExclusions(db, actor.cityCode)).find(
    (e) => e.tableKey === input.table && e.unitId === input.unitId && e.untilMonth === null,
  );
  if (existing) {
    throw new AppError(409, 'ALREADY_EXCLUDED', {
      zh: '该单位已设为暂不参与排名',
      en: 'the unit is already excluded from ranking',
    });
  }
  const row = {
    id: uuidv7(),
    tableKey: input.table,
    unitId: input.unitId,
    fromMonth: input.fromMonth,
    untilMonth: null,
    note: input.note ?? '暂不参与排名',
  };
  await db.transaction().execute(async (trx) => {
    await insertExclusion(trx, { ...row, cityCode: actor.cityCode, createdBy: actor.userId });
    await recordActorAudit(trx, actor, 'ranking_exclusion.add', 'unit', input.unitId, {
      table: input.table,
      fromMonth: input.fromMonth,
    });
  });
  return row;
}

/** Ends an exclusion: from `untilMonth` on the unit is ranked again (earlier months keep "/"). */
export async function endRankingExclusion(db: Db, actor: Actor, id: string, untilMonth: string) {
  if (!isMonth(untilMonth)) throw invalid('结束月份格式应为 YYYY-MM', 'untilMonth must be YYYY-MM');
  const row = await selectExclusionById(db, actor.cityCode, id);
  if (!row) throw notFound({ zh: '排名排除设置', en: 'ranking exclusion' });
  if (row.untilMonth !== null) {
    throw new AppError(409, 'ALREADY_ENDED', { zh: '该设置已结束', en: 'this exclusion has already ended' });
  }
  if (untilMonth <= row.fromMonth) {
    throw invalid('结束月份须晚于起始月份', 'untilMonth must be after fromMonth');
  }
  await db.transaction().execute(async (trx) => {
    await endExclusion(trx, id, untilMonth);
    await recordActorAudit(trx, actor, 'ranking_exclusion.end', 'unit', row.unitId, {
      table: row.tableKey,
      untilMonth,
    });
  });
  return { ...row, untilMonth };
}

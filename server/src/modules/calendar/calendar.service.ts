import type { Db } from '../../platform/db/database.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { shanghaiDate } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import {
  type CalendarSettings,
  deleteDay,
  deleteDaysOfYear,
  insertDays,
  insertSettingsIfAbsent,
  insertYearsIfAbsent,
  selectDay,
  selectDaysOfYears,
  selectSettings,
  selectYears,
  upsertDay,
  upsertSettings,
  upsertYear,
} from './calendar.repository.js';
import {
  type CalendarDayRow,
  CHINESE_DAYS_SOURCE,
  chineseDaysYears,
  DEFAULT_WARNING_SHARE,
  DEFAULT_WORK_PERIODS,
} from './chinese-days-seed.js';
import {
  addWorkingTime,
  type DayKind,
  isValidDay,
  parseWarningShare,
  parseWorkPeriods,
  type TimeLimit,
  type WorkCalendar,
  type WorkingInstant,
  type WorkPeriod,
} from './working-time.js';

/** Source of a year loaded through importCalendarYear (the audit row says who and when). */
const IMPORT_SOURCE = 'import';
// Years a calendar can be edited for: wide enough for history and planning, narrow enough to
// catch a typo such as 20255.
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const notConfigured = () =>
  new AppError(409, 'CALENDAR_NOT_CONFIGURED', {
    zh: '本市尚未配置工作日历（工作时段），请先初始化日历或设置工作时段',
    en: "this city's working calendar (work periods) is not set up yet: seed it or set the work periods",
  });

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    const range = `${MIN_YEAR}–${MAX_YEAR}`;
    throw invalid(`年份应为 ${range} 之间的整数`, `the year must be a whole number ${range}`, { year });
  }
}

function checkDay(day: string): void {
  if (!isValidDay(day)) {
    throw invalid(`日期应为有效的 YYYY-MM-DD：${day}`, `a date must be a valid YYYY-MM-DD: ${day}`);
  }
  checkYear(Number(day.slice(0, 4)));
}

async function requireSettings(db: Db, cityCode: string) {
  const settings = await selectSettings(db, cityCode);
  if (!settings) throw notConfigured();
  return settings;
}

// Loaded calendars by revision and years. The revision is a random stamp the database renews
// on any calendar change (0011-calendar-revision), so an entry can only ever match the exact
// content it was loaded from, whichever database or transaction asks.
const CACHE_LIMIT = 64;
const calendarCache = new Map<string, WorkCalendar>();

/**
 * The city's calendar for the Beijing years fromYear..toYear: work periods, the per-date
 * exceptions of those years and which of them have an official schedule. A computation that
 * leaves the loaded years is flagged `estimated`, never silently wrong. One query when the
 * calendar is unchanged since it was last loaded.
 */
export async function loadWorkCalendar(
  db: Db,
  cityCode: string,
  fromYear: number,
  toYear: number,
): Promise<WorkCalendar> {
  if (toYear < fromYear)
    throw invalid('结束年份不能早于开始年份', 'the last year must not be before the first');
  const settings = await requireSettings(db, cityCode);
  const key = `${settings.revision}:${fromYear}:${toYear}`;
  const cached = calendarCache.get(key);
  if (cached) return cached;
  const [years, days] = await Promise.all([
    selectYears(db, cityCode, fromYear, toYear),
    selectDaysOfYears(db, cityCode, fromYear, toYear),
  ]);
  const calendar: WorkCalendar = {
    workPeriods: settings.workPeriods,
    days: new Map(days.map((d) => [d.day, d.kind])),
    knownYears: new Set(years.map((y) => y.year)),
    warningShare: settings.warningShare,
  };
  if (calendarCache.size >= CACHE_LIMIT) calendarCache.clear();
  calendarCache.set(key, calendar);
  return calendar;
}

const shanghaiYear = (instant: Date) => Number(shanghaiDate(instant).slice(0, 4));

/**
 * The deadline `limit` of working time after `start` on the city's calendar. Loads the start
 * year and the next; when the result lands beyond the loaded years (a long limit) it loads up
 * to the result's year and computes again, so every day the count passed is from the database.
 */
export async function computeDeadline(
  db: Db,
  cityCode: string,
  start: Date,
  limit: TimeLimit,
): Promise<WorkingInstant> {
  const firstYear = shanghaiYear(start);
  let lastYear = firstYear + 1;
  for (;;) {
    const result = addWorkingTime(start, limit, await loadWorkCalendar(db, cityCode, firstYear, lastYear));
    const endYear = shanghaiYear(result.at);
    if (endYear <= lastYear) return result;
    lastYear = endYear;
  }
}

export interface SeedResult {
  settingsCreated: boolean;
  yearsAdded: number[];
  daysAdded: number;
}

/**
 * Gives a city the default work periods and the official schedules from `chinese-days`.
 * Idempotent and additive: existing settings stay, a year already known (seeded before or
 * imported by an admin) is left alone, and a day an admin set by hand keeps its row
 * (ON CONFLICT DO NOTHING). A second run changes nothing and writes no audit row.
 */
export async function seedCalendar(db: Db, cityCode: string): Promise<SeedResult> {
  const packageYears = chineseDaysYears();
  return db.transaction().execute(async (trx) => {
    const settingsCreated = await insertSettingsIfAbsent(trx, cityCode, {
      workPeriods: [...DEFAULT_WORK_PERIODS],
      warningShare: DEFAULT_WARNING_SHARE,
    });
    const known = new Set((await selectYears(trx, cityCode, MIN_YEAR, MAX_YEAR)).map((y) => y.year));
    const newYears = packageYears.filter((y) => !known.has(y.year));
    const daysAdded = await insertDays(
      trx,
      cityCode,
      newYears.flatMap((y) => y.days),
      { keepExisting: true },
    );
    const yearsAdded = newYears.map((y) => y.year);
    await insertYearsIfAbsent(trx, cityCode, yearsAdded, CHINESE_DAYS_SOURCE);
    const result = { settingsCreated, yearsAdded, daysAdded };
    if (settingsCreated || yearsAdded.length > 0) {
      await recordAudit(trx, {
        cityCode,
        action: 'calendar.seed',
        objectType: 'calendar',
        objectId: cityCode,
        success: true,
        detail: { source: CHINESE_DAYS_SOURCE, ...result },
      });
    }
    return result;
  });
}

export interface CalendarDayChange {
  day: string;
  /** null removes the exception: the date follows the weekday rule again. */
  kind: DayKind | null;
  name?: string;
}

/** Marks one date as a holiday or make-up working day (调休上班), or clears it. */
export async function setCalendarDay(
  db: Db,
  actor: Actor,
  change: CalendarDayChange,
): Promise<{ day: string; kind: DayKind | null; name: string }> {
  checkDay(change.day);
  const after =
    change.kind === null ? null : { day: change.day, kind: change.kind, name: change.name?.trim() ?? '' };
  return db.transaction().execute(async (trx) => {
    const before = (await selectDay(trx, actor.cityCode, change.day)) ?? null;
    if (after) await upsertDay(trx, actor.cityCode, after);
    else await deleteDay(trx, actor.cityCode, change.day);
    const action = after ? 'calendar.day.set' : 'calendar.day.clear';
    await recordActorAudit(trx, actor, action, 'calendar_day', change.day, { before, after });
    return after ?? { day: change.day, kind: null, name: '' };
  });
}

export interface CalendarYearImport {
  year: number;
  days: readonly CalendarDayRow[];
}

const importProblems = {
  invalidDate: { zh: '日期无效', en: 'invalid date' },
  outsideYear: { zh: '不属于该年', en: 'not in that year' },
  duplicate: { zh: '日期重复', en: 'duplicate date' },
  invalidKind: { zh: '类型应为 holiday 或 workday', en: 'kind must be holiday or workday' },
} as const;

function checkImport(input: CalendarYearImport): void {
  checkYear(input.year);
  const problems: { index: number; day: string; problem: keyof typeof importProblems }[] = [];
  const seen = new Set<string>();
  input.days.forEach(({ day, kind }, index) => {
    const report = (problem: keyof typeof importProblems) => problems.push({ index, day, problem });
    if (!isValidDay(day)) report('invalidDate');
    else if (!day.startsWith(`${input.year}-`)) report('outsideYear');
    else if (seen.has(day)) report('duplicate');
    if (kind !== 'holiday' && kind !== 'workday') report('invalidKind');
    seen.add(day);
  });
  const first = problems[0];
  if (first) {
    const reason = importProblems[first.problem];
    throw invalid(
      `导入的 ${input.year} 年日历有 ${problems.length} 处错误（第 ${first.index + 1} 条 ${first.day}：${reason.zh}）`,
      `the ${input.year} calendar has ${problems.length} error(s) (row ${first.index + 1}, ${first.day}: ${reason.en})`,
      problems,
    );
  }
  // An official schedule always has holidays; an import without any would mark the year known
  // while it holds nothing but weekends, and deadlines would lose their "estimated" flag.
  if (!input.days.some((d) => d.kind === 'holiday')) {
    throw invalid(
      `导入的 ${input.year} 年日历没有任何节假日，请检查数据`,
      `the ${input.year} calendar has no holidays: check the data`,
    );
  }
}

/**
 * Replaces a year's holidays and make-up working days with an official schedule (e.g. the
 * State Council notice for a year `chinese-days` does not cover yet) and marks the year known.
 * Every day must belong to that year; otherwise 422 and nothing changes.
 */
export async function importCalendarYear(
  db: Db,
  actor: Actor,
  input: CalendarYearImport,
): Promise<{ year: number; source: string; holidays: number; workdays: number; replaced: number }> {
  checkImport(input);
  const rows = input.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name.trim() }));
  return db.transaction().execute(async (trx) => {
    const replaced = await deleteDaysOfYear(trx, actor.cityCode, input.year);
    await insertDays(trx, actor.cityCode, rows, { keepExisting: false });
    await upsertYear(trx, actor.cityCode, input.year, IMPORT_SOURCE);
    const result = {
      year: input.year,
      source: IMPORT_SOURCE,
      holidays: rows.filter((r) => r.kind === 'holiday').length,
      workdays: rows.filter((r) => r.kind === 'workday').length,
      replaced,
    };
    await recordActorAudit(trx, actor, 'calendar.year.import', 'calendar_year', String(input.year), result);
    return result;
  });
}

export interface CalendarYearView {
  year: number;
  /** Whether the year's official schedule is loaded; if not, weekdays decide and deadlines are estimated. */
  known: boolean;
  source: string | null;
  workPeriods: WorkPeriod[];
  warningShare: number;
  days: CalendarDayRow[];
}

export async function getCalendarYear(db: Db, cityCode: string, year: number): Promise<CalendarYearView> {
  checkYear(year);
  const [settings, years, days] = await Promise.all([
    requireSettings(db, cityCode),
    selectYears(db, cityCode, year, year),
    selectDaysOfYears(db, cityCode, year, year),
  ]);
  const known = years[0];
  return {
    year,
    known: known !== undefined,
    source: known?.source ?? null,
    workPeriods: settings.workPeriods,
    warningShare: settings.warningShare,
    days,
  };
}

/** Sets the daily work periods and the yellow-light share; creates the settings if absent. */
export async function updateCalendarSettings(
  db: Db,
  actor: Actor,
  input: { workPeriods: readonly WorkPeriod[]; warningShare: number },
): Promise<CalendarSettings> {
  const after: CalendarSettings = {
    workPeriods: parseWorkPeriods(input.workPeriods),
    warningShare: parseWarningShare(input.warningShare),
  };
  return db.transaction().execute(async (trx) => {
    const before = (await selectSettings(trx, actor.cityCode)) ?? null;
    await upsertSettings(trx, actor.cityCode, after);
    await recordActorAudit(trx, actor, 'calendar.settings.update', 'calendar_settings', actor.cityCode, {
      before,
      after,
    });
    return after;
  });
}

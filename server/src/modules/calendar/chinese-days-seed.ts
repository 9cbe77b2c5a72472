import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import packageInfo from 'chinese-days/package.json' with { type: 'json' };
import { z } from 'zod';
import type { DayKind, WorkPeriod } from './working-time.js';

// The official holiday/调休 schedules shipped in the npm package `chinese-days`.
//
// We read its documented JSON (README: "提供了中国节假日的 JSON 文件") rather than call
// getHolidaysInRange/getWorkdaysInRange: those parse 'YYYY-MM-DD' as UTC midnight and then cut
// to the local day, so on a server west of UTC (TZ=America/New_York) every date comes back one
// day early (国庆 2019 as 09-30..10-06). The JSON is plain date keys: no time zone involved.
// It also only lists years with real data (2004–2026 in 1.5.7), whereas the functions answer
// any other year by weekday without saying so.

/** Panzhihua-like default: 08:30–12:00 and 14:30–18:00 (7 working hours a day). */
export const DEFAULT_WORK_PERIODS: readonly WorkPeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '18:00' },
];
/** Yellow light (黄灯) at 80 % of a limit. */
export const DEFAULT_WARNING_SHARE = 0.8;

/** Recorded in calendar_years.source, so a year's provenance names the data version. */
export const CHINESE_DAYS_SOURCE = `chinese-days@${packageInfo.version}`;

export interface CalendarDayRow {
  day: string;
  kind: DayKind;
  name: string;
}

export interface SeedYear {
  year: number;
  days: CalendarDayRow[];
}

// Values look like "National Day,国庆节,3": English name, Chinese name, length of the holiday.
const dayMap = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().regex(/^[^,]+,[^,]+,\d+$/));
const packageDataSchema = z.object({ holidays: dayMap, workdays: dayMap });

const chineseName = (value: string) => value.split(',')[1] ?? value;

/**
 * One entry per year the package has an official schedule for, ascending: its holidays
 * (weekend ones included, so a year's page shows the whole 国庆 week) and make-up working days
 * (调休上班), each named in Chinese ('国庆节'). A year counts only when it has holidays in the data.
 */
export function chineseDaysYears(): SeedYear[] {
  // Parsed, not trusted: a format change in a future package version must fail loudly here.
  const data = packageDataSchema.parse(holidayData);
  const byYear = new Map<number, CalendarDayRow[]>();
  const add = (day: string, kind: DayKind, value: string) => {
    const year = Number(day.slice(0, 4));
    const rows = byYear.get(year) ?? [];
    rows.push({ day, kind, name: chineseName(value) });
    byYear.set(year, rows);
  };
  for (const [day, value] of Object.entries(data.holidays)) add(day, 'holiday', value);
  const holidayYears = new Set(byYear.keys());
  for (const [day, value] of Object.entries(data.workdays)) {
    // A make-up day in a year the package has no holidays for would claim that year on its own.
    if (holidayYears.has(Number(day.slice(0, 4)))) add(day, 'workday', value);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({ year, days: days.sort((a, b) => a.day.localeCompare(b.day)) }));
}

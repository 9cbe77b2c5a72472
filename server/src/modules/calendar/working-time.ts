import { invalid } from '../../platform/http/errors.js';

// Working-time arithmetic on a city calendar (工作时/工作日, DOMAIN.md §1.5). Pure: the caller
// loads the calendar; nothing here reads a clock, a database or the process time zone.

/**
 * Asia/Shanghai has been UTC+8 all year round since 1992 (no daylight saving), so a constant
 * offset is exact for every date this system handles and keeps the result independent of the
 * server's TZ setting.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// A guard, not a business rule: no stage limit spans ten years, and without a bound a huge
// amount would keep the loop walking the calendar for a very long time.
const MAX_SCAN_DAYS = 3660;

export type DayKind = 'holiday' | 'workday';

/** A daily work period in Beijing time, 'HH:MM'–'HH:MM' (end excluded). */
export interface WorkPeriod {
  start: string;
  end: string;
}

export interface WorkCalendar {
  /** Sorted, non-overlapping; the same on every working day. */
  workPeriods: readonly WorkPeriod[];
  /** Per-date exceptions ('YYYY-MM-DD', Beijing date): holidays and make-up working days (调休上班). */
  days: ReadonlyMap<string, DayKind>;
  /** Years whose official schedule is loaded; any other year falls back to Mon–Fri. */
  knownYears: ReadonlySet<number>;
  /** The city's yellow-light share (黄灯) of a limit, for warningInstant. */
  warningShare: number;
}

export type TimeUnit = 'minute' | 'hour' | 'day';

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export interface WorkingInstant {
  at: Date;
  /** True when the computation crossed a year without an official schedule (weekdays decided). */
  estimated: boolean;
}

interface MinuteRange {
  start: number;
  end: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOf(hhmm: string): number | null {
  const match = HHMM.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Validates daily work periods: 'HH:MM' times, start before end, sorted and non-overlapping
 * (touching is allowed). Throws a 422 AppError naming the first bad period.
 */
export function parseWorkPeriods(periods: readonly WorkPeriod[]): WorkPeriod[] {
  toMinuteRanges(periods);
  return periods.map((p) => ({ start: p.start, end: p.end }));
}

function toMinuteRanges(periods: readonly WorkPeriod[]): MinuteRange[] {
  if (periods.length === 0) {
    throw invalid('至少需要一个工作时段', 'at least one work period is required');
  }
  const ranges: MinuteRange[] = [];
  periods.forEach((period, index) => {
    const n = index + 1;
    const start = minutesOf(period.start);
    const end = minutesOf(period.end);
    if (start === null || end === null) {
      throw invalid(
        `第 ${n} 个工作时段的时间格式应为 HH:MM（00:00–23:59）`,
        `work period ${n}: times must be HH:MM (00:00–23:59)`,
        { index, period },
      );
    }
    if (start >= end) {
      throw invalid(
        `第 ${n} 个工作时段的开始时间应早于结束时间`,
        `work period ${n}: start must be before end`,
        {
          index,
          period,
        },
      );
    }
    const previous = ranges.at(-1);
    if (previous && start < previous.end) {
      throw invalid(
        `第 ${n} 个工作时段与前一时段重叠或未按时间先后排列`,
        `work period ${n} overlaps the previous one or is out of order`,
        { index, period },
      );
    }
    ranges.push({ start, end });
  });
  return ranges;
}

/** Validates the yellow-light share (黄灯): strictly between 0 and 1. */
export function parseWarningShare(share: number): number {
  if (!Number.isFinite(share) || share <= 0 || share >= 1) {
    throw invalid('预警比例应大于 0 且小于 1', 'the warning share must be greater than 0 and less than 1', {
      share,
    });
  }
  return share;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isValidDay(day: string): boolean {
  const match = DAY.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

// Days are handled as an index: whole days since 1970-01-01 on the Beijing wall clock.
const dayIndexOfInstant = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const dayStartMs = (index: number) => index * DAY_MS - SHANGHAI_OFFSET_MS;
const dayKeyOf = (index: number) => new Date(index * DAY_MS).toISOString().slice(0, 10);
const yearOf = (index: number) => new Date(index * DAY_MS).getUTCFullYear();

function isWorkingIndex(index: number, cal: WorkCalendar): boolean {
  const kind = cal.days.get(dayKeyOf(index));
  if (kind) return kind === 'workday';
  const weekday = new Date(index * DAY_MS).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * Whether a date is a working day: the calendar's 'workday' (调休上班, even on a weekend) or
 * 'holiday' wins; otherwise Monday–Friday. A Date is read as its Beijing date. For a year not
 * in `knownYears` the answer is the weekday rule, which may be wrong: see `knownYears`.
 */
export function isWorkingDay(day: string | Date, cal: WorkCalendar): boolean {
  if (day instanceof Date) return isWorkingIndex(dayIndexOfInstant(day.getTime()), cal);
  if (!isValidDay(day)) throw invalid(`日期格式应为 YYYY-MM-DD：${day}`, `a date must be YYYY-MM-DD: ${day}`);
  return isWorkingIndex(Date.parse(`${day}T00:00:00Z`) / DAY_MS, cal);
}

function tooLong(): never {
  throw invalid(
    '时限过长（超过十年的工作时间）',
    'the time limit is too long (more than ten years of working time)',
  );
}

// Walks forward from startMs until `amountMs` of working time has elapsed. Periods are
// half-open [start, end): an instant at a period end is outside working time, so a zero amount
// from 12:00 moves to the afternoon start, while an amount that runs out exactly at 12:00
// returns 12:00.
function walk(
  startMs: number,
  amountMs: number,
  ranges: readonly MinuteRange[],
  cal: WorkCalendar,
): WorkingInstant {
  let remaining = amountMs;
  let estimated = false;
  const first = dayIndexOfInstant(startMs);
  for (let index = first; index < first + MAX_SCAN_DAYS; index++) {
    if (!cal.knownYears.has(yearOf(index))) estimated = true;
    if (!isWorkingIndex(index, cal)) continue;
    const base = dayStartMs(index);
    for (const range of ranges) {
      const periodEnd = base + range.end * MINUTE_MS;
      if (startMs >= periodEnd) continue;
      const from = Math.max(startMs, base + range.start * MINUTE_MS);
      const available = periodEnd - from;
      if (remaining <= available) return { at: new Date(from + remaining), estimated };
      remaining -= available;
    }
  }
  return tooLong();
}

/**
 * The instant when `limit` of working time has elapsed after `start`.
 *
 * - minute/hour: working minutes inside the work periods of working days.
 * - day: one working day = the total length of one day's work periods (e.g. 7 h for
 *   08:30–12:00 + 14:30–18:00), counted the same way. So 1 day from Monday 10:00 is Tuesday
 *   10:00 and from Friday 17:00 is Monday 17:00: a limit keeps its full length whatever the
 *   time of day it starts, which "end of the Nth day" counting would not.
 * - A start outside working time begins counting at the next period start; a zero amount
 *   therefore returns the next working instant (the start itself when it is inside a period).
 * - Fractions are allowed (0.5 hour = 30 minutes) and rounded to the millisecond.
 */
export function addWorkingTime(start: Date, limit: TimeLimit, cal: WorkCalendar): WorkingInstant {
  if (!Number.isFinite(limit.amount) || limit.amount < 0) {
    throw invalid('时限应为不小于 0 的数', 'a time limit must be a number not below 0', { limit });
  }
  const ranges = toMinuteRanges(cal.workPeriods);
  const unitMinutes =
    limit.unit === 'minute'
      ? 1
      : limit.unit === 'hour'
        ? 60
        : ranges.reduce((sum, r) => sum + r.end - r.start, 0);
  return walk(start.getTime(), Math.round(limit.amount * unitMinutes * MINUTE_MS), ranges, cal);
}

/**
 * Working minutes between two instants (fractional when they carry seconds). Negative when
 * `to` is before `from`, so "remaining" and "overdue by" come from the same call. For a year
 * outside `knownYears` the weekday rule decides, as in addWorkingTime.
 */
export function workingMinutesBetween(from: Date, to: Date, cal: WorkCalendar): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs < fromMs) return -workingMinutesBetween(to, from, cal);
  const ranges = toMinuteRanges(cal.workPeriods);
  let total = 0;
  for (let index = dayIndexOfInstant(fromMs); index <= dayIndexOfInstant(toMs); index++) {
    if (!isWorkingIndex(index, cal)) continue;
    const base = dayStartMs(index);
    for (const range of ranges) {
      const overlap =
        Math.min(toMs, base + range.end * MINUTE_MS) - Math.max(fromMs, base + range.start * MINUTE_MS);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/**
 * The yellow-light instant (黄灯): when `share` of the working time between start and deadline
 * has elapsed. A deadline with no working time before it warns at the deadline itself. Its
 * estimation follows the deadline's: it lies between start and deadline.
 */
export function warningInstant(start: Date, deadline: Date, share: number, cal: WorkCalendar): Date {
  parseWarningShare(share);
  const totalMs = workingMinutesBetween(start, deadline, cal) * MINUTE_MS;
  if (totalMs <= 0) return new Date(deadline.getTime());
  const ranges = toMinuteRanges(cal.workPeriods);
  return walk(start.getTime(), Math.round(totalMs * share), ranges, cal).at;
}

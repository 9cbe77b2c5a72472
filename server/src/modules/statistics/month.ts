import { AppError } from '../../platform/http/errors.js';

// A statistics month is an Asia/Shanghai calendar month ('YYYY-MM'); Shanghai is UTC+8 all year.

export interface MonthRange {
  month: string;
  /** First instant of the month. */
  start: Date;
  /** First instant of the next month (exclusive end). */
  end: Date;
  /** Last instant inside the month: the default as-of. */
  lastInstant: Date;
  days: number;
}

const MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

export function badMonth(text: string): AppError {
  return new AppError(400, 'BAD_MONTH', {
    zh: `月份格式应为 YYYY-MM（01–12）：${text}`,
    en: `month must be YYYY-MM with a month 01–12: ${text}`,
  });
}

export function monthRange(month: string): MonthRange {
  const m = MONTH.exec(month);
  if (!m) throw badMonth(month);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const start = new Date(Date.UTC(year, mon - 1, 1) - 8 * 3600_000);
  const end = new Date(Date.UTC(year, mon, 1) - 8 * 3600_000);
  return {
    month,
    start,
    end,
    lastInstant: new Date(end.getTime() - 1),
    days: Math.round((end.getTime() - start.getTime()) / 86_400_000),
  };
}

export function previousMonth(month: string): string {
  const { start } = monthRange(month);
  const shanghai = new Date(start.getTime() + 8 * 3600_000 - 86_400_000);
  return shanghai.toISOString().slice(0, 7);
}

/** The Shanghai month an instant falls in. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/**
 * The month and as-of instant a report is asked for. A month that has not begun is refused
 * (422); the as-of defaults to the month's last instant, and is never later than now, so the
 * current month reports what is known so far.
 */
export function reportWindow(month: string, now: Date, asOf?: Date): { range: MonthRange; asOf: Date } {
  const range = monthRange(month);
  if (range.start.getTime() > now.getTime()) {
    throw new AppError(422, 'FUTURE_MONTH', {
      zh: `${month} 尚未开始，没有统计数据`,
      en: `${month} has not begun yet: there are no figures for it`,
    });
  }
  let at = asOf ?? range.lastInstant;
  if (at.getTime() > now.getTime()) at = now;
  if (at.getTime() < range.start.getTime()) {
    throw new AppError(422, 'AS_OF_BEFORE_MONTH', {
      zh: '统计截止时间早于该月开始',
      en: 'the as-of instant is before the month begins',
    });
  }
  return { range, asOf: at };
}

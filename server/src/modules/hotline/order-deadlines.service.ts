import type { Db } from '../../platform/db/database.js';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/time.js';
import { addWorkingTime, loadWorkCalendar } from '../calendar/index.js';
import { selectTimeLimits } from './hotline.repository.js';
import type { LimitKey } from './hotline-dictionary.js';

const DAY_MS = 24 * 3600 * 1000;

/** The deadline of a stay at a unit entered at `start`, as deadlineFor computes it live. */
export type OrderDeadline = (start: Date, key: LimitKey) => Date;

/**
 * deadlineFor without a query per order, for loads of orders already lived through: the city's
 * time limits and its work calendar for [fromYear, toYear] are read once.
 */
export async function loadOrderDeadlines(
  db: Db,
  cityCode: string,
  years: { fromYear: number; toYear: number },
): Promise<OrderDeadline> {
  const calendar = await loadWorkCalendar(db, cityCode, years.fromYear, years.toYear);
  const limits = new Map((await selectTimeLimits(db, cityCode)).map((l) => [l.appealType, l]));
  return (start, key) => {
    const limit = limits.get(key);
    if (!limit) throw new Error(`hotline: no time limit for ${key}`);
    if (limit.unit === 'same_day')
      return new Date(startOfShanghaiDay(shanghaiDate(start)).getTime() + DAY_MS);
    return addWorkingTime(start, { amount: Number(limit.amount), unit: limit.unit }, calendar).at;
  };
}

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
  const compute: OrderDeadline = (start, key) => {
    const limit = limits.get(key);
    if (!limit) throw new Error(`hotline: no time limit for ${key}`);
    if (limit.unit === 'same_day')
      return new Date(startOfShanghaiDay(shanghaiDate(start)).getTime() + DAY_MS);
    return addWorkingTime(start, { amount: Number(limit.amount), unit: limit.unit }, calendar).at;
  };
  // Walking the calendar is the costly part of a replayed order, and a load's whole-minute
  // instants repeat the same (limit, start) many times a day.
  const known = new Map<string, Date>();
  return (start, key) => {
    const memo = `${key}@${start.getTime()}`;
    let at = known.get(memo);
    if (at === undefined) {
      if (known.size > 500_000) known.clear();
      at = compute(start, key);
      known.set(memo, at);
    }
    return at;
  };
}

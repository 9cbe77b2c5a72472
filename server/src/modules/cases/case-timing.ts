import type { Db } from '../../platform/db/database.js';
import type { CategoryRow, StageLimit } from '../../platform/db/schema.js';
import { addWorkingTime, loadWorkCalendar, type WorkCalendar, warningInstant } from '../calendar/index.js';
import type { StageTiming } from './case-effects.js';

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** The calendar a stage clock started at `start` runs on, for the years it may reach. */
export type StageCalendar = (fromYear: number, toYear: number) => Promise<WorkCalendar>;

/**
 * The clock of a stage entered at `start`: the category's limit counted in working time on
 * the city calendar, and the yellow-light instant at the city's warning share of it.
 * Null when the category sets no limit for the stage (the calendar is then not read).
 */
export async function stageTiming(
  db: Db,
  cityCode: string,
  category: Pick<CategoryRow, 'timeLimits'>,
  stage: string,
  start: Date,
): Promise<StageTiming | null> {
  return stageTimingOn((from, to) => loadWorkCalendar(db, cityCode, from, to), category, stage, start);
}

/** stageTiming with the calendar from `calendarOf`, e.g. one loaded once for many clocks. */
export async function stageTimingOn(
  calendarOf: StageCalendar,
  category: Pick<CategoryRow, 'timeLimits'>,
  stage: string,
  start: Date,
): Promise<StageTiming | null> {
  const limit = (category.timeLimits as Record<string, StageLimit | undefined>)[stage];
  if (!limit) return null;
  const fromYear = new Date(start.getTime() - YEAR_MS / 12).getUTCFullYear();
  // Long limits (e.g. 15 working days over 春节) can cross into the next year.
  const toYear = new Date(start.getTime() + YEAR_MS).getUTCFullYear();
  const calendar = await calendarOf(fromYear, toYear);
  const { at, estimated } = addWorkingTime(start, limit, calendar);
  return { deadlineAt: at, warningAt: warningInstant(start, at, calendar.warningShare, calendar), estimated };
}

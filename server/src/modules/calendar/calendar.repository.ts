import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CalendarDayRow } from './chinese-days-seed.js';
import type { WorkPeriod } from './working-time.js';

// The only file that names calendar_settings, calendar_years and calendar_days.

export interface CalendarSettings {
  workPeriods: WorkPeriod[];
  warningShare: number;
}

// Multi-row inserts are ~10× faster than row by row on PGlite; 1,000 rows × 4 parameters
// stays far below PostgreSQL's 65,535-parameter limit.
const BATCH = 1000;

const yearBounds = (fromYear: number, toYear: number) => [`${fromYear}-01-01`, `${toYear}-12-31`] as const;

export async function selectSettings(
  db: Db,
  cityCode: string,
): Promise<(CalendarSettings & { revision: string }) | undefined> {
  const row = await db
    .selectFrom('calendarSettings')
    .select(['workPeriods', 'warningShare', 'revision'])
    .where('cityCode', '=', cityCode)
    .executeTakeFirst();
  // numeric comes back as a number from both engines (database.ts type parsers); Number() pins the type.
  return (
    row && { workPeriods: row.workPeriods, warningShare: Number(row.warningShare), revision: row.revision }
  );
}

/** Returns true when the row was created, false when the city already had settings. */
export async function insertSettingsIfAbsent(
  db: Db,
  cityCode: string,
  settings: CalendarSettings,
): Promise<boolean> {
  const inserted = await db
    .insertInto('calendarSettings')
    .values({
      cityCode,
      workPeriods: JSON.stringify(settings.workPeriods),
      warningShare: settings.warningShare,
    })
    .onConflict((oc) => oc.column('cityCode').doNothing())
    .returning('cityCode')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function upsertSettings(db: Db, cityCode: string, settings: CalendarSettings): Promise<void> {
  const workPeriods = JSON.stringify(settings.workPeriods);
  await db
    .insertInto('calendarSettings')
    .values({ cityCode, workPeriods, warningShare: settings.warningShare })
    .onConflict((oc) =>
      oc.column('cityCode').doUpdateSet({ workPeriods, warningShare: settings.warningShare }),
    )
    .execute();
}

export async function selectYears(db: Db, cityCode: string, fromYear: number, toYear: number) {
  return db
    .selectFrom('calendarYears')
    .select(['year', 'source', 'importedAt'])
    .where('cityCode', '=', cityCode)
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .orderBy('year')
    .execute();
}

export async function insertYearsIfAbsent(
  db: Db,
  cityCode: string,
  years: number[],
  source: string,
): Promise<void> {
  if (years.length === 0) return;
  await db
    .insertInto('calendarYears')
    .values(years.map((year) => ({ cityCode, year, source })))
    .onConflict((oc) => oc.columns(['cityCode', 'year']).doNothing())
    .execute();
}

export async function upsertYear(db: Db, cityCode: string, year: number, source: string): Promise<void> {
  await db
    .insertInto('calendarYears')
    .values({ cityCode, year, source })
    .onConflict((oc) => oc.columns(['cityCode', 'year']).doUpdateSet({ source, importedAt: sql`now()` }))
    .execute();
}

export async function selectDaysOfYears(
  db: Db,
  cityCode: string,
  fromYear: number,
  toYear: number,
): Promise<CalendarDayRow[]> {
  const [from, to] = yearBounds(fromYear, toYear);
  return db
    .selectFrom('calendarDays')
    .select(['day', 'kind', 'name'])
    .where('cityCode', '=', cityCode)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function selectDay(db: Db, cityCode: string, day: string): Promise<CalendarDayRow | undefined> {
  return db
    .selectFrom('calendarDays')
    .select(['day', 'kind', 'name'])
    .where('cityCode', '=', cityCode)
    .where('day', '=', day)
    .executeTakeFirst();
}

export async function upsertDay(db: Db, cityCode: string, row: CalendarDayRow): Promise<void> {
  await db
    .insertInto('calendarDays')
    .values({ cityCode, ...row })
    .onConflict((oc) => oc.columns(['cityCode', 'day']).doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export async function deleteDay(db: Db, cityCode: string, day: string): Promise<void> {
  await db.deleteFrom('calendarDays').where('cityCode', '=', cityCode).where('day', '=', day).execute();
}

/** Deletes a year's rows and returns how many there were. */
export async function deleteDaysOfYear(db: Db, cityCode: string, year: number): Promise<number> {
  const [from, to] = yearBounds(year, year);
  const result = await db
    .deleteFrom('calendarDays')
    .where('cityCode', '=', cityCode)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Inserts rows; with `keepExisting` a day that already has a row keeps it (ON CONFLICT DO
 * NOTHING). Returns how many rows were inserted.
 */
export async function insertDays(
  db: Db,
  cityCode: string,
  rows: readonly CalendarDayRow[],
  options: { keepExisting: boolean },
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((row) => ({ cityCode, ...row }));
    let query = db.insertInto('calendarDays').values(values);
    if (options.keepExisting) query = query.onConflict((oc) => oc.columns(['cityCode', 'day']).doNothing());
    // RETURNING counts the same on pg and PGlite, including rows skipped by DO NOTHING.
    inserted += (await query.returning('day').execute()).length;
  }
  return inserted;
}

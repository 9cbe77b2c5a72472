import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CategoriesTable, CategoryRow } from '../../platform/db/schema.js';
import type { CategoryKind } from './category-kind.js';
import { orderTimeLimits } from './stages.js';

export type NewCategoryRow = Insertable<CategoriesTable>;
export type CategoryRowPatch = Updateable<CategoriesTable>;

export interface CategoryQuery {
  kind?: CategoryKind;
  majorCode?: string;
  q?: string;
  includeInactive?: boolean;
}

// Kysely's CamelCasePlugin (platform/db) also renames keys *inside* jsonb values on the way
// out, so the stage key request_check reads back as requestCheck. Stage ids are snake_case by
// contract (stages.ts), so every row leaves this file with its time-limit keys put back (a
// no-op once the plugin keeps nested keys) and in workflow order (jsonb reorders keys).
const snakeKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function fromDb(row: CategoryRow): CategoryRow {
  const limits: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row.timeLimits ?? {})) limits[snakeKey(key)] = value;
  return { ...row, timeLimits: orderTimeLimits(limits) };
}
const maybeFromDb = (row: CategoryRow | undefined) => (row ? fromDb(row) : undefined);

// LIKE treats % and _ as wildcards; a user searching "100%" means the characters.
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function selectCategoryById(
  db: Db,
  cityCode: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CategoryRow | undefined> {
  let query = db.selectFrom('categories').selectAll().where('cityCode', '=', cityCode).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return maybeFromDb(await query.executeTakeFirst());
}

export async function selectCategoryByCode(
  db: Db,
  cityCode: string,
  kind: CategoryKind,
  code: string,
): Promise<CategoryRow | undefined> {
  const row = await db
    .selectFrom('categories')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
  return maybeFromDb(row);
}

export async function selectCategories(
  db: Db,
  cityCode: string,
  filter: CategoryQuery = {},
): Promise<CategoryRow[]> {
  let query = db.selectFrom('categories').selectAll().where('cityCode', '=', cityCode);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.majorCode) query = query.where('majorCode', '=', filter.majorCode);
  if (!filter.includeInactive) query = query.where('active', '=', true);
  const q = filter.q?.trim();
  if (q) {
    const contains = `%${likeEscape(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('name', 'ilike', contains),
        eb('majorName', 'ilike', contains),
        eb('nameEn', 'ilike', contains),
        eb('code', 'like', `${likeEscape(q)}%`),
      ]),
    );
  }
  return (await query.orderBy('kind').orderBy('code').execute()).map(fromDb);
}

/** The name the city already uses for a major, if it has any minor under it. */
export async function selectMajorName(
  db: Db,
  cityCode: string,
  kind: CategoryKind,
  majorCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('categories')
    .select('majorName')
    .where('cityCode', '=', cityCode)
    .where('kind', '=', kind)
    .where('majorCode', '=', majorCode)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.majorName;
}

export async function insertCategories(db: Db, rows: NewCategoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('categories').values(rows).execute();
}

export async function insertCategory(db: Db, row: NewCategoryRow): Promise<CategoryRow> {
  return fromDb(await db.insertInto('categories').values(row).returningAll().executeTakeFirstOrThrow());
}

/**
 * Applies an edit only if nobody changed the row since `expectedVersion` was read, and bumps
 * the version. undefined = lost the race.
 */
export async function updateCategoryVersioned(
  db: Db,
  cityCode: string,
  id: string,
  expectedVersion: number,
  patch: CategoryRowPatch,
): Promise<CategoryRow | undefined> {
  const row = await db
    .updateTable('categories')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return maybeFromDb(row);
}

/**
 * Re-applies seed data to a row nobody has edited (version 1). The version stays 1: the row
 * is still "as seeded", and a later admin edit must still win over the next seed.
 */
export async function refreshSeededCategory(db: Db, id: string, patch: CategoryRowPatch): Promise<boolean> {
  const result = await db
    .updateTable('categories')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// The one read outside this module's table: a default unit must belong to the same city, and
// the foreign key alone cannot say that. Replace with the org module's lookup once it exists.
export async function selectUnitCityCode(db: Db, unitId: string): Promise<string | undefined> {
  const row = await db.selectFrom('units').select('cityCode').where('id', '=', unitId).executeTakeFirst();
  return row?.cityCode;
}

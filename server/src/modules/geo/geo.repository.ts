import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { GridsTable, RegionsTable } from '../../platform/db/schema.js';
import type { RegionLevel } from './demo-geography.js';
import { WHITESPACE_PG_CLASS } from './names.js';

// The only file that names the regions and grids tables.

export type NewRegionRow = Insertable<RegionsTable>;
export type NewGridRow = Insertable<GridsTable>;

// Insert batches: 13 parameters per grid row keeps 500 rows far below PostgreSQL's 65,535
// bind-parameter limit, and multi-row inserts are ~10× faster than row-by-row on PGlite.
const BATCH = 500;

const regionColumns = [
  'id',
  'cityCode',
  'code',
  'name',
  'level',
  'parentId',
  'aliases',
  'minLng',
  'minLat',
  'maxLng',
  'maxLat',
] as const;

export async function cityExists(db: Db, cityCode: string): Promise<boolean> {
  const row = await db.selectFrom('cities').select('code').where('code', '=', cityCode).executeTakeFirst();
  return row !== undefined;
}

/** Inserts or updates regions by (city_code, code); existing rows keep their id. */
export async function upsertRegions(db: Db, rows: NewRegionRow[]): Promise<{ id: string; code: string }[]> {
  const out: { id: string; code: string }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const saved = await db
      .insertInto('regions')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['cityCode', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          parentId: eb.ref('excluded.parentId'),
          aliases: eb.ref('excluded.aliases'),
          boundary: eb.ref('excluded.boundary'),
          minLng: eb.ref('excluded.minLng'),
          minLat: eb.ref('excluded.minLat'),
          maxLng: eb.ref('excluded.maxLng'),
          maxLat: eb.ref('excluded.maxLat'),
        })),
      )
      .returning(['id', 'code'])
      .execute();
    out.push(...saved);
  }
  return out;
}

/** Inserts or updates grids by (city_code, code); existing rows keep their id. */
export async function upsertGrids(
  db: Db,
  rows: NewGridRow[],
): Promise<{ id: string; code: string; inserted: boolean }[]> {
  const out: { id: string; code: string; inserted: boolean }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const saved = await db
      .insertInto('grids')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['cityCode', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          communityId: eb.ref('excluded.communityId'),
          streetId: eb.ref('excluded.streetId'),
          districtId: eb.ref('excluded.districtId'),
          areaClass: eb.ref('excluded.areaClass'),
          boundary: eb.ref('excluded.boundary'),
          minLng: eb.ref('excluded.minLng'),
          minLat: eb.ref('excluded.minLat'),
          maxLng: eb.ref('excluded.maxLng'),
          maxLat: eb.ref('excluded.maxLat'),
        })),
      )
      // xmax = 0 only on a freshly inserted row version: tells created from updated.
      .returning(['id', 'code', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    out.push(...saved);
  }
  return out;
}

export async function selectRegionById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectRegionByCode(db: Db, cityCode: string, code: string) {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Regions by code, without boundaries (used to resolve parents in bulk). */
export async function selectRegionRefsByCodes(db: Db, cityCode: string, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'parentId'])
    .where('cityCode', '=', cityCode)
    .where('code', 'in', codes)
    .execute();
}

const levelOrder = sql<number>`array_position(array['city','district','street','community']::text[], level)`;

/**
 * Regions whose name or an alias equals `normalised` once whitespace is removed. Regions per
 * city are a few thousand at most, so the city-wide filter is cheap; higher levels first.
 */
export async function selectRegionsByNormalisedName(db: Db, cityCode: string, normalised: string) {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where((eb) =>
      eb.or([
        eb(sql`regexp_replace(name, ${WHITESPACE_PG_CLASS}, '', 'g')`, '=', normalised),
        eb.exists(
          sql`(select 1 from unnest(aliases) as a(alias)
               where regexp_replace(a.alias, ${WHITESPACE_PG_CLASS}, '', 'g') = ${normalised})`,
        ),
      ]),
    )
    .orderBy(levelOrder)
    .orderBy('code')
    .execute();
}

export async function selectRegions(
  db: Db,
  cityCode: string,
  filter: { level?: RegionLevel; parentId?: string; withBoundary: boolean },
) {
  let query = db
    .selectFrom('regions')
    .select([...regionColumns])
    .where('cityCode', '=', cityCode);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.parentId) query = query.where('parentId', '=', filter.parentId);
  const ordered = query.orderBy(levelOrder).orderBy('code');
  if (filter.withBoundary) return ordered.select('boundary').execute();
  return (await ordered.execute()).map((row) => ({ ...row, boundary: null }));
}

export async function insertRegion(db: Db, row: NewRegionRow) {
  return db.insertInto('regions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRegionRow(
  db: Db,
  cityCode: string,
  id: string,
  patch: Partial<
    Pick<NewRegionRow, 'name' | 'aliases' | 'boundary' | 'minLng' | 'minLat' | 'maxLng' | 'maxLat'>
  >,
) {
  return db
    .updateTable('regions')
    .set(patch)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function selectGridById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('grids')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectGridByCode(db: Db, cityCode: string, code: string) {
  return db
    .selectFrom('grids')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertGrid(db: Db, row: NewGridRow) {
  return db.insertInto('grids').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateGridRow(
  db: Db,
  cityCode: string,
  id: string,
  patch: Partial<
    Pick<NewGridRow, 'name' | 'areaClass' | 'boundary' | 'minLng' | 'minLat' | 'maxLng' | 'maxLat'>
  >,
) {
  return db
    .updateTable('grids')
    .set(patch)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Grids whose bounding box contains the point, with their community, street and district.
 * The bbox columns are covered by grids_bbox_idx; the exact polygon test is done by the caller.
 */
export async function selectGridCandidatesAt(db: Db, cityCode: string, lng: number, lat: number) {
  return (
    db
      .selectFrom('grids as g')
      .innerJoin('regions as c', 'c.id', 'g.communityId')
      .innerJoin('regions as s', 's.id', 'g.streetId')
      .innerJoin('regions as d', 'd.id', 'g.districtId')
      .select([
        'g.id as gridId',
        'g.code as gridCode',
        'g.name as gridName',
        'g.boundary as boundary',
        'c.id as communityId',
        'c.code as communityCode',
        'c.name as communityName',
        's.id as streetId',
        's.code as streetCode',
        's.name as streetName',
        'd.id as districtId',
        'd.code as districtCode',
        'd.name as districtName',
      ])
      .where('g.cityCode', '=', cityCode)
      .where('g.minLng', '<=', lng)
      .where('g.maxLng', '>=', lng)
      .where('g.minLat', '<=', lat)
      .where('g.maxLat', '>=', lat)
      .orderBy('g.code')
      // A point sits in at most a handful of boxes; the limit guards against a bad import.
      .limit(50)
      .execute()
  );
}

export interface GridQuery {
  cityCode: string;
  districtId?: string;
  bbox?: [number, number, number, number];
  limit: number;
  offset: number;
}

export async function selectGrids(db: Db, q: GridQuery) {
  let query = db.selectFrom('grids').where('cityCode', '=', q.cityCode);
  if (q.districtId) query = query.where('districtId', '=', q.districtId);
  if (q.bbox) {
    const [minLng, minLat, maxLng, maxLat] = q.bbox;
    // Box intersection (touching counts), answered from grids_bbox_idx.
    query = query
      .where('minLng', '<=', maxLng)
      .where('maxLng', '>=', minLng)
      .where('minLat', '<=', maxLat)
      .where('maxLat', '>=', minLat);
  }
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('code').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

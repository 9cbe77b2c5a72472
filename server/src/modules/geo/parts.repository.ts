import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PartsTable } from '../../platform/db/schema.js';

// The parts inventory (部件普查): one row per inventoried part, keyed by its 16-digit legacy id.

export type PartRow = Selectable<PartsTable>;
export type NewPartRow = Insertable<PartsTable>;

export function selectPartById(db: Db, cityCode: string, id: string): Promise<PartRow | undefined> {
  return db
    .selectFrom('parts')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectPartByCode(db: Db, cityCode: string, code: string): Promise<PartRow | undefined> {
  return db
    .selectFrom('parts')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts or, for a known code, replaces the attributes of a part (the import is re-runnable). */
export async function upsertPartRows(db: Db, rows: readonly NewPartRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('parts')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['cityCode', 'code']).doUpdateSet((eb) => ({
        categoryId: eb.ref('excluded.categoryId'),
        name: eb.ref('excluded.name'),
        status: eb.ref('excluded.status'),
        lng: eb.ref('excluded.lng'),
        lat: eb.ref('excluded.lat'),
        gridId: eb.ref('excluded.gridId'),
        address: eb.ref('excluded.address'),
        ownerUnitId: eb.ref('excluded.ownerUnitId'),
        managerUnitId: eb.ref('excluded.managerUnitId'),
        maintainerUnitId: eb.ref('excluded.maintainerUnitId'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .execute();
}

export async function updatePartRow(
  db: Db,
  cityCode: string,
  id: string,
  patch: Partial<Pick<PartRow, 'status' | 'lng' | 'lat' | 'gridId' | 'updatedAt'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('parts')
    .set(patch)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function selectPartsPage(
  db: Db,
  cityCode: string,
  filter: {
    gridId?: string;
    categoryId?: string;
    status?: string;
    /** minLng, minLat, maxLng, maxLat */
    bbox?: readonly [number, number, number, number];
    limit: number;
    offset: number;
  },
) {
  let q = db.selectFrom('parts').where('cityCode', '=', cityCode);
  if (filter.gridId) q = q.where('gridId', '=', filter.gridId);
  if (filter.bbox) {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    q = q
      .where('lng', '>=', minLng)
      .where('lng', '<=', maxLng)
      .where('lat', '>=', minLat)
      .where('lat', '<=', maxLat);
  }
  if (filter.categoryId) q = q.where('categoryId', '=', filter.categoryId);
  if (filter.status) q = q.where('status', '=', filter.status as PartRow['status']);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function selectMaxPartSequence(db: Db, cityCode: string, prefix: string) {
  return db
    .selectFrom('parts')
    .select((eb) => eb.fn.max('code').as('code'))
    .where('cityCode', '=', cityCode)
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirst();
}

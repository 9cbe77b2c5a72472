import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { UnitsTable } from '../../platform/db/schema.js';
import { WHITESPACE_PG_CLASS } from '../geo/index.js';
import type { UnitKind } from './demo-units.js';

// The only file that names the units and cities tables.

export type NewUnitRow = Insertable<UnitsTable>;
export type UnitRowPatch = Updateable<UnitsTable>;

const normalised = (column: string) =>
  sql<string>`regexp_replace(${sql.ref(column)}, ${WHITESPACE_PG_CLASS}, '', 'g')`;

/** Adds the city row when missing; true when it was inserted. */
export async function insertCityIfMissing(db: Db, code: string, name: string): Promise<boolean> {
  const inserted = await db
    .insertInto('cities')
    .values({ code, name })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Serialises unit writes of one city until the transaction ends. Name and alias uniqueness is
 * checked across two columns and after whitespace removal, which no unique index can express;
 * without the lock two concurrent requests could both pass the check.
 */
export async function lockUnitNames(db: Db, cityCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`units:${cityCode}`}))`.execute(db);
}

/**
 * Units whose name or an alias, with whitespace removed, is one of `keys`. Units per city are
 * a few hundred, so the per-city scan costs less than keeping a normalised copy in step.
 */
export async function selectUnitsMatchingNames(db: Db, cityCode: string, keys: string[]) {
  if (keys.length === 0) return [];
  const list = sql.join(keys);
  return db
    .selectFrom('units')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where((eb) =>
      eb.or([
        eb(normalised('name'), 'in', keys),
        eb.exists(
          sql`(select 1 from unnest(units.aliases) as a(alias)
               where regexp_replace(a.alias, ${WHITESPACE_PG_CLASS}, '', 'g') in (${list}))`,
        ),
      ]),
    )
    .orderBy('name')
    .execute();
}

export async function selectUnitById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectDistrictGovernment(db: Db, cityCode: string, districtId: string) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('regionId', '=', districtId)
    .where('kind', '=', 'district_government')
    .where('active', '=', true)
    .executeTakeFirst();
}

export interface UnitQuery {
  cityCode: string;
  kind?: UnitKind;
  /** whitespace-free search text, matched as a substring of the name or an alias */
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export async function selectUnits(db: Db, q: UnitQuery) {
  let query = db.selectFrom('units').where('cityCode', '=', q.cityCode);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.active !== undefined) query = query.where('active', '=', q.active);
  const text = q.q;
  if (text) {
    // strpos, not LIKE: the search text may contain % or _ and must match literally.
    query = query.where((eb) =>
      eb.or([
        eb(sql`strpos(${normalised('name')}, ${text})`, '>', 0),
        eb.exists(
          sql`(select 1 from unnest(units.aliases) as a(alias)
               where strpos(regexp_replace(a.alias, ${WHITESPACE_PG_CLASS}, '', 'g'), ${text}) > 0)`,
        ),
      ]),
    );
  }
  // Same grouping as the bulletin: 区县, 市级部门, 企事业单位.
  const kindOrder = sql<number>`array_position(array['district_government','city_department','enterprise']::text[], kind)`;
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy(kindOrder).orderBy('name').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertUnit(db: Db, row: NewUnitRow) {
  return db.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnitRow(db: Db, cityCode: string, id: string, patch: UnitRowPatch) {
  return db
    .updateTable('units')
    .set(patch)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

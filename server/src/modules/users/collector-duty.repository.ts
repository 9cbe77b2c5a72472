import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';

// Collectors' duty: responsibility grids (责任网格), shifts and the last known position. Kept in
// the base users module so that cases (routing 核实/核查 tasks) and field (tracks, attendance)
// both reach it without depending on each other.

export async function selectResponsibleCollector(
  db: Db,
  cityCode: string,
  gridId: string,
  at: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('collectorGrids')
    .innerJoin('users', 'users.id', 'collectorGrids.userId')
    .select('collectorGrids.userId')
    .where('collectorGrids.cityCode', '=', cityCode)
    .where('collectorGrids.gridId', '=', gridId)
    .where('collectorGrids.since', '<=', at)
    .where((eb) => eb.or([eb('collectorGrids.until', 'is', null), eb('collectorGrids.until', '>', at)]))
    .where('users.role', '=', 'collector')
    .where('users.active', '=', true)
    .orderBy('collectorGrids.since', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.userId ?? null;
}

export function selectCollectorGridIds(db: Db, cityCode: string, userId: string, at: Date) {
  return db
    .selectFrom('collectorGrids')
    .select(['gridId', 'since'])
    .where('cityCode', '=', cityCode)
    .where('userId', '=', userId)
    .where('since', '<=', at)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', at)]))
    .orderBy('since')
    .execute();
}

export async function endCollectorGrids(
  db: Db,
  cityCode: string,
  userId: string,
  gridIds: readonly string[],
  at: Date,
): Promise<void> {
  if (gridIds.length === 0) return;
  await db
    .updateTable('collectorGrids')
    .set({ until: at })
    .where('cityCode', '=', cityCode)
    .where('userId', '=', userId)
    .where('gridId', 'in', gridIds)
    .where('until', 'is', null)
    .execute();
}

export async function insertCollectorGrids(
  db: Db,
  rows: readonly { cityCode: string; userId: string; gridId: string; since: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('collectorGrids')
    .values(rows.map((r) => ({ ...r, until: null })))
    .execute();
}

export async function insertShifts(
  db: Db,
  rows: readonly { id: string; cityCode: string; userId: string; startsAt: Date; endsAt: Date }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('collectorShifts')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['userId', 'startsAt']).doUpdateSet((eb) => ({ endsAt: eb.ref('excluded.endsAt') })),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function selectShifts(db: Db, cityCode: string, userId: string, from: Date, to: Date) {
  return db
    .selectFrom('collectorShifts')
    .select(['id', 'userId', 'startsAt', 'endsAt'])
    .where('cityCode', '=', cityCode)
    .where('userId', '=', userId)
    .where('startsAt', '<', to)
    .where('endsAt', '>', from)
    .orderBy('startsAt')
    .execute();
}

export async function deleteShift(db: Db, cityCode: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('collectorShifts')
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Collectors on shift at `at` with a position no older than `since`. */
export function selectOnShiftPositions(db: Db, cityCode: string, at: Date, since: Date) {
  return db
    .selectFrom('collectorShifts')
    .innerJoin('collectorPositions', 'collectorPositions.userId', 'collectorShifts.userId')
    .innerJoin('users', 'users.id', 'collectorShifts.userId')
    .select(['collectorShifts.userId', 'collectorPositions.lng', 'collectorPositions.lat'])
    .where('collectorShifts.cityCode', '=', cityCode)
    .where('collectorShifts.startsAt', '<=', at)
    .where('collectorShifts.endsAt', '>', at)
    .where('collectorPositions.recordedAt', '>=', since)
    .where('users.role', '=', 'collector')
    .where('users.active', '=', true)
    .execute();
}

/** Keeps the newest position per collector (an older, late-arriving point changes nothing). */
export async function upsertLastPosition(
  db: Db,
  row: { userId: string; cityCode: string; deviceId: string; recordedAt: Date; lng: number; lat: number },
): Promise<void> {
  await db
    .insertInto('collectorPositions')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('userId')
        .doUpdateSet({
          deviceId: (eb) => eb.ref('excluded.deviceId'),
          recordedAt: (eb) => eb.ref('excluded.recordedAt'),
          lng: (eb) => eb.ref('excluded.lng'),
          lat: (eb) => eb.ref('excluded.lat'),
        })
        .where(sql<boolean>`collector_positions.recorded_at < excluded.recorded_at`),
    )
    .execute();
}

export function selectUserBrief(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'displayName', 'role', 'active', 'unitId', 'regionId', 'cityCode'])
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectCollectorUsers(db: Db, cityCode: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'displayName', 'active'])
    .where('cityCode', '=', cityCode)
    .where('role', '=', 'collector')
    .orderBy('login')
    .execute();
}

/**
 * The city's active collectors with what routing a task to them depends on at `at`: whether they
 * answer for `gridId` or for a grid of `districtId`, whether they are on shift, and their last
 * position (the caller decides whether it is fresh).
 */
export function selectCollectorRoster(
  db: Db,
  cityCode: string,
  at: Date,
  place: { gridId: string | null; districtId: string | null },
) {
  const activeGrid = (eb: ExpressionBuilder<Database, 'collectorGrids'>) =>
    eb.and([
      eb('collectorGrids.since', '<=', at),
      eb.or([eb('collectorGrids.until', 'is', null), eb('collectorGrids.until', '>', at)]),
    ]);
  return db
    .selectFrom('users')
    .leftJoin('collectorPositions', 'collectorPositions.userId', 'users.id')
    .select((eb) => [
      'users.id as userId',
      'users.login',
      'users.displayName',
      'collectorPositions.lng',
      'collectorPositions.lat',
      'collectorPositions.recordedAt',
      place.gridId
        ? eb
            .exists(
              eb
                .selectFrom('collectorGrids')
                .select('collectorGrids.gridId')
                .whereRef('collectorGrids.userId', '=', 'users.id')
                .where('collectorGrids.gridId', '=', place.gridId)
                .where(activeGrid),
            )
            .as('responsible')
        : sql<boolean>`false`.as('responsible'),
      place.districtId
        ? eb
            .exists(
              eb
                .selectFrom('collectorGrids')
                .innerJoin('grids', 'grids.id', 'collectorGrids.gridId')
                .select('collectorGrids.gridId')
                .whereRef('collectorGrids.userId', '=', 'users.id')
                .where('grids.districtId', '=', place.districtId)
                .where(activeGrid),
            )
            .as('inDistrict')
        : sql<boolean>`false`.as('inDistrict'),
      eb
        .exists(
          eb
            .selectFrom('collectorShifts')
            .select('collectorShifts.id')
            .whereRef('collectorShifts.userId', '=', 'users.id')
            .where('collectorShifts.startsAt', '<=', at)
            .where('collectorShifts.endsAt', '>', at),
        )
        .as('onShift'),
    ])
    .where('users.cityCode', '=', cityCode)
    .where('users.role', '=', 'collector')
    .where('users.active', '=', true)
    .orderBy('users.login')
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

// GPS track storage. Coordinates are kept as integers of 1e-7 degree (about 1 cm).

export const E7 = 1e7;

export interface PointColumns {
  recordedAt: string[];
  lngE7: number[];
  latE7: number[];
  accuracyM: (number | null)[];
}

/**
 * One statement for the whole batch: arrays unnested into rows (a handful of parameters
 * whatever the batch size). A point already stored for this device and instant is skipped.
 * Returns how many rows were new.
 */
export async function insertTrackPoints(
  db: Db,
  head: { cityCode: string; userId: string; deviceId: string },
  points: PointColumns,
): Promise<number> {
  if (points.recordedAt.length === 0) return 0;
  const result = await sql`
    INSERT INTO track_points (device_id, recorded_at, city_code, user_id, lng_e7, lat_e7, accuracy_m)
    SELECT ${head.deviceId}, u.t, ${head.cityCode}, ${head.userId}::uuid, u.x, u.y, u.a
    FROM unnest(${points.recordedAt}::timestamptz[], ${points.lngE7}::int[], ${points.latE7}::int[],
                ${points.accuracyM}::smallint[]) AS u(t, x, y, a)
    ON CONFLICT (device_id, recorded_at) DO NOTHING
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The device's last stored point before `before` (the reference a new batch is judged against). */
export function selectPointBefore(db: Db, deviceId: string, before: Date) {
  return db
    .selectFrom('trackPoints')
    .select(['recordedAt', 'lngE7', 'latE7'])
    .where('deviceId', '=', deviceId)
    .where('recordedAt', '<', before)
    .orderBy('recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function selectUserPoints(db: Db, cityCode: string, userId: string, from: Date, to: Date) {
  return db
    .selectFrom('trackPoints')
    .select(['deviceId', 'recordedAt', 'lngE7', 'latE7', 'accuracyM'])
    .where('userId', '=', userId)
    .where('cityCode', '=', cityCode)
    .where('recordedAt', '>=', from)
    .where('recordedAt', '<', to)
    .orderBy('recordedAt')
    .execute();
}

export function selectBatch(db: Db, userId: string, batchId: string) {
  return db
    .selectFrom('trackBatches')
    .selectAll()
    .where('userId', '=', userId)
    .where('batchId', '=', batchId)
    .executeTakeFirst();
}

/** False when the batch id was recorded meanwhile (a concurrent retry won). */
export async function insertBatch(
  db: Db,
  row: {
    userId: string;
    batchId: string;
    cityCode: string;
    deviceId: string;
    receivedAt: Date;
    received: number;
    stored: number;
    duplicates: number;
    rejected: object;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('trackBatches')
    .values({ ...row, rejected: JSON.stringify(row.rejected) })
    .onConflict((oc) => oc.columns(['userId', 'batchId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function selectBatchesReceived(db: Db, userId: string, from: Date, to: Date) {
  return db
    .selectFrom('trackBatches')
    .select(['received', 'stored', 'duplicates', 'rejected'])
    .where('userId', '=', userId)
    .where('receivedAt', '>=', from)
    .where('receivedAt', '<', to)
    .execute();
}

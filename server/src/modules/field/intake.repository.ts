import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

// Machine intake (视频监控/无人机): the tokens cameras and flight systems use, and one row per
// detection, filed or flagged as a duplicate of an open case.

export function selectTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('intakeTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function insertToken(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    name: string;
    source: 'video' | 'drone';
    tokenHash: string;
    actingUserId: string;
    createdBy: string;
    createdAt: Date;
  },
): Promise<void> {
  await db.insertInto('intakeTokens').values(row).execute();
}

export function selectTokens(db: Db, cityCode: string) {
  return db
    .selectFrom('intakeTokens')
    .select(['id', 'name', 'source', 'actingUserId', 'active', 'createdAt'])
    .where('cityCode', '=', cityCode)
    .orderBy('createdAt')
    .execute();
}

export async function deactivateToken(db: Db, cityCode: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('intakeTokens')
    .set({ active: false })
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function selectDetection(
  db: Db,
  cityCode: string,
  source: string,
  deviceId: string,
  capturedAt: Date,
) {
  return db
    .selectFrom('machineIntakes')
    .select(['caseId', 'duplicate'])
    .where('cityCode', '=', cityCode)
    .where('source', '=', source as 'video' | 'drone')
    .where('deviceId', '=', deviceId)
    .where('capturedAt', '=', capturedAt)
    .executeTakeFirst();
}

export async function insertDetection(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    source: 'video' | 'drone';
    deviceId: string;
    capturedAt: Date;
    receivedAt: Date;
    lng: number;
    lat: number;
    categoryId: string;
    districtId: string | null;
    caseId: string;
    duplicate: boolean;
    tokenId: string | null;
  },
): Promise<void> {
  await db
    .insertInto('machineIntakes')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Detections per district and source in [from, to): filed ones and flagged duplicates. */
export function countDetections(db: Db, cityCode: string, from: Date, to: Date) {
  return db
    .selectFrom('machineIntakes')
    .select([
      'districtId',
      'source',
      sql<number>`count(*) FILTER (WHERE NOT duplicate)::int`.as('filed'),
      sql<number>`count(*) FILTER (WHERE duplicate)::int`.as('duplicates'),
    ])
    .where('cityCode', '=', cityCode)
    .where('capturedAt', '>=', from)
    .where('capturedAt', '<', to)
    .groupBy(['districtId', 'source'])
    .orderBy('districtId')
    .orderBy('source')
    .execute();
}

/** A page of detections, newest capture first. */
export async function selectDetectionsPage(
  db: Db,
  cityCode: string,
  filter: {
    source?: 'video' | 'drone';
    duplicate?: boolean;
    districtId?: string;
    deviceId?: string;
    from?: Date;
    to?: Date;
    limit: number;
    offset: number;
  },
) {
  let q = db.selectFrom('machineIntakes').where('cityCode', '=', cityCode);
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.duplicate !== undefined) q = q.where('duplicate', '=', filter.duplicate);
  if (filter.districtId) q = q.where('districtId', '=', filter.districtId);
  if (filter.deviceId) q = q.where('deviceId', '=', filter.deviceId);
  if (filter.from) q = q.where('capturedAt', '>=', filter.from);
  if (filter.to) q = q.where('capturedAt', '<', filter.to);
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'source',
        'deviceId',
        'capturedAt',
        'receivedAt',
        'lng',
        'lat',
        'categoryId',
        'districtId',
        'caseId',
        'duplicate',
        'tokenId',
      ])
      .orderBy('capturedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

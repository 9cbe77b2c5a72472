import type { Db } from '../../platform/db/database.js';

// Collector profiles (contractor, contract package, device, route) and the city's field settings.

export function selectCollector(db: Db, cityCode: string, userId: string) {
  return db
    .selectFrom('collectors')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export function selectCollectorRows(db: Db, cityCode: string) {
  return db.selectFrom('collectors').selectAll().where('cityCode', '=', cityCode).execute();
}

export async function upsertCollector(
  db: Db,
  row: {
    userId: string;
    cityCode: string;
    company: string;
    contractPackage: string;
    deviceId: string | null;
    route: [number, number][] | null;
    updatedAt: Date;
  },
): Promise<void> {
  const values = { ...row, route: row.route ? JSON.stringify(row.route) : null };
  await db
    .insertInto('collectors')
    .values(values)
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({
        company: values.company,
        contractPackage: values.contractPackage,
        deviceId: values.deviceId,
        route: values.route,
        updatedAt: values.updatedAt,
      }),
    )
    .execute();
}

export function selectCollectorByDevice(db: Db, cityCode: string, deviceId: string) {
  return db
    .selectFrom('collectors')
    .select('userId')
    .where('cityCode', '=', cityCode)
    .where('deviceId', '=', deviceId)
    .executeTakeFirst();
}

export async function selectSettings(db: Db, cityCode: string): Promise<Record<string, number> | null> {
  const row = await db
    .selectFrom('fieldSettings')
    .select('settings')
    .where('cityCode', '=', cityCode)
    .executeTakeFirst();
  return row?.settings ?? null;
}

export async function upsertSettings(db: Db, cityCode: string, settings: object, at: Date): Promise<void> {
  const json = JSON.stringify(settings);
  await db
    .insertInto('fieldSettings')
    .values({ cityCode, settings: json, updatedAt: at })
    .onConflict((oc) => oc.column('cityCode').doUpdateSet({ settings: json, updatedAt: at }))
    .execute();
}

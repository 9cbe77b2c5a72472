import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

// Campaigns (专项行动), their entry lists, and civilised-city tags on categories.

export async function insertCampaign(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    name: string;
    startsOn: string;
    endsOn: string;
    fields: unknown[];
    createdBy: string;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('campaigns')
    .values({ ...row, fields: JSON.stringify(row.fields) })
    .execute();
}

export function selectCampaign(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectCampaigns(db: Db, cityCode: string) {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .orderBy('startsOn', 'desc')
    .execute();
}

export function selectEntryByKey(db: Db, campaignId: string, key: string) {
  return db
    .selectFrom('campaignEntries')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();
}

export async function insertEntry(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    campaignId: string;
    data: Record<string, unknown>;
    observedAt: Date;
    lng: number | null;
    lat: number | null;
    districtId: string;
    reporterId: string;
    idempotencyKey: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('campaignEntries')
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export function selectEntries(db: Db, campaignId: string, filter: { limit: number; offset: number }) {
  return db
    .selectFrom('campaignEntries')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('observedAt')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countEntries(db: Db, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('campaignEntries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaignId', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Entries per campaign and district observed in [from, to). */
export function countEntriesByDistrict(db: Db, cityCode: string, from: Date, to: Date) {
  return db
    .selectFrom('campaignEntries')
    .innerJoin('campaigns', 'campaigns.id', 'campaignEntries.campaignId')
    .select([
      'campaigns.id as campaignId',
      'campaigns.name as campaignName',
      'campaignEntries.districtId',
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('campaignEntries.cityCode', '=', cityCode)
    .where('campaignEntries.observedAt', '>=', from)
    .where('campaignEntries.observedAt', '<', to)
    .groupBy(['campaigns.id', 'campaigns.name', 'campaignEntries.districtId'])
    .orderBy('campaigns.name')
    .execute();
}

export async function replaceCategoryTag(
  db: Db,
  cityCode: string,
  tag: string,
  categoryIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('categoryTags').where('cityCode', '=', cityCode).where('tag', '=', tag).execute();
  if (categoryIds.length > 0) {
    await db
      .insertInto('categoryTags')
      .values(categoryIds.map((categoryId) => ({ cityCode, categoryId, tag })))
      .execute();
  }
}

export function selectCategoryTags(db: Db, cityCode: string) {
  return db
    .selectFrom('categoryTags')
    .select(['tag', 'categoryId'])
    .where('cityCode', '=', cityCode)
    .orderBy('tag')
    .execute();
}

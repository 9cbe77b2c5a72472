import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CampaignEntryPhoto } from '../../platform/db/schema.js';

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
    bulletinTitle?: string;
    bulletinClosing?: string;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('campaigns')
    .values({
      ...row,
      fields: JSON.stringify(row.fields),
      bulletinTitle: row.bulletinTitle ?? null,
      bulletinClosing: row.bulletinClosing ?? null,
    })
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

export function selectCampaignByName(db: Db, cityCode: string, name: string) {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** The city's campaigns, newest first, each with its number of entries. */
export function selectCampaigns(db: Db, cityCode: string, activeOn?: string) {
  let query = db
    .selectFrom('campaigns')
    .selectAll('campaigns')
    .select((eb) =>
      eb
        .selectFrom('campaignEntries')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('campaignEntries.campaignId', '=', 'campaigns.id')
        .as('entries'),
    )
    .where('cityCode', '=', cityCode);
  if (activeOn) query = query.where('startsOn', '<=', activeOn).where('endsOn', '>=', activeOn);
  return query.orderBy('startsOn', 'desc').orderBy('name').execute();
}

export function selectEntryByKey(db: Db, campaignId: string, key: string) {
  return db
    .selectFrom('campaignEntries')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();
}

export function selectEntry(db: Db, campaignId: string, entryId: string) {
  return db
    .selectFrom('campaignEntries')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', entryId)
    .executeTakeFirst();
}

export interface EntryRow {
  id: string;
  cityCode: string;
  campaignId: string;
  data: Record<string, unknown>;
  observedAt: Date;
  lng: number | null;
  lat: number | null;
  districtId: string;
  reporterId: string | null;
  idempotencyKey: string | null;
  createdAt: Date;
  featured?: boolean;
}

const entryValues = (row: EntryRow) => ({
  ...row,
  data: JSON.stringify(row.data),
  featured: row.featured ?? false,
});

export async function insertEntry(db: Db, row: EntryRow): Promise<void> {
  await db.insertInto('campaignEntries').values(entryValues(row)).execute();
}

/** Many entries in multi-row INSERTs (1,000 rows, 12 parameters each, per statement). */
export async function insertEntries(db: Db, rows: readonly EntryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('campaignEntries')
      .values(rows.slice(i, i + 1000).map(entryValues))
      .execute();
  }
}

export async function updateEntryFeatured(db: Db, entryId: string, featured: boolean): Promise<void> {
  await db.updateTable('campaignEntries').set({ featured }).where('id', '=', entryId).execute();
}

export async function updateEntryPhotos(
  db: Db,
  entryId: string,
  photos: readonly CampaignEntryPhoto[],
): Promise<void> {
  await db
    .updateTable('campaignEntries')
    .set({ photos: JSON.stringify(photos) })
    .where('id', '=', entryId)
    .execute();
}

/** Which entries of a campaign: a district, observed in [from, to), 典型 only. */
export interface EntryFilter {
  districtId?: string;
  from?: Date;
  to?: Date;
  featured?: boolean;
}

function filteredEntries(db: Db, campaignId: string, filter: EntryFilter) {
  let query = db.selectFrom('campaignEntries').where('campaignId', '=', campaignId);
  if (filter.districtId) query = query.where('districtId', '=', filter.districtId);
  if (filter.from) query = query.where('observedAt', '>=', filter.from);
  if (filter.to) query = query.where('observedAt', '<', filter.to);
  if (filter.featured !== undefined) query = query.where('featured', '=', filter.featured);
  return query;
}

export function selectEntries(
  db: Db,
  campaignId: string,
  filter: EntryFilter & { limit: number; offset: number },
) {
  return filteredEntries(db, campaignId, filter)
    .selectAll()
    .orderBy('observedAt')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countEntries(db: Db, campaignId: string, filter: EntryFilter = {}): Promise<number> {
  const row = await filteredEntries(db, campaignId, filter)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A campaign's entries per district (all of them, or those the filter keeps). */
export function countCampaignEntriesByDistrict(db: Db, campaignId: string, filter: EntryFilter = {}) {
  return filteredEntries(db, campaignId, filter)
    .select(['districtId', sql<number>`count(*)::int`.as('count')])
    .groupBy('districtId')
    .execute();
}

/**
 * Entries per campaign and district observed in [from, to) and stored before `asOf` (a figure
 * never reads a row written after its as-of instant).
 */
export function countEntriesByDistrict(db: Db, cityCode: string, from: Date, to: Date, asOf: Date) {
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
    .where('campaignEntries.createdAt', '<', asOf)
    .groupBy(['campaigns.id', 'campaigns.name', 'campaignEntries.districtId'])
    .orderBy('campaigns.name')
    .execute();
}

/** The 典型 entries of some campaigns observed in [from, to) and stored before `asOf`, by time. */
export function selectFeaturedEntries(
  db: Db,
  campaignIds: readonly string[],
  from: Date,
  to: Date,
  asOf: Date,
  limitPerCampaign: number,
) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('campaignEntries')
        .select([
          'campaignId',
          'data',
          'observedAt',
          'districtId',
          sql<number>`row_number() over (partition by campaign_id order by observed_at, id)`.as('n'),
        ])
        .where('campaignId', 'in', campaignIds)
        .where('featured', '=', true)
        .where('observedAt', '>=', from)
        .where('observedAt', '<', to)
        .where('createdAt', '<', asOf)
        .as('f'),
    )
    .select(['f.campaignId', 'f.data', 'f.observedAt', 'f.districtId'])
    .where('f.n', '<=', limitPerCampaign)
    .orderBy('f.campaignId')
    .orderBy('f.n')
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

import type { Db } from '../../platform/db/database.js';
import type { BulletinPhoto } from '../../platform/db/schema.js';

export interface BlockRow {
  id: string;
  month: string;
  section: 'work_news' | 'district_news' | 'team_news';
  seq: number;
  title: string;
  body: string;
  byline: string;
  photos: BulletinPhoto[];
  version: number;
  updatedAt: Date;
}

const columns = [
  'id',
  'month',
  'section',
  'seq',
  'title',
  'body',
  'byline',
  'photos',
  'version',
  'updatedAt',
] as const;

export function selectBlocks(db: Db, cityCode: string, month: string): Promise<BlockRow[]> {
  return db
    .selectFrom('bulletinBlocks')
    .select(columns)
    .where('cityCode', '=', cityCode)
    .where('month', '=', month)
    .orderBy('section')
    .orderBy('seq')
    .orderBy('createdAt')
    .execute();
}

export function selectBlock(db: Db, cityCode: string, id: string): Promise<BlockRow | undefined> {
  return db
    .selectFrom('bulletinBlocks')
    .select(columns)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBlock(
  db: Db,
  row: Omit<BlockRow, 'version' | 'updatedAt' | 'photos'> & { cityCode: string; createdBy: string; at: Date },
): Promise<void> {
  const { at, ...rest } = row;
  await db
    .insertInto('bulletinBlocks')
    .values({ ...rest, photos: '[]', createdAt: at, updatedAt: at })
    .execute();
}

/** Optimistic update: only if nobody changed the block since `version`. */
export async function updateBlockAtVersion(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Pick<BlockRow, 'title' | 'body' | 'byline' | 'seq' | 'section'>> & {
    photos?: BulletinPhoto[];
  },
  at: Date,
): Promise<boolean> {
  const { photos, ...rest } = patch;
  const result = await db
    .updateTable('bulletinBlocks')
    .set({
      ...rest,
      ...(photos ? { photos: JSON.stringify(photos) } : {}),
      version: version + 1,
      updatedAt: at,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The ids of a month's blocks in one section, locked for the rest of the transaction (reorder). */
export async function lockSectionBlocks(
  db: Db,
  cityCode: string,
  month: string,
  section: BlockRow['section'],
): Promise<{ id: string; version: number }[]> {
  return db
    .selectFrom('bulletinBlocks')
    .select(['id', 'version'])
    .where('cityCode', '=', cityCode)
    .where('month', '=', month)
    .where('section', '=', section)
    .forUpdate()
    .execute();
}

export async function deleteBlock(db: Db, id: string): Promise<void> {
  await db.deleteFrom('bulletinBlocks').where('id', '=', id).execute();
}

export async function selectCityName(db: Db, cityCode: string): Promise<string> {
  const row = await db.selectFrom('cities').select('name').where('code', '=', cityCode).executeTakeFirst();
  return row?.name ?? cityCode;
}

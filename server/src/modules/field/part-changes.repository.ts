import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PartChangesTable } from '../../platform/db/schema.js';

// Parts change requests (部件变更: new / moved / removed) reported by collectors.

export type PartChangeRow = Selectable<PartChangesTable>;

export async function insertPartChange(db: Db, row: Insertable<PartChangesTable>): Promise<void> {
  await db.insertInto('partChanges').values(row).execute();
}

export function selectPartChange(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('partChanges')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decides a pending request; false when it was decided meanwhile. */
export async function decidePartChange(
  db: Db,
  cityCode: string,
  id: string,
  patch: { status: 'applied' | 'rejected'; decidedAt: Date; decidedBy: string; partId?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('partChanges')
    .set(patch)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function selectPartChangesPage(
  db: Db,
  cityCode: string,
  filter: { status?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('partChanges').where('cityCode', '=', cityCode);
  if (filter.status) q = q.where('status', '=', filter.status as PartChangeRow['status']);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('reportedAt', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

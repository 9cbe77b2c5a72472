import type { Db } from '../../platform/db/database.js';

// SQL of the mySociety update extension (POST servicerequestupdates): clients' public notes.

export interface RequestUpdateInsert {
  id: string;
  cityCode: string;
  caseId: string;
  apiKeyId: string;
  clientUpdateId: string;
  requestedStatus: string;
  description: string;
  mediaUrls: string[];
  contact: Record<string, string>;
  clientUpdatedAt: Date;
  receivedAt: Date;
}

/** Inserts the update; false when this key already sent an update with that id. */
export async function insertRequestUpdate(db: Db, row: RequestUpdateInsert): Promise<boolean> {
  const inserted = await db
    .insertInto('open311RequestUpdates')
    .values({ ...row, mediaUrls: JSON.stringify(row.mediaUrls), contact: JSON.stringify(row.contact) })
    .onConflict((oc) => oc.columns(['apiKeyId', 'clientUpdateId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function selectUpdateByClientId(db: Db, apiKeyId: string, clientUpdateId: string) {
  return db
    .selectFrom('open311RequestUpdates')
    .select(['id', 'caseId', 'requestedStatus', 'description'])
    .where('apiKeyId', '=', apiKeyId)
    .where('clientUpdateId', '=', clientUpdateId)
    .executeTakeFirst();
}

/** The public part of the notes on some cases (no personal fields), oldest first. */
export function selectPublicNotes(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('open311RequestUpdates')
    .select(['caseId', 'description', 'receivedAt'])
    .where('caseId', 'in', caseIds)
    .orderBy('receivedAt')
    .orderBy('id')
    .execute();
}

/** Everything clients sent about one case, contacts included (staff view, audited). */
export function selectUpdatesOfCase(db: Db, cityCode: string, caseId: string) {
  return db
    .selectFrom('open311RequestUpdates')
    .innerJoin('open311ApiKeys', 'open311ApiKeys.id', 'open311RequestUpdates.apiKeyId')
    .select([
      'open311RequestUpdates.id',
      'open311RequestUpdates.clientUpdateId',
      'open311RequestUpdates.requestedStatus',
      'open311RequestUpdates.description',
      'open311RequestUpdates.mediaUrls',
      'open311RequestUpdates.contact',
      'open311RequestUpdates.clientUpdatedAt',
      'open311RequestUpdates.receivedAt',
      'open311ApiKeys.name as clientName',
    ])
    .where('open311RequestUpdates.cityCode', '=', cityCode)
    .where('open311RequestUpdates.caseId', '=', caseId)
    .orderBy('open311RequestUpdates.receivedAt')
    .orderBy('open311RequestUpdates.id')
    .execute();
}

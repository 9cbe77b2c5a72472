import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

// Reads of cases and their log that the field module needs (duplicate checks for machine
// intake, 核实/核查 reply timeliness, counts by category). The SQL stays with the table owner.

const closedStatuses = ['closed', 'voided'];

export function selectOpenCasesInBox(
  db: Db,
  cityCode: string,
  filter: { categoryId: string; minLng: number; maxLng: number; minLat: number; maxLat: number; since: Date },
) {
  return db
    .selectFrom('cases')
    .select(['id', 'caseNo', 'status', 'lng', 'lat', 'reportedAt'])
    .where('cityCode', '=', cityCode)
    .where('categoryId', '=', filter.categoryId)
    .where('status', 'not in', closedStatuses)
    .where('reportedAt', '>=', filter.since)
    .where('lng', '>=', filter.minLng)
    .where('lng', '<=', filter.maxLng)
    .where('lat', '>=', filter.minLat)
    .where('lat', '<=', filter.maxLat)
    .execute();
}

/** 发送核实/发送核查 log rows in [from, to) with the collector they were sent to. */
export function selectVerificationRequests(db: Db, cityCode: string, from: Date, to: Date) {
  return db
    .selectFrom('caseTransitions')
    .select([
      'caseId',
      'seq',
      'action',
      'at',
      'deadlineAt',
      sql<string | null>`data->>'assigneeId'`.as('assigneeId'),
    ])
    .where('cityCode', '=', cityCode)
    .where('action', 'in', ['request_verify', 'request_check'])
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('caseId')
    .orderBy('seq')
    .execute();
}

/** The log rows after `fromSeq` that answer or re-send a verification task, for these cases. */
export function selectVerificationFollowUps(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseTransitions')
    .select(['caseId', 'seq', 'action', 'at', 'actorId'])
    .where('caseId', 'in', [...caseIds])
    .where('action', 'in', ['request_verify', 'request_check', 'verify', 'check_pass', 'check_fail'])
    .orderBy('caseId')
    .orderBy('seq')
    .execute();
}

export function selectCasesInCategories(
  db: Db,
  cityCode: string,
  categoryIds: readonly string[],
  from: Date,
  to: Date,
) {
  if (categoryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .select([
      'id',
      'caseNo',
      'categoryId',
      'districtId',
      'status',
      'source',
      'reportedAt',
      'closedAt',
      'address',
      'description',
      'lng',
      'lat',
    ])
    .where('cityCode', '=', cityCode)
    .where('categoryId', 'in', [...categoryIds])
    .where('reportedAt', '>=', from)
    .where('reportedAt', '<', to)
    .orderBy('reportedAt')
    .execute();
}

/** Number and state of a few cases by id (e.g. the cases machine detections were filed as). */
export function selectCaseBriefs(db: Db, cityCode: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .select(['id', 'caseNo', 'status'])
    .where('cityCode', '=', cityCode)
    .where('id', 'in', [...ids])
    .execute();
}

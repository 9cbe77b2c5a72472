import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';

// The SQL of the open311 module. Its own tables are written here; the case tables are only
// READ, as a public projection (what Open311 and the status page may show). Every write to a
// case goes through the cases module's services (reportCase, attachCasePhoto).

/** Sources whose cases are published. Hotline, mailbox, WeChat, leader and media cases come from
 * a person's private channel and stay internal (SECURITY.md item 31). */
export const PUBLISHED_SOURCES = ['public', 'patrol', 'video', 'drone'] as const;

export function selectCityCodes(db: Db): Promise<{ code: string }[]> {
  return db.selectFrom('cities').select('code').orderBy('code').execute();
}

// ── API keys ──

export async function insertApiKey(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    name: string;
    keyPrefix: string;
    keyHash: string;
    perMinute: number;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db.insertInto('open311ApiKeys').values(row).execute();
}

/** A city's keys, usable ones first, newest first. */
export async function selectApiKeys(db: Db, cityCode: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('open311ApiKeys').where('cityCode', '=', cityCode);
  const [rows, total] = await Promise.all([
    base
      .select(['id', 'name', 'keyPrefix', 'perMinute', 'createdAt', 'lastUsedAt', 'revokedAt'])
      .orderBy(sql`revoked_at IS NULL`, 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function selectApiKeyByHash(db: Db, keyHash: string) {
  return db.selectFrom('open311ApiKeys').selectAll().where('keyHash', '=', keyHash).executeTakeFirst();
}

export async function revokeApiKeyRow(db: Db, cityCode: string, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('open311ApiKeys')
    .set({ revokedAt: at })
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function touchApiKey(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('open311ApiKeys').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

// ── Service settings ──

export function selectServiceSettings(db: Db, cityCode: string) {
  return db.selectFrom('open311Services').selectAll().where('cityCode', '=', cityCode).execute();
}

export async function upsertServiceSetting(
  db: Db,
  row: {
    cityCode: string;
    serviceCode: string;
    type: 'realtime' | 'batch' | 'blackbox';
    keywords: string | null;
    attributes: unknown[];
  },
): Promise<void> {
  await db
    .insertInto('open311Services')
    .values({ ...row, attributes: JSON.stringify(row.attributes) })
    .onConflict((oc) => oc.columns(['cityCode', 'serviceCode']).doNothing())
    .execute();
}

// ── Intake (every request from Open311 or the citizen page) ──

export interface IntakeInsert {
  id: string;
  cityCode: string;
  token: string;
  channel: 'open311' | 'report_page';
  apiKeyId: string | null;
  serviceCode: string;
  input: Record<string, unknown>;
  attributes: Record<string, unknown>;
  contact: Record<string, string>;
  media: { storageKey: string; contentType: string; byteSize: number; sha256: string }[];
  createdAt: Date;
  lockedUntil: Date | null;
}

export async function insertIntake(db: Db, row: IntakeInsert): Promise<void> {
  await db
    .insertInto('open311Requests')
    .values({
      ...row,
      input: JSON.stringify(row.input),
      attributes: JSON.stringify(row.attributes),
      contact: JSON.stringify(row.contact),
      media: JSON.stringify(row.media),
      status: 'pending',
    })
    .execute();
}

export function selectIntakeById(db: Db, id: string) {
  return db.selectFrom('open311Requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectIntakeByToken(db: Db, cityCode: string, token: string) {
  return db
    .selectFrom('open311Requests')
    .leftJoin('cases', 'cases.id', 'open311Requests.caseId')
    .select(['open311Requests.token', 'open311Requests.status', 'cases.caseNo'])
    .where('open311Requests.cityCode', '=', cityCode)
    .where('open311Requests.token', '=', token)
    .executeTakeFirst();
}

/** Takes up to `limit` pending requests for this worker until `until` (others skip them). */
export async function leasePendingIntake(db: Db, now: Date, until: Date, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('open311Requests')
    .set((eb) => ({ lockedUntil: until, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('open311Requests')
        .select('id')
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
        .orderBy('createdAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function markIntakeDone(db: Db, id: string, caseId: string, at: Date): Promise<void> {
  await db
    .updateTable('open311Requests')
    .set({ status: 'done', caseId, processedAt: at, lockedUntil: null, error: null })
    .where('id', '=', id)
    .execute();
}

export async function markIntakeFailed(
  db: Db,
  id: string,
  error: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await db
    .updateTable('open311Requests')
    .set({ status: 'failed', processedAt: at, lockedUntil: null, error: JSON.stringify(error) })
    .where('id', '=', id)
    .execute();
}

export async function recordIntakeError(db: Db, id: string, error: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('open311Requests')
    .set({ error: JSON.stringify(error) })
    .where('id', '=', id)
    .execute();
}

// ── Moderation ──

export async function upsertFlag(
  db: Db,
  row: {
    caseId: string;
    cityCode: string;
    hidden: boolean;
    reason: string;
    changedBy: string;
    changedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('publicCaseFlags')
    .values(row)
    .onConflict((oc) =>
      oc.column('caseId').doUpdateSet({
        hidden: row.hidden,
        reason: row.reason,
        changedBy: row.changedBy,
        changedAt: row.changedAt,
      }),
    )
    .execute();
}

// ── Proof-of-work challenges ──

export async function insertChallenge(
  db: Db,
  row: { challenge: string; cityCode: string; difficulty: number; expiresAt: Date },
): Promise<void> {
  await db.insertInto('powChallenges').values(row).execute();
}

/** Marks a live challenge used and returns it; undefined if unknown, expired or already used. */
export function consumeChallenge(db: Db, cityCode: string, challenge: string, now: Date) {
  return db
    .updateTable('powChallenges')
    .set({ usedAt: now })
    .where('challenge', '=', challenge)
    .where('cityCode', '=', cityCode)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning(['challenge', 'difficulty'])
    .executeTakeFirst();
}

export async function deleteExpiredChallenges(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('powChallenges').where('expiresAt', '<', before).execute();
}

// ── Rate-limit windows ──

/** Counts one hit in a fixed window and returns the window's total, atomically. */
export async function hitWindow(db: Db, bucket: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rateLimitWindows')
    .values({ bucket, windowStart, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(['bucket', 'windowStart'])
        .doUpdateSet((eb) => ({ hits: eb('rateLimitWindows.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

export async function deleteOldWindows(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rateLimitWindows').where('windowStart', '<', before).execute();
}

// ── Public projection of cases (read-only) ──

export interface PublicCaseFilter {
  cityCode: string;
  caseNos?: readonly string[];
  services?: readonly { kind: 'event' | 'part'; code: string }[];
  from?: Date;
  to?: Date;
  statuses?: readonly ('open' | 'closed')[];
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  limit: number;
  offset: number;
}

const serviceCodeSql = sql<string>`(CASE WHEN categories.kind = 'event' THEN 'E' ELSE 'C' END) || categories.code`;

function published(
  eb: ExpressionBuilder<Database, 'cases' | 'categories' | 'publicCaseFlags' | 'open311Services'>,
) {
  return eb.and([
    eb('cases.source', 'in', PUBLISHED_SOURCES),
    eb.or([eb('publicCaseFlags.hidden', 'is', null), eb('publicCaseFlags.hidden', '=', false)]),
    eb.or([eb('open311Services.type', 'is', null), eb('open311Services.type', '!=', 'blackbox')]),
  ]);
}

function publicCases(db: Db, cityCode: string) {
  return db
    .selectFrom('cases')
    .innerJoin('categories', 'categories.id', 'cases.categoryId')
    .leftJoin('units', 'units.id', 'cases.unitId')
    .leftJoin('publicCaseFlags', 'publicCaseFlags.caseId', 'cases.id')
    .leftJoin('open311Services', (join) =>
      join
        .onRef('open311Services.cityCode', '=', 'cases.cityCode')
        .on('open311Services.serviceCode', '=', serviceCodeSql),
    )
    .select([
      'cases.id',
      'cases.caseNo',
      'cases.status',
      'cases.source',
      'cases.kind',
      'categories.code as categoryCode',
      'categories.name as categoryName',
      'cases.description',
      'cases.address',
      'cases.lng',
      'cases.lat',
      'cases.reportedAt',
      'cases.updatedAt',
      'cases.closedAt',
      'cases.voidedAt',
      'cases.deadlineAt',
      'cases.version',
      'units.name as unitName',
    ])
    .where('cases.cityCode', '=', cityCode)
    .where((eb) => published(eb));
}

export function selectPublicCase(db: Db, cityCode: string, caseNo: string) {
  return publicCases(db, cityCode).where('cases.caseNo', '=', caseNo).executeTakeFirst();
}

export function selectPublicCases(db: Db, f: PublicCaseFilter) {
  let query = publicCases(db, f.cityCode);
  if (f.caseNos) {
    query = query.where('cases.caseNo', 'in', f.caseNos.length > 0 ? f.caseNos : ['']);
  } else {
    const services = f.services;
    if (services && services.length > 0) {
      query = query.where((eb) =>
        eb.or(
          services.map((s) =>
            eb.and([eb('categories.kind', '=', s.kind), eb('categories.code', '=', s.code)]),
          ),
        ),
      );
    }
    if (f.from) query = query.where('cases.reportedAt', '>=', f.from);
    if (f.to) query = query.where('cases.reportedAt', '<=', f.to);
    if (f.statuses && f.statuses.length === 1) {
      query =
        f.statuses[0] === 'closed'
          ? query.where('cases.status', 'in', ['closed', 'voided'])
          : query.where('cases.status', 'not in', ['closed', 'voided']);
    }
    if (f.bbox) {
      query = query
        .where('cases.lng', '>=', f.bbox.minLng)
        .where('cases.lng', '<=', f.bbox.maxLng)
        .where('cases.lat', '>=', f.bbox.minLat)
        .where('cases.lat', '<=', f.bbox.maxLat);
    }
  }
  return query
    .orderBy('cases.reportedAt', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export function selectTransitionsOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseTransitions')
    .leftJoin('units', 'units.id', 'caseTransitions.unitId')
    .select([
      'caseTransitions.caseId',
      'caseTransitions.seq',
      'caseTransitions.action',
      'caseTransitions.toStatus',
      'caseTransitions.at',
      'caseTransitions.note',
      'units.name as unitName',
    ])
    .where('caseTransitions.caseId', 'in', caseIds)
    .orderBy('caseTransitions.caseId')
    .orderBy('caseTransitions.seq')
    .execute();
}

/** Public transitions in a time range (mySociety servicerequestupdates). */
export function selectPublicUpdates(db: Db, cityCode: string, from: Date, to: Date, limit: number) {
  return db
    .selectFrom('caseTransitions')
    .innerJoin('cases', 'cases.id', 'caseTransitions.caseId')
    .innerJoin('categories', 'categories.id', 'cases.categoryId')
    .leftJoin('units', 'units.id', 'caseTransitions.unitId')
    .leftJoin('publicCaseFlags', 'publicCaseFlags.caseId', 'cases.id')
    .leftJoin('open311Services', (join) =>
      join
        .onRef('open311Services.cityCode', '=', 'cases.cityCode')
        .on('open311Services.serviceCode', '=', serviceCodeSql),
    )
    .select([
      'caseTransitions.id',
      'caseTransitions.caseId',
      'cases.caseNo',
      'caseTransitions.action',
      'caseTransitions.toStatus',
      'caseTransitions.at',
      'caseTransitions.note',
      'units.name as unitName',
    ])
    .where('cases.cityCode', '=', cityCode)
    .where((eb) => published(eb))
    .where('caseTransitions.at', '>=', from)
    .where('caseTransitions.at', '<=', to)
    .orderBy('caseTransitions.at')
    .orderBy('caseTransitions.id')
    .limit(limit)
    .execute();
}

/** Report-stage photos (the citizen's own) of published cases; EXIF was stripped on upload. */
export function selectReportPhotos(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('media')
    .select(['id', 'caseId'])
    .where('caseId', 'in', caseIds)
    .where('stage', '=', 'report')
    .orderBy('createdAt')
    .execute();
}

export function selectPhotoOfPublishedCase(db: Db, cityCode: string, mediaId: string) {
  return db
    .selectFrom('media')
    .innerJoin('cases', 'cases.id', 'media.caseId')
    .innerJoin('categories', 'categories.id', 'cases.categoryId')
    .leftJoin('publicCaseFlags', 'publicCaseFlags.caseId', 'cases.id')
    .leftJoin('open311Services', (join) =>
      join
        .onRef('open311Services.cityCode', '=', 'cases.cityCode')
        .on('open311Services.serviceCode', '=', serviceCodeSql),
    )
    .select(['media.storageKey', 'media.contentType'])
    .where('media.id', '=', mediaId)
    .where('media.stage', '=', 'report')
    .where('cases.cityCode', '=', cityCode)
    .where((eb) => published(eb))
    .executeTakeFirst();
}

/** A case (any, published or not) by number, for moderation by the centre. */
export function selectCaseRefByNo(db: Db, cityCode: string, caseNo: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'caseNo'])
    .where('cityCode', '=', cityCode)
    .where('caseNo', '=', caseNo)
    .executeTakeFirst();
}

export function selectIntakeOfCase(db: Db, cityCode: string, caseId: string) {
  return db
    .selectFrom('open311Requests')
    .select(['channel', 'serviceCode', 'attributes', 'contact', 'createdAt'])
    .where('cityCode', '=', cityCode)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

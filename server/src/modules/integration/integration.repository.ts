import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

// The SQL of the integration module: webhook subscriptions, the outbox, deliveries and their
// attempts, the exchange settings and runs. The overdue sweep READS cases (never writes them).

// ── Subscriptions ──

export async function insertSubscription(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    name: string;
    url: string;
    secret: string;
    eventTypes: string[];
    createdBy: string;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('webhookSubscriptions')
    .values({ ...row, eventTypes: JSON.stringify(row.eventTypes) })
    .execute();
}

const countAll = sql<number>`count(*)::int`.as('n');

export interface Page {
  limit: number;
  offset: number;
}

/** A city's subscriptions, active first, newest first. */
export async function selectSubscriptions(db: Db, cityCode: string, page: Page) {
  const base = db.selectFrom('webhookSubscriptions').where('cityCode', '=', cityCode);
  const [rows, total] = await Promise.all([
    base
      .select(['id', 'name', 'url', 'eventTypes', 'active', 'createdAt'])
      .orderBy('active', 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(countAll).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function deactivateSubscription(db: Db, cityCode: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('webhookSubscriptions')
    .set({ active: false })
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Active subscriptions of a city that want this event type. */
export async function selectSubscribers(db: Db, cityCode: string, eventType: string): Promise<string[]> {
  const rows = await db
    .selectFrom('webhookSubscriptions')
    .select(['id', 'eventTypes'])
    .where('cityCode', '=', cityCode)
    .where('active', '=', true)
    .execute();
  return rows.filter((r) => r.eventTypes.includes(eventType)).map((r) => r.id);
}

// ── Outbox and deliveries ──

/** Inserts an event; false when its dedupe key was already used (the event exists). */
export async function insertEvent(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    eventType: string;
    payload: Record<string, unknown>;
    dedupeKey: string | null;
    createdAt: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('outboxEvents')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertDeliveries(
  db: Db,
  rows: {
    id: string;
    cityCode: string;
    eventId: string;
    subscriptionId: string;
    nextAttemptAt: Date;
    createdAt: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhookDeliveries')
    .values(rows.map((r) => ({ ...r, status: 'pending' as const })))
    .execute();
}

/** Leases due deliveries to this worker until `until`; parallel workers skip them. */
export async function leaseDueDeliveries(db: Db, now: Date, until: Date, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('webhookDeliveries')
    .set({ lockedUntil: until })
    .where(
      'id',
      'in',
      db
        .selectFrom('webhookDeliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('nextAttemptAt', '<=', now)
        .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
        .orderBy('nextAttemptAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function selectDeliveryForSend(db: Db, id: string) {
  return db
    .selectFrom('webhookDeliveries')
    .innerJoin('outboxEvents', 'outboxEvents.id', 'webhookDeliveries.eventId')
    .innerJoin('webhookSubscriptions', 'webhookSubscriptions.id', 'webhookDeliveries.subscriptionId')
    .select([
      'webhookDeliveries.id',
      'webhookDeliveries.cityCode',
      'webhookDeliveries.attempts',
      'webhookDeliveries.status',
      'outboxEvents.id as eventId',
      'outboxEvents.eventType',
      'outboxEvents.payload',
      'outboxEvents.createdAt as eventAt',
      'webhookSubscriptions.url',
      'webhookSubscriptions.secret',
      'webhookSubscriptions.active',
    ])
    .where('webhookDeliveries.id', '=', id)
    .executeTakeFirst();
}

export async function nextAttemptNo(db: Db, deliveryId: string): Promise<number> {
  const row = await db
    .selectFrom('webhookAttempts')
    .select(sql<number>`coalesce(max(attempt_no), 0)::int`.as('n'))
    .where('deliveryId', '=', deliveryId)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

export async function insertAttempt(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    deliveryId: string;
    attemptNo: number;
    at: Date;
    httpStatus: number | null;
    error: string | null;
    durationMs: number;
  },
): Promise<void> {
  await db.insertInto('webhookAttempts').values(row).execute();
}

export async function updateDelivery(
  db: Db,
  id: string,
  patch: {
    status: 'pending' | 'delivered' | 'dead';
    attempts: number;
    nextAttemptAt?: Date;
    lastError: string | null;
    deliveredAt?: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set({ ...patch, lockedUntil: null })
    .where('id', '=', id)
    .execute();
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export async function selectDeliveries(
  db: Db,
  cityCode: string,
  status: DeliveryStatus | undefined,
  page: Page,
) {
  let counted = db.selectFrom('webhookDeliveries').where('cityCode', '=', cityCode);
  if (status) counted = counted.where('status', '=', status);
  let query = db
    .selectFrom('webhookDeliveries')
    .innerJoin('outboxEvents', 'outboxEvents.id', 'webhookDeliveries.eventId')
    .innerJoin('webhookSubscriptions', 'webhookSubscriptions.id', 'webhookDeliveries.subscriptionId')
    .select([
      'webhookDeliveries.id',
      'webhookDeliveries.status',
      'webhookDeliveries.attempts',
      'webhookDeliveries.nextAttemptAt',
      'webhookDeliveries.lastError',
      'webhookDeliveries.deliveredAt',
      'webhookDeliveries.createdAt',
      'outboxEvents.id as eventId',
      'outboxEvents.eventType',
      'outboxEvents.payload',
      'webhookSubscriptions.id as subscriptionId',
      'webhookSubscriptions.name as subscriptionName',
      'webhookSubscriptions.url',
    ])
    .where('webhookDeliveries.cityCode', '=', cityCode);
  if (status) query = query.where('webhookDeliveries.status', '=', status);
  const [rows, total] = await Promise.all([
    query
      .orderBy('webhookDeliveries.createdAt', 'desc')
      .orderBy('webhookDeliveries.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    counted.select(countAll).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** How many deliveries of a city are in each status. */
export function countDeliveriesByStatus(db: Db, cityCode: string) {
  return db
    .selectFrom('webhookDeliveries')
    .select(['status', countAll])
    .where('cityCode', '=', cityCode)
    .groupBy('status')
    .execute();
}

export function selectAttempts(db: Db, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhookAttempts')
    .select(['deliveryId', 'attemptNo', 'at', 'httpStatus', 'error', 'durationMs'])
    .where('deliveryId', 'in', deliveryIds)
    .orderBy('deliveryId')
    .orderBy('attemptNo')
    .execute();
}

export async function requeueDelivery(db: Db, cityCode: string, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lockedUntil: null })
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// ── Overdue sweep (reads cases) ──

const OPEN_TIMED = [
  'reported',
  'verifying',
  'accepted',
  'filed',
  'dispatched',
  'disposed',
  'checking',
  'checked',
  'check_failed',
];

/** Cases whose current stage passed its deadline and that have no overdue event for this stage yet. */
export function selectNewlyOverdue(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('cases')
    .leftJoin('outboxEvents', (join) =>
      join.on(
        'outboxEvents.dedupeKey',
        '=',
        sql<string>`'case.overdue:' || cases.id || ':' || cases.version`,
      ),
    )
    .select([
      'cases.id',
      'cases.cityCode',
      'cases.caseNo',
      'cases.status',
      'cases.kind',
      'cases.unitId',
      'cases.version',
      'cases.stageDeadlineAt',
    ])
    .where('cases.status', 'in', OPEN_TIMED)
    .where('cases.stageDeadlineAt', '<', now)
    .where('outboxEvents.id', 'is', null)
    .orderBy('cases.stageDeadlineAt')
    .limit(limit)
    .execute();
}

export function selectCitiesWithSubscriptions(db: Db): Promise<{ cityCode: string }[]> {
  return db
    .selectFrom('webhookSubscriptions')
    .select('cityCode')
    .where('active', '=', true)
    .distinct()
    .execute();
}

// ── Exchange ──

export async function upsertExchangeSettings(
  db: Db,
  row: { cityCode: string; targetUrl: string | null; targetDir: string | null; active: boolean },
): Promise<void> {
  await db
    .insertInto('exchangeSettings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('cityCode')
        .doUpdateSet({ targetUrl: row.targetUrl, targetDir: row.targetDir, active: row.active }),
    )
    .execute();
}

export function selectExchangeSettings(db: Db, cityCode: string) {
  return db.selectFrom('exchangeSettings').selectAll().where('cityCode', '=', cityCode).executeTakeFirst();
}

export function selectActiveExchangeCities(db: Db) {
  return db.selectFrom('exchangeSettings').select('cityCode').where('active', '=', true).execute();
}

/** Claims the scheduled run of a month: inserts it, or re-leases a failed one that is due. */
export async function claimScheduledRun(
  db: Db,
  row: { id: string; cityCode: string; period: string; startedAt: Date; lockedUntil: Date },
  retryBefore: Date,
): Promise<string | null> {
  const inserted = await db
    .insertInto('exchangeRuns')
    .values({ ...row, trigger: 'schedule', status: 'running', files: '[]' })
    .onConflict((oc) => oc.columns(['cityCode', 'period']).where('trigger', '=', 'schedule').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const retried = await db
    .updateTable('exchangeRuns')
    .set((eb) => ({
      status: 'running',
      lockedUntil: row.lockedUntil,
      attempts: eb('attempts', '+', 1),
      error: null,
    }))
    .where('cityCode', '=', row.cityCode)
    .where('period', '=', row.period)
    .where('trigger', '=', 'schedule')
    .where('status', '=', 'failed')
    .where('finishedAt', '<', retryBefore)
    .where('attempts', '<', 5)
    .returning('id')
    .executeTakeFirst();
  return retried?.id ?? null;
}

export async function insertManualRun(
  db: Db,
  row: { id: string; cityCode: string; period: string; startedAt: Date; lockedUntil: Date },
): Promise<void> {
  await db
    .insertInto('exchangeRuns')
    .values({ ...row, trigger: 'manual', status: 'running', files: '[]' })
    .execute();
}

export async function finishRun(
  db: Db,
  id: string,
  patch: {
    status: 'delivered' | 'failed';
    target: string | null;
    caseCount: number | null;
    files: { name: string; bytes: number; sha256: string }[];
    error: string | null;
    finishedAt: Date;
  },
): Promise<void> {
  await db
    .updateTable('exchangeRuns')
    .set({ ...patch, files: JSON.stringify(patch.files), lockedUntil: null })
    .where('id', '=', id)
    .execute();
}

export function selectRunById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('exchangeRuns')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectRuns(db: Db, cityCode: string, page: Page) {
  const base = db.selectFrom('exchangeRuns').where('cityCode', '=', cityCode);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(countAll).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

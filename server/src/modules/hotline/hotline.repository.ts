import { type ExpressionBuilder, type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type {
  Database,
  HotlineAlertsTable,
  HotlineArticlesTable,
  HotlineOrderLogTable,
  HotlineOrdersTable,
  HotlineSubjectsTable,
} from '../../platform/db/schema.js';

// The only file that names the hotline tables.

export type OrderRow = Selectable<HotlineOrdersTable>;
export type NewOrder = Insertable<HotlineOrdersTable>;

/** What reception fixes about a new order; everything else starts empty. */
export type OrderReception = Pick<
  NewOrder,
  | 'id'
  | 'cityCode'
  | 'channel'
  | 'callerName'
  | 'callerPhone'
  | 'confidential'
  | 'valid'
  | 'invalidReason'
  | 'appealType'
  | 'subjectId'
  | 'content'
  | 'address'
  | 'lng'
  | 'lat'
  | 'districtId'
  | 'urgent'
  | 'emergency'
  | 'status'
  | 'ownerId'
> & { receivedAt: Date; createdAt: Date; updatedAt: Date };

/**
 * A new order's row (without its number) as reception leaves it: no unit, answer, reply or
 * callback yet, the counters at their column defaults. One object literal, so that a bulk load's
 * rows share one shape (built by spreads, V8 keeps them as slow dictionaries).
 */
export function receivedOrderRow<Status extends string>(r: OrderReception & { status: Status }) {
  return {
    id: r.id,
    cityCode: r.cityCode,
    channel: r.channel,
    callerName: r.callerName,
    callerPhone: r.callerPhone,
    confidential: r.confidential,
    valid: r.valid,
    invalidReason: r.invalidReason,
    appealType: r.appealType,
    subjectId: r.subjectId,
    content: r.content,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    districtId: r.districtId,
    urgent: r.urgent,
    emergency: r.emergency,
    status: r.status,
    version: 1,
    ownerId: r.ownerId,
    leadUnitId: null,
    coUnitIds: [] as string[],
    deadlineAt: null,
    deadlineEstimated: false,
    pendingExtensionUntil: null,
    extensionCount: 0,
    returnCount: 0,
    reopenCount: 0,
    urgeCount: 0,
    progressCallCount: 0,
    supervision: null,
    articleId: null,
    answerText: null,
    replyText: null,
    unitSatisfaction: null,
    agentSatisfaction: null,
    caseId: null,
    caseNo: null,
    masterId: null,
    receivedAt: r.receivedAt,
    answeredAt: null,
    transferredAt: null,
    signedAt: null,
    repliedAt: null,
    calledBackAt: null,
    archivedAt: null,
    mergedAt: null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type OrderPatch = Updateable<HotlineOrdersTable>;
export type SubjectRow = Selectable<HotlineSubjectsTable>;
export type ArticleRow = Selectable<HotlineArticlesTable>;
export type AlertRow = Selectable<HotlineAlertsTable>;

export interface OrderLogRow {
  cityCode: string;
  orderId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  at: Date;
  note: string | null;
  unitId: string | null;
  deadlineAt: Date | null;
  unitSatisfaction?: string | null;
  agentSatisfaction?: string | null;
  data: Record<string, unknown>;
}

/** What an actor may see; absent fields do not narrow. */
export interface OrderScope {
  cityCode: string;
  /** unit staff: orders whose lead unit or a co-unit is theirs */
  unitId?: string;
  /** district leaders: orders located in their district */
  districtId?: string;
}

function scoped(eb: ExpressionBuilder<Database, 'hotlineOrders'>, scope: OrderScope) {
  const conditions = [eb('hotlineOrders.cityCode', '=', scope.cityCode)];
  if (scope.unitId) {
    conditions.push(
      eb.or([
        eb('hotlineOrders.leadUnitId', '=', scope.unitId),
        eb(sql.val(scope.unitId), '=', eb.fn.any('hotlineOrders.coUnitIds')),
      ]),
    );
  }
  if (scope.districtId) conditions.push(eb('hotlineOrders.districtId', '=', scope.districtId));
  return eb.and(conditions);
}

// ── dictionaries ────────────────────────────────────────────────────────────────────────────

export async function insertSubjectsIfMissing(
  db: Db,
  rows: Insertable<HotlineSubjectsTable>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('hotlineSubjects')
    .values(rows)
    .onConflict((oc) => oc.columns(['cityCode', 'code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function selectSubjects(db: Db, cityCode: string): Promise<SubjectRow[]> {
  return db
    .selectFrom('hotlineSubjects')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function selectSubjectByCode(db: Db, cityCode: string, code: string): Promise<SubjectRow | undefined> {
  return db
    .selectFrom('hotlineSubjects')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function selectSubjectById(db: Db, cityCode: string, id: string): Promise<SubjectRow | undefined> {
  return db
    .selectFrom('hotlineSubjects')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTimeLimitsIfMissing(
  db: Db,
  rows: {
    cityCode: string;
    appealType: string;
    amount: number;
    unit: 'minute' | 'hour' | 'day' | 'same_day';
  }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('hotlineTimeLimits')
    .values(rows)
    .onConflict((oc) => oc.columns(['cityCode', 'appealType']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function selectTimeLimits(db: Db, cityCode: string) {
  return db.selectFrom('hotlineTimeLimits').selectAll().where('cityCode', '=', cityCode).execute();
}

export function selectTimeLimit(db: Db, cityCode: string, key: string) {
  return db
    .selectFrom('hotlineTimeLimits')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('appealType', '=', key)
    .executeTakeFirst();
}

// ── work-order numbers ──────────────────────────────────────────────────────────────────────

/** Reserves `count` numbers of the city's day (Asia/Shanghai date) at once; returns the first. */
export async function reserveOrderSequences(
  db: Db,
  cityCode: string,
  day: string,
  count: number,
): Promise<number> {
  const row = await db
    .insertInto('hotlineOrderCounters')
    .values({ cityCode, day, lastSeq: count })
    .onConflict((oc) =>
      oc
        .columns(['cityCode', 'day'])
        .doUpdateSet((eb) => ({ lastSeq: eb('hotlineOrderCounters.lastSeq', '+', count) })),
    )
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return row.lastSeq - count + 1;
}

// ── orders and their log ────────────────────────────────────────────────────────────────────

export async function insertOrders(db: Db, rows: NewOrder[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('hotlineOrders').values(rows).execute();
}

export async function insertOrderLog(db: Db, rows: OrderLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('hotlineOrderLog')
    .values(
      rows.map((r) => ({
        ...r,
        unitSatisfaction: r.unitSatisfaction ?? null,
        agentSatisfaction: r.agentSatisfaction ?? null,
        data: JSON.stringify(r.data),
      })) as Insertable<HotlineOrderLogTable>[],
    )
    .execute();
}

export function selectOrderById(db: Db, scope: OrderScope, id: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('hotlineOrders')
    .selectAll()
    .where((eb) => eb.and([eb('hotlineOrders.id', '=', id), scoped(eb, scope)]))
    .executeTakeFirst();
}

export function selectOrdersByCaseId(db: Db, caseId: string): Promise<OrderRow[]> {
  return db.selectFrom('hotlineOrders').selectAll().where('caseId', '=', caseId).execute();
}

/** Optimistic update: succeeds only if nobody moved the order since `version`. */
export async function updateOrderAtVersion(
  db: Db,
  id: string,
  version: number,
  patch: OrderPatch,
): Promise<boolean> {
  const result = await db
    .updateTable('hotlineOrders')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function selectOrderLog(db: Db, orderId: string) {
  return db
    .selectFrom('hotlineOrderLog')
    .leftJoin('users', 'users.id', 'hotlineOrderLog.actorId')
    .leftJoin('units', 'units.id', 'hotlineOrderLog.unitId')
    .select([
      'hotlineOrderLog.seq',
      'hotlineOrderLog.action',
      'hotlineOrderLog.fromStatus',
      'hotlineOrderLog.toStatus',
      'hotlineOrderLog.actorRole',
      'hotlineOrderLog.at',
      'hotlineOrderLog.note',
      'hotlineOrderLog.deadlineAt',
      'hotlineOrderLog.unitSatisfaction',
      'hotlineOrderLog.agentSatisfaction',
      'hotlineOrderLog.data',
      'users.displayName as actorName',
      'units.name as unitName',
    ])
    .where('hotlineOrderLog.orderId', '=', orderId)
    .orderBy('hotlineOrderLog.seq')
    .execute();
}

export interface OrderListFilter {
  statuses?: readonly string[];
  appealType?: string;
  ownerId?: string;
  leadUnitOnly?: boolean;
  overdueAt?: Date;
  phone?: string;
  orderNo?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  limit: number;
  offset: number;
}

export async function selectOrderPage(db: Db, scope: OrderScope, f: OrderListFilter) {
  let q = db
    .selectFrom('hotlineOrders')
    .leftJoin('hotlineSubjects', 'hotlineSubjects.id', 'hotlineOrders.subjectId')
    .leftJoin('units', 'units.id', 'hotlineOrders.leadUnitId')
    .where((eb) => scoped(eb, scope));
  if (f.statuses) q = q.where('hotlineOrders.status', 'in', [...f.statuses]);
  if (f.appealType) q = q.where('hotlineOrders.appealType', '=', f.appealType);
  if (f.ownerId) q = q.where('hotlineOrders.ownerId', '=', f.ownerId);
  if (f.leadUnitOnly && scope.unitId) q = q.where('hotlineOrders.leadUnitId', '=', scope.unitId);
  if (f.overdueAt) {
    q = q
      .where('hotlineOrders.status', 'in', ['transferred', 'signed'])
      .where('hotlineOrders.deadlineAt', '<', f.overdueAt);
  }
  if (f.phone) q = q.where('hotlineOrders.callerPhone', '=', f.phone);
  if (f.orderNo) q = q.where('hotlineOrders.orderNo', '=', f.orderNo);
  if (f.receivedFrom) q = q.where('hotlineOrders.receivedAt', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('hotlineOrders.receivedAt', '<', f.receivedTo);
  const [rows, count] = await Promise.all([
    q
      .selectAll('hotlineOrders')
      .select([
        'hotlineSubjects.name as subjectName',
        'hotlineSubjects.groupName as subjectGroup',
        'units.name as leadUnitName',
      ])
      .orderBy('hotlineOrders.receivedAt', 'desc')
      .orderBy('hotlineOrders.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export function selectOrderLabels(db: Db, order: OrderRow) {
  return Promise.all([
    order.subjectId
      ? db
          .selectFrom('hotlineSubjects')
          .select(['name', 'groupName', 'code'])
          .where('id', '=', order.subjectId)
          .executeTakeFirst()
      : undefined,
    order.leadUnitId
      ? db.selectFrom('units').select('name').where('id', '=', order.leadUnitId).executeTakeFirst()
      : undefined,
    order.coUnitIds.length > 0
      ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', order.coUnitIds).execute()
      : [],
    order.ownerId
      ? db.selectFrom('users').select('displayName').where('id', '=', order.ownerId).executeTakeFirst()
      : undefined,
  ]);
}

// ── knowledge base ──────────────────────────────────────────────────────────────────────────

export async function insertArticle(db: Db, row: Insertable<HotlineArticlesTable>): Promise<void> {
  await db.insertInto('hotlineArticles').values(row).execute();
}

export async function updateArticleAtVersion(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<HotlineArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('hotlineArticles')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

const articleColumns = [
  'hotlineArticles.id',
  'hotlineArticles.cityCode',
  'hotlineArticles.title',
  'hotlineArticles.body',
  'hotlineArticles.tags',
  'hotlineArticles.unitId',
  'hotlineArticles.validFrom',
  'hotlineArticles.validTo',
  'hotlineArticles.version',
  'hotlineArticles.createdAt',
  'hotlineArticles.updatedAt',
] as const;

export function selectArticle(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('hotlineArticles')
    .leftJoin('units', 'units.id', 'hotlineArticles.unitId')
    .select([...articleColumns, 'units.name as unitName'])
    .where('hotlineArticles.cityCode', '=', cityCode)
    .where('hotlineArticles.id', '=', id)
    .executeTakeFirst();
}

export function selectArticleTitles(db: Db, cityCode: string, titles: string[]) {
  return db
    .selectFrom('hotlineArticles')
    .select('title')
    .where('cityCode', '=', cityCode)
    .where('title', 'in', titles)
    .execute();
}

/**
 * Articles containing every token, best match first (ts_rank over the token vector). The
 * query is built as tsquery lexemes directly, never through a text parser. `validOn` keeps
 * only articles valid that day; omit it to include expired ones.
 */
export async function searchArticles(
  db: Db,
  cityCode: string,
  tokens: string[],
  options: { validOn?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('hotlineArticles')
    .leftJoin('units', 'units.id', 'hotlineArticles.unitId')
    .where('hotlineArticles.cityCode', '=', cityCode);
  const query = tokens.map((t) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' & ');
  if (tokens.length > 0) q = q.where(sql<boolean>`hotline_articles.search_vector @@ ${query}::tsquery`);
  if (options.validOn) {
    const day = options.validOn;
    q = q.where((eb) =>
      eb.and([
        eb.or([eb('hotlineArticles.validFrom', 'is', null), eb('hotlineArticles.validFrom', '<=', day)]),
        eb.or([eb('hotlineArticles.validTo', 'is', null), eb('hotlineArticles.validTo', '>=', day)]),
      ]),
    );
  }
  const rank =
    tokens.length > 0
      ? sql<number>`ts_rank(hotline_articles.search_vector, ${query}::tsquery)`
      : sql<number>`0`;
  const [rows, count] = await Promise.all([
    q
      .select([...articleColumns, 'units.name as unitName', rank.as('rank')])
      .orderBy('rank', 'desc')
      .orderBy('hotlineArticles.updatedAt', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

// ── emergency alerts ────────────────────────────────────────────────────────────────────────

export async function insertAlert(db: Db, row: Insertable<HotlineAlertsTable>): Promise<void> {
  await db.insertInto('hotlineAlerts').values(row).execute();
}

export async function updateAlert(db: Db, id: string, patch: Updateable<HotlineAlertsTable>): Promise<void> {
  await db.updateTable('hotlineAlerts').set(patch).where('id', '=', id).execute();
}

/** What the webhook carries: the alert and where it happened (no caller contacts). */
export function selectAlertPayload(db: Db, alertId: string) {
  return db
    .selectFrom('hotlineAlerts')
    .innerJoin('hotlineOrders', 'hotlineOrders.id', 'hotlineAlerts.orderId')
    .select([
      'hotlineAlerts.id',
      'hotlineAlerts.cityCode',
      'hotlineAlerts.emergency',
      'hotlineAlerts.summary',
      'hotlineAlerts.createdAt',
      'hotlineOrders.orderNo',
      'hotlineOrders.address',
      'hotlineOrders.lng',
      'hotlineOrders.lat',
    ])
    .where('hotlineAlerts.id', '=', alertId)
    .executeTakeFirst();
}

/** Marks an alert acknowledged unless someone already did; false when it was. */
export async function acknowledgeAlertRow(
  db: Db,
  id: string,
  patch: { acknowledgedAt: Date; acknowledgedBy: string; ackNote: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('hotlineAlerts')
    .set(patch)
    .where('id', '=', id)
    .where('acknowledgedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function selectAlert(db: Db, cityCode: string, id: string): Promise<AlertRow | undefined> {
  return db
    .selectFrom('hotlineAlerts')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectAlerts(db: Db, cityCode: string, openOnly: boolean) {
  let q = db
    .selectFrom('hotlineAlerts')
    .innerJoin('hotlineOrders', 'hotlineOrders.id', 'hotlineAlerts.orderId')
    .selectAll('hotlineAlerts')
    .select(['hotlineOrders.orderNo', 'hotlineOrders.address', 'hotlineOrders.status as orderStatus'])
    .where('hotlineAlerts.cityCode', '=', cityCode);
  if (openOnly) q = q.where('hotlineAlerts.acknowledgedAt', 'is', null);
  return q.orderBy('hotlineAlerts.createdAt', 'desc').limit(200).execute();
}

// ── statistics ──────────────────────────────────────────────────────────────────────────────

export interface OrderFactRow {
  valid: boolean;
  appealType: string | null;
  subjectGroup: string | null;
  answered: boolean;
  transferred: boolean;
  lastLeadUnitId: string | null;
  statusAtAsOf: string;
  convertedToCase: boolean;
  orders: number;
}

/**
 * The orders received in [from, to) and by `asOf`, not merged into another by then, by what
 * their logs say as of `asOf`: answered directly, transferred, the last lead unit transferred to,
 * the state; one row per combination with how many orders share it.
 */
export async function selectOrderFacts(db: Db, cityCode: string, from: Date, to: Date, asOf: Date) {
  // The month's orders, each with its own log read through (order_id, seq): the work follows the
  // month, not the history (a join over the whole log read all 4.8 M rows of a 10 M-case city's
  // log to find the month's 470,000: 1.9 s, then 0.65 s). Grouped here: a 10 M-case city's
  // month has ~140,000 orders but a few thousand distinct facts, and sending and parsing a row
  // per order was a good part of the time.
  const result = await sql<OrderFactRow>`
    WITH o AS (
      SELECT o.id, o.valid, o.appeal_type, s.group_name AS subject_group
      FROM hotline_orders o
      LEFT JOIN hotline_subjects s ON s.id = o.subject_id
      WHERE o.city_code = ${cityCode} AND o.received_at >= ${from} AND o.received_at < ${to}
        AND o.received_at <= ${asOf}
        AND (o.merged_at IS NULL OR o.merged_at > ${asOf})
    )
    SELECT o.valid, o.appeal_type, o.subject_group,
      coalesce(l.answered, false) AS answered,
      coalesce(l.transferred, false) AS transferred,
      coalesce(l.converted_to_case, false) AS converted_to_case,
      l.last_lead_unit_id, l.status_at_as_of,
      count(*)::int AS orders
    FROM o LEFT JOIN LATERAL (
      SELECT
        bool_or(l.action = 'answer') AS answered,
        bool_or(l.action = 'transfer') AS transferred,
        bool_or(l.action = 'convert') AS converted_to_case,
        (array_agg(l.unit_id ORDER BY l.seq DESC) FILTER (WHERE l.action = 'transfer'))[1]
          AS last_lead_unit_id,
        (array_agg(l.to_status ORDER BY l.seq DESC))[1] AS status_at_as_of
      FROM hotline_order_log l
      WHERE l.order_id = o.id AND l.at <= ${asOf}
    ) l ON true
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  `.execute(db);
  return result.rows;
}

/**
 * selectOrderFacts of a whole month as of its end, from the maintained hotline_order_facts
 * (migration 0017): the same rows, one grouped scan instead of every order's log.
 */
export async function selectOrderFactsOfMonth(db: Db, cityCode: string, month: string, asOf: Date) {
  // Grouped by subject before the subjects' groups are joined: grouping ~144,000 rows by the
  // joined name, the planner sorted them on disk (0.7 s); by the id it hashes them (0.14 s).
  const result = await sql<OrderFactRow>`
    WITH g AS (
      SELECT f.valid, f.appeal_type, f.subject_id, f.answered, f.transferred, f.converted_to_case,
        f.last_lead_unit_id, f.status_at_month_end, count(*) AS orders
      FROM hotline_order_facts f
      WHERE f.city_code = ${cityCode} AND f.month = ${month}
        AND (f.merged_at IS NULL OR f.merged_at > ${asOf})
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    )
    SELECT g.valid, g.appeal_type, s.group_name AS subject_group, g.answered, g.transferred,
      g.converted_to_case, g.last_lead_unit_id, g.status_at_month_end AS status_at_as_of,
      sum(g.orders)::int AS orders
    FROM g LEFT JOIN hotline_subjects s ON s.id = g.subject_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  `.execute(db);
  return result.rows;
}

/** How many orders were received in [from, to) by `asOf` and not merged into another by then. */
export async function countOrdersReceived(db: Db, cityCode: string, from: Date, to: Date, asOf: Date) {
  const row = await db
    .selectFrom('hotlineOrders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cityCode', '=', cityCode)
    .where('receivedAt', '>=', from)
    .where('receivedAt', '<', to)
    .where('receivedAt', '<=', asOf)
    .where((eb) => eb.or([eb('mergedAt', 'is', null), eb('mergedAt', '>', asOf)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The callbacks (回访) made in [from, to) up to `asOf`, on orders not merged away, counted by their two judgements. */
export async function selectCallbackFacts(db: Db, cityCode: string, from: Date, to: Date, asOf: Date) {
  return (
    db
      .selectFrom('hotlineOrderLog')
      .select((eb) => [
        'hotlineOrderLog.unitSatisfaction',
        'hotlineOrderLog.agentSatisfaction',
        eb.fn.countAll<number>().as('callbacks'),
      ])
      .where('hotlineOrderLog.cityCode', '=', cityCode)
      .where('hotlineOrderLog.action', '=', 'callback')
      .where('hotlineOrderLog.at', '>=', from)
      .where('hotlineOrderLog.at', '<', to)
      .where('hotlineOrderLog.at', '<=', asOf)
      // Merged orders are few and have their own small index (0015): an anti-join on it, where a
      // join with every order read the whole orders table.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('hotlineOrders as merged')
              .select('merged.id')
              .whereRef('merged.id', '=', 'hotlineOrderLog.orderId')
              .where('merged.mergedAt', 'is not', null)
              .where('merged.mergedAt', '<=', asOf),
          ),
        ),
      )
      .groupBy(['hotlineOrderLog.unitSatisfaction', 'hotlineOrderLog.agentSatisfaction'])
      .execute()
  );
}

/** Fresh planner statistics after a bulk load (PGlite runs no autovacuum). */
export async function analyzeHotlineTables(db: Db): Promise<void> {
  await sql`ANALYZE hotline_orders`.execute(db);
  await sql`ANALYZE hotline_order_log`.execute(db);
}

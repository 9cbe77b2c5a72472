import type { CaseKind, CaseStatus } from '@cityloop/contracts/cases';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CasePatch, CaseRow, Database, NewCase } from '../../platform/db/schema.js';
import type { AuditRowInsert } from '../audit/index.js';

/** The slice of the city an actor may see; absent fields do not narrow. */
export interface CaseScope {
  cityCode: string;
  unitId?: string;
  districtId?: string;
  /** Collectors: cases they reported or were sent to verify/check. */
  collectorId?: string;
}

function scoped(eb: ExpressionBuilder<Database, 'cases'>, scope: CaseScope) {
  const conditions = [eb('cases.cityCode', '=', scope.cityCode)];
  if (scope.unitId) conditions.push(eb('cases.unitId', '=', scope.unitId));
  if (scope.districtId) conditions.push(eb('cases.districtId', '=', scope.districtId));
  if (scope.collectorId) {
    conditions.push(
      eb.or([eb('cases.reporterId', '=', scope.collectorId), eb('cases.assigneeId', '=', scope.collectorId)]),
    );
  }
  return eb.and(conditions);
}

export function selectCaseById(db: Db, scope: CaseScope, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => eb.and([eb('cases.id', '=', id), scoped(eb, scope)]))
    .executeTakeFirst();
}

export function selectCaseByNo(db: Db, cityCode: string, caseNo: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('caseNo', '=', caseNo)
    .executeTakeFirst();
}

export function selectCaseByIdempotencyKey(
  db: Db,
  cityCode: string,
  key: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();
}

/** Raises the day's counter to at least `seq` (imported numbers must not be handed out again). */
export async function reserveDailySequence(
  db: Db,
  cityCode: string,
  day: string,
  seq: number,
): Promise<void> {
  await db
    .insertInto('caseNumberCounters')
    .values({ cityCode, day, lastSeq: seq })
    .onConflict((oc) =>
      oc.columns(['cityCode', 'day']).doUpdateSet({
        lastSeq: sql<number>`greatest(case_number_counters.last_seq, excluded.last_seq)`,
      }),
    )
    .execute();
}

/** The names a case page shows beside the ids a report sets (both case reads join these). */
const REPORT_LABELS = [
  'categories.code as categoryCode',
  'categories.name as categoryName',
  'categories.majorName as categoryMajorName',
  'grids.code as gridCode',
  'district.name as districtName',
  'reporter.displayName as reporterName',
] as const;

/**
 * A new case, its first log row and its audit row in ONE statement (a data-modifying WITH is
 * atomic like a transaction, and costs one round trip instead of five), returning the case with
 * the names its page shows. The log row's foreign key and the monthly-facts triggers run at the
 * end of the statement, when all three rows are there.
 */
export function insertReportedCase(db: Db, row: NewCase, first: TransitionRow, audit: AuditRowInsert) {
  return db
    .with('newCase', (qc) => qc.insertInto('cases').values(row).returningAll())
    .with('firstEntry', (qc) =>
      qc.insertInto('caseTransitions').values({ ...first, data: JSON.stringify(first.data) }),
    )
    .with('audit', () => audit)
    .selectFrom('newCase')
    .innerJoin('categories', 'categories.id', 'newCase.categoryId')
    .leftJoin('grids', 'grids.id', 'newCase.gridId')
    .leftJoin('regions as district', 'district.id', 'newCase.districtId')
    .leftJoin('users as reporter', 'reporter.id', 'newCase.reporterId')
    .selectAll('newCase')
    .select(REPORT_LABELS)
    .executeTakeFirstOrThrow();
}

/** Optimistic update: succeeds only if nobody moved the case since `version`. */
export async function updateCaseAtVersion(
  db: Db,
  id: string,
  version: number,
  patch: CasePatch,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface TransitionRow {
  cityCode: string;
  caseId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  at: Date;
  note: string | null;
  deadlineAt: Date | null;
  unitId: string | null;
  data: Record<string, unknown>;
}

export async function insertTransitions(db: Db, rows: TransitionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('caseTransitions')
    .values(rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .execute();
}

export function selectTransitions(db: Db, caseId: string) {
  return db
    .selectFrom('caseTransitions')
    .leftJoin('users', 'users.id', 'caseTransitions.actorId')
    .leftJoin('units', 'units.id', 'caseTransitions.unitId')
    .select([
      'caseTransitions.seq',
      'caseTransitions.action',
      'caseTransitions.fromStatus',
      'caseTransitions.toStatus',
      'caseTransitions.actorRole',
      'caseTransitions.at',
      'caseTransitions.note',
      'caseTransitions.deadlineAt',
      'caseTransitions.data',
      'users.login as actorLogin',
      'users.displayName as actorName',
      'units.name as unitName',
    ])
    .where('caseTransitions.caseId', '=', caseId)
    .orderBy('caseTransitions.seq')
    .execute();
}

export async function lastTransitionAt(db: Db, caseId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('caseTransitions')
    .select('at')
    .where('caseId', '=', caseId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}

export interface CaseListFilter {
  statuses?: readonly CaseStatus[];
  overdueAt?: Date;
  districtId?: string;
  gridCode?: string;
  categoryCode?: string;
  kind?: CaseKind;
  source?: string;
  unitId?: string;
  reportedFrom?: Date;
  reportedTo?: Date;
  caseNo?: string;
  /** true: a 延期 request waits for approval; false: none waits. */
  pendingExtension?: boolean;
  sort: 'deadline' | 'reported_desc';
  limit: number;
  offset: number;
}

const OPEN_FOR_OVERDUE: CaseStatus[] = [
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

/** The ids of a city's grids or categories with a code (a grid's is unique; a category's, per kind). */
function idsByCode(db: Db, table: 'grids' | 'categories', cityCode: string, code: string) {
  return db.selectFrom(table).select('id').where('cityCode', '=', cityCode).where('code', '=', code);
}

export async function selectCasePage(db: Db, scope: CaseScope, f: CaseListFilter) {
  // Every filter is on the cases' own columns (a grid or category named by code is looked up as
  // its id), so the page is chosen from cases alone, in the order of an index where one fits
  // (cases_open_district_category_idx and its kin: 50 rows read for 50 shown), and only the
  // page's rows are joined to their names. Joined first, the planner sorted every match.
  let q = db.selectFrom('cases').where((eb) => scoped(eb, scope));
  if (f.statuses) q = q.where('cases.status', 'in', f.statuses);
  if (f.overdueAt) {
    q = q.where('cases.status', 'in', OPEN_FOR_OVERDUE).where('cases.stageDeadlineAt', '<', f.overdueAt);
  }
  if (f.districtId) q = q.where('cases.districtId', '=', f.districtId);
  if (f.gridCode) q = q.where('cases.gridId', '=', idsByCode(db, 'grids', scope.cityCode, f.gridCode));
  if (f.categoryCode) {
    // A code with its kind names one category; a code alone may name an event and a part
    // category. A case's kind is its category's kind, so the category settles the kind.
    const ids = idsByCode(db, 'categories', scope.cityCode, f.categoryCode);
    q = f.kind
      ? q.where('cases.categoryId', '=', ids.where('kind', '=', f.kind))
      : q.where('cases.categoryId', 'in', ids);
  } else if (f.kind) {
    q = q.where('cases.kind', '=', f.kind);
  }
  if (f.source) q = q.where('cases.source', '=', f.source);
  if (f.unitId) q = q.where('cases.unitId', '=', f.unitId);
  if (f.reportedFrom) q = q.where('cases.reportedAt', '>=', f.reportedFrom);
  if (f.reportedTo) q = q.where('cases.reportedAt', '<', f.reportedTo);
  if (f.caseNo) q = q.where('cases.caseNo', '=', f.caseNo);
  if (f.pendingExtension !== undefined) {
    q = q.where('cases.pendingExtensionUntil', f.pendingExtension ? 'is not' : 'is', null);
  }

  const page = (
    f.sort === 'deadline'
      ? q.orderBy(sql`cases.stage_deadline_at asc nulls last`).orderBy('cases.id')
      : q.orderBy('cases.reportedAt', 'desc').orderBy('cases.id', 'desc')
  )
    .selectAll('cases')
    .limit(f.limit)
    .offset(f.offset);
  const named = db
    .selectFrom(page.as('page'))
    .innerJoin('categories', 'categories.id', 'page.categoryId')
    .leftJoin('units', 'units.id', 'page.unitId')
    .leftJoin('grids', 'grids.id', 'page.gridId')
    .leftJoin('regions as district', 'district.id', 'page.districtId');
  const [rows, total] = await Promise.all([
    (f.sort === 'deadline'
      ? named.orderBy(sql`page.stage_deadline_at asc nulls last`).orderBy('page.id')
      : named.orderBy('page.reportedAt', 'desc').orderBy('page.id', 'desc')
    )
      .select([
        'page.id',
        'page.caseNo',
        'page.status',
        'page.version',
        'page.source',
        'page.kind',
        'page.description',
        'page.address',
        'page.lng',
        'page.lat',
        'page.urgent',
        'page.supervision',
        'page.selfDisposed',
        'page.reportedAt',
        'page.deadlineAt',
        'page.stageDeadlineAt',
        'page.stageWarningAt',
        'page.deadlineEstimated',
        'page.pendingExtensionUntil',
        'categories.code as categoryCode',
        'categories.name as categoryName',
        'units.name as unitName',
        'grids.code as gridCode',
        'district.name as districtName',
      ])
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function countQueues(db: Db, scope: CaseScope, now: Date) {
  const rows = await db
    .selectFrom('cases')
    .where((eb) => scoped(eb, scope))
    .where('cases.status', 'not in', ['closed', 'voided'])
    .select([
      'cases.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('cases.id').filterWhere('cases.stageDeadlineAt', '<', now).as('overdue'),
      (eb) =>
        eb.fn
          .count<number>('cases.id')
          .filterWhere('cases.pendingExtensionUntil', 'is not', null)
          .as('pendingExtension'),
      (eb) =>
        eb.fn
          .count<number>('cases.id')
          .filterWhere((w) =>
            w.and([w('cases.pendingExtensionUntil', 'is not', null), w('cases.stageDeadlineAt', '<', now)]),
          )
          .as('pendingExtensionOverdue'),
    ])
    .groupBy('cases.status')
    .execute();
  return rows;
}

export interface MediaRow {
  id: string;
  cityCode: string;
  caseId: string;
  stage: 'report' | 'dispose' | 'check' | 'before' | 'after';
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedSha256: string;
  uploadedBy: string | null;
  createdAt: Date;
}

/** Inserts a photo unless the same bytes are already attached at that stage; returns the row's id. */
export async function insertMediaOnce(db: Db, row: MediaRow): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('media')
    .values(row)
    .onConflict((oc) => oc.columns(['caseId', 'stage', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('media')
    .select('id')
    .where('caseId', '=', row.caseId)
    .where('stage', '=', row.stage)
    .where('sha256', '=', row.sha256)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export function selectCaseMedia(db: Db, caseId: string) {
  return db
    .selectFrom('media')
    .select(['id', 'stage', 'contentType', 'byteSize', 'uploadedSha256', 'createdAt'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute();
}

export function selectMediaById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('media')
    .selectAll()
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countMediaSince(
  db: Db,
  caseId: string,
  stage: MediaRow['stage'],
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('caseId', '=', caseId)
    .where('stage', '=', stage)
    .where('createdAt', '>=', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

export type TimelineEntry = Awaited<ReturnType<typeof selectTransitions>>[number];
export type CaseWithLabels = NonNullable<Awaited<ReturnType<typeof selectCaseWithLabels>>>;
export type CaseLabels = Omit<CaseWithLabels, keyof CaseRow>;
/** The labels of a case just reported: it has no unit and no assignee yet. */
export type NewCaseLabels = Omit<CaseLabels, 'unitName' | 'assigneeName'>;

/** A case in the actor's scope, with the names its page shows beside its ids. */
export function selectCaseWithLabels(db: Db, scope: CaseScope, id: string) {
  return db
    .selectFrom('cases')
    .innerJoin('categories', 'categories.id', 'cases.categoryId')
    .leftJoin('units', 'units.id', 'cases.unitId')
    .leftJoin('grids', 'grids.id', 'cases.gridId')
    .leftJoin('regions as district', 'district.id', 'cases.districtId')
    .leftJoin('users as reporter', 'reporter.id', 'cases.reporterId')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assigneeId')
    .selectAll('cases')
    .select([...REPORT_LABELS, 'units.name as unitName', 'assignee.displayName as assigneeName'])
    .where((eb) => eb.and([eb('cases.id', '=', id), scoped(eb, scope)]))
    .executeTakeFirst();
}

// exchange CSV
// Bulk paths of the case import/export (case-exchange.service.ts). Reading users and regions
// here keeps a many-thousand-row import at one query per batch instead of one per row.

/** Users of the city by login (the reporter column), with their role for the report step. */
export function selectUsersByLogins(db: Db, cityCode: string, logins: readonly string[]) {
  if (logins.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'login', 'role'])
    .where('cityCode', '=', cityCode)
    .where('login', 'in', logins)
    .execute();
}

/** The city region's bounding box: a cheap "is this point in the city at all" test. */
export function selectCityBounds(db: Db, cityCode: string) {
  return db
    .selectFrom('regions')
    .select(['minLng', 'minLat', 'maxLng', 'maxLat'])
    .where('cityCode', '=', cityCode)
    .where('level', '=', 'city')
    .executeTakeFirst();
}

/** Which of these case numbers the city already has, with their report time. */
export async function selectExistingCaseNos(
  db: Db,
  cityCode: string,
  caseNos: readonly string[],
): Promise<Map<string, Date>> {
  if (caseNos.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['caseNo', 'reportedAt'])
    .where('cityCode', '=', cityCode)
    .where('caseNo', 'in', caseNos)
    .execute();
  return new Map(rows.map((r) => [r.caseNo, r.reportedAt]));
}

/**
 * Raises several days' counters at once to at least the given numbers (one entry per day). The
 * days are locked in date order, so two transactions raising overlapping days wait for each
 * other instead of deadlocking.
 */
export async function reserveDailySequences(db: Db, cityCode: string, maxByDay: ReadonlyMap<string, number>) {
  if (maxByDay.size === 0) return;
  await db
    .insertInto('caseNumberCounters')
    .values(
      [...maxByDay]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, lastSeq]) => ({ cityCode, day, lastSeq })),
    )
    .onConflict((oc) =>
      oc.columns(['cityCode', 'day']).doUpdateSet({
        lastSeq: sql<number>`greatest(case_number_counters.last_seq, excluded.last_seq)`,
      }),
    )
    .execute();
}

/** Takes `count` consecutive numbers of a day atomically; returns the first. */
export async function takeDailySequences(
  db: Db,
  cityCode: string,
  day: string,
  count: number,
): Promise<number> {
  const row = await db
    .insertInto('caseNumberCounters')
    .values({ cityCode, day, lastSeq: count })
    .onConflict((oc) =>
      oc
        .columns(['cityCode', 'day'])
        .doUpdateSet((eb) => ({ lastSeq: eb('caseNumberCounters.lastSeq', '+', count) })),
    )
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return row.lastSeq - count + 1;
}

// Large enough for a whole bulk batch's log (a few thousand cases): each statement runs the
// facts trigger of 0006 once more.
const TRANSITION_UNNEST_CHUNK = 50_000;

/** An element of an unnest array: instants as ISO text, which pg's own Date formatting is slow at. */
function arrayValue<T>(value: T): T | string | null {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** Each column of `cases` with the array type its values travel as in an unnest insert. */
const CASE_COLUMN_TYPES: Record<keyof NewCase, string> = {
  id: 'uuid',
  cityCode: 'text',
  caseNo: 'text',
  source: 'text',
  kind: 'text',
  categoryId: 'uuid',
  description: 'text',
  address: 'text',
  lng: 'float8',
  lat: 'float8',
  gridId: 'uuid',
  districtId: 'uuid',
  streetId: 'uuid',
  reporterId: 'uuid',
  assigneeId: 'uuid',
  unitId: 'uuid',
  status: 'text',
  version: 'int',
  selfDisposed: 'bool',
  urgent: 'bool',
  supervision: 'text',
  reportedAt: 'timestamptz',
  filedAt: 'timestamptz',
  voidedAt: 'timestamptz',
  parkedAt: 'timestamptz',
  dispatchedAt: 'timestamptz',
  deadlineAt: 'timestamptz',
  disposedAt: 'timestamptz',
  checkedAt: 'timestamptz',
  closedAt: 'timestamptz',
  stageDeadlineAt: 'timestamptz',
  stageWarningAt: 'timestamptz',
  deadlineEstimated: 'bool',
  pendingExtensionUntil: 'timestamptz',
  reworkCount: 'int',
  extensionCount: 'int',
  returnCount: 'int',
  idempotencyKey: 'text',
  requestHash: 'text',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  partId: 'uuid',
};

/**
 * Cases and their logs in one statement per batch: the cases go in as data-modifying WITH parts,
 * the log as the statement itself. The statement-level facts triggers (0006, 0012) then run once
 * and see each case with its log, so the case trigger does not write the all-false facts row
 * that the log trigger would rewrite at once (a quarter of a bulk batch's database time went on
 * that). A log longer than one unnest chunk continues in further statements.
 */
export async function insertCaseHistoriesBulk(
  db: Db,
  cases: readonly NewCase[],
  log: readonly TransitionRow[],
): Promise<void> {
  const caseInserts = caseInsertStatements(cases).map(
    (insert, i) => sql`${sql.id(`new_cases_${i}`)} AS (${insert})`,
  );
  const chunks: TransitionRow[][] = [];
  for (let i = 0; i < log.length; i += TRANSITION_UNNEST_CHUNK)
    chunks.push(log.slice(i, i + TRANSITION_UNNEST_CHUNK));
  const [first, ...rest] = chunks;
  const main = first ? transitionsInsert(first) : sql`SELECT 1`;
  await (caseInserts.length > 0 ? sql`WITH ${sql.join(caseInserts)} ${main}` : main).execute(db);
  for (const chunk of rest) await transitionsInsert(chunk).execute(db);
}

/**
 * Cases as one array per column (unnest): 42 bind parameters whatever the number of rows. Rows
 * leaving different columns unset go in separate inserts, each column they leave unset taking
 * its default as in a multi-row INSERT.
 */
function caseInsertStatements(rows: readonly NewCase[]) {
  const bySetColumns = new Map<string, NewCase[]>();
  for (const row of rows) {
    let key = '';
    for (const column in row) if (row[column as keyof NewCase] !== undefined) key += `${column},`;
    const group = bySetColumns.get(key);
    if (group) group.push(row);
    else bySetColumns.set(key, [row]);
  }
  return [...bySetColumns].map(([key, group]) => {
    const columns = key.slice(0, -1).split(',') as (keyof NewCase)[];
    const names = columns.map((c) => sql.ref(c));
    const arrays = columns.map(
      (c) => sql`${group.map((r) => arrayValue(r[c]))}::${sql.raw(`${CASE_COLUMN_TYPES[c]}[]`)}`,
    );
    return sql`INSERT INTO cases (${sql.join(names)}) SELECT * FROM unnest(${sql.join(arrays)})`;
  });
}

/** Log rows as one array per column (unnest): 13 bind parameters whatever the number of rows. */
function transitionsInsert(rows: readonly TransitionRow[]) {
  const col = <K extends keyof TransitionRow>(key: K) => rows.map((r) => arrayValue(r[key]));
  return sql`
    INSERT INTO case_transitions
      (city_code, case_id, seq, action, from_status, to_status, actor_id, actor_role, at, note,
       deadline_at, unit_id, data)
    SELECT * FROM unnest(
      ${col('cityCode')}::text[], ${col('caseId')}::uuid[], ${col('seq')}::int[],
      ${col('action')}::text[], ${col('fromStatus')}::text[], ${col('toStatus')}::text[],
      ${col('actorId')}::uuid[], ${col('actorRole')}::text[], ${col('at')}::timestamptz[],
      ${col('note')}::text[], ${col('deadlineAt')}::timestamptz[], ${col('unitId')}::uuid[],
      ${rows.map((r) => JSON.stringify(r.data))}::jsonb[])
  `;
}

export interface ReportedRange {
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
}

export async function countCasesReported(db: Db, cityCode: string, range: ReportedRange): Promise<number> {
  let q = db.selectFrom('cases').where('cityCode', '=', cityCode);
  if (range.from) q = q.where('reportedAt', '>=', range.from);
  if (range.to) q = q.where('reportedAt', '<', range.to);
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of cases in (reported_at, id) order after the given key, with the names the
 * exchange CSV carries. Keyset paging: each page is an index range scan, never an OFFSET skip.
 */
export function selectExchangePage(
  db: Db,
  cityCode: string,
  range: ReportedRange,
  after: { reportedAt: Date; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('cases')
    .innerJoin('categories', 'categories.id', 'cases.categoryId')
    .leftJoin('grids', 'grids.id', 'cases.gridId')
    .leftJoin('regions as district', 'district.id', 'cases.districtId')
    .leftJoin('units', 'units.id', 'cases.unitId')
    .leftJoin('users as reporter', 'reporter.id', 'cases.reporterId')
    .where('cases.cityCode', '=', cityCode);
  if (range.from) q = q.where('cases.reportedAt', '>=', range.from);
  if (range.to) q = q.where('cases.reportedAt', '<', range.to);
  if (after) {
    q = q.where((eb) =>
      eb(eb.refTuple('cases.reportedAt', 'cases.id'), '>', eb.tuple(after.reportedAt, after.id)),
    );
  }
  return q
    .select([
      'cases.id',
      'cases.caseNo',
      'cases.source',
      'cases.reportedAt',
      'district.name as districtName',
      'grids.code as gridCode',
      'cases.kind',
      'categories.code as categoryCode',
      'cases.description',
      'cases.lng',
      'cases.lat',
      'reporter.login as reporterLogin',
      'cases.selfDisposed',
      'cases.filedAt',
      'cases.voidedAt',
      'cases.parkedAt',
      'units.name as unitName',
      'cases.dispatchedAt',
      'cases.deadlineAt',
      'cases.disposedAt',
      'cases.checkedAt',
      'cases.closedAt',
      'cases.reworkCount',
      'cases.extensionCount',
    ])
    .orderBy('cases.reportedAt')
    .orderBy('cases.id')
    .limit(limit)
    .execute();
}

// demo history
// Bulk-loaded histories (case-bulk.service.ts) are found again by their idempotency-key prefix,
// counted per Shanghai day so that a second run can tell a complete day from a missing one.

export async function countMarkedCasesByDay(
  db: Db,
  cityCode: string,
  keyPrefix: string,
  range: { from: Date; to: Date },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select([
      sql<string>`to_char(cases.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('cityCode', '=', cityCode)
    .where('reportedAt', '>=', range.from)
    .where('reportedAt', '<', range.to)
    .where('idempotencyKey', 'like', `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/**
 * Refreshes the planner's statistics of the case tables after a bulk load: PGlite runs no
 * autovacuum, and a planner that still believes the tables are empty picks nested loops that
 * turn a month's figures from a second into minutes.
 */
export async function analyzeCaseTables(db: Db): Promise<void> {
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE case_transitions`.execute(db);
  await sql`ANALYZE case_month_facts`.execute(db);
  await sql`ANALYZE case_unit_month_facts`.execute(db);
}

/** How many cases the planner's statistics count (0 when the table was never analyzed). */
export async function selectPlannedCaseRows(db: Db): Promise<number> {
  const row = await sql<{ rows: number }>`
    SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'cases'::regclass
  `.execute(db);
  return Number(row.rows[0]?.rows ?? 0);
}

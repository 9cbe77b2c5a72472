import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { HeadlineCounts, UnitCounts } from './case-facts.js';
import type { StaffCounts } from './staff-scoring.js';

// SQL for the monthly figures, two ways with the same definitions (those of case-facts.ts):
// - from the facts the database maintains per case as of its month's end (0006-case-rollups):
//   one indexed scan of small rows, used whenever the figures are asked as of the month's end
//   (or now, for the month in progress), which is what dashboards and bulletins ask;
// - by recounting the month's cases and their log rows as of any earlier instant.
// Both aggregate in the database: nothing loads a month of rows into JavaScript. The
// integration tests check facts, recount and the reference fold all give the same numbers.

export interface MonthWindow {
  cityCode: string;
  start: Date;
  end: Date;
  asOf: Date;
}

/** Counts from the maintained facts: city, month ('YYYY-MM') and the as-of for overdue cases. */
export interface FactsWindow {
  cityCode: string;
  month: string;
  asOf: Date;
}

/** Citizen and hotline channels: a filed case from these is a 监督举报 (public report). */
export const PUBLIC_SOURCES = ['hotline', 'public', 'wechat', 'mailbox', 'media', 'leader'] as const;

export interface HeadlineGroupRow extends HeadlineCounts {
  groupDistrict: number;
  groupCategory: number;
  districtId: string | null;
  categoryId: string | null;
  filedPublic: number;
}

/** Per-case flags as of `asOf`, then counts for the month, per district and per category at once. */
export async function selectHeadlineGroups(db: Db, w: MonthWindow): Promise<HeadlineGroupRow[]> {
  const result = await sql<HeadlineGroupRow>`
    WITH m AS (
      SELECT c.id, c.kind, c.category_id, c.district_id, c.source
      FROM cases c
      WHERE c.city_code = ${w.cityCode} AND c.reported_at >= ${w.start} AND c.reported_at < ${w.end}
        AND c.reported_at <= ${w.asOf}
    ),
    p AS (
      SELECT m.id, m.category_id, m.district_id, m.source,
        coalesce(bool_or(t.action IN ('file', 'self_dispose')), false) AS filed,
        coalesce(bool_or(t.action = 'self_dispose'), false) AS self_disposed,
        coalesce(bool_or(t.action = 'void'), false) AS voided,
        coalesce(max(t.seq) FILTER (WHERE t.action = 'park'), 0)
          > coalesce(max(t.seq) FILTER (WHERE t.action = 'unpark'), 0) AS parked,
        coalesce(bool_or(t.action IN ('dispose', 'self_dispose')), false) AS disposed,
        coalesce(bool_or(t.action IN ('close', 'self_dispose')), false) AS closed,
        max(t.seq) FILTER (WHERE t.action = 'dispose') AS last_dispose_seq,
        max(t.at) FILTER (WHERE t.action = 'dispose') AS last_dispose_at
      FROM m LEFT JOIN case_transitions t ON t.case_id = m.id AND t.at <= ${w.asOf}
      GROUP BY m.id, m.category_id, m.district_id, m.source
    ),
    q AS (
      SELECT p.*, (p.filed AND NOT p.voided AND NOT p.parked) AS due,
        CASE
          WHEN p.self_disposed THEN true
          WHEN p.last_dispose_seq IS NULL THEN false
          ELSE coalesce((
            SELECT d.deadline_at IS NULL OR p.last_dispose_at <= d.deadline_at
            FROM case_transitions d
            WHERE d.case_id = p.id AND d.seq < p.last_dispose_seq
              AND d.action IN ('dispatch', 'rework', 'approve_extension')
            ORDER BY d.seq DESC LIMIT 1
          ), true)
        END AS on_time
      FROM p
    )
    SELECT grouping(q.district_id)::int AS group_district, grouping(q.category_id)::int AS group_category,
      q.district_id, q.category_id,
      count(*)::int AS received,
      count(*) FILTER (WHERE q.filed)::int AS filed,
      count(*) FILTER (WHERE q.due)::int AS due_for_disposal,
      count(*) FILTER (WHERE q.due AND q.disposed)::int AS disposed,
      count(*) FILTER (WHERE q.due AND q.disposed AND q.on_time)::int AS disposed_on_time,
      count(*) FILTER (WHERE q.self_disposed)::int AS self_disposed,
      count(*) FILTER (WHERE q.due AND q.closed)::int AS closed,
      count(*) FILTER (WHERE q.filed AND q.source IN (${sql.join([...PUBLIC_SOURCES])}))::int AS filed_public
    FROM q
    GROUP BY GROUPING SETS ((), (q.district_id), (q.category_id))
  `.execute(db);
  return result.rows;
}

/** selectHeadlineGroups, from case_month_facts. */
export async function selectHeadlineGroupsFromFacts(db: Db, w: FactsWindow): Promise<HeadlineGroupRow[]> {
  // One pass over the month's facts by district and category (a 1 M-case month: ~1,000 groups),
  // then the three groupings over those: grouping sets straight over the facts hashed every
  // row twice and took twice as long.
  const result = await sql<HeadlineGroupRow>`
    -- coalesce: a month without cases still has its () row, of zeros.
    WITH g AS (
      SELECT f.district_id, f.category_id,
        count(*) AS received,
        count(*) FILTER (WHERE f.filed) AS filed,
        count(*) FILTER (WHERE f.due) AS due_for_disposal,
        count(*) FILTER (WHERE f.due AND f.disposed) AS disposed,
        count(*) FILTER (WHERE f.due AND f.disposed AND f.on_time) AS disposed_on_time,
        count(*) FILTER (WHERE f.self_disposed) AS self_disposed,
        count(*) FILTER (WHERE f.due AND f.closed) AS closed,
        count(*) FILTER (WHERE f.filed AND f.source IN (${sql.join([...PUBLIC_SOURCES])})) AS filed_public
      FROM case_month_facts f
      WHERE f.city_code = ${w.cityCode} AND f.month = ${w.month}
      GROUP BY f.district_id, f.category_id
    )
    SELECT grouping(g.district_id)::int AS group_district, grouping(g.category_id)::int AS group_category,
      g.district_id, g.category_id,
      coalesce(sum(g.received), 0)::int AS received,
      coalesce(sum(g.filed), 0)::int AS filed,
      coalesce(sum(g.due_for_disposal), 0)::int AS due_for_disposal,
      coalesce(sum(g.disposed), 0)::int AS disposed,
      coalesce(sum(g.disposed_on_time), 0)::int AS disposed_on_time,
      coalesce(sum(g.self_disposed), 0)::int AS self_disposed,
      coalesce(sum(g.closed), 0)::int AS closed,
      coalesce(sum(g.filed_public), 0)::int AS filed_public
    FROM g
    GROUP BY GROUPING SETS ((), (g.district_id), (g.category_id))
  `.execute(db);
  return result.rows;
}

/** selectUnitCounts, from case_unit_month_facts. */
export async function selectUnitCountsFromFacts(db: Db, w: FactsWindow): Promise<UnitCounts[]> {
  const result = await sql<UnitCounts>`
    SELECT f.unit_id,
      count(*)::int AS due,
      count(*) FILTER (WHERE f.disposed)::int AS disposed,
      count(*) FILTER (WHERE f.disposed AND f.on_time)::int AS disposed_on_time,
      count(*) FILTER (WHERE f.closed)::int AS closed,
      count(*) FILTER (WHERE f.closed AND f.disposed AND f.on_time)::int AS closed_on_time,
      count(*) FILTER (WHERE f.reworked)::int AS reworked,
      count(*) FILTER (WHERE f.extended)::int AS extended,
      count(*) FILTER (WHERE f.open_deadline < ${w.asOf})::int AS overdue_open
    FROM case_unit_month_facts f
    WHERE f.city_code = ${w.cityCode} AND f.month = ${w.month}
    GROUP BY f.unit_id
    ORDER BY f.unit_id
  `.execute(db);
  return result.rows;
}

/**
 * Per unit: due cases sent to it, and what it did with them (see UnitFacts in case-facts.ts).
 * One pass of window functions over the month's log rows; no join between intermediate
 * results (their row estimates are poor, and a nested loop over two of them is quadratic).
 */
export async function selectUnitCounts(db: Db, w: MonthWindow): Promise<UnitCounts[]> {
  const result = await sql<UnitCounts>`
    WITH m AS (
      SELECT c.id FROM cases c
      WHERE c.city_code = ${w.cityCode} AND c.reported_at >= ${w.start} AND c.reported_at < ${w.end}
        AND c.reported_at <= ${w.asOf}
    ),
    r AS (
      SELECT t.case_id, t.seq, t.action, t.at, t.unit_id, t.to_status, t.deadline_at,
        lag(t.unit_id) OVER (PARTITION BY t.case_id ORDER BY t.seq) AS prev_unit,
        count(*) FILTER (WHERE t.action IN ('dispatch', 'rework', 'approve_extension'))
          OVER (PARTITION BY t.case_id ORDER BY t.seq) AS setter_group,
        max(t.seq) OVER whole AS last_seq,
        bool_or(t.action IN ('file', 'self_dispose')) OVER whole
          AND NOT bool_or(t.action = 'void') OVER whole
          AND coalesce(max(t.seq) FILTER (WHERE t.action = 'park') OVER whole, 0)
            <= coalesce(max(t.seq) FILTER (WHERE t.action = 'unpark') OVER whole, 0) AS due
      FROM m JOIN case_transitions t ON t.case_id = m.id AND t.at <= ${w.asOf}
      WINDOW whole AS (PARTITION BY t.case_id)
    ),
    rd AS (
      SELECT r.*,
        CASE WHEN r.setter_group = 0 THEN NULL
          ELSE first_value(r.deadline_at) OVER (PARTITION BY r.case_id, r.setter_group ORDER BY r.seq)
        END AS deadline_in_force
      FROM r
    ),
    -- Each row concerns its unit; a rework also concerns the unit before it (the one whose
    -- disposal failed), as an extra 'rework_of' event.
    ev AS (
      SELECT rd.case_id, rd.unit_id, rd.action, rd.seq, rd.at, rd.to_status, rd.deadline_in_force,
        rd.last_seq, rd.due
      FROM rd WHERE rd.unit_id IS NOT NULL AND rd.due
      UNION ALL
      SELECT rd.case_id, rd.prev_unit, 'rework_of', rd.seq, rd.at, rd.to_status, NULL, rd.last_seq, rd.due
      FROM rd WHERE rd.action = 'rework' AND rd.prev_unit IS NOT NULL AND rd.due
    ),
    cu AS (
      SELECT ev.case_id, ev.unit_id,
        bool_or(ev.action IN ('dispatch', 'rework')) AS sent,
        bool_or(ev.action = 'dispose') AS disposed,
        (array_agg(ev.deadline_in_force IS NULL OR ev.at <= ev.deadline_in_force ORDER BY ev.seq DESC)
          FILTER (WHERE ev.action = 'dispose'))[1] AS on_time,
        bool_or(ev.action = 'close') AS closed,
        bool_or(ev.action = 'approve_extension') AS extended,
        bool_or(ev.action = 'rework_of') AS reworked,
        bool_or(ev.action <> 'rework_of' AND ev.seq = ev.last_seq AND ev.to_status = 'dispatched'
          AND ev.deadline_in_force < ${w.asOf}) AS overdue_open
      FROM ev
      GROUP BY ev.case_id, ev.unit_id
    )
    SELECT cu.unit_id,
      count(*)::int AS due,
      count(*) FILTER (WHERE cu.disposed)::int AS disposed,
      count(*) FILTER (WHERE cu.disposed AND cu.on_time)::int AS disposed_on_time,
      count(*) FILTER (WHERE cu.closed)::int AS closed,
      count(*) FILTER (WHERE cu.closed AND cu.disposed AND cu.on_time)::int AS closed_on_time,
      count(*) FILTER (WHERE cu.reworked)::int AS reworked,
      count(*) FILTER (WHERE cu.extended)::int AS extended,
      count(*) FILTER (WHERE cu.overdue_open)::int AS overdue_open
    FROM cu
    WHERE cu.sent
    GROUP BY cu.unit_id
    ORDER BY cu.unit_id
  `.execute(db);
  return result.rows;
}

export interface CategoryInfo {
  id: string;
  kind: 'event' | 'part';
  code: string;
  name: string;
  majorCode: string;
  majorName: string;
}

export async function selectCategories(db: Db, cityCode: string): Promise<CategoryInfo[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'kind', 'code', 'name', 'majorCode', 'majorName'])
    .where('cityCode', '=', cityCode)
    .execute();
}

export interface UnitInfo {
  id: string;
  name: string;
  kind: 'district_government' | 'city_department' | 'enterprise';
  regionId: string | null;
  regionName: string | null;
}

export async function selectUnits(db: Db, cityCode: string): Promise<UnitInfo[]> {
  return db
    .selectFrom('units')
    .leftJoin('regions', 'regions.id', 'units.regionId')
    .select(['units.id', 'units.name', 'units.kind', 'units.regionId', 'regions.name as regionName'])
    .where('units.cityCode', '=', cityCode)
    .execute();
}

export interface DistrictInfo {
  id: string;
  code: string;
  name: string;
  grids: number;
}

export async function selectDistricts(db: Db, cityCode: string): Promise<DistrictInfo[]> {
  const result = await sql<DistrictInfo>`
    SELECT r.id, r.code, r.name,
      (SELECT count(*)::int FROM grids g WHERE g.district_id = r.id) AS grids
    FROM regions r
    WHERE r.city_code = ${cityCode} AND r.level = 'district'
    ORDER BY r.code
  `.execute(db);
  return result.rows;
}

// ── scoring schemes and ranking exclusions ───────────────────────────────────────────────────

export interface SchemeRow {
  id: string;
  tableKey: 'regions' | 'departments' | 'enterprises';
  version: number;
  effectiveFrom: string;
  name: string;
  definition: unknown;
  createdAt: Date;
}

/** The newest version of a table's scheme in force for a month. */
export function selectSchemeForMonth(
  db: Db,
  cityCode: string,
  tableKey: SchemeRow['tableKey'],
  month: string,
): Promise<SchemeRow | undefined> {
  return db
    .selectFrom('scoringSchemes')
    .select(['id', 'tableKey', 'version', 'effectiveFrom', 'name', 'definition', 'createdAt'])
    .where('cityCode', '=', cityCode)
    .where('tableKey', '=', tableKey)
    .where('effectiveFrom', '<=', month)
    .orderBy('effectiveFrom', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export function selectSchemes(db: Db, cityCode: string): Promise<SchemeRow[]> {
  return db
    .selectFrom('scoringSchemes')
    .select(['id', 'tableKey', 'version', 'effectiveFrom', 'name', 'definition', 'createdAt'])
    .where('cityCode', '=', cityCode)
    .orderBy('tableKey')
    .orderBy('version')
    .execute();
}

export async function nextSchemeVersion(db: Db, cityCode: string, tableKey: SchemeRow['tableKey']) {
  const row = await db
    .selectFrom('scoringSchemes')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('cityCode', '=', cityCode)
    .where('tableKey', '=', tableKey)
    .executeTakeFirst();
  return Number(row?.version ?? 0) + 1;
}

export async function insertScheme(
  db: Db,
  row: {
    id: string;
    cityCode: string;
    tableKey: SchemeRow['tableKey'];
    version: number;
    effectiveFrom: string;
    name: string;
    definition: unknown;
    createdBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('scoringSchemes')
    .values({ ...row, definition: JSON.stringify(row.definition) })
    .execute();
}

export interface ExclusionRow {
  id: string;
  tableKey: 'regions' | 'departments' | 'enterprises';
  unitId: string;
  fromMonth: string;
  untilMonth: string | null;
  note: string;
}

export function selectExclusions(db: Db, cityCode: string): Promise<ExclusionRow[]> {
  return db
    .selectFrom('rankingExclusions')
    .select(['id', 'tableKey', 'unitId', 'fromMonth', 'untilMonth', 'note'])
    .where('cityCode', '=', cityCode)
    .orderBy('tableKey')
    .orderBy('fromMonth')
    .execute();
}

export function selectExclusionById(db: Db, cityCode: string, id: string) {
  return db
    .selectFrom('rankingExclusions')
    .select(['id', 'tableKey', 'unitId', 'fromMonth', 'untilMonth', 'note'])
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertExclusion(
  db: Db,
  row: ExclusionRow & { cityCode: string; createdBy: string | null },
): Promise<void> {
  await db.insertInto('rankingExclusions').values(row).execute();
}

export async function endExclusion(db: Db, id: string, untilMonth: string): Promise<void> {
  await db.updateTable('rankingExclusions').set({ untilMonth }).where('id', '=', id).execute();
}

// ── an area's collection figures (for the collectors' contracts) ────────────────────────────

export interface CollectionCounts {
  reported: number;
  filed: number;
  selfDisposed: number;
  video: number;
  drone: number;
  voidedUnfiled: number;
  recategorized: number;
  checksSent: number;
  checkReplies: number;
  checkTimelyReplies: number;
}

/** Patrol, video and drone reports: what collectors (and their cameras and drones) find. */
export const COLLECTION_SOURCES = ['patrol', 'video', 'drone'] as const;

export async function selectCollectionCounts(
  db: Db,
  w: MonthWindow,
  districtIds: readonly string[],
): Promise<CollectionCounts> {
  if (districtIds.length === 0) {
    return {
      reported: 0,
      filed: 0,
      selfDisposed: 0,
      video: 0,
      drone: 0,
      voidedUnfiled: 0,
      recategorized: 0,
      checksSent: 0,
      checkReplies: 0,
      checkTimelyReplies: 0,
    };
  }
  const districts = sql.join(districtIds.map((id) => sql`${id}::uuid`));
  const reports = await sql<Omit<CollectionCounts, 'checksSent' | 'checkReplies' | 'checkTimelyReplies'>>`
    WITH m AS (
      SELECT c.id, c.source FROM cases c
      WHERE c.city_code = ${w.cityCode} AND c.reported_at >= ${w.start} AND c.reported_at < ${w.end}
        AND c.reported_at <= ${w.asOf} AND c.district_id IN (${districts})
        AND c.source IN (${sql.join([...COLLECTION_SOURCES])})
    ),
    p AS (
      SELECT m.id, m.source,
        coalesce(bool_or(t.action IN ('file', 'self_dispose')), false) AS filed,
        coalesce(bool_or(t.action = 'self_dispose'), false) AS self_disposed,
        coalesce(bool_or(t.action = 'void'), false) AS voided,
        coalesce(bool_or(t.action = 'file' AND t.data ? 'categoryCode'), false) AS recategorized
      FROM m LEFT JOIN case_transitions t ON t.case_id = m.id AND t.at <= ${w.asOf}
      GROUP BY m.id, m.source
    )
    SELECT count(*)::int AS reported,
      count(*) FILTER (WHERE filed)::int AS filed,
      count(*) FILTER (WHERE self_disposed)::int AS self_disposed,
      count(*) FILTER (WHERE filed AND source = 'video')::int AS video,
      count(*) FILTER (WHERE filed AND source = 'drone')::int AS drone,
      count(*) FILTER (WHERE voided AND NOT filed)::int AS voided_unfiled,
      count(*) FILTER (WHERE recategorized)::int AS recategorized
    FROM p
  `.execute(db);
  // 核查: requests sent in the month, and replies (pass/fail) in the month with whether each came
  // before the deadline the request set (the request row's deadline).
  const checks = await sql<Pick<CollectionCounts, 'checksSent' | 'checkReplies' | 'checkTimelyReplies'>>`
    SELECT
      count(*) FILTER (WHERE t.action = 'request_check')::int AS checks_sent,
      count(*) FILTER (WHERE t.action IN ('check_pass', 'check_fail'))::int AS check_replies,
      count(*) FILTER (WHERE t.action IN ('check_pass', 'check_fail')
        AND (prev.deadline_at IS NULL OR t.at <= prev.deadline_at))::int AS check_timely_replies
    FROM case_transitions t
    JOIN cases c ON c.id = t.case_id
    LEFT JOIN case_transitions prev ON prev.case_id = t.case_id AND prev.seq = t.seq - 1
    WHERE t.city_code = ${w.cityCode} AND t.at >= ${w.start} AND t.at < ${w.end} AND t.at <= ${w.asOf}
      AND t.action IN ('request_check', 'check_pass', 'check_fail')
      AND c.district_id IN (${districts})
  `.execute(db);
  const r = reports.rows[0];
  const k = checks.rows[0];
  if (!r || !k) throw new Error('aggregate returned no row');
  return { ...r, ...k };
}

// ── staff figures (人员考核) ─────────────────────────────────────────────────────────────────

/**
 * Per person, the steps they took in the month (by the step's time, as of `asOf`), and whether
 * each came by the stage deadline the previous step set.
 */
export async function selectStaffCounts(db: Db, w: MonthWindow) {
  const result = await sql<StaffCounts>`
    WITH s AS (
      SELECT t.case_id, t.seq, t.action, t.at, t.actor_id, t.from_status,
        (prev.deadline_at IS NULL OR t.at <= prev.deadline_at) AS on_time
      FROM case_transitions t
      LEFT JOIN case_transitions prev ON prev.case_id = t.case_id AND prev.seq = t.seq - 1
      WHERE t.city_code = ${w.cityCode} AND t.at >= ${w.start} AND t.at < ${w.end} AND t.at <= ${w.asOf}
        AND t.actor_id IS NOT NULL
    ),
    k AS (
      SELECT s.*,
        EXISTS (SELECT 1 FROM case_transitions f WHERE f.case_id = s.case_id
          AND f.action IN ('file', 'self_dispose') AND f.at <= ${w.asOf}) AS case_filed,
        EXISTS (SELECT 1 FROM case_transitions v WHERE v.case_id = s.case_id AND v.seq > s.seq
          AND v.action = 'void' AND v.at <= ${w.asOf}) AS later_voided,
        (s.action = 'dispatch' AND EXISTS (
          SELECT 1 FROM case_transitions r WHERE r.case_id = s.case_id AND r.action = 'return'
            AND r.seq > s.seq AND r.at <= ${w.asOf}
            AND NOT EXISTS (SELECT 1 FROM case_transitions d2 WHERE d2.case_id = s.case_id
              AND d2.action IN ('dispatch', 'rework') AND d2.seq > s.seq AND d2.seq < r.seq)
        )) AS returned
      FROM s
    )
    SELECT u.id AS user_id, u.login, u.display_name AS name, u.role,
      count(*) FILTER (WHERE k.action IN ('report', 'self_dispose'))::int AS reports,
      count(*) FILTER (WHERE k.action IN ('report', 'self_dispose') AND k.case_filed)::int AS valid_reports,
      count(*) FILTER (WHERE k.action = 'verify')::int AS verifies,
      count(*) FILTER (WHERE k.action = 'verify' AND k.on_time)::int AS verifies_on_time,
      count(*) FILTER (WHERE k.action IN ('check_pass', 'check_fail'))::int AS checks,
      count(*) FILTER (WHERE k.action IN ('check_pass', 'check_fail') AND k.on_time)::int AS checks_on_time,
      count(*) FILTER (WHERE k.action IN ('accept', 'request_verify')
        OR (k.action = 'void' AND k.from_status IN ('reported', 'accepted')))::int AS handled,
      count(*) FILTER (WHERE k.action = 'request_verify')::int AS verify_requests,
      count(*) FILTER (WHERE k.action = 'request_verify' AND k.on_time)::int AS verify_requests_on_time,
      count(*) FILTER (WHERE k.action = 'request_check')::int AS check_requests,
      count(*) FILTER (WHERE k.action = 'request_check' AND k.on_time)::int AS check_requests_on_time,
      count(*) FILTER (WHERE k.action = 'file')::int AS files,
      count(*) FILTER (WHERE k.action = 'file' AND k.on_time)::int AS files_on_time,
      count(*) FILTER (WHERE k.action = 'file' AND NOT k.later_voided)::int AS files_kept,
      count(*) FILTER (WHERE k.action = 'close')::int AS closes,
      count(*) FILTER (WHERE k.action = 'close' AND k.on_time)::int AS closes_on_time,
      count(*) FILTER (WHERE k.action = 'dispatch')::int AS dispatches,
      count(*) FILTER (WHERE k.action = 'dispatch' AND k.on_time)::int AS dispatches_on_time,
      count(*) FILTER (WHERE k.returned)::int AS dispatches_returned
    FROM k JOIN users u ON u.id = k.actor_id
    WHERE u.role IN ('collector', 'acceptor', 'shift_lead', 'dispatcher')
    GROUP BY u.id, u.login, u.display_name, u.role
    ORDER BY u.role, u.login
  `.execute(db);
  return result.rows;
}

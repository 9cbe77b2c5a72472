import type { CaseStatus } from '@cityloop/contracts/cases';
import { recordAudit } from '../../server/src/modules/audit/index.js';
import { replayHistory } from '../../server/src/modules/cases/case-history.js';
import {
  insertCaseHistoriesBulk,
  reserveDailySequences,
  type TransitionRow,
} from '../../server/src/modules/cases/cases.repository.js';
import { formatCaseNo } from '../../server/src/modules/cases/cases.service.js';
import { openCaseHistoryWriter } from '../../server/src/modules/cases/index.js';
import {
  insertOrderLog,
  insertOrders,
  type NewOrder,
  type OrderLogRow,
  reserveOrderSequences,
} from '../../server/src/modules/hotline/hotline.repository.js';
import { formatOrderNo } from '../../server/src/modules/hotline/hotline.service.js';
import { loadOrderDeadlines } from '../../server/src/modules/hotline/order-deadlines.service.js';
import { type ReplayedOrder, replayOrderHistory } from '../../server/src/modules/hotline/order-history.js';
import type { Db, OpenDatabase } from '../../server/src/platform/db/database.js';
import type { NewCase } from '../../server/src/platform/db/schema.js';
import { rawQuery } from '../lib/raw-sql.js';
import { prepareBenchCity } from './city.js';
import { OrderSummary, orderCount, planOrders } from './orders.js';
import {
  addToSummary,
  type BenchCity,
  emptySummary,
  type PlanOptions,
  type PlanSummary,
  planCases,
  planRange,
} from './plan.js';

export interface GenerateOptions extends PlanOptions {
  /** Cases per write (one transaction each). */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  summary: PlanSummary;
  orders: OrderSummary;
  ms: number;
  /** Bytes of the whole database after the load (PostgreSQL's pg_database_size). */
  databaseBytes: number;
}

/**
 * Writes the planned city into an empty city: every case history replayed through the cases
 * module's workflow table (an illegal step throws before anything is written), numbered per
 * Shanghai day in report order, then written in batches — one transaction per batch with its
 * audit row. PostgreSQL gets one INSERT … SELECT FROM unnest(arrays) per table and batch, with
 * two batches in flight while the next is planned; PGlite the cases module's multi-row INSERTs.
 * Then the city's 12345 work orders (orders.ts), the same way through the hotline workflow and
 * the hotline repository's multi-row INSERTs (writeOrders): about a seventh of the cases, so
 * one batch at a time.
 */
export async function generateBenchCity(
  database: OpenDatabase,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = Date.now();
  const { db, engine } = database;
  const city = await prepareBenchCity(db, Math.ceil(options.cases / options.months));
  const [existing] = await rawQuery<{ n: number }>(
    db,
    'select count(*)::int as n from cases where city_code = $1',
    [city.cityCode],
  );
  if ((existing?.n ?? 0) > 0) {
    throw new Error('the city already has cases: generate into a fresh database');
  }
  const range = planRange(options);
  const writer = await openCaseHistoryWriter(db, city.cityCode, {
    fromYear: new Date(range.from.getTime() + 8 * 3600_000).getUTCFullYear(),
    toYear: new Date(range.to.getTime() + 8 * 3600_000).getUTCFullYear(),
  });
  const write = engine === 'postgres' ? writeUnnest : writeMultiRow;
  const batchSize = options.batch ?? (engine === 'postgres' ? 4000 : 2000);
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = engine === 'postgres' ? 2 : 1;
  const summary = emptySummary();
  const lastSeq = new Map<string, number>();
  let cases: NewCase[] = [];
  let log: TransitionRow[] = [];
  let batchNo = 0;
  let failure: unknown = null;

  const flush = async () => {
    if (cases.length === 0) return;
    const batch = { cases, log, no: ++batchNo };
    cases = [];
    log = [];
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure;
    const p: Promise<void> = write(db, batch.cases, batch.log)
      .then(() => {
        options.onProgress?.(batch.cases.length, options.cases + orderCount(options));
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  // A stage's clock depends only on its limit and start: the plan's whole-minute times make
  // the same (limit, start) recur thousands of times a day in a big city.
  const limitKeys = new Map(city.categories.map((c) => [c.id, c.limitKeys]));
  const clocks = new Map<string, ReturnType<typeof writer.clock>>();
  const clock = (categoryId: string, stage: string, start: Date) => {
    const limit = limitKeys.get(categoryId)?.[stage];
    if (limit === undefined) return writer.clock(categoryId, stage, start);
    const key = `${limit}@${start.getTime()}`;
    let timing = clocks.get(key);
    if (timing === undefined) {
      if (clocks.size > 500_000) clocks.clear();
      timing = writer.clock(categoryId, stage, start);
      clocks.set(key, timing);
    }
    return timing;
  };

  for (const day of planCases(city, options)) {
    let seq = 0;
    for (const planned of day) {
      const replayed = replayHistory(city.cityCode, planned.history, (stage, start) =>
        clock(planned.history.case.categoryId, stage, start),
      );
      seq++;
      cases.push({
        ...replayed.row,
        caseNo: formatCaseNo(replayed.row.kind, planned.day, seq),
        createdAt: replayed.row.reportedAt,
      });
      for (const row of replayed.log) log.push(row);
      addToSummary(summary, planned, replayed.row.status as CaseStatus, replayed.log.length);
    }
    if (day.length > 0) lastSeq.set((day[0] as { day: string }).day, seq);
    if (cases.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  if (failure) throw failure;
  const orders = await writeOrders(db, city, options, range);

  await db.transaction().execute(async (trx) => {
    await reserveDailySequences(trx, city.cityCode, lastSeq);
    await recordAudit(trx, {
      cityCode: city.cityCode,
      action: 'case.bench_generate',
      objectType: 'case',
      objectId: null,
      success: true,
      detail: {
        cases: summary.cases,
        transitions: summary.transitions,
        orders: orders.orders,
        months: options.months,
        seed: options.seed,
      },
    });
  });
  // Fresh statistics and visibility maps, as autovacuum would leave them on a live system
  // (index-only scans need the visibility map), the monthly facts too: unvacuumed, their first
  // reads set every row's hint bits and the planner guesses their sizes.
  if (engine === 'postgres') {
    for (const table of [
      'cases',
      'case_transitions',
      'case_month_facts',
      'case_unit_month_facts',
      'hotline_orders',
      'hotline_order_log',
    ]) {
      await rawQuery(db, `vacuum analyze ${table}`);
    }
  } else {
    await rawQuery(db, 'analyze');
  }
  const [size] = await rawQuery<{ bytes: number }>(
    db,
    'select pg_database_size(current_database())::float8 as bytes',
  );
  return { summary, orders, ms: Date.now() - started, databaseBytes: Number(size?.bytes ?? 0) };
}

const ORDER_BATCH = 2000;
// Multi-row INSERTs stay under PostgreSQL's 65,535 parameters: ~50 columns an order, 16 a log row.
const ORDER_CHUNK = 500;
const ORDER_LOG_CHUNK = 3000;

interface NumberedLater {
  day: string;
  order: ReplayedOrder['row'];
}

/**
 * The plan's 12345 work orders after the cases: each history replayed through the hotline
 * workflow (an illegal step throws before its batch is written), then written a batch per
 * transaction — numbers taken from the day counters (reserveOrderSequences) in reception
 * order, orders and log as the hotline repository's multi-row INSERTs, one audit row.
 */
async function writeOrders(
  db: Db,
  city: BenchCity,
  options: GenerateOptions,
  range: { from: Date; to: Date },
): Promise<OrderSummary> {
  const shanghaiYear = (at: Date) => new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
  const deadline = await loadOrderDeadlines(db, city.cityCode, {
    fromYear: shanghaiYear(range.from) - 1,
    toYear: shanghaiYear(range.to) + 1,
  });
  const total = options.cases + orderCount(options);
  const summary = new OrderSummary();
  let orders: NumberedLater[] = [];
  let log: OrderLogRow[] = [];
  const flush = async () => {
    if (orders.length === 0) return;
    await writeOrderBatch(db, city.cityCode, orders, log);
    options.onProgress?.(orders.length, total);
    orders = [];
    log = [];
  };
  for (const day of planOrders(city, options)) {
    for (const planned of day) {
      const replayed = replayOrderHistory(city.cityCode, planned.history, deadline);
      orders.push({ day: planned.day, order: replayed.row });
      for (const row of replayed.log) log.push(row);
      summary.add(planned, replayed.row.status, replayed.log.length);
    }
    if (orders.length >= ORDER_BATCH) await flush();
  }
  await flush();
  return summary;
}

async function writeOrderBatch(
  db: Db,
  cityCode: string,
  batch: readonly NumberedLater[],
  log: readonly OrderLogRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows: NewOrder[] = [];
    for (let i = 0; i < batch.length; ) {
      const day = (batch[i] as NumberedLater).day;
      let n = 0;
      while (batch[i + n]?.day === day) n++;
      const first = await reserveOrderSequences(trx, cityCode, day, n);
      for (let j = 0; j < n; j++) {
        rows.push({ ...(batch[i + j] as NumberedLater).order, orderNo: formatOrderNo(day, first + j) });
      }
      i += n;
    }
    for (let i = 0; i < rows.length; i += ORDER_CHUNK)
      await insertOrders(trx, rows.slice(i, i + ORDER_CHUNK));
    for (let i = 0; i < log.length; i += ORDER_LOG_CHUNK)
      await insertOrderLog(trx, log.slice(i, i + ORDER_LOG_CHUNK));
    await auditBatch(trx, cityCode, 'hotline_order', {
      count: rows.length,
      logRows: log.length,
      firstOrderNo: (rows[0] as NewOrder).orderNo,
      lastOrderNo: (rows[rows.length - 1] as NewOrder).orderNo,
    });
  });
}

async function writeMultiRow(
  db: Db,
  cases: readonly NewCase[],
  log: readonly TransitionRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertCaseHistoriesBulk(trx, cases, log);
    await auditCaseBatch(trx, cases, log);
  });
}

function auditCaseBatch(db: Db, cases: readonly NewCase[], log: readonly TransitionRow[]) {
  return auditBatch(db, (cases[0] as NewCase).cityCode, 'case', {
    count: cases.length,
    transitions: log.length,
    firstCaseNo: (cases[0] as NewCase).caseNo,
    lastCaseNo: (cases[cases.length - 1] as NewCase).caseNo,
  });
}

/** The audit row of one written batch: how many records and the numbers they span. */
function auditBatch(
  db: Db,
  cityCode: string,
  what: 'case' | 'hotline_order',
  detail: Record<string, unknown>,
) {
  return recordAudit(db, {
    cityCode,
    action: what === 'case' ? 'case.bench_batch' : 'hotline.bench_batch',
    objectType: what,
    objectId: null,
    success: true,
    detail,
  });
}

const at = (v: unknown) => (v == null ? null : (v as Date).toISOString());

const CASE_COLUMNS: readonly [string, string, (r: NewCase) => unknown][] = [
  ['id', 'uuid', (r) => r.id],
  ['city_code', 'text', (r) => r.cityCode],
  ['case_no', 'text', (r) => r.caseNo],
  ['source', 'text', (r) => r.source],
  ['kind', 'text', (r) => r.kind],
  ['category_id', 'uuid', (r) => r.categoryId],
  ['description', 'text', (r) => r.description],
  ['address', 'text', (r) => r.address ?? null],
  ['lng', 'float8', (r) => r.lng],
  ['lat', 'float8', (r) => r.lat],
  ['grid_id', 'uuid', (r) => r.gridId ?? null],
  ['district_id', 'uuid', (r) => r.districtId ?? null],
  ['street_id', 'uuid', (r) => r.streetId ?? null],
  ['reporter_id', 'uuid', (r) => r.reporterId ?? null],
  ['assignee_id', 'uuid', (r) => r.assigneeId ?? null],
  ['unit_id', 'uuid', (r) => r.unitId ?? null],
  ['status', 'text', (r) => r.status],
  ['version', 'int', (r) => r.version ?? 1],
  ['self_disposed', 'bool', (r) => r.selfDisposed ?? false],
  ['urgent', 'bool', (r) => r.urgent ?? false],
  ['supervision', 'text', (r) => r.supervision ?? null],
  ['reported_at', 'timestamptz', (r) => at(r.reportedAt)],
  ['filed_at', 'timestamptz', (r) => at(r.filedAt)],
  ['voided_at', 'timestamptz', (r) => at(r.voidedAt)],
  ['parked_at', 'timestamptz', (r) => at(r.parkedAt)],
  ['dispatched_at', 'timestamptz', (r) => at(r.dispatchedAt)],
  ['deadline_at', 'timestamptz', (r) => at(r.deadlineAt)],
  ['disposed_at', 'timestamptz', (r) => at(r.disposedAt)],
  ['checked_at', 'timestamptz', (r) => at(r.checkedAt)],
  ['closed_at', 'timestamptz', (r) => at(r.closedAt)],
  ['stage_deadline_at', 'timestamptz', (r) => at(r.stageDeadlineAt)],
  ['stage_warning_at', 'timestamptz', (r) => at(r.stageWarningAt)],
  ['deadline_estimated', 'bool', (r) => r.deadlineEstimated ?? false],
  ['pending_extension_until', 'timestamptz', (r) => at(r.pendingExtensionUntil)],
  ['rework_count', 'int', (r) => r.reworkCount ?? 0],
  ['extension_count', 'int', (r) => r.extensionCount ?? 0],
  ['return_count', 'int', (r) => r.returnCount ?? 0],
  ['idempotency_key', 'text', (r) => r.idempotencyKey ?? null],
  ['request_hash', 'text', (r) => r.requestHash ?? null],
  ['created_at', 'timestamptz', (r) => at(r.createdAt)],
  ['updated_at', 'timestamptz', (r) => at(r.updatedAt)],
  ['part_id', 'uuid', (r) => r.partId ?? null],
];

const LOG_COLUMNS: readonly [string, string, (r: TransitionRow) => unknown][] = [
  ['city_code', 'text', (r) => r.cityCode],
  ['case_id', 'uuid', (r) => r.caseId],
  ['seq', 'int', (r) => r.seq],
  ['action', 'text', (r) => r.action],
  ['from_status', 'text', (r) => r.fromStatus],
  ['to_status', 'text', (r) => r.toStatus],
  ['actor_id', 'uuid', (r) => r.actorId],
  ['actor_role', 'text', (r) => r.actorRole],
  ['at', 'timestamptz', (r) => r.at.toISOString()],
  ['note', 'text', (r) => r.note],
  ['deadline_at', 'timestamptz', (r) => at(r.deadlineAt)],
  ['unit_id', 'uuid', (r) => r.unitId],
  ['data', 'jsonb', (r) => JSON.stringify(r.data)],
];

const unnestInsert = (table: string, columns: readonly [string, string, unknown][], firstParam = 1) =>
  `insert into ${table} (${columns.map(([c]) => c).join(', ')}) select * from unnest(${columns
    .map(([, type], i) => `$${i + firstParam}::${type}[]`)
    .join(', ')})`;
// Cases and log in one statement (as the product's bulk writers do): the facts triggers then see
// each case with its log and write its facts once.
const INSERT_HISTORIES = `with new_cases as (${unnestInsert('cases', CASE_COLUMNS)}) ${unnestInsert(
  'case_transitions',
  LOG_COLUMNS,
  CASE_COLUMNS.length + 1,
)}`;

/** One statement per batch: each column travels as one array parameter. */
async function writeUnnest(db: Db, cases: readonly NewCase[], log: readonly TransitionRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A bulk load may lose its last batch in a crash (it is re-run from scratch), not wait for fsync.
    await rawQuery(trx, 'set local synchronous_commit = off');
    await rawQuery(trx, INSERT_HISTORIES, [
      ...CASE_COLUMNS.map(([, , pick]) => cases.map(pick)),
      ...LOG_COLUMNS.map(([, , pick]) => log.map(pick)),
    ]);
    await auditCaseBatch(trx, cases, log);
  });
}

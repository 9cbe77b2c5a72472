import { once } from 'node:events';
import { pipeline, type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CategoryRow, NewCase } from '../../platform/db/schema.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/time.js';
import { recordAudit } from '../audit/index.js';
import { loadWorkCalendar, type WorkCalendar } from '../calendar/index.js';
import { findGridByCode, findRegionByName, locatePoint, normaliseName } from '../geo/index.js';
import { findUnitByName } from '../org/index.js';
import { findCategory } from '../taxonomy/index.js';
import type { StageTiming } from './case-effects.js';
import {
  bilingual,
  checkExchangeHeader,
  type ExchangeColumn,
  type ExchangeRejection,
  type ExchangeRow,
  exchangeColumns,
  formatExchangeRow,
  parseExchangeRow,
  type RebuiltStep,
  rebuildTransitions,
  recordFromFields,
} from './case-exchange.js';
import { type StageCalendar, stageTimingOn } from './case-timing.js';
import { stageOfStatus } from './case-workflow.js';
import {
  analyzeCaseTables,
  countCasesReported,
  insertCaseHistoriesBulk,
  type ReportedRange,
  reserveDailySequences,
  selectCityBounds,
  selectExchangePage,
  selectExistingCaseNos,
  selectPlannedCaseRows,
  selectUsersByLogins,
  type TransitionRow,
  takeDailySequences,
} from './cases.repository.js';
import { formatCaseNo } from './cases.service.js';

export interface ImportReport {
  imported: number;
  /** Rows whose case number the city already has for the same report time (a re-run). */
  skipped: number;
  rejected: ExchangeRejection[];
}

export type ExchangeProgress = (done: number, total?: number) => void;

/** Rows validated, resolved and written per transaction (and per audit row). */
export const IMPORT_BATCH = 2000;
/** Batch transactions in flight at once (the database works on one while it receives the next). */
const WRITES_AT_ONCE = 2;
export const EXPORT_PAGE = 1000;

const OUR_CASE_NO = /^[EC](\d{4})(\d{2})(\d{2})(\d{5})$/;

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Reads an exchange CSV and writes its cases, each with the transition log its stamps imply.
 *
 * Rows are validated and their names resolved a batch at a time; the good rows of a batch are
 * written in one transaction (cases, log, counters, one audit row), so a refused row never
 * leaves half a case and the others are not held back by it. A case number the city already
 * has (same report time) is skipped, so re-running a file is harmless. Rows without a number
 * are held until the whole file is read, then numbered with the daily counter: every number the
 * file carries has been reserved by then, so a generated one cannot take a number a later row
 * brings (the cost is that numberless rows wait in memory).
 */
export async function importCasesCsv(
  db: Db,
  cityCode: string,
  input: Readable,
  onProgress: ExchangeProgress = () => {},
  options: { now?: Date } = {},
): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const report: ImportReport = { imported: 0, skipped: 0, rejected: [] };
  const resolver = new Resolver(db, cityCode);
  const linesByCaseNo = new Map<string, number>();
  const numberless: ExchangeRow[] = [];
  // Highest number per day the file uses, refused rows included: once fixed, those rows will be
  // imported with their numbers, so a number generated now must not take one of them.
  const fileNumbers = new Map<string, number>();
  let pending: ExchangeRow[] = [];
  let done = 0;
  // Batches being written while the next one is read and resolved, each in its own transaction
  // on its own connection: the database then writes one batch while it takes the next, and
  // this process parses meanwhile. A failed write stops the import at the next flush.
  const writes = new Set<Promise<void>>();
  let writesAtOnce = WRITES_AT_ONCE;
  let failure: { error: unknown } | null = null;
  const settle = async (limit: number) => {
    while (writes.size > limit) await Promise.race(writes);
    if (failure) throw failure.error;
  };

  const statistics = new CaseStatistics(db);

  const flush = async (rows: ExchangeRow[]) => {
    if (rows.length === 0) return;
    await statistics.keepUp(report.imported);
    const ready = await prepareBatch(db, cityCode, rows, resolver, report);
    await settle(writesAtOnce - 1);
    const write: Promise<void> = writeBatch(db, cityCode, ready)
      .then(
        () => {
          report.imported += ready.length;
          done += rows.length;
          onProgress(done);
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => writes.delete(write));
    writes.add(write);
  };

  let columns: ExchangeColumn[] | null = null;
  try {
    for await (const { fields, line } of readCsv(input)) {
      if (!columns) {
        const header = checkExchangeHeader(fields);
        if (!header.ok) throw badHeader(header.reason, header);
        columns = header.columns;
        continue;
      }
      const paired = recordFromFields(columns, fields, line);
      if (paired.ok) noteCaseNo(fileNumbers, paired.record.case_no.trim());
      const parsed = paired.ok ? parseExchangeRow(paired.record, line, { now }) : paired;
      if (!parsed.ok) {
        report.rejected.push(...parsed.errors);
        done++;
        continue;
      }
      const row = parsed.row;
      if (row.caseNo) {
        const first = linesByCaseNo.get(row.caseNo);
        if (first !== undefined) {
          report.rejected.push({
            line,
            column: 'case_no',
            reason: bilingual(`案卷号与第 ${first} 行重复`, `case_no repeats line ${first}`),
          });
          done++;
          continue;
        }
        linesByCaseNo.set(row.caseNo, line);
        pending.push(row);
      } else {
        numberless.push(row);
      }
      if (pending.length >= IMPORT_BATCH) {
        await flush(pending);
        pending = [];
      }
    }
    if (!columns) throw badHeader(bilingual('文件为空，缺少表头', 'the file is empty (no header line)'), {});
    await flush(pending);
    if (numberless.length > 0) {
      await settle(0);
      await reserveDailySequences(db, cityCode, fileNumbers);
      // Numbered one batch after another, so the numbers follow the file's order.
      writesAtOnce = 1;
    }
    for (let i = 0; i < numberless.length; i += IMPORT_BATCH)
      await flush(numberless.slice(i, i + IMPORT_BATCH));
    await settle(0);
  } finally {
    // A malformed file or a failed batch ends the import only once no write is under way.
    await Promise.all(writes);
  }
  onProgress(done);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

function badHeader(reason: string, details: object): AppError {
  const [zh, en] = splitBilingual(reason);
  return new AppError(
    422,
    'INVALID_EXCHANGE_HEADER',
    { zh: `案件台账表头不符：${zh}`, en: `exchange CSV header does not match: ${en}` },
    { expected: exchangeColumns, ...details },
  );
}

function splitBilingual(reason: string): [string, string] {
  const parts = reason.split('; ').map((p) => p.split(' / '));
  return [parts.map((p) => p[0] ?? '').join('；'), parts.map((p) => p[1] ?? p[0] ?? '').join('; ')];
}

/**
 * The file's records as field arrays with the 1-based line each starts on. csv-parse reports
 * the line a record ends on; a quoted description may span lines, so the start is that minus
 * the line breaks inside the record. CRLF is turned into LF first: csv-parse miscounts lines
 * in CRLF files, and it also makes descriptions' line breaks uniform.
 */
async function* readCsv(input: Readable): AsyncGenerator<{ fields: string[]; line: number }> {
  const parser = parse({
    bom: true,
    columns: false,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  });
  const records = pipeline(input, crlfToLf(), parser, () => {
    // Errors surface through the iteration below (pipeline destroys the parser with them).
  });
  try {
    for await (const item of records as AsyncIterable<{
      record: string[];
      raw: string;
      info: { lines: number };
    }>) {
      yield { fields: item.record, line: item.info.lines - breaksInside(item.raw) };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      const line = (error as { lines?: number }).lines;
      throw invalid(
        `CSV 格式错误${line ? `（第 ${line} 行附近）` : ''}：${(error as Error).message}`,
        `malformed CSV${line ? ` near line ${line}` : ''}: ${(error as Error).message}`,
        { line },
      );
    }
    throw error;
  }
}

/** Line breaks inside a record's raw text: not the blank lines before it, nor its own end. */
function breaksInside(raw: string): number {
  let start = 0;
  while (raw.charCodeAt(start) === 10) start++;
  const end = raw.length > start && raw.charCodeAt(raw.length - 1) === 10 ? raw.length - 1 : raw.length;
  let breaks = 0;
  for (let i = raw.indexOf('\n', start); i !== -1 && i < end; i = raw.indexOf('\n', i + 1)) breaks++;
  return breaks;
}

/** Drops the CR of every CRLF; a CR at a chunk's end waits to see the next chunk's first byte. */
function crlfToLf(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let bytes = heldCr ? Buffer.concat([Buffer.from([13]), chunk]) : chunk;
      heldCr = bytes.length > 0 && bytes[bytes.length - 1] === 13;
      if (heldCr) bytes = bytes.subarray(0, bytes.length - 1);
      const out = Buffer.allocUnsafe(bytes.length);
      let n = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i] as number;
        if (b === 13 && bytes[i + 1] === 10) continue;
        out[n++] = b;
      }
      callback(null, out.subarray(0, n));
    },
    flush(callback: TransformCallback) {
      callback(null, heldCr ? Buffer.from([13]) : null);
    },
  });
}

/**
 * Keeps the planner's statistics of the case tables in step with an import that grows them
 * many times over (a city's history loaded into an empty system). With statistics from when
 * the tables were small (or none), the facts refresh that 0006's triggers run for every batch
 * plans a full scan of case_transitions, and each batch costs more than the one before
 * (84,000 rows into an empty city: 1,400 rows/s without the refresh, 2,200 with it).
 * Refreshed whenever the import has written more cases than the statistics count: a city
 * importing a small file never pays for it, a long import a few times (each refresh samples a
 * bounded number of rows).
 */
class CaseStatistics {
  private counted: number | null = null;
  private importedAtRefresh = 0;

  constructor(private readonly db: Db) {}

  async keepUp(imported: number): Promise<void> {
    this.counted ??= await selectPlannedCaseRows(this.db);
    if (imported - this.importedAtRefresh <= this.counted) return;
    await analyzeCaseTables(this.db);
    this.counted = await selectPlannedCaseRows(this.db);
    this.importedAtRefresh = imported;
  }
}

interface ResolvedRow {
  row: ExchangeRow;
  category: CategoryRow;
  gridId: string;
  districtId: string;
  streetId: string;
  unitId: string | null;
  reporter: { id: string; role: string } | null;
}

/**
 * Names to ids with per-run caches: a city's history repeats the same few districts, units,
 * categories and collectors thousands of times. A point without a grid code is located one by
 * one (points do not repeat).
 */
class Resolver {
  private readonly districts = new Map<string, string | null>();
  private readonly grids = new Map<string, { id: string; districtId: string; streetId: string } | null>();
  private readonly categories = new Map<string, CategoryRow | null>();
  private readonly units = new Map<string, string | null>();
  private readonly users = new Map<string, { id: string; role: string } | null>();
  private cityBounds: { minLng: number; minLat: number; maxLng: number; maxLat: number } | null | undefined;

  constructor(
    private readonly db: Db,
    private readonly cityCode: string,
  ) {}

  /** Loads the batch's unseen logins in one query. */
  async prefetchUsers(rows: readonly ExchangeRow[]): Promise<void> {
    const wanted = [
      ...new Set(rows.map((r) => r.reporter).filter((l): l is string => !!l && !this.users.has(l))),
    ];
    if (wanted.length === 0) return;
    const found = await selectUsersByLogins(this.db, this.cityCode, wanted);
    for (const login of wanted) {
      const user = found.find((u) => u.login === login);
      this.users.set(login, user ? { id: user.id, role: user.role } : null);
    }
  }

  async resolve(
    row: ExchangeRow,
  ): Promise<{ ok: true; value: ResolvedRow } | { ok: false; error: ExchangeRejection }> {
    const reject = (column: string, zh: string, en: string) =>
      ({ ok: false, error: { line: row.line, column, reason: bilingual(zh, en) } }) as const;

    const category = await this.category(row.kind, row.categoryCode);
    if (!category) {
      const word = row.kind === 'event' ? '事件' : '部件';
      return reject(
        'category_code',
        `未知的${word}类别：${row.categoryCode}`,
        `unknown ${row.kind} category: ${row.categoryCode}`,
      );
    }

    let place: { id: string; districtId: string; streetId: string } | null;
    if (row.gridCode) {
      place = await this.grid(row.gridCode);
      if (!place)
        return reject('grid_code', `未知的网格编码：${row.gridCode}`, `unknown grid code: ${row.gridCode}`);
      // The grid code is the record of responsibility; the point only has to be in the city.
      if (!(await this.insideCity(row.lng, row.lat))) {
        return reject('lng', '该位置不在本市范围内', 'the point is outside the city');
      }
    } else {
      const located = await locatePoint(this.db, this.cityCode, row.lng, row.lat);
      if (!located) {
        return reject(
          'lng',
          `该位置（${row.lng}, ${row.lat}）不在本市网格范围内`,
          `the point (${row.lng}, ${row.lat}) is outside the city's unit grids`,
        );
      }
      place = { id: located.grid.id, districtId: located.district.id, streetId: located.street.id };
    }

    if (row.district) {
      const districtId = await this.district(row.district);
      if (!districtId)
        return reject('district', `未知的区县：${row.district}`, `unknown district: ${row.district}`);
      if (districtId !== place.districtId) {
        return reject(
          'district',
          `区县“${row.district}”与网格所在区县不符`,
          `district "${row.district}" is not the grid's district`,
        );
      }
    }

    let unitId: string | null = null;
    if (row.unit) {
      unitId = await this.unit(row.unit);
      if (!unitId) return reject('unit', `未知的处置单位：${row.unit}`, `unknown handling unit: ${row.unit}`);
    }

    let reporter: ResolvedRow['reporter'] = null;
    if (row.reporter) {
      reporter = this.users.get(row.reporter) ?? null;
      if (!reporter)
        return reject('reporter', `未知的账号：${row.reporter}`, `unknown login: ${row.reporter}`);
    }

    return {
      ok: true,
      value: {
        row,
        category,
        gridId: place.id,
        districtId: place.districtId,
        streetId: place.streetId,
        unitId,
        reporter,
      },
    };
  }

  private async category(kind: 'event' | 'part', code: string): Promise<CategoryRow | null> {
    const key = `${kind}:${code}`;
    if (!this.categories.has(key)) {
      // Inactive categories are accepted: history was filed under codes a city may since have retired.
      this.categories.set(key, await findCategory(this.db, this.cityCode, kind, code));
    }
    return this.categories.get(key) ?? null;
  }

  private async grid(code: string) {
    if (!this.grids.has(code)) {
      const grid = await findGridByCode(this.db, this.cityCode, code);
      this.grids.set(
        code,
        grid ? { id: grid.id, districtId: grid.districtId, streetId: grid.streetId } : null,
      );
    }
    return this.grids.get(code) ?? null;
  }

  private async district(name: string): Promise<string | null> {
    const key = normaliseName(name);
    if (!this.districts.has(key)) {
      const region = await findRegionByName(this.db, this.cityCode, name);
      this.districts.set(key, region && region.level === 'district' ? region.id : null);
    }
    return this.districts.get(key) ?? null;
  }

  private async unit(name: string): Promise<string | null> {
    const key = normaliseName(name);
    if (!this.units.has(key)) {
      // Inactive units are accepted for the same reason as categories.
      this.units.set(key, (await findUnitByName(this.db, this.cityCode, name))?.id ?? null);
    }
    return this.units.get(key) ?? null;
  }

  private async insideCity(lng: number, lat: number): Promise<boolean> {
    if (this.cityBounds === undefined) {
      const b = await selectCityBounds(this.db, this.cityCode);
      this.cityBounds =
        b && b.minLng !== null && b.minLat !== null && b.maxLng !== null && b.maxLat !== null
          ? { minLng: b.minLng, minLat: b.minLat, maxLng: b.maxLng, maxLat: b.maxLat }
          : null;
    }
    const b = this.cityBounds;
    // A city without a stored outline cannot refuse anything here; the grid code already matched.
    return !b || (lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat);
  }
}

/** A row of a batch that passed every check, ready to be written. */
interface ReadyRow {
  resolved: ResolvedRow;
  steps: RebuiltStep[];
  stage: StageTiming | null;
}

/** Validates names and drops known numbers (reads only); returns the batch's good rows. */
async function prepareBatch(
  db: Db,
  cityCode: string,
  rows: ExchangeRow[],
  resolver: Resolver,
  report: ImportReport,
): Promise<ReadyRow[]> {
  await resolver.prefetchUsers(rows);
  const existing = await selectExistingCaseNos(
    db,
    cityCode,
    rows.flatMap((r) => (r.caseNo ? [r.caseNo] : [])),
  );
  const ready: ReadyRow[] = [];
  const calendarOf = batchCalendars(db, cityCode);
  for (const row of rows) {
    if (row.caseNo) {
      const reportedAt = existing.get(row.caseNo);
      if (reportedAt && reportedAt.getTime() === row.reportedAt.getTime()) {
        report.skipped++;
        continue;
      }
      if (reportedAt) {
        report.rejected.push({
          line: row.line,
          column: 'case_no',
          reason: bilingual(
            '案卷号已被另一上报时间的案卷使用',
            'case_no is already used by a case with another report time',
          ),
        });
        continue;
      }
    }
    const result = await resolver.resolve(row);
    if (!result.ok) {
      report.rejected.push(result.error);
      continue;
    }
    const steps = rebuildTransitions(row);
    ready.push({ resolved: result.value, steps, stage: await stageClock(calendarOf, result.value, steps) });
  }
  return ready;
}

/** Writes a batch's good rows in one transaction: counters, cases, their logs, one audit row. */
async function writeBatch(db: Db, cityCode: string, ready: readonly ReadyRow[]): Promise<void> {
  if (ready.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const caseNos = await numberRows(
      trx,
      cityCode,
      ready.map((r) => r.resolved.row),
    );

    const now = new Date();
    const cases: NewCase[] = [];
    const log: TransitionRow[] = [];
    ready.forEach(({ resolved, steps, stage }, i) => {
      const id = uuidv7();
      cases.push(caseRow(cityCode, id, caseNos[i] as string, resolved, steps, stage, now));
      log.push(...logRows(cityCode, id, resolved, steps));
    });
    await insertCaseHistoriesBulk(trx, cases, log);
    // Numbers the file brings raise their day's counter, so live reports never reuse them. Last,
    // because the counter rows stay locked until commit: a batch written alongside this one
    // that shares a day waits for them only once its own rows are in.
    const maxByDay = new Map<string, number>();
    for (const { resolved } of ready) noteCaseNo(maxByDay, resolved.row.caseNo);
    await reserveDailySequences(trx, cityCode, maxByDay);
    await recordAudit(trx, {
      cityCode,
      action: 'case.import',
      objectType: 'case',
      objectId: null,
      success: true,
      detail: {
        count: cases.length,
        firstCaseNo: cases[0]?.caseNo,
        lastCaseNo: cases[cases.length - 1]?.caseNo,
      },
    });
  });
}

/** Records a number of our own format (formatCaseNo) as its day's highest so far. */
function noteCaseNo(maxByDay: Map<string, number>, caseNo: string | null): void {
  const m = caseNo ? OUR_CASE_NO.exec(caseNo) : null;
  if (!m) return;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const start = startOfShanghaiDay(day);
  // E20191332… is someone else's numbering that happens to look like ours: no counter to raise.
  if (Number.isNaN(start.getTime()) || shanghaiDate(start) !== day) return;
  maxByDay.set(day, Math.max(maxByDay.get(day) ?? 0, Number(m[4])));
}

/** The file's numbers as given; the rest numbered per report day, one counter step per day. */
async function numberRows(db: Db, cityCode: string, rows: readonly ExchangeRow[]): Promise<string[]> {
  const perDay = new Map<string, number>();
  for (const row of rows) {
    if (!row.caseNo)
      perDay.set(shanghaiDate(row.reportedAt), (perDay.get(shanghaiDate(row.reportedAt)) ?? 0) + 1);
  }
  const next = new Map<string, number>();
  for (const [day, count] of perDay) next.set(day, await takeDailySequences(db, cityCode, day, count));
  return rows.map((row) => {
    if (row.caseNo) return row.caseNo;
    const day = shanghaiDate(row.reportedAt);
    const seq = next.get(day) as number;
    next.set(day, seq + 1);
    return formatCaseNo(row.kind, day, seq);
  });
}

/**
 * The clock of the state an open case lands in, as a live case there would have: a dispatched
 * case runs against the file's deadline (yellow light at 80% of the wall time since the step
 * that set it, as for hand-set deadlines); other states against the category's limit, counted
 * from when the case entered them. Closed, voided and parked cases have no clock.
 */
async function stageClock(
  calendarOf: StageCalendar,
  resolved: ResolvedRow,
  steps: RebuiltStep[],
): Promise<StageTiming | null> {
  const last = steps[steps.length - 1] as RebuiltStep;
  const deadline = resolved.row.deadlineAt;
  if (last.toStatus === 'dispatched' && deadline) {
    const setter = [...steps].reverse().find((s) => s.deadlineAt) ?? last;
    const start = setter.at.getTime();
    return {
      deadlineAt: deadline,
      warningAt: new Date(start + Math.max(0, deadline.getTime() - start) * 0.8),
      estimated: false,
    };
  }
  const stage = stageOfStatus[last.toStatus];
  return stage ? stageTimingOn(calendarOf, resolved.category, stage, last.at) : null;
}

/**
 * The city calendar for a batch's stage clocks, loaded once per span of years: loading it
 * reads the calendar settings, one query per open case otherwise. Per batch, not per import,
 * so a calendar edited during a long import applies from the next batch on.
 */
function batchCalendars(db: Db, cityCode: string): StageCalendar {
  const loaded = new Map<string, Promise<WorkCalendar>>();
  return (fromYear, toYear) => {
    const key = `${fromYear}:${toYear}`;
    let calendar = loaded.get(key);
    if (!calendar) {
      calendar = loadWorkCalendar(db, cityCode, fromYear, toYear);
      loaded.set(key, calendar);
    }
    return calendar;
  };
}

function caseRow(
  cityCode: string,
  id: string,
  caseNo: string,
  resolved: ResolvedRow,
  steps: RebuiltStep[],
  stage: StageTiming | null,
  now: Date,
): NewCase {
  const { row } = resolved;
  const last = steps[steps.length - 1] as RebuiltStep;
  const returned = steps.some((s) => s.action === 'return');
  return {
    id,
    cityCode,
    caseNo,
    source: row.source,
    kind: row.kind,
    categoryId: resolved.category.id,
    description: row.description,
    address: null,
    lng: row.lng,
    lat: row.lat,
    gridId: resolved.gridId,
    districtId: resolved.districtId,
    streetId: resolved.streetId,
    reporterId: resolved.reporter?.id ?? null,
    assigneeId: null,
    unitId: resolved.unitId,
    status: last.toStatus,
    // The row's version is the number of log rows, as for a live case.
    version: steps.length,
    selfDisposed: row.selfDisposed,
    urgent: false,
    supervision: null,
    reportedAt: row.reportedAt,
    filedAt: row.filedAt,
    voidedAt: row.voidedAt,
    parkedAt: row.parkedAt,
    dispatchedAt: row.dispatchedAt,
    deadlineAt: row.deadlineAt,
    disposedAt: row.disposedAt,
    checkedAt: row.checkedAt,
    closedAt: row.closedAt,
    stageDeadlineAt: stage?.deadlineAt ?? null,
    stageWarningAt: stage?.warningAt ?? null,
    deadlineEstimated: stage?.estimated ?? false,
    pendingExtensionUntil: null,
    reworkCount: row.reworkCount,
    extensionCount: row.extensionCount,
    returnCount: returned ? 1 : 0,
    idempotencyKey: null,
    requestHash: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Log rows for a rebuilt history. Only the report has a known actor (the reporter); the file
 * does not say who did the other steps, so they carry no actor, and every row is marked as
 * imported so statistics can tell them from steps taken in the system.
 */
function logRows(
  cityCode: string,
  caseId: string,
  resolved: ResolvedRow,
  steps: RebuiltStep[],
): TransitionRow[] {
  return steps.map((step, i) => {
    const first = i === 0;
    return {
      cityCode,
      caseId,
      seq: i + 1,
      action: step.action,
      fromStatus: step.fromStatus,
      toStatus: step.toStatus,
      actorId: first ? (resolved.reporter?.id ?? null) : null,
      actorRole: first ? (resolved.reporter?.role ?? null) : null,
      at: step.at,
      note: step.note,
      deadlineAt: step.deadlineAt,
      unitId: step.unit ? resolved.unitId : null,
      data: {
        imported: true,
        ...(first ? { source: resolved.row.source } : {}),
        ...(step.reconstructed ? { reconstructed: true } : {}),
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Export

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** --from/--to as Shanghai calendar dates, both inclusive, into an instant range. */
export function exportRange(range: { from?: string; to?: string }): ReportedRange {
  const day = (value: string, name: string) => {
    const start = DAY.test(value) ? startOfShanghaiDay(value) : new Date(Number.NaN);
    if (Number.isNaN(start.getTime()) || shanghaiDate(start) !== value) {
      throw invalid(`${name} 须为日期 YYYY-MM-DD：${value}`, `${name} must be a date YYYY-MM-DD: ${value}`);
    }
    return start;
  };
  const from = range.from ? day(range.from, '--from') : undefined;
  const to = range.to ? new Date(day(range.to, '--to').getTime() + 24 * 3600 * 1000) : undefined;
  if (from && to && from >= to) throw invalid('--from 晚于 --to', '--from is after --to');
  return { from, to };
}

/**
 * Writes the city's cases reported in the range as an exchange CSV (header always), oldest
 * first, and returns how many. Pages by (reported_at, id) so memory stays flat on any engine
 * (PGlite has no cursors). `unit` is the case's current unit: a returned case has none, and
 * writing its former unit would make it re-import as 处置中. Every export is audited, a failed
 * one too (part of the data may have left).
 */
export async function exportCasesCsv(
  db: Db,
  cityCode: string,
  range: { from?: string; to?: string },
  output: Writable,
  onProgress: ExchangeProgress = () => {},
): Promise<number> {
  const instants = exportRange(range);
  const total = await countCasesReported(db, cityCode, instants);
  const csv = stringify({ header: true, columns: [...exchangeColumns] });
  const written = new Promise<void>((resolve, reject) => {
    pipeline(csv, output, (error) => (error ? reject(error) : resolve()));
  });
  // Awaited after the last row; until then a failure must not count as unhandled.
  written.catch(() => {});
  let count = 0;
  let failure: unknown;
  try {
    let after: { reportedAt: Date; id: string } | null = null;
    for (;;) {
      const page = await selectExchangePage(db, cityCode, instants, after, EXPORT_PAGE);
      for (const c of page) {
        if (!csv.write(formatExchangeRow(c))) await once(csv, 'drain');
        count++;
      }
      onProgress(count, total);
      const last = page[page.length - 1];
      if (!last || page.length < EXPORT_PAGE) break;
      after = { reportedAt: last.reportedAt, id: last.id };
    }
    csv.end();
    await written;
    return count;
  } catch (error) {
    failure = error;
    csv.destroy(error as Error);
    throw error;
  } finally {
    await recordAudit(db, {
      cityCode,
      action: 'case.export',
      objectType: 'case',
      objectId: null,
      success: failure === undefined,
      detail: { count, from: range.from ?? null, to: range.to ?? null },
    });
  }
}

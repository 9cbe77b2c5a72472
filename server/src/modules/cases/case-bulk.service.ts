import type { Db } from '../../platform/db/database.js';
import type { NewCase, StageLimit } from '../../platform/db/schema.js';
import { shanghaiDate } from '../../platform/time.js';
import { recordAudit } from '../audit/index.js';
import { addWorkingTime, loadWorkCalendar, warningInstant } from '../calendar/index.js';
import { listCategories } from '../taxonomy/index.js';
import type { StageTiming } from './case-effects.js';
import { type CaseHistory, type ReplayedCase, replayHistory, type StageClock } from './case-history.js';
import {
  analyzeCaseTables,
  countMarkedCasesByDay,
  insertCaseHistoriesBulk,
  type TransitionRow,
  takeDailySequences,
} from './cases.repository.js';
import { formatCaseNo } from './cases.service.js';

/** Writes whole case histories for one city, with the calendar and categories read once. */
export interface CaseHistoryWriter {
  /** The clock a stage of this category gets when entered at `start` (as the live path computes it). */
  clock(categoryId: string, stage: string, start: Date): StageTiming | null;
  /**
   * Writes the histories in ONE transaction: every history is replayed through the workflow
   * table first (an illegal step throws before anything is written), numbers are taken from
   * the daily counters in report order, then cases and log go in as multi-row INSERTs with one
   * audit row for the batch. Returns the numbers given, in the order of `histories`.
   */
  write(
    histories: readonly CaseHistory[],
    audit: { action: string; detail: Record<string, unknown> },
  ): Promise<string[]>;
  /** Refreshes the planner's statistics once the load is done (PGlite has no autovacuum). */
  finish(): Promise<void>;
  /** Cases per Shanghai day of [from, to) whose idempotency key starts with the prefix. */
  countKeyedByDay(keyPrefix: string, range: { from: Date; to: Date }): Promise<Map<string, number>>;
}

/**
 * For loads of cases already lived through (a past period at once). The calendar covers
 * fromYear − 1 … toYear + 1 so limits near the year's edges are counted on official days.
 */
export async function openCaseHistoryWriter(
  db: Db,
  cityCode: string,
  years: { fromYear: number; toYear: number },
): Promise<CaseHistoryWriter> {
  const calendar = await loadWorkCalendar(db, cityCode, years.fromYear - 1, years.toYear + 1);
  const categories = new Map(
    (await listCategories(db, cityCode, { includeInactive: true })).map((c) => [
      c.id,
      c.timeLimits as Record<string, StageLimit | undefined>,
    ]),
  );
  const clock = (categoryId: string, stage: string, start: Date): StageTiming | null => {
    const limits = categories.get(categoryId);
    if (!limits) throw new Error(`unknown category ${categoryId}`);
    const limit = limits[stage];
    if (!limit) return null;
    const { at, estimated } = addWorkingTime(start, limit, calendar);
    return {
      deadlineAt: at,
      warningAt: warningInstant(start, at, calendar.warningShare, calendar),
      estimated,
    };
  };
  return {
    clock,
    write: (histories, audit) =>
      writeHistories(
        db,
        cityCode,
        histories,
        audit,
        (h) => (stage, start) => clock(h.case.categoryId, stage, start),
      ),
    finish: () => analyzeCaseTables(db),
    countKeyedByDay: (keyPrefix, range) => countMarkedCasesByDay(db, cityCode, keyPrefix, range),
  };
}

async function writeHistories(
  db: Db,
  cityCode: string,
  histories: readonly CaseHistory[],
  audit: { action: string; detail: Record<string, unknown> },
  clockOf: (history: CaseHistory) => StageClock,
): Promise<string[]> {
  if (histories.length === 0) return [];
  const replayed = histories.map((h) => replayHistory(cityCode, h, clockOf(h)));
  const order = replayed
    .map((r, i) => ({ i, at: (r.row.reportedAt as Date).getTime() }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.i);
  return db.transaction().execute(async (trx) => {
    const perDay = new Map<string, number>();
    for (const r of replayed) {
      const day = shanghaiDate(r.row.reportedAt as Date);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const next = new Map<string, number>();
    for (const [day, count] of perDay) next.set(day, await takeDailySequences(trx, cityCode, day, count));
    const caseNos: string[] = new Array(replayed.length);
    for (const i of order) {
      const r = replayed[i] as ReplayedCase;
      const day = shanghaiDate(r.row.reportedAt as Date);
      const seq = next.get(day) as number;
      next.set(day, seq + 1);
      caseNos[i] = formatCaseNo(r.row.kind, day, seq);
    }
    const now = new Date();
    const cases: NewCase[] = replayed.map((r, i) => ({
      ...r.row,
      caseNo: caseNos[i] as string,
      createdAt: now,
    }));
    const log: TransitionRow[] = replayed.flatMap((r) => r.log);
    await insertCaseHistoriesBulk(trx, cases, log);
    await recordAudit(trx, {
      cityCode,
      action: audit.action,
      objectType: 'case',
      objectId: null,
      success: true,
      detail: {
        ...audit.detail,
        count: cases.length,
        transitions: log.length,
        firstCaseNo: caseNos[order[0] as number],
        lastCaseNo: caseNos[order[order.length - 1] as number],
      },
    });
    return caseNos;
  });
}

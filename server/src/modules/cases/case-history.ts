import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import type { NewCase } from '../../platform/db/schema.js';
import { effectsOf, type StageTiming } from './case-effects.js';
import { decideTransition, stageOfStatus } from './case-workflow.js';
import type { TransitionRow } from './cases.repository.js';

// A whole case history written at once (bulk loads of past months, the demo city): the same
// workflow table and the same row bookkeeping as live transitions (decideTransition +
// effectsOf), replayed in memory so that the stored row is exactly what the live path would
// have left and every log row is a move the live path would have accepted. Pure.

/** One step of a history; the first step is the report ('report' or 'self_dispose'). */
export interface HistoryStep {
  action: CaseAction;
  at: Date;
  actorId: string | null;
  role: Role;
  note?: string;
  /** dispatch / rework: the unit the case goes to. */
  unitId?: string;
  /** request_verify / request_check: the collector sent to the site. */
  assigneeId?: string;
  extendTo?: Date;
  confirmed?: boolean;
  supervision?: 'normal' | 'yellow' | 'red';
}

/** The clock of a stage entered at `start` for the case's category (null: no limit set). */
export type StageClock = (stage: string, start: Date) => StageTiming | null;

/** What a report fixes about a case; everything else follows from the steps. */
export type HistoryCase = Pick<
  NewCase,
  | 'id'
  | 'source'
  | 'kind'
  | 'categoryId'
  | 'description'
  | 'address'
  | 'lng'
  | 'lat'
  | 'gridId'
  | 'districtId'
  | 'streetId'
  | 'reporterId'
  | 'urgent'
  | 'idempotencyKey'
>;

export interface CaseHistory {
  case: HistoryCase;
  steps: readonly HistoryStep[];
  /** Merged into every log row's data (e.g. a marker that the row was generated). */
  data?: Record<string, unknown>;
}

export interface ReplayedCase {
  row: Omit<NewCase, 'caseNo' | 'createdAt' | 'updatedAt'> & { updatedAt: Date };
  log: TransitionRow[];
}

/**
 * Replays a history through the workflow table; throws on the first move the live path would
 * refuse. Clocks are set as transitionCase sets them: the limit of the stage entered, the
 * approved date for an extension, unchanged for requests, denials and 督办.
 */
export function replayHistory(cityCode: string, history: CaseHistory, clock: StageClock): ReplayedCase {
  const [first, ...rest] = history.steps;
  if (!first || (first.action !== 'report' && first.action !== 'self_dispose')) {
    throw new Error(`case history ${history.case.id} does not start with a report`);
  }
  const selfDisposed = first.action === 'self_dispose';
  const reportedAt = first.at;
  const reportClock = selfDisposed ? null : clock('accept', reportedAt);
  const row: ReplayedCase['row'] = {
    ...history.case,
    cityCode,
    assigneeId: null,
    unitId: null,
    status: selfDisposed ? 'closed' : 'reported',
    version: 1,
    selfDisposed,
    supervision: null,
    reportedAt,
    filedAt: selfDisposed ? reportedAt : null,
    voidedAt: null,
    parkedAt: null,
    dispatchedAt: null,
    deadlineAt: null,
    disposedAt: selfDisposed ? reportedAt : null,
    checkedAt: selfDisposed ? reportedAt : null,
    closedAt: selfDisposed ? reportedAt : null,
    stageDeadlineAt: reportClock?.deadlineAt ?? null,
    stageWarningAt: reportClock?.warningAt ?? null,
    deadlineEstimated: reportClock?.estimated ?? false,
    pendingExtensionUntil: null,
    reworkCount: 0,
    extensionCount: 0,
    returnCount: 0,
    requestHash: null,
    updatedAt: reportedAt,
  };
  const extra = history.data ?? {};
  const log: TransitionRow[] = [
    {
      cityCode,
      caseId: history.case.id,
      seq: 1,
      action: first.action,
      fromStatus: null,
      toStatus: row.status as CaseStatus,
      actorId: first.actorId,
      actorRole: first.role,
      at: reportedAt,
      note: first.note ?? null,
      deadlineAt: reportClock?.deadlineAt ?? null,
      unitId: null,
      data: { source: history.case.source, ...extra },
    },
  ];

  let previousAt = reportedAt;
  for (const step of rest) {
    if (step.at < previousAt) throw new Error(`case history ${history.case.id}: steps out of order`);
    previousAt = step.at;
    const status = row.status as CaseStatus;
    const pendingExtensionUntil = (row.pendingExtensionUntil as Date | null) ?? null;
    const decision = decideTransition(
      { status, pendingExtension: pendingExtensionUntil !== null },
      step.action,
      step.role,
      {
        note: step.note,
        extendTo: step.extendTo?.toISOString(),
        confirmed: step.confirmed,
        supervision: step.supervision,
      },
    );
    if (!decision.ok) {
      throw new Error(
        `case history ${history.case.id}: ${step.action} by ${step.role} from ${status} refused (${decision.reason})`,
      );
    }
    const currentUnit = (row.unitId as string | null) ?? null;
    const movesUnit = step.action === 'dispatch' || step.action === 'rework';
    const unitId = movesUnit ? (step.unitId ?? currentUnit) : undefined;
    if (movesUnit && !unitId)
      throw new Error(`case history ${history.case.id}: ${step.action} without a unit`);
    const patch = effectsOf(step.action, {
      now: step.at,
      to: decision.to,
      stage: stageFor(step, decision.to, row, clock),
      unitId,
      assigneeId: step.assigneeId ?? null,
      extendTo: step.extendTo,
      pendingExtensionUntil,
      supervision: step.supervision,
      counters: {
        reworkCount: row.reworkCount as number,
        extensionCount: row.extensionCount as number,
        returnCount: row.returnCount as number,
      },
      firstDispatch: row.dispatchedAt === null,
    });
    Object.assign(row, patch);
    row.status = decision.to;
    row.version = (row.version as number) + 1;
    log.push({
      cityCode,
      caseId: history.case.id,
      seq: row.version,
      action: step.action,
      fromStatus: status,
      toStatus: decision.to,
      actorId: step.actorId,
      actorRole: step.role,
      at: step.at,
      note: step.note ?? null,
      deadlineAt: (patch.stageDeadlineAt as Date | null | undefined) ?? null,
      // As the live path: the new unit for dispatch/rework, else the unit the case was with.
      unitId: unitId ?? currentUnit,
      data: {
        ...(step.assigneeId ? { assigneeId: step.assigneeId } : {}),
        ...(step.extendTo ? { extendTo: step.extendTo.toISOString() } : {}),
        ...(step.confirmed !== undefined ? { confirmed: step.confirmed } : {}),
        ...(step.supervision ? { supervision: step.supervision } : {}),
        ...extra,
      },
    });
  }
  return { row, log };
}

function stageFor(
  step: HistoryStep,
  to: CaseStatus,
  row: ReplayedCase['row'],
  clock: StageClock,
): StageTiming | null {
  if (step.action === 'approve_extension') {
    const until = row.pendingExtensionUntil as Date;
    const start = ((row.dispatchedAt as Date | null) ?? step.at).getTime();
    // As the live path: yellow light at 80% of the wall time up to the approved date.
    return {
      deadlineAt: until,
      warningAt: new Date(start + (until.getTime() - start) * 0.8),
      estimated: false,
    };
  }
  // Requests, denials and 督办 leave the clock alone (effectsOf ignores a stage for them).
  if (step.action === 'request_extension' || step.action === 'deny_extension' || step.action === 'supervise')
    return null;
  const stage = stageOfStatus[to];
  return stage ? clock(stage, step.at) : null;
}

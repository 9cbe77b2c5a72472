import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { CasePatch } from '../../platform/db/schema.js';

/** A stage's clock: when it ends, when its yellow light starts, and whether the calendar guessed. */
export interface StageTiming {
  deadlineAt: Date;
  warningAt: Date;
  estimated: boolean;
}

export interface EffectContext {
  now: Date;
  to: CaseStatus;
  /** The clock of the stage the case enters (null when the new state has no limit). */
  stage: StageTiming | null;
  unitId?: string | null;
  assigneeId?: string | null;
  extendTo?: Date;
  pendingExtensionUntil?: Date | null;
  supervision?: 'normal' | 'yellow' | 'red';
  category?: { id: string; kind: 'event' | 'part' };
  counters: { reworkCount: number; extensionCount: number; returnCount: number };
  firstDispatch: boolean;
}

/**
 * What a transition changes on the case row besides status and version. Pure, so each
 * action's bookkeeping (stamps, counters, deadlines) is tested without a database.
 */
export function effectsOf(action: CaseAction, ctx: EffectContext): CasePatch {
  const { now } = ctx;
  const clock: CasePatch = ctx.stage
    ? {
        stageDeadlineAt: ctx.stage.deadlineAt,
        stageWarningAt: ctx.stage.warningAt,
        deadlineEstimated: ctx.stage.estimated,
      }
    : { stageDeadlineAt: null, stageWarningAt: null, deadlineEstimated: false };
  const base: CasePatch = { status: ctx.to, updatedAt: now, ...clock };
  switch (action) {
    case 'accept':
      return base;
    case 'request_verify':
    case 'request_check':
      return { ...base, assigneeId: ctx.assigneeId ?? null };
    case 'verify':
      return ctx.to === 'voided'
        ? { ...base, assigneeId: null, voidedAt: now }
        : { ...base, assigneeId: null };
    case 'file':
      return {
        ...base,
        filedAt: now,
        ...(ctx.category ? { categoryId: ctx.category.id, kind: ctx.category.kind } : {}),
      };
    case 'void':
      return { ...base, voidedAt: now };
    case 'dispatch':
      return {
        ...base,
        unitId: ctx.unitId ?? null,
        deadlineAt: ctx.stage?.deadlineAt ?? null,
        ...(ctx.firstDispatch ? { dispatchedAt: now } : {}),
      };
    case 'return':
      return {
        ...base,
        unitId: null,
        deadlineAt: null,
        pendingExtensionUntil: null,
        returnCount: ctx.counters.returnCount + 1,
      };
    case 'request_extension':
      return { updatedAt: now, pendingExtensionUntil: ctx.extendTo ?? null };
    case 'approve_extension': {
      const until = ctx.pendingExtensionUntil ?? null;
      return {
        updatedAt: now,
        deadlineAt: until,
        stageDeadlineAt: until,
        stageWarningAt: ctx.stage?.warningAt ?? until,
        deadlineEstimated: ctx.stage?.estimated ?? false,
        pendingExtensionUntil: null,
        extensionCount: ctx.counters.extensionCount + 1,
      };
    }
    case 'deny_extension':
      return { updatedAt: now, pendingExtensionUntil: null };
    case 'dispose':
      return { ...base, disposedAt: now, pendingExtensionUntil: null };
    case 'check_pass':
      return { ...base, checkedAt: now, assigneeId: null };
    case 'check_fail':
      return { ...base, assigneeId: null };
    case 'rework':
      return {
        ...base,
        unitId: ctx.unitId ?? null,
        deadlineAt: ctx.stage?.deadlineAt ?? null,
        disposedAt: null,
        checkedAt: null,
        reworkCount: ctx.counters.reworkCount + 1,
      };
    case 'close':
      return { ...base, closedAt: now };
    case 'park':
      return { ...base, parkedAt: now, pendingExtensionUntil: null };
    case 'unpark':
      return { ...base, parkedAt: null, unitId: null, deadlineAt: null };
    case 'supervise':
      return { updatedAt: now, supervision: ctx.supervision ?? 'normal' };
    case 'report':
    case 'self_dispose':
      return base;
  }
}

/** 绿灯/黄灯/红灯 of a case's current stage at `now`. */
export function lightOf(
  row: { stageDeadlineAt: Date | null; stageWarningAt: Date | null },
  now: Date,
): 'green' | 'yellow' | 'red' | 'none' {
  if (!row.stageDeadlineAt) return 'none';
  if (now > row.stageDeadlineAt) return 'red';
  if (row.stageWarningAt && now >= row.stageWarningAt) return 'yellow';
  return 'green';
}

import { createHash } from 'node:crypto';
import {
  type CaseStatus,
  type CollectorSuggestionReason,
  caseStatusSchema,
  type DeclaredPhoto,
  type ReportCaseInput,
  type TransitionInput,
} from '@cityloop/contracts/cases';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CaseRow, CategoryRow } from '../../platform/db/schema.js';
import { nextSharedNumber } from '../../platform/db/shared-sequence.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate } from '../../platform/time.js';
import { actorAuditInsert, recordActorAudit } from '../audit/index.js';
import { getPart, locatePoint } from '../geo/index.js';
import { findDistrictGovernmentUnit, getUnit } from '../org/index.js';
import { findCategory, getCategory } from '../taxonomy/index.js';
import { nearestCollectorOnShift, responsibleCollector, userBrief } from '../users/index.js';
import { effectsOf, type StageTiming } from './case-effects.js';
import { emitCaseTransition } from './case-events.js';
import { mayAttachPhoto } from './case-photos.js';
import { scopeOf } from './case-scope.js';
import { stageTiming } from './case-timing.js';
import { decideTransition, reportRoles, selfDisposeRoles, stageOfStatus } from './case-workflow.js';
import {
  countMediaSince,
  insertReportedCase,
  insertTransitions,
  lastTransitionAt,
  type NewCaseLabels,
  selectCaseById,
  selectCaseByIdempotencyKey,
  type TimelineEntry,
  type TransitionRow,
  takeDailySequences,
  updateCaseAtVersion,
} from './cases.repository.js';

export const caseWord = { zh: '案卷', en: 'case' };

/** Readable, unique per city: kind letter (E 事件 / C 部件), Shanghai date, 5-digit daily number. */
export function formatCaseNo(kind: 'event' | 'part', day: string, seq: number): string {
  return `${kind === 'event' ? 'E' : 'C'}${day.replaceAll('-', '')}${String(seq).padStart(5, '0')}`;
}

export async function requireCategory(
  db: Db,
  cityCode: string,
  kind: 'event' | 'part',
  code: string,
): Promise<CategoryRow> {
  const category = await findCategory(db, cityCode, kind, code);
  if (!category?.active) {
    throw invalid(
      `未知的${kind === 'event' ? '事件' : '部件'}类别：${code}`,
      `unknown ${kind} category: ${code}`,
    );
  }
  return category;
}

export async function requireLocation(db: Db, cityCode: string, lng: number, lat: number) {
  const place = await locatePoint(db, cityCode, lng, lat);
  if (!place) {
    throw invalid('该位置不在本市网格范围内', 'the point is outside the city’s unit grids', { lng, lat });
  }
  return place;
}

/** A case may name an inventoried part; only part cases can, and the part must exist. */
async function requirePart(
  db: Db,
  cityCode: string,
  partId: string,
  kind: 'event' | 'part',
): Promise<string> {
  if (kind !== 'part')
    throw invalid('只有部件案件可以关联部件', 'only part cases can name an inventoried part');
  const part = await getPart(db, cityCode, partId);
  if (!part) throw invalid('关联的部件不存在', 'the named part is not in the inventory');
  return part.id;
}

function requestHashOf(input: ReportCaseInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** What a report leaves: the case, and for a new one the names and first log entry its page shows. */
export type ReportedCase =
  | { created: true; case: CaseRow; labels: NewCaseLabels; firstEntry: TimelineEntry }
  | { created: false; case: CaseRow };

/**
 * 上报: a new case, or — for a collector's self-disposal (自行处置) — a case that is filed,
 * disposed, checked and closed in the same step. With an idempotency key a retried report
 * returns the case the first attempt made instead of making a second one.
 *
 * Reports are the hottest write (a city's collectors, video and hotline at once), so a new one
 * is written in one statement — case, first log row and audit row, atomic as one transaction —
 * and its page is answered from what that statement returns instead of being read back.
 */
export async function reportCase(
  deps: AppDeps,
  actor: Actor,
  input: ReportCaseInput,
  idempotencyKey?: string,
): Promise<ReportedCase> {
  const { db } = deps;
  const roles = input.selfDisposed ? selfDisposeRoles : reportRoles;
  if (!roles.includes(actor.role)) throw forbidden();
  const requestHash = requestHashOf(input);
  const now = deps.now();
  const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
  if (reportedAt.getTime() > now.getTime() + 5 * 60000) {
    throw invalid('上报时间不能晚于当前时间', 'reportedAt cannot be in the future');
  }
  checkDeclaredPhotos(actor, input.photos ?? [], deps.config.uploadMaxBytes);
  const [category, place, partId] = await Promise.all([
    requireCategory(db, actor.cityCode, input.kind, input.categoryCode),
    requireLocation(db, actor.cityCode, input.lng, input.lat),
    input.partId ? requirePart(db, actor.cityCode, input.partId, input.kind) : null,
  ]);
  const timing = input.selfDisposed
    ? null
    : await stageTiming(db, actor.cityCode, category, 'accept', reportedAt);

  const day = shanghaiDate(reportedAt);
  const seq = await nextSharedNumber(db, `case-no|${actor.cityCode}|${day}`, (conn, count) =>
    takeDailySequences(conn, actor.cityCode, day, count),
  );
  const caseNo = formatCaseNo(input.kind, day, seq);
  const id = uuidv7();
  const status: CaseStatus = input.selfDisposed ? 'closed' : 'reported';
  const doneAt = input.selfDisposed ? reportedAt : null;
  const action = input.selfDisposed ? 'self_dispose' : 'report';
  const firstEntry: TransitionRow = {
    cityCode: actor.cityCode,
    caseId: id,
    seq: 1,
    action,
    fromStatus: null,
    toStatus: status,
    actorId: actor.userId,
    actorRole: actor.role,
    at: reportedAt,
    note: null,
    deadlineAt: timing?.deadlineAt ?? null,
    unitId: null,
    data: input.photos?.length ? { source: input.source, photos: input.photos } : { source: input.source },
  };
  try {
    const inserted = await insertReportedCase(
      db,
      {
        id,
        cityCode: actor.cityCode,
        caseNo,
        source: input.source,
        kind: input.kind,
        categoryId: category.id,
        description: input.description,
        address: input.address ?? null,
        lng: input.lng,
        lat: input.lat,
        gridId: place.grid.id,
        districtId: place.district.id,
        streetId: place.street.id,
        reporterId: actor.userId,
        assigneeId: null,
        unitId: null,
        status,
        selfDisposed: input.selfDisposed,
        urgent: input.urgent,
        supervision: null,
        reportedAt,
        filedAt: doneAt,
        voidedAt: null,
        parkedAt: null,
        dispatchedAt: null,
        deadlineAt: null,
        disposedAt: doneAt,
        checkedAt: doneAt,
        closedAt: doneAt,
        stageDeadlineAt: timing?.deadlineAt ?? null,
        stageWarningAt: timing?.warningAt ?? null,
        deadlineEstimated: timing?.estimated ?? false,
        pendingExtensionUntil: null,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        partId,
        createdAt: now,
        updatedAt: now,
      },
      firstEntry,
      actorAuditInsert(db, actor, input.selfDisposed ? 'case.self_dispose' : 'case.report', 'case', id, {
        caseNo,
      }),
    );
    const { categoryCode, categoryName, categoryMajorName, gridCode, districtName, reporterName, ...row } =
      inserted;
    return {
      created: true,
      case: row,
      labels: { categoryCode, categoryName, categoryMajorName, gridCode, districtName, reporterName },
      firstEntry: {
        seq: firstEntry.seq,
        action,
        fromStatus: null,
        toStatus: status,
        actorRole: actor.role,
        at: reportedAt,
        note: null,
        deadlineAt: firstEntry.deadlineAt,
        data: firstEntry.data,
        actorLogin: actor.login,
        actorName: reporterName,
        unitName: null,
      },
    };
  } catch (error) {
    // A retry of a report that was made (or two identical retries racing): the unique key
    // refuses the second case, and the retry answers with the first one.
    if (idempotencyKey && isUniqueViolation(error)) {
      const first = await selectCaseByIdempotencyKey(db, actor.cityCode, idempotencyKey);
      if (first) return { case: sameRequestOrFail(first, requestHash), created: false };
    }
    throw error;
  }
}

/** Declared photos the reporter could not upload are refused with the report, before anything is written. */
function checkDeclaredPhotos(actor: Actor, photos: readonly DeclaredPhoto[], maxBytes: number): void {
  for (const photo of photos) {
    if (!mayAttachPhoto(actor.role, photo.stage)) {
      throw invalid(
        `当前角色不能登记“${photoStageWords[photo.stage]}”照片`,
        `your role cannot declare ${photo.stage} photos`,
        { field: 'photos' },
      );
    }
    if (photo.byteSize > maxBytes) {
      const mb = Math.floor(maxBytes / 1024 / 1024);
      throw invalid(`登记的照片超过上传上限 ${mb} MB`, `a declared photo is over the ${mb} MB upload limit`, {
        field: 'photos',
      });
    }
  }
}

const photoStageWords: Record<DeclaredPhoto['stage'], string> = {
  report: '上报',
  before: '处置前',
  after: '处置后',
};

function sameRequestOrFail(previous: CaseRow, requestHash: string): CaseRow {
  if (previous.requestHash !== requestHash) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', {
      zh: '该幂等键已用于另一份不同的上报',
      en: 'this Idempotency-Key was already used for a different report',
    });
  }
  return previous;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

export async function getVisibleCase(db: Db, actor: Actor, id: string): Promise<CaseRow> {
  const row = await selectCaseById(db, scopeOf(actor), id);
  if (!row) throw notFound(caseWord);
  return row;
}

const refusals = {
  illegal: (status: string, action: string) =>
    new AppError(409, 'ILLEGAL_TRANSITION', {
      zh: `案卷当前状态（${status}）不允许执行“${action}”`,
      en: `action ${action} is not allowed while the case is ${status}`,
    }),
  stale: () =>
    new AppError(409, 'STALE_VERSION', {
      zh: '案卷已被他人处理，请刷新后重试',
      en: 'the case was changed by someone else; reload and try again',
    }),
  extensionPending: () =>
    new AppError(409, 'EXTENSION_PENDING', {
      zh: '已有待审批的延期申请',
      en: 'an extension request is already pending',
    }),
  noExtension: () =>
    new AppError(409, 'NO_EXTENSION_REQUEST', {
      zh: '没有待审批的延期申请',
      en: 'there is no pending extension request',
    }),
};

const fieldNames: Record<string, { zh: string; en: string }> = {
  note: { zh: '说明/原因', en: 'note (reason)' },
  extendTo: { zh: '申请延期至', en: 'extendTo' },
  confirmed: { zh: '核实结果', en: 'confirmed' },
  supervision: { zh: '督办级别', en: 'supervision level' },
};

/**
 * Moves a case one step through the loop. The workflow table decides whether the move is
 * legal for this role; the update is conditional on the version the client saw, and the
 * case row, its log row and the audit row commit together or not at all.
 */
export async function transitionCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: TransitionInput,
): Promise<CaseRow> {
  const { db } = deps;
  const current = await getVisibleCase(db, actor, caseId);
  const status = caseStatusSchema.parse(current.status);
  // A client acting on an old view is told so first: what it saw is no longer the case.
  if (input.version !== current.version) throw refusals.stale();
  const decision = decideTransition(
    { status, pendingExtension: current.pendingExtensionUntil !== null },
    input.action,
    actor.role,
    input,
  );
  if (!decision.ok) {
    if (decision.reason === 'illegal') throw refusals.illegal(status, input.action);
    if (decision.reason === 'role') throw forbidden();
    if (decision.reason === 'extension_pending') throw refusals.extensionPending();
    if (decision.reason === 'no_extension') throw refusals.noExtension();
    if (decision.reason !== 'missing') throw refusals.illegal(status, input.action);
    const name = fieldNames[decision.field] ?? { zh: decision.field, en: decision.field };
    throw invalid(`缺少必填项：${name.zh}`, `missing required field: ${name.en}`);
  }
  checkPersonalScope(actor, current, input.action);
  if (input.action === 'dispose') await requireDisposalPhoto(db, current);

  const now = deps.now();
  const to = decision.to;
  const extra = await prepareAction(deps, actor, current, input, to, now);
  const patch = effectsOf(input.action, {
    now,
    to,
    stage: extra.stage,
    unitId: extra.unitId,
    assigneeId: extra.assigneeId,
    extendTo: input.extendTo ? new Date(input.extendTo) : undefined,
    pendingExtensionUntil: current.pendingExtensionUntil,
    supervision: input.supervision,
    category: extra.category,
    counters: current,
    firstDispatch: current.dispatchedAt === null,
  });

  await db.transaction().execute(async (trx) => {
    const moved = await updateCaseAtVersion(trx, current.id, current.version, patch);
    if (!moved) throw refusals.stale();
    await insertTransitions(trx, [
      {
        cityCode: current.cityCode,
        caseId: current.id,
        seq: current.version + 1,
        action: input.action,
        fromStatus: status,
        toStatus: to,
        actorId: actor.userId,
        actorRole: actor.role,
        at: now,
        note: input.note ?? null,
        deadlineAt: (patch.stageDeadlineAt as Date | null | undefined) ?? null,
        // The unit the step concerns: the new one for dispatch/rework, else the case's current one.
        unitId: extra.unitId ?? current.unitId ?? null,
        data: compact({
          assigneeId: extra.assigneeId,
          extendTo: input.extendTo,
          confirmed: input.confirmed,
          supervision: input.supervision,
          categoryCode: extra.category ? input.categoryCode : undefined,
        }),
      },
    ]);
    await recordActorAudit(trx, actor, `case.${input.action}`, 'case', current.id, {
      caseNo: current.caseNo,
      from: status,
      to,
    });
    // Upper modules (webhook outbox) react inside the same transaction: both or neither.
    const after = await selectCaseById(trx, { cityCode: current.cityCode }, current.id);
    if (after) {
      await emitCaseTransition(trx, after, {
        seq: current.version + 1,
        action: input.action,
        fromStatus: status,
        toStatus: to,
        at: now,
        actorRole: actor.role,
        unitId: extra.unitId ?? current.unitId ?? null,
      });
    }
  });
  const moved = await selectCaseById(db, { cityCode: current.cityCode }, current.id);
  if (!moved) throw new Error('moved case vanished');
  return moved;
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null));
}

/** Role checks that depend on the person, not the role: a unit acts only on its own cases, a collector on their tasks. */
function checkPersonalScope(actor: Actor, current: CaseRow, action: TransitionInput['action']) {
  if (actor.role === 'unit_staff' && current.unitId !== actor.unitId) throw forbidden();
  if (actor.role === 'collector' && ['verify', 'check_pass', 'check_fail'].includes(action)) {
    if (current.assigneeId !== actor.userId) {
      throw new AppError(403, 'NOT_ASSIGNEE', {
        zh: '该核实/核查任务未派给您',
        en: 'this verification task is assigned to someone else',
      });
    }
  }
}

interface PreparedAction {
  stage: StageTiming | null;
  unitId?: string | null;
  assigneeId?: string | null;
  category?: { id: string; kind: 'event' | 'part' };
}

/** Looks up what an action needs (target unit, assignee, new clock) before the write transaction. */
async function prepareAction(
  deps: AppDeps,
  actor: Actor,
  current: CaseRow,
  input: TransitionInput,
  to: CaseStatus,
  now: Date,
): Promise<PreparedAction> {
  const { db } = deps;
  let category = await getCategory(db, current.cityCode, current.categoryId);
  let recategorized: PreparedAction['category'];
  if (input.action === 'file' && input.categoryCode) {
    category = await requireCategory(db, actor.cityCode, input.kind ?? current.kind, input.categoryCode);
    recategorized = { id: category.id, kind: category.kind };
  }
  const stageKey = stageOfStatus[to];
  const clockFor = async () => (stageKey ? stageTiming(db, actor.cityCode, category, stageKey, now) : null);

  switch (input.action) {
    case 'dispatch': {
      const unitId =
        input.unitId ??
        (current.partId ? (await getPart(db, current.cityCode, current.partId))?.maintainerUnitId : null) ??
        category.defaultUnitId ??
        (await findDistrictGovernmentUnit(db, actor.cityCode, current.districtId))?.id;
      if (!unitId) throw invalid('请选择处置单位', 'choose a handling unit (the category has no default)');
      const unit = await getUnit(db, actor.cityCode, unitId).catch(() => null);
      if (!unit?.active)
        throw invalid('处置单位不存在或已停用', 'the handling unit does not exist or is inactive');
      return { stage: await explicitOrComputed(deps, input.deadlineAt, clockFor), unitId };
    }
    case 'rework': {
      // 返工 normally goes back to the same unit; the dispatcher may re-route it (改派) at the same time.
      const unitId = input.unitId ?? current.unitId;
      if (input.unitId) {
        const unit = await getUnit(db, actor.cityCode, input.unitId).catch(() => null);
        if (!unit?.active)
          throw invalid('处置单位不存在或已停用', 'the handling unit does not exist or is inactive');
      }
      return { stage: await explicitOrComputed(deps, input.deadlineAt, clockFor), unitId };
    }
    case 'request_verify':
    case 'request_check': {
      const assigneeId = input.assigneeId
        ? await requireActiveCollector(db, current.cityCode, input.assigneeId)
        : (await suggestCollector(db, current, now))?.userId;
      if (!assigneeId) {
        throw invalid('请指定执行核实/核查的监督员', 'choose the collector who will verify/check on site');
      }
      return { stage: await clockFor(), assigneeId };
    }
    case 'request_extension': {
      const extendTo = new Date(input.extendTo as string);
      if (!current.deadlineAt || extendTo <= current.deadlineAt) {
        throw invalid(
          '申请延期的时间须晚于当前处置时限',
          'the requested deadline must be later than the current one',
        );
      }
      return { stage: null };
    }
    case 'approve_extension': {
      const until = current.pendingExtensionUntil as Date;
      const start = current.dispatchedAt ?? now;
      return { stage: { deadlineAt: until, warningAt: warningBetween(start, until), estimated: false } };
    }
    case 'deny_extension':
    case 'supervise':
      return { stage: null };
    case 'file':
      return { stage: await clockFor(), category: recategorized };
    default:
      return { stage: await clockFor() };
  }
}

/**
 * Who a 核实/核查 task goes to when the sender names nobody: the grid's responsible collector
 * (责任监督员), else the nearest collector on shift, else — for a patrol report — the collector
 * who reported it.
 */
export async function suggestCollector(
  db: Db,
  current: CaseRow,
  now: Date,
): Promise<{ userId: string; reason: CollectorSuggestionReason } | null> {
  const responsible = current.gridId
    ? await responsibleCollector(db, current.cityCode, current.gridId, now)
    : null;
  if (responsible) return { userId: responsible, reason: 'responsible' };
  const nearest = await nearestCollectorOnShift(db, current.cityCode, current, now);
  if (nearest) return { userId: nearest, reason: 'nearest_on_shift' };
  if (current.source === 'patrol' && current.reporterId) {
    const reporter = await userBrief(db, current.cityCode, current.reporterId);
    if (reporter?.role === 'collector' && reporter.active) return { userId: reporter.id, reason: 'reporter' };
  }
  return null;
}

/** A named 核实/核查 assignee must be an active collector of the city (changes nothing otherwise). */
async function requireActiveCollector(db: Db, cityCode: string, userId: string): Promise<string> {
  const user = await userBrief(db, cityCode, userId);
  if (user?.role !== 'collector' || !user.active) {
    throw invalid(
      '指定的核实/核查人员不是本市在用的监督员',
      'the chosen assignee is not an active collector of this city',
      { assigneeId: userId },
    );
  }
  return user.id;
}

async function explicitOrComputed(
  deps: AppDeps,
  deadlineAt: string | undefined,
  computed: () => Promise<StageTiming | null>,
): Promise<StageTiming | null> {
  if (!deadlineAt) return computed();
  const at = new Date(deadlineAt);
  const now = deps.now();
  if (at <= now) throw invalid('处置时限须晚于当前时间', 'the deadline must be in the future');
  return { deadlineAt: at, warningAt: warningBetween(now, at), estimated: false };
}

/** Yellow light at 80% of wall time for hand-set deadlines (no category limit to measure against). */
function warningBetween(start: Date, end: Date): Date {
  return new Date(start.getTime() + (end.getTime() - start.getTime()) * 0.8);
}

/** Photos must be attached before a disposal is reported (处置反馈须附照片). */
export async function requireDisposalPhoto(db: Db, current: CaseRow): Promise<void> {
  const since = (await lastTransitionAt(db, current.id)) ?? current.reportedAt;
  if ((await countMediaSince(db, current.id, 'dispose', since)) === 0) {
    throw invalid('处置反馈须先上传处置后照片', 'upload at least one after-disposal photo first');
  }
}

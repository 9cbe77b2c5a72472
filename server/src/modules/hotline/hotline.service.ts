import type { HotlineStatus, OrderActionInput, ReceiveOrderInput } from '@cityloop/contracts/hotline';
import { hotlineStatusSchema } from '@cityloop/contracts/hotline';
import { centreRoles } from '@cityloop/contracts/roles';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CaseRow } from '../../platform/db/schema.js';
import { nextSharedNumber } from '../../platform/db/shared-sequence.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { computeDeadline } from '../calendar/index.js';
import { reportCase } from '../cases/index.js';
import { locatePoint } from '../geo/index.js';
import { getUnit } from '../org/index.js';
import {
  insertAlert,
  insertOrderLog,
  insertOrders,
  type OrderPatch,
  type OrderRow,
  type OrderScope,
  receivedOrderRow,
  reserveOrderSequences,
  selectArticle,
  selectOrderById,
  selectOrdersByCaseId,
  selectSubjectByCode,
  selectSubjectById,
  selectTimeLimit,
  updateOrderAtVersion,
} from './hotline.repository.js';
import { deliverAlertWebhook } from './hotline-alerts.service.js';
import { type LimitKey, limitKeyOf } from './hotline-dictionary.js';
import { decideOrderAction, hotlineDeskRoles } from './order-workflow.js';

const orderWord = { zh: '工单', en: 'work order' };
const DAY_MS = 24 * 3600 * 1000;

/** 工单号: RX + Shanghai date + 5-digit daily number, unique per city. */
export function formatOrderNo(day: string, seq: number): string {
  return `RX${day.replaceAll('-', '')}${String(seq).padStart(5, '0')}`;
}

/** The slice of orders an actor sees: units their own (lead or co-unit), district leaders their district. */
export function orderScopeOf(actor: Actor): OrderScope {
  const scope: OrderScope = { cityCode: actor.cityCode };
  if (actor.role === 'unit_staff')
    return { ...scope, unitId: actor.unitId ?? '00000000-0000-0000-0000-000000000000' };
  if (actor.role === 'leader' && actor.regionId) return { ...scope, districtId: actor.regionId };
  return scope;
}

/** Roles that may read the hotline at all (collectors have no business with callers). */
export const hotlineReaderRoles = [...centreRoles, 'hotline_agent', 'unit_staff', 'leader'] as const;

export async function getVisibleOrder(db: Db, actor: Actor, id: string): Promise<OrderRow> {
  if (!(hotlineReaderRoles as readonly string[]).includes(actor.role)) throw forbidden();
  const row = await selectOrderById(db, orderScopeOf(actor), id);
  if (!row) throw notFound(orderWord);
  return row;
}

/** The deadline of a stay at a unit: the city's limit for the appeal type (or 'emergency'), in working time. */
export async function deadlineFor(
  db: Db,
  cityCode: string,
  key: LimitKey,
  start: Date,
): Promise<{ at: Date; estimated: boolean }> {
  const limit = await selectTimeLimit(db, cityCode, key);
  if (!limit) {
    throw invalid(`未配置“${key}”类诉求的办理时限`, `no time limit is configured for appeal type ${key}`);
  }
  // 当日办结: before the Shanghai calendar day ends, whatever the hour (emergencies come at night too).
  if (limit.unit === 'same_day') {
    return { at: new Date(startOfShanghaiDay(shanghaiDate(start)).getTime() + DAY_MS), estimated: false };
  }
  return computeDeadline(db, cityCode, start, { amount: Number(limit.amount), unit: limit.unit });
}

/**
 * 受理登记: records a call (or web/WeChat/mailbox/leader item) as a work order owned by the
 * receiving agent (首接责任). Invalid calls are recorded too, with their reason, and counted.
 * An emergency (突发事件) raises an alert in the same transaction and, after commit, calls
 * the configured webhook.
 */
export async function receiveOrder(
  deps: AppDeps,
  actor: Actor,
  input: ReceiveOrderInput,
  options: { alertWebhookUrl?: string } = {},
): Promise<OrderRow> {
  if (!hotlineDeskRoles.includes(actor.role)) throw forbidden();
  const { db } = deps;
  const now = deps.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 5 * 60000) {
    throw invalid('受理时间不能晚于当前时间', 'receivedAt cannot be in the future');
  }
  let subjectId: string | null = null;
  if (input.valid) {
    if (!input.appealType) throw invalid('请选择诉求类型', 'choose an appeal type');
    if (!input.content) throw invalid('诉求内容不能为空', 'the content of the appeal must not be empty');
    if (input.subjectCode) {
      const subject = await selectSubjectByCode(db, actor.cityCode, input.subjectCode);
      if (!subject?.active) {
        throw invalid(`未知的诉求事项：${input.subjectCode}`, `unknown subject: ${input.subjectCode}`);
      }
      subjectId = subject.id;
    }
  } else {
    if (!input.invalidReason) throw invalid('无效来电须注明原因', 'an invalid call needs a reason');
    if (input.emergency)
      throw invalid('无效来电不能标记为突发事件', 'an invalid call cannot be an emergency');
  }
  const place =
    input.lng !== undefined && input.lat !== undefined
      ? await locatePoint(db, actor.cityCode, input.lng, input.lat)
      : null;

  const id = uuidv7();
  const alertId = input.emergency ? uuidv7() : null;
  const status: HotlineStatus = input.valid ? 'received' : 'invalid';
  const day = shanghaiDate(receivedAt);
  // Taken before the order's transaction (see shared-sequence.ts): inside it, the day's counter
  // row stayed locked until the order committed.
  const seq = await nextSharedNumber(db, `order-no|${actor.cityCode}|${day}`, (conn, count) =>
    reserveOrderSequences(conn, actor.cityCode, day, count),
  );
  const orderNo = formatOrderNo(day, seq);
  await db.transaction().execute(async (trx) => {
    await insertOrders(trx, [
      {
        ...receivedOrderRow({
          id,
          cityCode: actor.cityCode,
          channel: input.channel,
          callerName: input.callerName || null,
          callerPhone: input.callerPhone ?? null,
          confidential: input.confidential,
          valid: input.valid,
          invalidReason: input.valid ? null : (input.invalidReason ?? null),
          appealType: input.valid ? (input.appealType ?? null) : null,
          subjectId,
          content: input.content,
          address: input.address ?? null,
          lng: input.lng ?? null,
          lat: input.lat ?? null,
          districtId: place?.district.id ?? null,
          urgent: input.urgent || Boolean(input.emergency),
          emergency: input.emergency ?? null,
          status,
          ownerId: actor.userId,
          receivedAt,
          createdAt: now,
          updatedAt: now,
        }),
        orderNo,
      },
    ]);
    await insertOrderLog(trx, [
      {
        cityCode: actor.cityCode,
        orderId: id,
        seq: 1,
        action: input.valid ? 'receive' : 'receive_invalid',
        fromStatus: null,
        toStatus: status,
        actorId: actor.userId,
        actorRole: actor.role,
        at: receivedAt,
        note: null,
        unitId: null,
        deadlineAt: null,
        data: compact({
          channel: input.channel,
          invalidReason: input.invalidReason,
          emergency: input.emergency,
        }),
      },
    ]);
    if (alertId && input.emergency) {
      await insertAlert(trx, {
        id: alertId,
        cityCode: actor.cityCode,
        orderId: id,
        emergency: input.emergency,
        summary: `${orderNo} ${input.address ?? ''} ${input.content}`.slice(0, 500),
        createdAt: now,
        webhookStatus: options.alertWebhookUrl ? 'pending' : 'not_configured',
      });
    }
    await recordActorAudit(
      trx,
      actor,
      input.valid ? 'hotline.receive' : 'hotline.receive_invalid',
      'hotline_order',
      id,
      {
        orderNo,
        emergency: input.emergency ?? null,
      },
    );
  });
  // After commit: the alert is already on the board; the webhook is a best-effort extra whose
  // outcome is written on the alert row, never lost silently.
  if (alertId && options.alertWebhookUrl)
    await deliverAlertWebhook(db, alertId, options.alertWebhookUrl, deps.now);
  return reload(db, actor.cityCode, id);
}

async function reload(db: Db, cityCode: string, id: string): Promise<OrderRow> {
  const row = await selectOrderById(db, { cityCode }, id);
  if (!row) throw new Error('work order vanished');
  return row;
}

const refusals = {
  illegal: (status: string, action: string) =>
    new AppError(409, 'ILLEGAL_TRANSITION', {
      zh: `工单当前状态（${status}）不允许执行“${action}”`,
      en: `action ${action} is not allowed while the work order is ${status}`,
    }),
  stale: () =>
    new AppError(409, 'STALE_VERSION', {
      zh: '工单已被他人处理，请刷新后重试',
      en: 'the work order was changed by someone else; reload and try again',
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
  notLead: () =>
    new AppError(403, 'NOT_LEAD_UNIT', {
      zh: '只有主办单位可以办理该工单（协办单位仅可查看）',
      en: 'only the lead unit may act on this order (co-units may only read it)',
    }),
  notOwner: () =>
    new AppError(403, 'NOT_OWNER', {
      zh: '首接责任：只有受理该工单的坐席可以向来电人回复进度',
      en: 'first-contact rule: only the agent who received the order replies to the caller',
    }),
};

const fieldNames: Record<string, { zh: string; en: string }> = {
  note: { zh: '说明/原因', en: 'note (reason)' },
  replyText: { zh: '答复内容', en: 'replyText' },
  leadUnitId: { zh: '主办单位', en: 'leadUnitId (lead unit)' },
  extendTo: { zh: '申请延期至', en: 'extendTo' },
  agentSatisfaction: { zh: '对坐席的满意度', en: 'agentSatisfaction' },
  unitSatisfaction: { zh: '对承办单位的满意度', en: 'unitSatisfaction' },
  masterId: { zh: '主工单', en: 'masterId (the order this one duplicates)' },
  supervision: { zh: '督办级别', en: 'supervision level' },
};

interface Prepared {
  patch: OrderPatch;
  unitId?: string | null;
  deadlineAt?: Date | null;
  data?: Record<string, unknown>;
}

/**
 * Moves a work order one step. The workflow table decides whether the move is legal for the
 * role; the update is conditional on the version the client saw; the order, its log row and
 * the audit row commit together or not at all.
 */
export async function actOnOrder(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: OrderActionInput,
): Promise<OrderRow> {
  const { db } = deps;
  const current = await getVisibleOrder(db, actor, id);
  const status = hotlineStatusSchema.parse(current.status);
  if (input.version !== current.version) throw refusals.stale();
  const decision = decideOrderAction(
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
  if (actor.role === 'unit_staff' && current.leadUnitId !== actor.unitId) throw refusals.notLead();
  if (input.action === 'progress_call' && current.ownerId !== actor.userId) throw refusals.notOwner();

  const now = deps.now();
  const prepared = await prepare(deps, actor, current, input, decision.to, decision.reopen, now);
  await db.transaction().execute(async (trx) => {
    const moved = await updateOrderAtVersion(trx, current.id, current.version, {
      ...prepared.patch,
      updatedAt: now,
    });
    if (!moved) throw refusals.stale();
    await insertOrderLog(trx, [
      {
        cityCode: current.cityCode,
        orderId: current.id,
        seq: current.version + 1,
        action: input.action,
        fromStatus: status,
        toStatus: decision.to,
        actorId: actor.userId,
        actorRole: actor.role,
        at: now,
        note: input.note ?? null,
        unitId: prepared.unitId === undefined ? current.leadUnitId : prepared.unitId,
        deadlineAt: prepared.deadlineAt ?? null,
        unitSatisfaction: input.action === 'callback' ? (input.unitSatisfaction ?? null) : null,
        agentSatisfaction: input.action === 'callback' ? (input.agentSatisfaction ?? null) : null,
        data: compact({ ...prepared.data, reopen: decision.reopen || undefined }),
      },
    ]);
    await recordActorAudit(trx, actor, `hotline.${input.action}`, 'hotline_order', current.id, {
      orderNo: current.orderNo,
      from: status,
      to: decision.to,
    });
  });
  return reload(db, current.cityCode, current.id);
}

async function requireActiveUnit(db: Db, cityCode: string, unitId: string, what: { zh: string; en: string }) {
  const unit = await getUnit(db, cityCode, unitId).catch(() => null);
  if (!unit?.active)
    throw invalid(`${what.zh}不存在或已停用`, `the ${what.en} does not exist or is inactive`);
  return unit;
}

/** Validates what an action needs and builds the order's patch, before the write transaction. */
async function prepare(
  deps: AppDeps,
  actor: Actor,
  current: OrderRow,
  input: OrderActionInput,
  to: HotlineStatus,
  reopen: boolean,
  now: Date,
): Promise<Prepared> {
  const { db } = deps;
  const base: OrderPatch = { status: to };
  switch (input.action) {
    case 'answer': {
      if (input.articleId && !(await selectArticle(db, current.cityCode, input.articleId))) {
        throw invalid('所引用的知识库条目不存在', 'the knowledge-base article does not exist');
      }
      return {
        patch: { ...base, answeredAt: now, answerText: input.replyText, articleId: input.articleId ?? null },
        data: compact({ articleId: input.articleId }),
      };
    }
    case 'transfer': {
      const leadUnitId = input.leadUnitId as string;
      await requireActiveUnit(db, current.cityCode, leadUnitId, { zh: '主办单位', en: 'lead unit' });
      const coUnitIds = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== leadUnitId);
      for (const co of coUnitIds)
        await requireActiveUnit(db, current.cityCode, co, { zh: '协办单位', en: 'co-unit' });
      const deadline = input.deadlineAt
        ? { at: futureOrFail(input.deadlineAt, now), estimated: false }
        : await deadlineFor(db, current.cityCode, limitKeyOf(current), now);
      return {
        patch: {
          ...base,
          leadUnitId,
          coUnitIds,
          deadlineAt: deadline.at,
          deadlineEstimated: deadline.estimated,
          transferredAt: current.transferredAt ?? now,
          signedAt: null,
          repliedAt: null,
          pendingExtensionUntil: null,
        },
        unitId: leadUnitId,
        deadlineAt: deadline.at,
        data: compact({ coUnitIds: coUnitIds.length > 0 ? coUnitIds : undefined }),
      };
    }
    case 'sign':
      return { patch: { ...base, signedAt: now } };
    case 'return':
      // 退单: back to the desk to be transferred again; the unit no longer sees it.
      return {
        patch: {
          ...base,
          leadUnitId: null,
          coUnitIds: [],
          deadlineAt: null,
          pendingExtensionUntil: null,
          returnCount: current.returnCount + 1,
        },
        unitId: current.leadUnitId,
      };
    case 'reply':
      return { patch: { ...base, repliedAt: now, replyText: input.replyText } };
    case 'request_extension': {
      const extendTo = new Date(input.extendTo as string);
      if (!current.deadlineAt || extendTo <= current.deadlineAt) {
        throw invalid(
          '申请延期的时间须晚于当前办理时限',
          'the requested deadline must be later than the current one',
        );
      }
      return { patch: { pendingExtensionUntil: extendTo }, data: { extendTo: extendTo.toISOString() } };
    }
    case 'approve_extension': {
      const until = current.pendingExtensionUntil as Date;
      return {
        patch: { deadlineAt: until, pendingExtensionUntil: null, extensionCount: current.extensionCount + 1 },
        deadlineAt: until,
      };
    }
    case 'deny_extension':
      return { patch: { pendingExtensionUntil: null } };
    case 'callback': {
      const satisfaction = {
        unitSatisfaction: current.status === 'replied' ? (input.unitSatisfaction ?? null) : null,
        agentSatisfaction: input.agentSatisfaction ?? null,
        calledBackAt: now,
      };
      if (reopen) {
        // 重办: the same unit again, with a fresh limit for the appeal type.
        const deadline = await deadlineFor(db, current.cityCode, limitKeyOf(current), now);
        return {
          patch: {
            ...base,
            ...satisfaction,
            deadlineAt: deadline.at,
            deadlineEstimated: deadline.estimated,
            signedAt: null,
            repliedAt: null,
            reopenCount: current.reopenCount + 1,
          },
          deadlineAt: deadline.at,
        };
      }
      if (to === 'received') {
        return { patch: { ...base, ...satisfaction }, data: { resolved: false } };
      }
      return { patch: { ...base, ...satisfaction, archivedAt: now } };
    }
    case 'archive':
      return { patch: { ...base, archivedAt: now } };
    case 'urge':
      return { patch: { urgeCount: current.urgeCount + 1 } };
    case 'supervise':
      return {
        patch: { supervision: input.supervision ?? 'normal' },
        data: { supervision: input.supervision },
      };
    case 'merge': {
      const masterId = input.masterId as string;
      const master = await selectOrderById(db, { cityCode: current.cityCode }, masterId);
      if (!master || master.id === current.id || ['merged', 'invalid'].includes(master.status)) {
        throw invalid(
          '主工单不存在、已并单或为无效来电',
          'the master order does not exist, is merged or is an invalid call',
        );
      }
      return { patch: { ...base, masterId, mergedAt: now }, data: { masterId, masterNo: master.orderNo } };
    }
    case 'convert': {
      const converted = await convertToCase(deps, actor, current);
      return {
        patch: { ...base, caseId: converted.id, caseNo: converted.caseNo },
        data: { caseId: converted.id, caseNo: converted.caseNo },
      };
    }
    case 'progress_call':
      return { patch: { progressCallCount: current.progressCallCount + 1 } };
    default:
      return { patch: base };
  }
}

function futureOrFail(iso: string, now: Date): Date {
  const at = new Date(iso);
  if (at <= now) throw invalid('办理时限须晚于当前时间', 'the deadline must be in the future');
  return at;
}

/**
 * 转数字城管案件: reports the order as a case (source hotline) on the subject's category. The
 * case is made by the cases module in its own transaction, with an idempotency key tied to
 * the order's version, so a retry after a failed order update finds the same case again.
 */
async function convertToCase(deps: AppDeps, actor: Actor, current: OrderRow): Promise<CaseRow> {
  const subject = current.subjectId
    ? await selectSubjectById(deps.db, current.cityCode, current.subjectId)
    : undefined;
  if (!subject?.caseKind || !subject.caseCategoryCode) {
    throw invalid(
      '该工单的诉求事项不属于城市管理类别，不能转为数字城管案件',
      "the order's subject does not map onto a city-management category",
    );
  }
  if (current.lng === null || current.lat === null) {
    throw invalid(
      '转为案件须先标注问题位置',
      'locate the problem on the map before converting it into a case',
    );
  }
  const result = await reportCase(
    deps,
    actor,
    {
      kind: subject.caseKind,
      categoryCode: subject.caseCategoryCode,
      description: `【12345 ${current.orderNo}】${current.content}`.slice(0, 2000),
      lng: current.lng,
      lat: current.lat,
      address: current.address ?? undefined,
      source: 'hotline',
      urgent: current.urgent,
      selfDisposed: false,
    },
    `hotline-${current.id}-${current.version}`,
  );
  return result.case;
}

/**
 * The cases module calls this (through its transition listener) inside the transaction that
 * closes a case: every order converted into that case becomes 办结, with its log and audit row,
 * in the same commit.
 */
export async function onLinkedCaseClosed(trx: Db, caseRow: CaseRow, at: Date): Promise<void> {
  const orders = await selectOrdersByCaseId(trx, caseRow.id);
  for (const order of orders) {
    if (order.status !== 'converted') continue;
    const moved = await updateOrderAtVersion(trx, order.id, order.version, {
      status: 'replied',
      repliedAt: at,
      leadUnitId: order.leadUnitId ?? caseRow.unitId,
      replyText: `数字城管案件 ${caseRow.caseNo} 已结案`,
      updatedAt: at,
    });
    if (!moved) throw refusals.stale();
    await insertOrderLog(trx, [
      {
        cityCode: order.cityCode,
        orderId: order.id,
        seq: order.version + 1,
        action: 'case_closed',
        fromStatus: 'converted',
        toStatus: 'replied',
        actorId: null,
        actorRole: null,
        at,
        note: null,
        unitId: caseRow.unitId,
        deadlineAt: null,
        data: { caseId: caseRow.id, caseNo: caseRow.caseNo },
      },
    ]);
    await recordAudit(trx, {
      cityCode: order.cityCode,
      userId: null,
      login: null,
      role: null,
      action: 'hotline.case_closed',
      objectType: 'hotline_order',
      objectId: order.id,
      success: true,
      ip: null,
      detail: { orderNo: order.orderNo, caseNo: caseRow.caseNo },
    });
  }
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null));
}

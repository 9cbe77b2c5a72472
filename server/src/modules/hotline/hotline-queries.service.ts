import { type HotlineStatus, hotlineStatusSchema } from '@cityloop/contracts/hotline';
import { centreRoles } from '@cityloop/contracts/roles';
import type { Db } from '../../platform/db/database.js';
import { forbidden, invalid } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { listUnits } from '../org/index.js';
import { contactView } from './contact-masking.js';
import {
  countOrdersReceived,
  type OrderRow,
  selectCallbackFacts,
  selectOrderFacts,
  selectOrderFactsOfMonth,
  selectOrderLabels,
  selectOrderLog,
  selectOrderPage,
  selectSubjects,
  selectTimeLimits,
} from './hotline.repository.js';
import { getVisibleOrder, hotlineReaderRoles, orderScopeOf } from './hotline.service.js';
import { subjectGroups } from './hotline-dictionary.js';
import {
  boardTotal,
  type MonthlyFigures,
  monthlyFigures,
  monthRange,
  type UnitBoardRow,
  type UnitInfo,
} from './hotline-figures.js';
import { allowedOrderActions, atUnitStatuses } from './order-workflow.js';

const DAY_MS = 24 * 3600 * 1000;

function requireReader(actor: Actor) {
  if (!(hotlineReaderRoles as readonly string[]).includes(actor.role)) throw forbidden();
}

/** An order as the actor may see it: contacts masked or withheld by role (never left to the console). */
export function visibleOrder<T extends OrderRow>(row: T, actor: Actor, now: Date) {
  const contact = contactView(row, { role: actor.role, userId: actor.userId });
  const overdue =
    atUnitStatuses.includes(row.status as HotlineStatus) && row.deadlineAt !== null && row.deadlineAt < now;
  return { ...row, ...contact, overdue };
}

export async function orderDetail(deps: AppDeps, actor: Actor, id: string) {
  const row = await getVisibleOrder(deps.db, actor, id);
  const [[subject, leadUnit, coUnits, owner], log] = await Promise.all([
    selectOrderLabels(deps.db, row),
    selectOrderLog(deps.db, row.id),
  ]);
  const status = hotlineStatusSchema.parse(row.status);
  return {
    ...visibleOrder(row, actor, deps.now()),
    subjectCode: subject?.code ?? null,
    subjectName: subject?.name ?? null,
    subjectGroup: subject?.groupName ?? null,
    leadUnitName: leadUnit?.name ?? null,
    coUnits,
    ownerName: owner?.displayName ?? null,
    // Co-units only read; the first-contact progress call is the owner's alone.
    allowedActions:
      actor.role === 'unit_staff' && row.leadUnitId !== actor.unitId
        ? []
        : allowedOrderActions(
            { status, pendingExtension: row.pendingExtensionUntil !== null },
            actor.role,
          ).filter((a) => a !== 'progress_call' || row.ownerId === actor.userId),
    log,
  };
}

export interface OrderListQuery {
  page: number;
  pageSize: number;
  queue: 'all' | 'open' | 'at_unit' | 'overdue' | 'to_callback';
  status?: HotlineStatus;
  appealType?: string;
  /** 'true': only the orders the actor received (首接责任). */
  mine?: 'true' | 'false';
  phone?: string;
  orderNo?: string;
  from?: string;
  to?: string;
}

const queueStatuses: Record<Exclude<OrderListQuery['queue'], 'all' | 'overdue'>, readonly HotlineStatus[]> = {
  open: ['received', 'transferred', 'signed', 'converted', 'replied', 'answered'],
  at_unit: ['transferred', 'signed'],
  to_callback: ['replied', 'answered'],
};

export async function listOrders(deps: AppDeps, actor: Actor, query: OrderListQuery) {
  requireReader(actor);
  // Looking orders up by a caller's number is for those who may see numbers in full.
  if (query.phone && !(centreRoles.includes(actor.role) || actor.role === 'hotline_agent')) throw forbidden();
  const now = deps.now();
  const statuses =
    query.status !== undefined
      ? [query.status]
      : query.queue === 'all' || query.queue === 'overdue'
        ? undefined
        : queueStatuses[query.queue];
  const { rows, total } = await selectOrderPage(deps.db, orderScopeOf(actor), {
    statuses,
    overdueAt: query.queue === 'overdue' ? now : undefined,
    appealType: query.appealType,
    ownerId: query.mine === 'true' ? actor.userId : undefined,
    phone: query.phone,
    orderNo: query.orderNo,
    receivedFrom: query.from ? startOfShanghaiDay(query.from) : undefined,
    receivedTo: query.to ? new Date(startOfShanghaiDay(query.to).getTime() + DAY_MS) : undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((row) => visibleOrder(row, actor, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** 首接责任: the agent's own orders still open, with where each one stands. */
export async function myOrders(deps: AppDeps, actor: Actor, page: number, pageSize: number) {
  if (actor.role !== 'hotline_agent' && actor.role !== 'shift_lead') throw forbidden();
  const now = deps.now();
  const { rows, total } = await selectOrderPage(
    deps.db,
    { cityCode: actor.cityCode },
    {
      statuses: queueStatuses.open,
      ownerId: actor.userId,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    },
  );
  return { items: rows.map((row) => visibleOrder(row, actor, now)), total, page, pageSize };
}

export async function listSubjects(db: Db, actor: Actor) {
  requireReader(actor);
  return selectSubjects(db, actor.cityCode);
}

export async function listTimeLimits(db: Db, actor: Actor) {
  requireReader(actor);
  return (await selectTimeLimits(db, actor.cityCode)).map((r) => ({
    appealType: r.appealType,
    amount: Number(r.amount),
    unit: r.unit,
  }));
}

async function unitsOf(db: Db, cityCode: string): Promise<UnitInfo[]> {
  const { items } = await listUnits(db, cityCode, { page: 1, pageSize: 100_000 });
  return items.map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

/** The month and the instant its figures stand at: by default its last instant (as the bulletin's). */
function asOfFor(month: string, asOf: Date | undefined): { start: Date; end: Date; asOf: Date } {
  const { start, end } = monthRange(month);
  const at = asOf ?? new Date(end.getTime() - 1);
  if (at < start)
    throw invalid('统计截止时间不能早于月初', 'the as-of instant cannot be before the month starts');
  return { start, end, asOf: at };
}

/**
 * The hotline's figures for a month (口径 in hotline-figures.ts), computed from the order log as
 * of `asOf` (default: the month's end, so a later run prints the same numbers). The bulletin
 * reads these.
 */
export async function hotlineMonthlyFigures(
  db: Db,
  cityCode: string,
  month: string,
  asOf?: Date,
): Promise<MonthlyFigures & { month: string; asOf: string }> {
  const range = asOfFor(month, asOf);
  // A month as of its last instant (the default) is what the maintained facts hold; any other
  // instant (the month in progress, a bulletin as it stood on some day, or counted again later
  // with what happened since) is read off the log.
  const settled = range.asOf.getTime() === range.end.getTime() - 1;
  const [facts, callbacks, units] = await Promise.all([
    settled
      ? selectOrderFactsOfMonth(db, cityCode, month, range.asOf)
      : selectOrderFacts(db, cityCode, range.start, range.end, range.asOf),
    selectCallbackFacts(db, cityCode, range.start, range.end, range.asOf),
    unitsOf(db, cityCode),
  ]);
  return { month, asOf: range.asOf.toISOString(), ...monthlyFigures(facts, callbacks, units, subjectGroups) };
}

/** The month's 受理 count alone (the bulletin compares it with the month before). */
export async function hotlineOrdersReceived(
  db: Db,
  cityCode: string,
  month: string,
  asOf?: Date,
): Promise<number> {
  const range = asOfFor(month, asOf);
  return countOrdersReceived(db, cityCode, range.start, range.end, range.asOf);
}

export async function monthlyFiguresFor(deps: AppDeps, actor: Actor, month: string, asOf?: string) {
  if (!(centreRoles.includes(actor.role) || actor.role === 'hotline_agent' || actor.role === 'leader')) {
    throw forbidden();
  }
  return hotlineMonthlyFigures(deps.db, actor.cityCode, month, asOf ? new Date(asOf) : undefined);
}

/**
 * The unit board (联动单位办理情况): a unit sees its own row; the centre, agents and leaders see
 * every unit grouped by kind with the 共计 row.
 */
export async function unitBoardFor(deps: AppDeps, actor: Actor, month: string, asOf?: string) {
  requireReader(actor);
  const figures = await hotlineMonthlyFigures(
    deps.db,
    actor.cityCode,
    month,
    asOf ? new Date(asOf) : undefined,
  );
  let rows: UnitBoardRow[] = figures.byUnit;
  if (actor.role === 'unit_staff') {
    const own = rows.find((r) => r.unitId === actor.unitId);
    rows = own ? [own] : [];
  }
  return {
    month,
    asOf: figures.asOf,
    groups: (['district', 'department', 'enterprise'] as const)
      .map((group) => ({ group, rows: rows.filter((r) => r.group === group) }))
      .filter((g) => g.rows.length > 0),
    total: boardTotal(rows),
  };
}

import type { HotlineAction, HotlineStatus, Satisfaction } from '@cityloop/contracts/hotline';
import type { Role } from '@cityloop/contracts/roles';
import {
  type NewOrder,
  type OrderLogRow,
  type OrderReception,
  receivedOrderRow,
} from './hotline.repository.js';
import { limitKeyOf } from './hotline-dictionary.js';
import type { OrderDeadline } from './order-deadlines.service.js';
import { decideOrderAction, type OrderActionFacts } from './order-workflow.js';

// A whole work-order history written at once (bulk loads of past months): every step is asked
// of the same workflow table as a live action (decideOrderAction), and the row is kept as
// actOnOrder's patches keep it, so the stored order is what the live path would have left.
// Steps that need another record (merge, convert, case_closed) are not replayed. Pure.

/** One step of a history; the first is the reception ('receive' or 'receive_invalid'). */
export interface OrderStep {
  action: HotlineAction;
  at: Date;
  actorId: string | null;
  role: Role;
  note?: string;
  replyText?: string;
  /** transfer: the lead unit. */
  unitId?: string;
  extendTo?: Date;
  agentSatisfaction?: Satisfaction;
  unitSatisfaction?: Satisfaction;
  /** callback on a direct answer: false when the matter is not solved (back to the desk). */
  resolved?: boolean;
  supervision?: 'normal' | 'yellow' | 'red';
}

/** What the reception fixes about an order; everything else follows from the steps. */
export type HistoryOrder = Omit<
  OrderReception,
  'cityCode' | 'urgent' | 'status' | 'receivedAt' | 'createdAt' | 'updatedAt'
>;

export interface OrderHistory {
  order: HistoryOrder;
  steps: readonly OrderStep[];
}

export interface ReplayedOrder {
  /** The order row without its number (numbers are taken per day when the batch is written). */
  row: Omit<NewOrder, 'orderNo'> & { status: HotlineStatus; version: number; updatedAt: Date };
  log: OrderLogRow[];
}

/** Replays a history through the order workflow; throws on the first move the live path would refuse. */
export function replayOrderHistory(
  cityCode: string,
  history: OrderHistory,
  deadline: OrderDeadline,
): ReplayedOrder {
  const { order } = history;
  const [first, ...rest] = history.steps;
  const expected = order.valid ? 'receive' : 'receive_invalid';
  if (first?.action !== expected)
    throw new Error(`order history ${order.id} does not start with ${expected}`);
  const receivedAt = first.at;
  const row: ReplayedOrder['row'] = receivedOrderRow({
    ...order,
    cityCode,
    urgent: Boolean(order.emergency),
    status: order.valid ? 'received' : 'invalid',
    receivedAt,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  });
  const log: OrderLogRow[] = [
    {
      cityCode,
      orderId: order.id,
      seq: 1,
      action: first.action,
      fromStatus: null,
      toStatus: row.status,
      actorId: first.actorId,
      actorRole: first.role,
      at: receivedAt,
      note: null,
      unitId: null,
      deadlineAt: null,
      data: compact({
        channel: order.channel,
        invalidReason: order.invalidReason,
        emergency: order.emergency,
      }),
    },
  ];

  for (const [i, step] of rest.entries()) {
    const status = row.status;
    const pending = (row.pendingExtensionUntil as Date | null) ?? null;
    const refuse = (why: string) => new Error(`order history ${order.id}: ${step.action} ${why}`);
    if (step.at < (history.steps[i] as OrderStep).at) throw refuse('is out of order');
    const workflowOrder = { status, pendingExtension: pending !== null };
    const decision = decideOrderAction(workflowOrder, step.action, step.role, factsOf(step));
    if (!decision.ok) throw refuse(`by ${step.role} from ${status} refused (${decision.reason})`);
    const leadUnitId = (row.leadUnitId as string | null) ?? null;
    const at = step.at;
    // As actOnOrder: the log names the unit the order goes to (transfer) or was with.
    let logUnitId = leadUnitId;
    let logDeadline: Date | null = null;
    let data: Record<string, unknown> = {};
    switch (step.action) {
      case 'answer':
        Object.assign(row, { answeredAt: at, answerText: step.replyText });
        break;
      case 'transfer': {
        const due = deadline(at, limitKeyOf(order));
        Object.assign(row, {
          leadUnitId: step.unitId,
          coUnitIds: [],
          deadlineAt: due,
          transferredAt: row.transferredAt ?? at,
          signedAt: null,
          repliedAt: null,
          pendingExtensionUntil: null,
        });
        logUnitId = step.unitId ?? null;
        logDeadline = due;
        break;
      }
      case 'sign':
        row.signedAt = at;
        break;
      case 'return':
        // 退单: back to the desk to be transferred again.
        Object.assign(row, {
          leadUnitId: null,
          coUnitIds: [],
          deadlineAt: null,
          pendingExtensionUntil: null,
          returnCount: (row.returnCount as number) + 1,
        });
        break;
      case 'reply':
        Object.assign(row, { repliedAt: at, replyText: step.replyText });
        break;
      case 'request_extension': {
        const current = row.deadlineAt as Date | null;
        const extendTo = step.extendTo as Date;
        if (!current || extendTo <= current) throw refuse('asks for a date not after the deadline');
        row.pendingExtensionUntil = extendTo;
        data = { extendTo: extendTo.toISOString() };
        break;
      }
      case 'approve_extension':
        Object.assign(row, {
          deadlineAt: pending,
          pendingExtensionUntil: null,
          extensionCount: (row.extensionCount as number) + 1,
        });
        logDeadline = pending;
        break;
      case 'deny_extension':
        row.pendingExtensionUntil = null;
        break;
      case 'callback': {
        Object.assign(row, {
          unitSatisfaction: status === 'replied' ? (step.unitSatisfaction ?? null) : null,
          agentSatisfaction: step.agentSatisfaction ?? null,
          calledBackAt: at,
        });
        if (decision.reopen) {
          // 重办: the same unit again, with a fresh limit for the appeal type.
          const due = deadline(at, limitKeyOf(order));
          Object.assign(row, {
            deadlineAt: due,
            signedAt: null,
            repliedAt: null,
            reopenCount: (row.reopenCount as number) + 1,
          });
          logDeadline = due;
        } else if (decision.to === 'received') data = { resolved: false };
        else row.archivedAt = at;
        break;
      }
      case 'archive':
        row.archivedAt = at;
        break;
      case 'urge':
        row.urgeCount = (row.urgeCount as number) + 1;
        break;
      case 'supervise':
        row.supervision = step.supervision ?? 'normal';
        data = { supervision: step.supervision };
        break;
      case 'progress_call':
        row.progressCallCount = (row.progressCallCount as number) + 1;
        break;
      default:
        throw refuse('links another record and cannot be replayed');
    }
    row.status = decision.to;
    row.version++;
    row.updatedAt = at;
    log.push({
      cityCode,
      orderId: order.id,
      seq: row.version,
      at,
      action: step.action,
      fromStatus: status,
      toStatus: decision.to,
      actorRole: step.role,
      actorId: step.actorId,
      note: step.note ?? null,
      unitId: logUnitId,
      deadlineAt: logDeadline,
      unitSatisfaction: step.action === 'callback' ? (step.unitSatisfaction ?? null) : null,
      agentSatisfaction: step.action === 'callback' ? (step.agentSatisfaction ?? null) : null,
      data: compact({ ...data, reopen: decision.reopen || undefined }),
    });
  }
  return { row, log };
}

/** What decideOrderAction checks of a step (the fields the action requires). */
function factsOf(step: OrderStep): OrderActionFacts {
  return {
    note: step.note,
    replyText: step.replyText,
    leadUnitId: step.unitId,
    extendTo: step.extendTo?.toISOString(),
    agentSatisfaction: step.agentSatisfaction,
    unitSatisfaction: step.unitSatisfaction,
    resolved: step.resolved,
    supervision: step.supervision,
  };
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null));
}

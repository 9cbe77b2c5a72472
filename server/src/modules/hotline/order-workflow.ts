import type { HotlineAction, HotlineStatus } from '@cityloop/contracts/hotline';
import type { Role } from '@cityloop/contracts/roles';
import { actionsAllowed, matchRule, type RuleRow } from '../../platform/workflow/rule-table.js';

/**
 * The work-order lifecycle as data: which action moves an order from which states to which,
 * and who may do it. Pure: the service asks this table before touching the database.
 *
 *   receive ─▶ received ──answer (直接答复)──▶ answered ──callback──▶ archived
 *                 │  ▲                          │ callback, not resolved ──▶ received
 *                 │  └──── return (退单) ───────┐
 *                 │ transfer (转办: lead + co-units, deadline by appeal type)
 *                 ▼                             │
 *             transferred ──sign (签收)──▶ signed ──reply (办结)──▶ replied ──callback──▶ archived
 *                 ▲                                                   │ callback, unit 不满意 (重办)
 *                 └───────────────────────────────────────────────────┘
 *   received ──convert──▶ converted ──case_closed (案件结案, automatic)──▶ replied
 *   received ──merge (并单)──▶ merged          receive_invalid ─▶ invalid
 *   extension (延期) request/approve/deny, urge (催办), supervise (督办), progress_call: no state change
 */
/** A row of the order table; `to: null` keeps the state. */
export type OrderRule = RuleRow<HotlineStatus, HotlineAction, Role, RequiredField>;

export type RequiredField =
  | 'note'
  | 'replyText'
  | 'leadUnitId'
  | 'extendTo'
  | 'agentSatisfaction'
  | 'masterId'
  | 'supervision';

/** The hotline desk: agents and the shift lead who supervises them. */
export const hotlineDeskRoles: readonly Role[] = ['hotline_agent', 'shift_lead'];
const desk = hotlineDeskRoles;
const unit: readonly Role[] = ['unit_staff'];
const AT_UNIT: readonly HotlineStatus[] = ['transferred', 'signed'];
const OPEN: readonly HotlineStatus[] = [
  'received',
  'transferred',
  'signed',
  'converted',
  'replied',
  'answered',
];

export const orderRules: readonly OrderRule[] = [
  { action: 'answer', from: ['received'], to: 'answered', roles: desk, requires: ['replyText'] },
  { action: 'transfer', from: ['received'], to: 'transferred', roles: desk, requires: ['leadUnitId'] },
  { action: 'sign', from: ['transferred'], to: 'signed', roles: unit },
  { action: 'return', from: AT_UNIT, to: 'received', roles: unit, requires: ['note'] },
  { action: 'reply', from: ['signed'], to: 'replied', roles: unit, requires: ['replyText'] },
  { action: 'request_extension', from: ['signed'], to: null, roles: unit, requires: ['note', 'extendTo'] },
  { action: 'approve_extension', from: ['signed'], to: null, roles: desk },
  { action: 'deny_extension', from: ['signed'], to: null, roles: desk, requires: ['note'] },
  // 回访: archived when the caller is satisfied; otherwise decided in decideOrderAction.
  {
    action: 'callback',
    from: ['replied', 'answered'],
    to: 'archived',
    roles: desk,
    requires: ['agentSatisfaction'],
  },
  { action: 'archive', from: ['replied', 'answered'], to: 'archived', roles: desk, requires: ['note'] },
  { action: 'urge', from: AT_UNIT, to: null, roles: desk },
  {
    action: 'supervise',
    from: AT_UNIT,
    to: null,
    roles: ['shift_lead', 'leader'],
    requires: ['supervision'],
  },
  { action: 'merge', from: ['received'], to: 'merged', roles: desk, requires: ['masterId'] },
  { action: 'convert', from: ['received'], to: 'converted', roles: desk },
  // Only the cases module's close event moves a converted order; no role may do it by hand.
  { action: 'case_closed', from: ['converted'], to: 'replied', roles: [] },
  { action: 'progress_call', from: OPEN, to: null, roles: ['hotline_agent'], requires: ['note'] },
];

export interface WorkflowOrder {
  status: HotlineStatus;
  pendingExtension: boolean;
}

export interface OrderActionFacts {
  note?: string;
  replyText?: string;
  leadUnitId?: string;
  extendTo?: string;
  agentSatisfaction?: string;
  unitSatisfaction?: string;
  resolved?: boolean;
  masterId?: string;
  supervision?: string;
}

export type OrderDecision =
  | { ok: true; to: HotlineStatus; reopen: boolean }
  | { ok: false; reason: 'illegal' | 'role' | 'extension_pending' | 'no_extension' }
  | { ok: false; reason: 'missing'; field: RequiredField | 'unitSatisfaction' };

/** Decides a move without side effects: the target state or why it is refused. */
export function decideOrderAction(
  current: WorkflowOrder,
  action: HotlineAction,
  role: Role,
  input: OrderActionFacts,
): OrderDecision {
  const match = matchRule(orderRules, current.status, action, role, input, current.pendingExtension);
  if (!match.ok) return match;
  const rule = match.rule;
  if (action === 'callback') {
    if (current.status === 'replied') {
      // A unit's handling is judged by the caller; 不满意 sends it back to the same unit (重办).
      if (!input.unitSatisfaction) return { ok: false, reason: 'missing', field: 'unitSatisfaction' };
      if (input.unitSatisfaction === 'unsatisfied') return { ok: true, to: 'transferred', reopen: true };
    }
    // A direct answer that did not solve the matter goes back to the desk to be transferred.
    if (current.status === 'answered' && input.resolved === false) {
      return { ok: true, to: 'received', reopen: false };
    }
  }
  return { ok: true, to: rule.to ?? current.status, reopen: false };
}

/** The actions a role may take on an order now (the console shows only these). */
export function allowedOrderActions(current: WorkflowOrder, role: Role): HotlineAction[] {
  return actionsAllowed(orderRules, current.status, role, current.pendingExtension);
}

/** States in which the order is with a unit (its deadline runs, 催办/督办 apply). */
export const atUnitStatuses: readonly HotlineStatus[] = AT_UNIT;

/** States that end the hotline's work on an order (nothing is pending). */
export const closedStatuses: readonly HotlineStatus[] = ['archived', 'invalid', 'merged'];

import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import { actionsAllowed, matchRule, type RuleRow } from '../../platform/workflow/rule-table.js';

/**
 * The case loop as data: which action moves a case from which states to which, and who may
 * do it. Pure: the service asks this table before touching the database.
 */
/** Input fields an action cannot do without. */
type RequiredInput = 'note' | 'extendTo' | 'confirmed' | 'supervision';

/** A row of the case table; `to: null` keeps the state (extension requests, 督办). */
export type TransitionRule = RuleRow<CaseStatus, CaseAction, Role, RequiredInput>;

const OPEN: readonly CaseStatus[] = [
  'reported',
  'verifying',
  'accepted',
  'filed',
  'dispatched',
  'disposed',
  'checking',
  'checked',
  'check_failed',
  'parked',
];

export const transitionRules: readonly TransitionRule[] = [
  { action: 'accept', from: ['reported'], to: 'accepted', roles: ['acceptor', 'shift_lead'] },
  { action: 'request_verify', from: ['reported'], to: 'verifying', roles: ['acceptor', 'shift_lead'] },
  // 核实: true → 待立案; false → 作废 (decided in resolveTarget).
  { action: 'verify', from: ['verifying'], to: 'accepted', roles: ['collector'], requires: ['confirmed'] },
  { action: 'file', from: ['reported', 'accepted'], to: 'filed', roles: ['shift_lead'] },
  {
    action: 'void',
    from: ['reported', 'accepted'],
    to: 'voided',
    roles: ['acceptor', 'shift_lead'],
    requires: ['note'],
  },
  { action: 'void', from: ['filed', 'parked'], to: 'voided', roles: ['shift_lead'], requires: ['note'] },
  { action: 'dispatch', from: ['filed'], to: 'dispatched', roles: ['dispatcher', 'shift_lead'] },
  { action: 'return', from: ['dispatched'], to: 'filed', roles: ['unit_staff'], requires: ['note'] },
  {
    action: 'request_extension',
    from: ['dispatched'],
    to: null,
    roles: ['unit_staff'],
    requires: ['note', 'extendTo'],
  },
  { action: 'approve_extension', from: ['dispatched'], to: null, roles: ['dispatcher', 'shift_lead'] },
  {
    action: 'deny_extension',
    from: ['dispatched'],
    to: null,
    roles: ['dispatcher', 'shift_lead'],
    requires: ['note'],
  },
  { action: 'dispose', from: ['dispatched'], to: 'disposed', roles: ['unit_staff'] },
  { action: 'request_check', from: ['disposed'], to: 'checking', roles: ['acceptor', 'shift_lead'] },
  { action: 'check_pass', from: ['checking'], to: 'checked', roles: ['collector'] },
  { action: 'check_fail', from: ['checking'], to: 'check_failed', roles: ['collector'], requires: ['note'] },
  {
    action: 'rework',
    from: ['check_failed', 'checked'],
    to: 'dispatched',
    roles: ['dispatcher', 'shift_lead'],
  },
  { action: 'close', from: ['checked'], to: 'closed', roles: ['shift_lead'] },
  { action: 'park', from: ['filed', 'dispatched'], to: 'parked', roles: ['shift_lead'], requires: ['note'] },
  { action: 'unpark', from: ['parked'], to: 'filed', roles: ['shift_lead'] },
  { action: 'supervise', from: OPEN, to: null, roles: ['shift_lead', 'leader'], requires: ['supervision'] },
];

/** Who may create cases: a report, or a self-disposed report that closes at once. */
export const reportRoles: readonly Role[] = ['collector', 'acceptor', 'shift_lead', 'hotline_agent'];
export const selfDisposeRoles: readonly Role[] = ['collector'];

export interface WorkflowCase {
  status: CaseStatus;
  pendingExtension: boolean;
}

export interface WorkflowInput {
  note?: string;
  extendTo?: string;
  confirmed?: boolean;
  supervision?: string;
}

export type WorkflowDecision =
  | { ok: true; to: CaseStatus }
  | { ok: false; reason: 'illegal' | 'role' | 'extension_pending' | 'no_extension' }
  | { ok: false; reason: 'missing'; field: string };

/** Decides a move without side effects: the target state or why it is refused. */
export function decideTransition(
  current: WorkflowCase,
  action: CaseAction,
  role: Role,
  input: WorkflowInput,
): WorkflowDecision {
  const match = matchRule(transitionRules, current.status, action, role, input, current.pendingExtension);
  if (!match.ok) return match;
  if (action === 'verify' && input.confirmed === false) return { ok: true, to: 'voided' };
  return { ok: true, to: match.rule.to ?? current.status };
}

/** The actions a role may take on a case now (the UI shows only these). */
export function allowedActions(current: WorkflowCase, role: Role): CaseAction[] {
  return actionsAllowed(transitionRules, current.status, role, current.pendingExtension);
}

/** Which stage's time limit runs while a case sits in a state. */
export const stageOfStatus: Partial<Record<CaseStatus, string>> = {
  reported: 'accept',
  verifying: 'verify',
  accepted: 'file',
  filed: 'dispatch',
  dispatched: 'dispose',
  disposed: 'request_check',
  checking: 'check',
  checked: 'close',
  check_failed: 'dispatch',
};

export const terminalStatuses: readonly CaseStatus[] = ['closed', 'voided'];

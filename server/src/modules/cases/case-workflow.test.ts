import {
  type CaseAction,
  type CaseStatus,
  caseActionSchema,
  caseStatusSchema,
} from '@cityloop/contracts/cases';
import { type Role, roleSchema } from '@cityloop/contracts/roles';
import { describe, expect, it } from 'vitest';
import { allowedActions, decideTransition } from './case-workflow.js';

// Written out by hand from DESIGN.md §3 (not derived from the table under test):
// "status action role → target". Every combination not listed must be refused.
const allowed = `
reported accept acceptor accepted
reported accept shift_lead accepted
reported request_verify acceptor verifying
reported request_verify shift_lead verifying
reported file shift_lead filed
reported void acceptor voided
reported void shift_lead voided
verifying verify collector accepted
verifying supervise shift_lead verifying
verifying supervise leader verifying
accepted file shift_lead filed
accepted void acceptor voided
accepted void shift_lead voided
filed dispatch dispatcher dispatched
filed dispatch shift_lead dispatched
filed void shift_lead voided
filed park shift_lead parked
dispatched return unit_staff filed
dispatched request_extension unit_staff dispatched
dispatched dispose unit_staff disposed
dispatched park shift_lead parked
disposed request_check acceptor checking
disposed request_check shift_lead checking
checking check_pass collector checked
checking check_fail collector check_failed
checked close shift_lead closed
checked rework dispatcher dispatched
checked rework shift_lead dispatched
check_failed rework dispatcher dispatched
check_failed rework shift_lead dispatched
parked unpark shift_lead filed
parked void shift_lead voided
`;

const supervisable: CaseStatus[] = [
  'reported',
  'accepted',
  'filed',
  'dispatched',
  'disposed',
  'checking',
  'checked',
  'check_failed',
  'parked',
];

function expectedTargets(): Map<string, CaseStatus> {
  const map = new Map<string, CaseStatus>();
  for (const line of allowed.trim().split('\n')) {
    const [status, action, role, to] = line.split(' ') as [CaseStatus, CaseAction, Role, CaseStatus];
    map.set(`${status} ${action} ${role}`, to);
  }
  for (const status of supervisable) {
    for (const role of ['shift_lead', 'leader'] as const) map.set(`${status} supervise ${role}`, status);
  }
  return map;
}

const fullInput = {
  note: '原因',
  extendTo: '2019-07-20T00:00:00+08:00',
  confirmed: true,
  supervision: 'yellow',
};

describe('case workflow table', () => {
  const expected = expectedTargets();
  const transitionActions = caseActionSchema.options.filter((a) => a !== 'report' && a !== 'self_dispose');

  it('allows exactly the listed moves and refuses every other status × action × role', () => {
    let checked = 0;
    for (const status of caseStatusSchema.options) {
      for (const action of transitionActions) {
        for (const role of roleSchema.options) {
          const extensionAction = action === 'approve_extension' || action === 'deny_extension';
          const decision = decideTransition(
            { status, pendingExtension: extensionAction },
            action,
            role,
            fullInput,
          );
          const key = `${status} ${action} ${role}`;
          const target = expected.get(key) ?? (extensionAction ? extensionApproval(status, role) : undefined);
          if (target) {
            expect(decision, key).toEqual({ ok: true, to: target });
          } else {
            expect(decision.ok, key).toBe(false);
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(
      caseStatusSchema.options.length * transitionActions.length * roleSchema.options.length,
    );
  });

  it('tells an illegal state apart from a wrong role', () => {
    expect(
      decideTransition({ status: 'closed', pendingExtension: false }, 'dispatch', 'dispatcher', {}),
    ).toEqual({
      ok: false,
      reason: 'illegal',
    });
    expect(
      decideTransition({ status: 'filed', pendingExtension: false }, 'dispatch', 'collector', {}),
    ).toEqual({
      ok: false,
      reason: 'role',
    });
    expect(
      decideTransition({ status: 'reported', pendingExtension: false }, 'file', 'collector', {}),
    ).toEqual({
      ok: false,
      reason: 'role',
    });
  });

  it('requires a reason for voids, returns, failed checks and parking', () => {
    for (const [status, action, role] of [
      ['reported', 'void', 'acceptor'],
      ['dispatched', 'return', 'unit_staff'],
      ['checking', 'check_fail', 'collector'],
      ['filed', 'park', 'shift_lead'],
    ] as const) {
      expect(decideTransition({ status, pendingExtension: false }, action, role, {})).toEqual({
        ok: false,
        reason: 'missing',
        field: 'note',
      });
    }
  });

  it('voids a report that verification finds untrue', () => {
    expect(
      decideTransition({ status: 'verifying', pendingExtension: false }, 'verify', 'collector', {
        confirmed: false,
      }),
    ).toEqual({
      ok: true,
      to: 'voided',
    });
  });

  it('keeps one extension request at a time', () => {
    const pending = { status: 'dispatched' as const, pendingExtension: true };
    expect(decideTransition(pending, 'request_extension', 'unit_staff', fullInput)).toEqual({
      ok: false,
      reason: 'extension_pending',
    });
    expect(
      decideTransition({ ...pending, pendingExtension: false }, 'approve_extension', 'dispatcher', {}),
    ).toEqual({
      ok: false,
      reason: 'no_extension',
    });
    expect(decideTransition(pending, 'approve_extension', 'dispatcher', {})).toEqual({
      ok: true,
      to: 'dispatched',
    });
  });

  it('lists the actions a role may take now', () => {
    expect(allowedActions({ status: 'dispatched', pendingExtension: false }, 'unit_staff').sort()).toEqual(
      ['dispose', 'request_extension', 'return'].sort(),
    );
    expect(allowedActions({ status: 'dispatched', pendingExtension: true }, 'dispatcher').sort()).toEqual(
      ['approve_extension', 'deny_extension'].sort(),
    );
    expect(allowedActions({ status: 'closed', pendingExtension: false }, 'shift_lead')).toEqual([]);
    expect(allowedActions({ status: 'filed', pendingExtension: false }, 'collector')).toEqual([]);
  });
});

function extensionApproval(status: CaseStatus, role: Role): CaseStatus | undefined {
  return status === 'dispatched' && (role === 'dispatcher' || role === 'shift_lead')
    ? 'dispatched'
    : undefined;
}

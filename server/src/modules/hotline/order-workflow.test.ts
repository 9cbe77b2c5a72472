import type { HotlineAction, HotlineStatus } from '@cityloop/contracts/hotline';
import { hotlineActionSchema, hotlineStatusSchema } from '@cityloop/contracts/hotline';
import { type Role, roleSchema } from '@cityloop/contracts/roles';
import { describe, expect, it } from 'vitest';
import { allowedOrderActions, decideOrderAction } from './order-workflow.js';

// Every allowed move, written out by hand: [from, action, roles, to]. Anything not listed is refused.
const desk: Role[] = ['hotline_agent', 'shift_lead'];
const ALLOWED: [HotlineStatus, HotlineAction, Role[], HotlineStatus][] = [
  ['received', 'answer', desk, 'answered'],
  ['received', 'transfer', desk, 'transferred'],
  ['received', 'merge', desk, 'merged'],
  ['received', 'convert', desk, 'converted'],
  ['received', 'progress_call', ['hotline_agent'], 'received'],
  ['answered', 'callback', desk, 'archived'],
  ['answered', 'archive', desk, 'archived'],
  ['answered', 'progress_call', ['hotline_agent'], 'answered'],
  ['transferred', 'sign', ['unit_staff'], 'signed'],
  ['transferred', 'return', ['unit_staff'], 'received'],
  ['transferred', 'urge', desk, 'transferred'],
  ['transferred', 'supervise', ['shift_lead', 'leader'], 'transferred'],
  ['transferred', 'progress_call', ['hotline_agent'], 'transferred'],
  ['signed', 'return', ['unit_staff'], 'received'],
  ['signed', 'reply', ['unit_staff'], 'replied'],
  ['signed', 'request_extension', ['unit_staff'], 'signed'],
  ['signed', 'urge', desk, 'signed'],
  ['signed', 'supervise', ['shift_lead', 'leader'], 'signed'],
  ['signed', 'progress_call', ['hotline_agent'], 'signed'],
  ['replied', 'callback', desk, 'archived'],
  ['replied', 'archive', desk, 'archived'],
  ['replied', 'progress_call', ['hotline_agent'], 'replied'],
  ['converted', 'progress_call', ['hotline_agent'], 'converted'],
];

const everything = {
  note: '说明',
  replyText: '答复',
  leadUnitId: 'u',
  extendTo: '2019-08-01T00:00:00+08:00',
  agentSatisfaction: 'satisfied',
  unitSatisfaction: 'satisfied',
  masterId: 'm',
  supervision: 'normal',
};

describe('the work-order transition table', () => {
  it('allows exactly the listed moves, to the listed states, for the listed roles', () => {
    for (const status of hotlineStatusSchema.options) {
      for (const action of hotlineActionSchema.options) {
        // Extensions need a pending request and case_closed has no role: both tested below.
        if (action === 'approve_extension' || action === 'deny_extension' || action === 'case_closed')
          continue;
        const row = ALLOWED.find(([from, a]) => from === status && a === action);
        for (const role of roleSchema.options) {
          const decision = decideOrderAction({ status, pendingExtension: false }, action, role, everything);
          const label = `${status} ${action} ${role}`;
          if (row?.[2].includes(role))
            expect(decision, label).toEqual({ ok: true, to: row[3], reopen: false });
          else expect(decision.ok, label).toBe(false);
          if (!row) expect(decision, label).toEqual({ ok: false, reason: 'illegal' });
        }
      }
    }
  });

  it('approves or denies an extension only while one is pending, and only at the desk', () => {
    for (const action of ['approve_extension', 'deny_extension'] as const) {
      for (const role of desk) {
        expect(
          decideOrderAction({ status: 'signed', pendingExtension: true }, action, role, everything),
        ).toEqual({
          ok: true,
          to: 'signed',
          reopen: false,
        });
        expect(
          decideOrderAction({ status: 'signed', pendingExtension: false }, action, role, everything),
        ).toEqual({
          ok: false,
          reason: 'no_extension',
        });
      }
      expect(
        decideOrderAction({ status: 'signed', pendingExtension: true }, action, 'unit_staff', everything),
      ).toEqual({
        ok: false,
        reason: 'role',
      });
      expect(
        decideOrderAction(
          { status: 'transferred', pendingExtension: true },
          action,
          'shift_lead',
          everything,
        ),
      ).toEqual({
        ok: false,
        reason: 'illegal',
      });
    }
    expect(
      decideOrderAction(
        { status: 'signed', pendingExtension: true },
        'request_extension',
        'unit_staff',
        everything,
      ),
    ).toEqual({
      ok: false,
      reason: 'extension_pending',
    });
  });

  it('reopens (重办) to the same unit when the caller is not satisfied with it', () => {
    const unhappy = { ...everything, unitSatisfaction: 'unsatisfied' };
    expect(
      decideOrderAction({ status: 'replied', pendingExtension: false }, 'callback', 'hotline_agent', unhappy),
    ).toEqual({
      ok: true,
      to: 'transferred',
      reopen: true,
    });
    // 基本满意 counts as satisfied: archived.
    const fair = { ...everything, unitSatisfaction: 'basically' };
    expect(
      decideOrderAction({ status: 'replied', pendingExtension: false }, 'callback', 'hotline_agent', fair),
    ).toEqual({
      ok: true,
      to: 'archived',
      reopen: false,
    });
  });

  it('sends an unresolved direct answer back to the desk, whatever the agent’s rating', () => {
    const unresolved = { ...everything, resolved: false };
    expect(
      decideOrderAction(
        { status: 'answered', pendingExtension: false },
        'callback',
        'hotline_agent',
        unresolved,
      ),
    ).toEqual({
      ok: true,
      to: 'received',
      reopen: false,
    });
  });

  it('names the missing field', () => {
    const cases: [HotlineStatus, HotlineAction, Role, string][] = [
      ['received', 'answer', 'hotline_agent', 'replyText'],
      ['received', 'transfer', 'hotline_agent', 'leadUnitId'],
      ['received', 'merge', 'hotline_agent', 'masterId'],
      ['transferred', 'return', 'unit_staff', 'note'],
      ['signed', 'reply', 'unit_staff', 'replyText'],
      ['signed', 'request_extension', 'unit_staff', 'note'],
      ['replied', 'callback', 'hotline_agent', 'agentSatisfaction'],
      ['transferred', 'supervise', 'leader', 'supervision'],
      ['received', 'progress_call', 'hotline_agent', 'note'],
    ];
    for (const [status, action, role, field] of cases) {
      expect(decideOrderAction({ status, pendingExtension: false }, action, role, {}), `${action}`).toEqual({
        ok: false,
        reason: 'missing',
        field,
      });
    }
    expect(
      decideOrderAction({ status: 'replied', pendingExtension: false }, 'callback', 'hotline_agent', {
        agentSatisfaction: 'satisfied',
      }),
    ).toEqual({ ok: false, reason: 'missing', field: 'unitSatisfaction' });
  });

  it('gives no role the automatic case_closed move', () => {
    for (const role of roleSchema.options) {
      expect(
        decideOrderAction({ status: 'converted', pendingExtension: false }, 'case_closed', role, {}),
      ).toEqual({
        ok: false,
        reason: 'role',
      });
    }
  });

  it('lists the actions a role may take now', () => {
    expect(
      allowedOrderActions({ status: 'received', pendingExtension: false }, 'hotline_agent').sort(),
    ).toEqual(['answer', 'convert', 'merge', 'progress_call', 'transfer'].sort());
    expect(allowedOrderActions({ status: 'signed', pendingExtension: true }, 'unit_staff').sort()).toEqual([
      'reply',
      'return',
    ]);
    expect(allowedOrderActions({ status: 'archived', pendingExtension: false }, 'shift_lead')).toEqual([]);
  });
});

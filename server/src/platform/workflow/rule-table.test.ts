import { describe, expect, it } from 'vitest';
import { actionsAllowed, matchRule, type RuleRow } from './rule-table.js';

type Row = RuleRow<
  'open' | 'done',
  'finish' | 'request_extension' | 'approve_extension',
  'clerk' | 'boss',
  'note'
>;
const rules: readonly Row[] = [
  { action: 'finish', from: ['open'], to: 'done', roles: ['clerk'], requires: ['note'] },
  { action: 'request_extension', from: ['open'], to: null, roles: ['clerk'] },
  { action: 'approve_extension', from: ['open'], to: null, roles: ['boss'] },
];

describe('rule table', () => {
  it('tells an illegal state, a wrong role and a missing input apart', () => {
    expect(matchRule(rules, 'done', 'finish', 'clerk', { note: 'x' }, false)).toEqual({
      ok: false,
      reason: 'illegal',
    });
    expect(matchRule(rules, 'open', 'finish', 'boss', { note: 'x' }, false)).toEqual({
      ok: false,
      reason: 'role',
    });
    expect(matchRule(rules, 'open', 'finish', 'clerk', { note: '' }, false)).toEqual({
      ok: false,
      reason: 'missing',
      field: 'note',
    });
    const ok = matchRule(rules, 'open', 'finish', 'clerk', { note: '已办' }, false);
    expect(ok.ok && ok.rule.to).toBe('done');
  });

  it('keeps one extension request at a time and decides only pending ones', () => {
    expect(matchRule(rules, 'open', 'request_extension', 'clerk', {}, true)).toEqual({
      ok: false,
      reason: 'extension_pending',
    });
    expect(matchRule(rules, 'open', 'approve_extension', 'boss', {}, false)).toEqual({
      ok: false,
      reason: 'no_extension',
    });
    expect(actionsAllowed(rules, 'open', 'clerk', false).sort()).toEqual(['finish', 'request_extension']);
    expect(actionsAllowed(rules, 'open', 'clerk', true)).toEqual(['finish']);
    expect(actionsAllowed(rules, 'open', 'boss', true)).toEqual(['approve_extension']);
  });
});

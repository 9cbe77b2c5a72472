import { describe, expect, it } from 'vitest';
import { type EffectContext, effectsOf, lightOf } from './case-effects.js';

const now = new Date('2019-07-09T02:00:00Z');
const stage = {
  deadlineAt: new Date('2019-07-09T06:00:00Z'),
  warningAt: new Date('2019-07-09T05:00:00Z'),
  estimated: false,
};
const ctx = (over: Partial<EffectContext>): EffectContext => ({
  now,
  to: 'dispatched',
  stage,
  counters: { reworkCount: 0, extensionCount: 0, returnCount: 0 },
  firstDispatch: true,
  ...over,
});

describe('case effects', () => {
  it('stamps the first dispatch, sets the unit and the disposal deadline', () => {
    const patch = effectsOf('dispatch', ctx({ unitId: 'u1' }));
    expect(patch).toMatchObject({
      status: 'dispatched',
      unitId: 'u1',
      dispatchedAt: now,
      deadlineAt: stage.deadlineAt,
    });
    expect(effectsOf('dispatch', ctx({ unitId: 'u1', firstDispatch: false })).dispatchedAt).toBeUndefined();
  });

  it('counts returns, reworks and approved extensions', () => {
    const counters = { reworkCount: 2, extensionCount: 1, returnCount: 3 };
    expect(effectsOf('return', ctx({ to: 'filed', counters })).returnCount).toBe(4);
    expect(effectsOf('rework', ctx({ counters })).reworkCount).toBe(3);
    const until = new Date('2019-07-12T10:00:00Z');
    const approved = effectsOf(
      'approve_extension',
      ctx({ counters, pendingExtensionUntil: until, stage: null }),
    );
    expect(approved).toMatchObject({
      extensionCount: 2,
      deadlineAt: until,
      stageDeadlineAt: until,
      pendingExtensionUntil: null,
    });
    expect(approved.status).toBeUndefined();
  });

  it('clears the stage clock when the new state has no limit', () => {
    expect(effectsOf('close', ctx({ to: 'closed', stage: null }))).toMatchObject({
      closedAt: now,
      stageDeadlineAt: null,
      stageWarningAt: null,
    });
  });

  it('voids an untrue report at verification and files with a corrected category', () => {
    expect(effectsOf('verify', ctx({ to: 'voided', stage: null }))).toMatchObject({
      voidedAt: now,
      assigneeId: null,
    });
    expect(effectsOf('file', ctx({ to: 'filed', category: { id: 'c2', kind: 'part' } }))).toMatchObject({
      filedAt: now,
      categoryId: 'c2',
      kind: 'part',
    });
  });
});

describe('traffic light', () => {
  const row = { stageDeadlineAt: stage.deadlineAt, stageWarningAt: stage.warningAt };
  it('is green before the warning, yellow after it, red after the deadline', () => {
    expect(lightOf(row, new Date('2019-07-09T04:59:59Z'))).toBe('green');
    expect(lightOf(row, new Date('2019-07-09T05:00:00Z'))).toBe('yellow');
    expect(lightOf(row, new Date('2019-07-09T06:00:01Z'))).toBe('red');
    expect(lightOf({ stageDeadlineAt: null, stageWarningAt: null }, now)).toBe('none');
  });
});

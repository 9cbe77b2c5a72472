import { describe, expect, it } from 'vitest';
import { type CaseHistory, type HistoryStep, replayHistory, type StageClock } from './case-history.js';

const HOUR = 3600_000;
const t0 = new Date('2019-07-10T01:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
// A flat clock: every stage gets two hours, yellow at 80%.
const clock: StageClock = (_stage, start) => ({
  deadlineAt: new Date(start.getTime() + 2 * HOUR),
  warningAt: new Date(start.getTime() + 1.6 * HOUR),
  estimated: false,
});

const base = {
  id: '01900000-0000-7000-8000-000000000001',
  source: 'patrol',
  kind: 'event' as const,
  categoryId: '01900000-0000-7000-8000-0000000000c1',
  description: '暴露垃圾',
  address: null,
  lng: 101.7,
  lat: 26.5,
  gridId: null,
  districtId: null,
  streetId: null,
  reporterId: 'u-collector',
  urgent: false,
  idempotencyKey: 'k1',
};
const history = (steps: HistoryStep[]): CaseHistory => ({ case: base, steps, data: { demo: true } });
const A = 'unit-a';
const B = 'unit-b';

describe('replayHistory', () => {
  it('replays a re-routed case: both units in the log, the row where the last step left it', () => {
    const { row, log } = replayHistory(
      '510400',
      history([
        { action: 'report', at: at(0), actorId: 'u-collector', role: 'collector' },
        { action: 'file', at: at(0.2), actorId: 'u-lead', role: 'shift_lead' },
        { action: 'dispatch', at: at(0.3), actorId: 'u-disp', role: 'dispatcher', unitId: A },
        { action: 'dispose', at: at(1), actorId: 'u-a', role: 'unit_staff' },
        {
          action: 'request_check',
          at: at(1.1),
          actorId: 'u-acc',
          role: 'acceptor',
          assigneeId: 'u-collector',
        },
        { action: 'check_fail', at: at(1.5), actorId: 'u-collector', role: 'collector', note: '未处置到位' },
        { action: 'rework', at: at(1.6), actorId: 'u-disp', role: 'dispatcher', unitId: B },
        { action: 'dispose', at: at(2.5), actorId: 'u-b', role: 'unit_staff' },
      ]),
      clock,
    );
    expect(log.map((r) => [r.seq, r.action, r.unitId])).toEqual([
      [1, 'report', null],
      [2, 'file', null],
      [3, 'dispatch', A],
      [4, 'dispose', A],
      [5, 'request_check', A],
      [6, 'check_fail', A],
      [7, 'rework', B],
      [8, 'dispose', B],
    ]);
    expect(row).toMatchObject({
      status: 'disposed',
      version: 8,
      unitId: B,
      reworkCount: 1,
      dispatchedAt: at(0.3),
      disposedAt: at(2.5),
      filedAt: at(0.2),
      assigneeId: null,
    });
    expect(log[0]?.data).toEqual({ source: 'patrol', demo: true });
    expect(log[4]?.data).toEqual({ assigneeId: 'u-collector', demo: true });
  });

  it('sets clocks as the live path: stage limits, the approved extension date', () => {
    const until = at(30);
    const { row, log } = replayHistory(
      '510400',
      history([
        { action: 'report', at: at(0), actorId: 'u', role: 'collector' },
        { action: 'file', at: at(0.2), actorId: 'l', role: 'shift_lead' },
        { action: 'dispatch', at: at(1), actorId: 'd', role: 'dispatcher', unitId: A },
        {
          action: 'request_extension',
          at: at(2),
          actorId: 'a',
          role: 'unit_staff',
          note: '材料',
          extendTo: until,
        },
        { action: 'approve_extension', at: at(2.5), actorId: 'd', role: 'dispatcher' },
      ]),
      clock,
    );
    expect(log[0]?.deadlineAt).toEqual(at(2));
    expect(log[2]?.deadlineAt).toEqual(at(3));
    expect(log[3]?.deadlineAt).toBeNull();
    expect(row).toMatchObject({
      deadlineAt: until,
      stageDeadlineAt: until,
      extensionCount: 1,
      pendingExtensionUntil: null,
    });
  });

  it('a self-disposal is one closed step', () => {
    const { row, log } = replayHistory(
      '510400',
      history([{ action: 'self_dispose', at: at(0), actorId: 'u', role: 'collector' }]),
      clock,
    );
    expect(log).toHaveLength(1);
    expect(row).toMatchObject({
      status: 'closed',
      selfDisposed: true,
      closedAt: at(0),
      version: 1,
      stageDeadlineAt: null,
    });
  });

  it('refuses what the live path refuses: wrong role, illegal move, missing note, time running back', () => {
    const start: HistoryStep[] = [
      { action: 'report', at: at(0), actorId: 'u', role: 'collector' },
      { action: 'file', at: at(1), actorId: 'l', role: 'shift_lead' },
    ];
    expect(() =>
      replayHistory(
        '510400',
        history([...start, { action: 'dispatch', at: at(2), actorId: 'x', role: 'collector', unitId: A }]),
        clock,
      ),
    ).toThrow(/role/);
    expect(() =>
      replayHistory(
        '510400',
        history([...start, { action: 'close', at: at(2), actorId: 'l', role: 'shift_lead' }]),
        clock,
      ),
    ).toThrow(/illegal/);
    expect(() =>
      replayHistory(
        '510400',
        history([...start, { action: 'void', at: at(2), actorId: 'l', role: 'shift_lead' }]),
        clock,
      ),
    ).toThrow(/missing/);
    expect(() =>
      replayHistory(
        '510400',
        history([...start, { action: 'park', at: at(0.5), actorId: 'l', role: 'shift_lead', note: 'x' }]),
        clock,
      ),
    ).toThrow(/order/);
    expect(() => replayHistory('510400', history([start[1] as HistoryStep]), clock)).toThrow(/report/);
  });
});

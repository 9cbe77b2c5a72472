import { describe, expect, it } from 'vitest';
import { caseFacts, type LogRow, tallyCases } from './case-facts.js';

const A = 'unit-a';
const B = 'unit-b';
const t = (day: number, hour = 9) => new Date(Date.UTC(2019, 6, day, hour - 8));
let seq = 0;
const row = (
  action: string,
  toStatus: string,
  at: Date,
  unitId: string | null = null,
  deadlineAt: Date | null = null,
): LogRow => ({
  seq: ++seq,
  action,
  toStatus,
  at,
  unitId,
  deadlineAt,
});
const log = (...rows: LogRow[]) => {
  seq = 0;
  return rows.map((r, i) => ({ ...r, seq: i + 1 }));
};
const END = new Date('2019-07-31T15:59:59.999Z');

describe('case facts (口径 per case)', () => {
  it('a reported, unfiled case is received only', () => {
    const f = caseFacts(log(row('report', 'reported', t(1))), END);
    expect(f).toMatchObject({ filed: false, due: false, disposed: false, selfDisposed: false });
  });

  it('self-disposal is filed, due, disposed on time and closed', () => {
    const f = caseFacts(log(row('self_dispose', 'closed', t(2))), END);
    expect(f).toMatchObject({
      filed: true,
      selfDisposed: true,
      due: true,
      disposed: true,
      disposedOnTime: true,
      closed: true,
    });
    expect(f.units.size).toBe(0);
  });

  it('counts a disposal before the deadline in force as on time, after it as late', () => {
    const base = [
      row('report', 'reported', t(1)),
      row('file', 'filed', t(1, 10)),
      row('dispatch', 'dispatched', t(1, 11), A, t(3)),
    ];
    const onTime = caseFacts(log(...base, row('dispose', 'disposed', t(2), A)), END);
    expect(onTime).toMatchObject({ due: true, disposed: true, disposedOnTime: true });
    expect(onTime.units.get(A)).toMatchObject({ sent: true, disposed: true, disposedOnTime: true });
    const late = caseFacts(log(...base, row('dispose', 'disposed', t(5), A)), END);
    expect(late.disposedOnTime).toBe(false);
    // An approved extension moves the deadline in force.
    const extended = caseFacts(
      log(
        ...base,
        row('request_extension', 'dispatched', t(2), A),
        row('approve_extension', 'dispatched', t(2, 12), A, t(6)),
        row('dispose', 'disposed', t(5), A),
      ),
      END,
    );
    expect(extended.disposedOnTime).toBe(true);
    expect(extended.units.get(A)?.extended).toBe(true);
  });

  it('ignores rows after as-of: the same log gives the same figures later', () => {
    const rows = log(
      row('report', 'reported', t(1)),
      row('file', 'filed', t(1, 10)),
      row('dispatch', 'dispatched', t(1, 11), A, t(2)),
      row('dispose', 'disposed', t(20), A),
    );
    const mid = caseFacts(rows, t(10));
    expect(mid).toMatchObject({ due: true, disposed: false });
    expect(mid.units.get(A)?.overdueOpen).toBe(true);
    expect(caseFacts(rows, END)).toMatchObject({ disposed: true, disposedOnTime: false });
  });

  it('takes voided-after-filing and still-parked cases out of the due', () => {
    const voided = caseFacts(
      log(row('report', 'reported', t(1)), row('file', 'filed', t(1, 10)), row('void', 'voided', t(2))),
      END,
    );
    expect(voided).toMatchObject({ filed: true, voidedAfterFiling: true, due: false });
    const parked = log(
      row('report', 'reported', t(1)),
      row('file', 'filed', t(1, 10)),
      row('park', 'parked', t(2)),
      row('unpark', 'filed', t(9)),
    );
    expect(caseFacts(parked, t(5))).toMatchObject({ parked: true, due: false });
    expect(caseFacts(parked, END)).toMatchObject({ parked: false, due: true });
    const voidedBeforeFiling = caseFacts(
      log(row('report', 'reported', t(1)), row('void', 'voided', t(2))),
      END,
    );
    expect(voidedBeforeFiling).toMatchObject({ filed: false, voidedAfterFiling: false });
  });

  it('counts a re-routed case for both units, and the rework against the unit that disposed', () => {
    const rows = log(
      row('report', 'reported', t(1)),
      row('file', 'filed', t(1, 10)),
      row('dispatch', 'dispatched', t(1, 11), A, t(4)),
      row('dispose', 'disposed', t(2), A),
      row('request_check', 'checking', t(2, 10), A),
      row('check_fail', 'check_failed', t(2, 11), A),
      row('rework', 'dispatched', t(3), B, t(6)),
      row('dispose', 'disposed', t(4), B),
      row('request_check', 'checking', t(4, 10), B),
      row('check_pass', 'checked', t(4, 11), B),
      row('close', 'closed', t(4, 12), B),
    );
    const f = caseFacts(rows, END);
    expect(f.units.get(A)).toMatchObject({ sent: true, disposed: true, reworked: true, closed: false });
    expect(f.units.get(B)).toMatchObject({
      sent: true,
      disposed: true,
      reworked: false,
      closed: true,
      closedOnTime: true,
    });
    const { headline, units } = tallyCases([f]);
    expect(headline).toMatchObject({ received: 1, filed: 1, dueForDisposal: 1, disposed: 1, closed: 1 });
    // The unit rows add up to more than the headline: the case counts for A and for B.
    expect(units.reduce((s, u) => s + u.due, 0)).toBe(2);
  });

  it('a returned case is no longer overdue for the unit that returned it', () => {
    const rows = log(
      row('report', 'reported', t(1)),
      row('file', 'filed', t(1, 10)),
      row('dispatch', 'dispatched', t(1, 11), A, t(2)),
      row('return', 'filed', t(3), A),
    );
    const f = caseFacts(rows, END);
    expect(f.units.get(A)).toMatchObject({ sent: true, overdueOpen: false, disposed: false });
  });

  it('tallies an empty month as zeros', () => {
    const { headline, units } = tallyCases([]);
    expect(headline).toEqual({
      received: 0,
      filed: 0,
      dueForDisposal: 0,
      disposed: 0,
      disposedOnTime: 0,
      selfDisposed: 0,
      closed: 0,
    });
    expect(units).toEqual([]);
  });
});

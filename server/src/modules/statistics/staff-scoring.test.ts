import { describe, expect, it } from 'vitest';
import { bandScore } from './scoring.js';
import { type StaffCounts, scoreStaff, workloadBands } from './staff-scoring.js';

const zero: StaffCounts = {
  userId: 'u',
  login: 'x',
  name: 'x',
  role: 'collector',
  reports: 0,
  validReports: 0,
  verifies: 0,
  verifiesOnTime: 0,
  checks: 0,
  checksOnTime: 0,
  handled: 0,
  verifyRequests: 0,
  verifyRequestsOnTime: 0,
  checkRequests: 0,
  checkRequestsOnTime: 0,
  files: 0,
  filesOnTime: 0,
  filesKept: 0,
  closes: 0,
  closesOnTime: 0,
  dispatches: 0,
  dispatchesOnTime: 0,
  dispatchesReturned: 0,
};

describe('staff scoring (DOMAIN.md §1.4)', () => {
  it('bands 受理数 / 派遣数', () => {
    expect(
      [100, 101, 300, 301, 500, 501, 1200, 1201, 2000, 2001].map((n) => bandScore(n, workloadBands)),
    ).toEqual([0, 40, 40, 60, 60, 75, 75, 90, 90, 100]);
  });

  it('scores a collector over the parts that have events, weights scaled up', () => {
    const s = scoreStaff({ ...zero, reports: 100, validReports: 98, checks: 10, checksOnTime: 9 });
    // 有效上报率 98 ×40, 按时核查率 90 ×20 over the 60 weight that has values
    expect(s.score).toBeCloseTo((98 * 40 + 90 * 20) / 60, 2);
    expect(s.parts.find((p) => p.label === '1−漏报率')?.value).toBeNull();
  });

  it('scores acceptors, shift leads and dispatchers', () => {
    const acceptor = scoreStaff({
      ...zero,
      role: 'acceptor',
      handled: 600,
      verifyRequests: 10,
      verifyRequestsOnTime: 10,
      checkRequests: 20,
      checkRequestsOnTime: 18,
    });
    expect(acceptor.score).toBeCloseTo(0.25 * 75 + 0.4 * 100 + 0.35 * 90, 2);
    const lead = scoreStaff({
      ...zero,
      role: 'shift_lead',
      files: 10,
      filesOnTime: 10,
      filesKept: 9,
      closes: 4,
      closesOnTime: 2,
    });
    expect(lead.score).toBeCloseTo(0.25 * 100 + 0.4 * 90 + 0.35 * 50, 2);
    const dispatcher = scoreStaff({
      ...zero,
      role: 'dispatcher',
      dispatches: 50,
      dispatchesOnTime: 45,
      dispatchesReturned: 5,
    });
    expect(dispatcher.score).toBeCloseTo(0.2 * 0 + 0.4 * 90 + 0.4 * 90, 2);
  });

  it('has no score without any events', () => {
    expect(scoreStaff(zero).score).toBeNull();
    expect(scoreStaff({ ...zero, role: 'shift_lead' }).score).toBeNull();
  });
});

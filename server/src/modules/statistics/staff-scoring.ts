import { ratio, roundTo } from './rates.js';
import { type Band, bandScore } from './scoring.js';

// 人员考核 (DOMAIN.md §1.4) for 监督员, 受理员, 值班长 and 派遣员, from the transition log. Pure.
// A step is on time when it happens by the stage deadline the previous step set. An indicator
// with no events (a collector who was sent nothing to verify) has no value; it is left out and
// the other weights are scaled up, so nobody is marked down for work they were not given.

export type StaffRole = 'collector' | 'acceptor' | 'shift_lead' | 'dispatcher';

export interface StaffCounts {
  userId: string;
  login: string;
  name: string;
  role: StaffRole;
  reports: number;
  validReports: number;
  verifies: number;
  verifiesOnTime: number;
  checks: number;
  checksOnTime: number;
  handled: number;
  verifyRequests: number;
  verifyRequestsOnTime: number;
  checkRequests: number;
  checkRequestsOnTime: number;
  files: number;
  filesOnTime: number;
  filesKept: number;
  closes: number;
  closesOnTime: number;
  dispatches: number;
  dispatchesOnTime: number;
  dispatchesReturned: number;
}

/** 受理数 / 派遣数分值: > 2000 → 100, 1201–2000 → 90, 501–1200 → 75, 301–500 → 60, 101–300 → 40, ≤ 100 → 0. */
export const workloadBands: Band[] = [
  { lte: 100, score: 0 },
  { lte: 300, score: 40 },
  { lte: 500, score: 60 },
  { lte: 1200, score: 75 },
  { lte: 2000, score: 90 },
  { score: 100 },
];

export interface StaffScore {
  parts: { label: string; value: number | null; weight: number }[];
  score: number | null;
}

function weighted(
  parts: { label: string; value: number | null; score: number | null; weight: number }[],
): StaffScore {
  const counted = parts.filter((p) => p.score !== null);
  const weight = counted.reduce((s, p) => s + p.weight, 0);
  const score =
    weight === 0 ? null : roundTo(counted.reduce((s, p) => s + p.weight * (p.score ?? 0), 0) / weight, 2);
  return { parts: parts.map(({ label, value, weight: w }) => ({ label, value, weight: w })), score };
}

const rate = (label: string, value: number | null, weight: number) => ({
  label,
  value,
  score: value === null ? null : value * 100,
  weight,
});

export function scoreStaff(c: StaffCounts): StaffScore {
  switch (c.role) {
    case 'collector':
      // 漏报率 needs the public reports a collector's grids missed; responsibility grids are not
      // in the log, so that part has no value here.
      return weighted([
        rate('有效上报率', ratio(c.validReports, c.reports), 40),
        rate('1−漏报率', null, 20),
        rate('按时核实率', ratio(c.verifiesOnTime, c.verifies), 20),
        rate('按时核查率', ratio(c.checksOnTime, c.checks), 20),
      ]);
    case 'acceptor':
      return weighted([
        { label: '受理数', value: c.handled, score: bandScore(c.handled, workloadBands), weight: 25 },
        rate('核实按时派发率', ratio(c.verifyRequestsOnTime, c.verifyRequests), 40),
        rate('核查按时派发率', ratio(c.checkRequestsOnTime, c.checkRequests), 35),
      ]);
    case 'shift_lead':
      return weighted([
        rate('按时立案率', ratio(c.filesOnTime, c.files), 25),
        rate('准确立案率', ratio(c.filesKept, c.files), 40),
        rate('按时结案率', ratio(c.closesOnTime, c.closes), 35),
      ]);
    case 'dispatcher':
      return weighted([
        { label: '派遣数', value: c.dispatches, score: bandScore(c.dispatches, workloadBands), weight: 20 },
        rate('按时派遣率', ratio(c.dispatchesOnTime, c.dispatches), 40),
        rate('准确派遣率', ratio(c.dispatches - c.dispatchesReturned, c.dispatches), 40),
      ]);
  }
}

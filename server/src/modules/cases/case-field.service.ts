import type { Db } from '../../platform/db/database.js';
import {
  selectCaseBriefs,
  selectCasesInCategories,
  selectOpenCasesInBox,
  selectVerificationFollowUps,
  selectVerificationRequests,
} from './case-field.repository.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface NearbyCase {
  id: string;
  caseNo: string;
  status: string;
  distanceM: number;
  reportedAt: Date;
}

/**
 * Open cases (anything not closed or voided) of one category within `radiusM` of a point,
 * reported since `since`, nearest first. A bounding box narrows the rows by index; the exact
 * distance is computed here (no PostGIS).
 */
export async function findOpenCasesNear(
  db: Db,
  cityCode: string,
  query: { categoryId: string; lng: number; lat: number; radiusM: number; since: Date },
): Promise<NearbyCase[]> {
  const dLat = query.radiusM / (EARTH_RADIUS_M * RAD);
  const kx = Math.cos(query.lat * RAD);
  const dLng = dLat / Math.max(kx, 1e-6);
  const rows = await selectOpenCasesInBox(db, cityCode, {
    categoryId: query.categoryId,
    minLng: query.lng - dLng,
    maxLng: query.lng + dLng,
    minLat: query.lat - dLat,
    maxLat: query.lat + dLat,
    since: query.since,
  });
  return rows
    .map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      status: r.status,
      reportedAt: r.reportedAt,
      distanceM: Math.hypot((r.lng - query.lng) * kx, r.lat - query.lat) * RAD * EARTH_RADIUS_M,
    }))
    .filter((r) => r.distanceM <= query.radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
}

export interface VerificationTask {
  caseId: string;
  kind: 'verify' | 'check';
  /** who the task went to (null when the log row names nobody) */
  assigneeId: string | null;
  sentAt: Date;
  deadlineAt: Date | null;
  /** the collector's answer (核实/核查结果), if any before the task was re-sent */
  repliedAt: Date | null;
  repliedBy: string | null;
}

/**
 * 核实/核查 tasks sent in [from, to) with their answers, from the case log: a task is answered
 * by the next verify / check_pass / check_fail row of its case, unless the task was re-sent
 * first (then the re-sent task carries the answer).
 */
export async function verificationTasks(
  db: Db,
  cityCode: string,
  from: Date,
  to: Date,
): Promise<VerificationTask[]> {
  const requests = await selectVerificationRequests(db, cityCode, from, to);
  const followUps = await selectVerificationFollowUps(db, [...new Set(requests.map((r) => r.caseId))]);
  const byCase = new Map<string, typeof followUps>();
  for (const row of followUps) {
    const list = byCase.get(row.caseId);
    if (list) list.push(row);
    else byCase.set(row.caseId, [row]);
  }
  return requests.map((request) => {
    const next = (byCase.get(request.caseId) ?? []).find((row) => row.seq > request.seq);
    const answered = next && !next.action.startsWith('request_') ? next : null;
    return {
      caseId: request.caseId,
      kind: request.action === 'request_verify' ? 'verify' : 'check',
      assigneeId: request.assigneeId,
      sentAt: request.at,
      deadlineAt: request.deadlineAt,
      repliedAt: answered?.at ?? null,
      repliedBy: answered?.actorId ?? null,
    };
  });
}

/** Cases of the given categories reported in [from, to) (for tag counts and exports). */
export function casesInCategories(
  db: Db,
  cityCode: string,
  categoryIds: readonly string[],
  from: Date,
  to: Date,
) {
  return selectCasesInCategories(db, cityCode, categoryIds, from, to);
}

export interface CaseBrief {
  id: string;
  caseNo: string;
  status: string;
}

/** Case number and state by id, for lists in other modules that link to cases. */
export async function caseBriefs(db: Db, cityCode: string, ids: readonly string[]): Promise<CaseBrief[]> {
  return selectCaseBriefs(db, cityCode, [...new Set(ids)]);
}

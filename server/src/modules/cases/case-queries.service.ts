import type { CaseKind, ExtensionFilter } from '@cityloop/contracts/cases';
import { type CaseStatus, caseStatusSchema, type Queue } from '@cityloop/contracts/cases';
import { notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { lightOf } from './case-effects.js';
import { declaredPhotosOf, pendingPhotos } from './case-photos.js';
import { scopeOf } from './case-scope.js';
import { allowedActions } from './case-workflow.js';
import {
  type CaseWithLabels,
  countQueues,
  selectCaseById,
  selectCaseMedia,
  selectCasePage,
  selectCaseWithLabels,
  selectTransitions,
  type TimelineEntry,
} from './cases.repository.js';
import { caseWord, type ReportedCase } from './cases.service.js';

const queueStatuses: Record<Exclude<Queue, 'overdue' | 'all'>, readonly CaseStatus[]> = {
  to_accept: ['reported'],
  to_verify: ['verifying'],
  to_file: ['accepted'],
  to_dispatch: ['filed', 'check_failed'],
  disposing: ['dispatched'],
  to_check: ['disposed', 'checking'],
  to_close: ['checked'],
  parked: ['parked'],
};

export interface CaseListQuery {
  page: number;
  pageSize: number;
  queue: Queue;
  status?: CaseStatus;
  districtId?: string;
  gridCode?: string;
  categoryCode?: string;
  kind?: CaseKind;
  source?: string;
  unitId?: string;
  from?: string;
  to?: string;
  caseNo?: string;
  extension?: ExtensionFilter;
}

const DAY_MS = 24 * 3600 * 1000;

export async function listCases(deps: AppDeps, actor: Actor, query: CaseListQuery) {
  const now = deps.now();
  const statuses =
    query.status !== undefined
      ? [query.status]
      : query.queue === 'all' || query.queue === 'overdue'
        ? undefined
        : queueStatuses[query.queue];
  const { rows, total } = await selectCasePage(deps.db, scopeOf(actor), {
    statuses,
    overdueAt: query.queue === 'overdue' ? now : undefined,
    districtId: query.districtId,
    gridCode: query.gridCode,
    categoryCode: query.categoryCode,
    kind: query.kind,
    source: query.source,
    unitId: query.unitId,
    reportedFrom: query.from ? startOfShanghaiDay(query.from) : undefined,
    reportedTo: query.to ? new Date(startOfShanghaiDay(query.to).getTime() + DAY_MS) : undefined,
    caseNo: query.caseNo,
    pendingExtension: query.extension === undefined ? undefined : query.extension === 'pending',
    sort: query.queue === 'all' ? 'reported_desc' : 'deadline',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((row) => ({ ...row, light: lightOf(row, now) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Counts for the queues the current user works from, with how many are overdue (超期). */
export async function caseQueueCounts(deps: AppDeps, actor: Actor) {
  const rows = await countQueues(deps.db, scopeOf(actor), deps.now());
  const byStatus = new Map(rows.map((r) => [r.status, r]));
  const result: Record<string, { count: number; overdue: number }> = {};
  for (const [queue, statuses] of Object.entries(queueStatuses)) {
    let count = 0;
    let overdue = 0;
    for (const status of statuses) {
      count += byStatus.get(status)?.n ?? 0;
      if (status !== 'parked') overdue += byStatus.get(status)?.overdue ?? 0;
    }
    result[queue] = { count, overdue };
  }
  result.overdue = {
    count: rows.filter((r) => r.status !== 'parked').reduce((sum, r) => sum + r.overdue, 0),
    overdue: 0,
  };
  // 待审批延期: requests waiting for the dispatcher; `overdue` = those whose deadline already passed.
  result.pending_extension = {
    count: rows.reduce((sum, r) => sum + r.pendingExtension, 0),
    overdue: rows.reduce((sum, r) => sum + r.pendingExtensionOverdue, 0),
  };
  return result;
}

export async function canSeeCase(deps: AppDeps, actor: Actor, id: string): Promise<boolean> {
  return (await selectCaseById(deps.db, scopeOf(actor), id)) !== undefined;
}

/**
 * 案卷详情. The case, its log and its photos are read at once (one round trip); the log and
 * photos of a case outside the actor's scope are dropped unseen with the 404.
 */
export async function caseDetail(deps: AppDeps, actor: Actor, id: string) {
  const [row, timeline, photos] = await Promise.all([
    selectCaseWithLabels(deps.db, scopeOf(actor), id),
    selectTransitions(deps.db, id),
    selectCaseMedia(deps.db, id),
  ]);
  if (!row) throw notFound(caseWord);
  return presentCase(deps, actor, row, timeline, photos);
}

/** The page of a case just reported, from what its insert returned: no read-back. */
export function reportedCaseDetail(
  deps: AppDeps,
  actor: Actor,
  reported: Extract<ReportedCase, { created: true }>,
) {
  const row = { ...reported.case, ...reported.labels, unitName: null, assigneeName: null };
  return presentCase(deps, actor, row, [reported.firstEntry], []);
}

function presentCase(
  deps: AppDeps,
  actor: Actor,
  row: CaseWithLabels,
  timeline: TimelineEntry[],
  photos: Awaited<ReturnType<typeof selectCaseMedia>>,
) {
  const status = caseStatusSchema.parse(row.status);
  const { idempotencyKey: _key, requestHash: _hash, ...visible } = row;
  return {
    ...visible,
    light: lightOf(row, deps.now()),
    allowedActions: allowedActions(
      { status, pendingExtension: row.pendingExtensionUntil !== null },
      actor.role,
    ),
    timeline,
    photos: photos.map(({ uploadedSha256: _digest, ...p }) => ({ ...p, url: `/api/media/${p.id}` })),
    // 待上传: declared with the report, bytes not yet here (a phone on a weak network sends them later).
    pendingPhotos: pendingPhotos(declaredPhotosOf(timeline[0]?.data), photos),
  };
}

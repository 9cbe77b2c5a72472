import type { CaseCollectorCandidate, CaseCollectorChoice } from '@cityloop/contracts/cases';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { collectorsOnDuty } from '../users/index.js';
import { getVisibleCase, suggestCollector } from './cases.service.js';

const LIST_LIMIT = 200;

/**
 * Whom a 核实/核查 task on this case could go to: the collector the server would pick without a
 * choice (责任网格, else nearest on shift, else the reporter) and the city's active collectors,
 * the fittest first — suggested, responsible for the grid, for the district, on shift, nearest.
 */
export async function collectorsForCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
): Promise<CaseCollectorChoice> {
  const current = await getVisibleCase(deps.db, actor, caseId);
  const now = deps.now();
  const [suggested, onDuty] = await Promise.all([
    suggestCollector(deps.db, current, now),
    collectorsOnDuty(
      deps.db,
      current.cityCode,
      { gridId: current.gridId, districtId: current.districtId, lng: current.lng, lat: current.lat },
      now,
    ),
  ]);
  const rank = (c: CaseCollectorCandidate) => [
    c.userId === suggested?.userId ? 0 : 1,
    c.responsible ? 0 : 1,
    c.inDistrict ? 0 : 1,
    c.onShift ? 0 : 1,
    c.distanceM ?? Number.POSITIVE_INFINITY,
  ];
  const items = onDuty
    .map((c) => ({ c, key: rank(c) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.c.login.localeCompare(b.c.login))
    .map(({ c }) => c);
  return { suggested, items: items.slice(0, LIST_LIMIT), total: items.length };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

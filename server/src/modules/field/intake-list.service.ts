import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { caseBriefs } from '../cases/index.js';
import { getRegion } from '../geo/index.js';
import { getCategory } from '../taxonomy/index.js';
import { selectDetectionsPage, selectTokens } from './intake.repository.js';
import type { MachineSource } from './intake.service.js';

// The console's list of machine detections (视频/无人机): each with its source, camera or
// flight, and the case it was filed as — or, for a flagged duplicate, the open case it repeats.

export interface IntakeFilter {
  source?: MachineSource;
  duplicate?: boolean;
  deviceId?: string;
  /** Shanghai dates, inclusive */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface IntakeListItem {
  id: string;
  source: MachineSource;
  /** camera id (video) or flight id (drone) */
  deviceId: string;
  capturedAt: Date;
  receivedAt: Date;
  lng: number;
  lat: number;
  category: { code: string; name: string; kind: string };
  districtName: string | null;
  duplicate: boolean;
  /** the filed case, or the open case a duplicate repeats */
  case: { id: string; caseNo: string | null; status: string | null };
  /** the intake token's name; null when a centre user posted it */
  via: string | null;
}

function memo<T>(load: (id: string) => Promise<T>) {
  const cache = new Map<string, Promise<T>>();
  return (id: string) => {
    if (!cache.has(id)) cache.set(id, load(id));
    return cache.get(id) as Promise<T>;
  };
}

/** A district leader sees the detections in their district; the command hall the whole city. */
export async function intakesPage(
  db: Db,
  actor: Actor,
  filter: IntakeFilter,
): Promise<{ items: IntakeListItem[]; total: number }> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError(400, 'BAD_RANGE', {
      zh: '开始日期不能晚于结束日期',
      en: 'from must not be after to',
    });
  }
  const { cityCode } = actor;
  const districtId = actor.role === 'leader' && actor.regionId ? actor.regionId : undefined;
  const { rows, total } = await selectDetectionsPage(db, cityCode, {
    source: filter.source,
    duplicate: filter.duplicate,
    deviceId: filter.deviceId,
    districtId,
    from: filter.from ? startOfShanghaiDay(filter.from) : undefined,
    to: filter.to ? new Date(startOfShanghaiDay(filter.to).getTime() + 24 * 3_600_000) : undefined,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  const category = memo((id) => getCategory(db, cityCode, id));
  const district = memo((id) => getRegion(db, cityCode, id));
  const [cases, tokens] = await Promise.all([
    caseBriefs(
      db,
      cityCode,
      rows.map((r) => r.caseId),
    ),
    rows.some((r) => r.tokenId) ? selectTokens(db, cityCode) : [],
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const tokenName = new Map(tokens.map((t) => [t.id, t.name]));
  const items = await Promise.all(
    rows.map(async (r): Promise<IntakeListItem> => {
      const [c, d] = await Promise.all([
        category(r.categoryId),
        r.districtId ? district(r.districtId) : null,
      ]);
      const linked = caseById.get(r.caseId);
      return {
        id: r.id,
        source: r.source,
        deviceId: r.deviceId,
        capturedAt: r.capturedAt,
        receivedAt: r.receivedAt,
        lng: r.lng,
        lat: r.lat,
        category: { code: c.code, name: c.name, kind: c.kind },
        districtName: d?.name ?? null,
        duplicate: r.duplicate,
        case: { id: r.caseId, caseNo: linked?.caseNo ?? null, status: linked?.status ?? null },
        via: r.tokenId ? (tokenName.get(r.tokenId) ?? null) : null,
      };
    }),
  );
  return { items, total };
}

import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AppDeps } from '../../platform/http/server-types.js';
import {
  findGridByCode,
  findPartByCode,
  getGrid,
  getRegion,
  listParts,
  type PartRow,
  type PartStatus,
} from '../geo/index.js';
import { getUnit } from '../org/index.js';
import { findCategory, getCategory } from '../taxonomy/index.js';
import { userBrief } from '../users/index.js';
import { type PartChangeRow, selectPartChangesPage } from './part-changes.repository.js';

// What the console reads of the parts inventory: pages by category, status, grid or map box,
// one part with its names, and the change requests with their 1-day / 3-day timeliness.

const badFilter = (zh: string, en: string) => new AppError(400, 'BAD_FILTER', { zh, en });

/** Memoised lookups of the names a page of parts shows (a page repeats few categories and grids). */
function partNames(db: Db, cityCode: string) {
  const categories = new Map<string, Promise<{ code: string; name: string }>>();
  const grids = new Map<string, Promise<{ code: string; name: string | null; districtId: string }>>();
  return {
    category: (id: string) => {
      if (!categories.has(id)) categories.set(id, getCategory(db, cityCode, id));
      return categories.get(id) as Promise<{ code: string; name: string }>;
    },
    grid: (id: string | null) => {
      if (!id) return Promise.resolve(null);
      if (!grids.has(id)) grids.set(id, getGrid(db, cityCode, id));
      return grids.get(id) as Promise<{ code: string; name: string | null; districtId: string }>;
    },
  };
}

export interface PartListItem extends PartRow {
  categoryCode: string;
  categoryName: string;
  gridCode: string | null;
}

/** A page of the inventory by category, status, grid and/or map box, with names for display. */
export async function partsPage(
  db: Db,
  cityCode: string,
  filter: {
    status?: PartStatus;
    categoryCode?: string;
    gridCode?: string;
    bbox?: [number, number, number, number];
    page: number;
    pageSize: number;
  },
): Promise<{ rows: PartListItem[]; total: number }> {
  let categoryId: string | undefined;
  if (filter.categoryCode) {
    const category = await findCategory(db, cityCode, 'part', filter.categoryCode);
    if (!category) {
      throw badFilter(
        `未知的部件类别：${filter.categoryCode}`,
        `unknown part category: ${filter.categoryCode}`,
      );
    }
    categoryId = category.id;
  }
  let gridId: string | undefined;
  if (filter.gridCode) {
    const grid = await findGridByCode(db, cityCode, filter.gridCode);
    if (!grid) throw badFilter(`网格 ${filter.gridCode} 不存在`, `grid ${filter.gridCode} does not exist`);
    gridId = grid.id;
  }
  if (filter.bbox) {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    if (!filter.bbox.every(Number.isFinite) || minLng > maxLng || minLat > maxLat) {
      throw badFilter(
        'bbox 必须是 最小经度,最小纬度,最大经度,最大纬度',
        'bbox must be minLng,minLat,maxLng,maxLat',
      );
    }
  }
  const { rows, total } = await listParts(db, cityCode, {
    status: filter.status,
    categoryId,
    gridId,
    bbox: filter.bbox,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  const names = partNames(db, cityCode);
  const items = await Promise.all(
    rows.map(async (row) => {
      const [category, grid] = await Promise.all([names.category(row.categoryId), names.grid(row.gridId)]);
      return {
        ...row,
        categoryCode: category.code,
        categoryName: category.name,
        gridCode: grid?.code ?? null,
      };
    }),
  );
  return { rows: items, total };
}

export interface PartDetail extends PartListItem {
  gridName: string | null;
  districtName: string | null;
  ownerUnitName: string | null;
  managerUnitName: string | null;
  maintainerUnitName: string | null;
}

/** One part with the names of its category, grid, district and units (部件详情). */
export async function partDetail(db: Db, cityCode: string, code: string): Promise<PartDetail> {
  const part = await findPartByCode(db, cityCode, code);
  if (!part) throw notFound({ zh: `部件 ${code} `, en: `part ${code}` });
  const names = partNames(db, cityCode);
  const unitName = async (id: string | null) => (id ? (await getUnit(db, cityCode, id)).name : null);
  const [category, grid, ownerUnitName, managerUnitName, maintainerUnitName] = await Promise.all([
    names.category(part.categoryId),
    names.grid(part.gridId),
    unitName(part.ownerUnitId),
    unitName(part.managerUnitId),
    unitName(part.maintainerUnitId),
  ]);
  const district = grid ? await getRegion(db, cityCode, grid.districtId) : null;
  return {
    ...part,
    categoryCode: category.code,
    categoryName: category.name,
    gridCode: grid?.code ?? null,
    gridName: grid?.name ?? null,
    districtName: district?.name ?? null,
    ownerUnitName,
    managerUnitName,
    maintainerUnitName,
  };
}

export interface PartChangeView extends PartChangeRow {
  /** reported within 1 working day of being found */
  reportedOnTime: boolean;
  /** in the database within 3 working days (null while pending and not yet late) */
  appliedOnTime: boolean | null;
}

export function viewOf(row: PartChangeRow, now: Date): PartChangeView {
  const applied = row.status === 'applied' && row.decidedAt ? row.decidedAt <= row.applyDueAt : null;
  return {
    ...row,
    reportedOnTime: row.reportedAt <= row.reportDueAt,
    appliedOnTime: applied ?? (row.status === 'pending' && now > row.applyDueAt ? false : null),
  };
}

export interface PartChangeListItem extends PartChangeView {
  reporterName: string | null;
  categoryCode: string | null;
  categoryName: string | null;
}

/** A page of change requests, newest first, with their timeliness and the reporter's name. */
export async function listPartChanges(
  deps: AppDeps,
  cityCode: string,
  filter: { status?: 'pending' | 'applied' | 'rejected'; page: number; pageSize: number },
): Promise<{ items: PartChangeListItem[]; total: number }> {
  const now = deps.now();
  const { rows, total } = await selectPartChangesPage(deps.db, cityCode, {
    status: filter.status,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  const names = partNames(deps.db, cityCode);
  const reporters = new Map<string, Promise<string | null>>();
  const reporter = (id: string) => {
    if (!reporters.has(id)) {
      reporters.set(
        id,
        userBrief(deps.db, cityCode, id).then((u) => u?.displayName ?? null),
      );
    }
    return reporters.get(id) as Promise<string | null>;
  };
  const items = await Promise.all(
    rows.map(async (row) => {
      const [reporterName, category] = await Promise.all([
        reporter(row.reporterId),
        row.categoryId ? names.category(row.categoryId) : null,
      ]);
      return {
        ...viewOf(row, now),
        reporterName,
        categoryCode: category?.code ?? null,
        categoryName: category?.name ?? null,
      };
    }),
  );
  return { items, total };
}

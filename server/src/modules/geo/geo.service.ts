import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/index.js';
import { type DemoRegion, demoGeography, type RegionLevel } from './demo-geography.js';
import {
  cityExists,
  type NewGridRow,
  type NewRegionRow,
  selectGridCandidatesAt,
  upsertGrids,
  upsertRegions,
} from './geo.repository.js';
import { asGeometry, bboxColumns, type LocateResult } from './geo-shapes.js';
import { pointInGeometry } from './point-in-polygon.js';

// Seeding the demo geography and point lookup. Region verbs live in regions.service.ts,
// grid verbs in grids.service.ts.

async function requireCity(db: Db, cityCode: string): Promise<void> {
  if (!(await cityExists(db, cityCode))) throw notFound({ zh: `城市 ${cityCode} `, en: `city ${cityCode}` });
}

// ---------------------------------------------------------------------------------------------
// Demo seed

/**
 * Writes the demo geography (攀枝花市: 7 districts/zones, their streets, communities and unit
 * grids) for `cityCode`. Idempotent: rows are upserted by (city_code, code), so ids survive a
 * re-seed and edits made since are overwritten only for the demo's own codes.
 */
export async function seedDemoGeography(
  db: Db,
  cityCode: string,
): Promise<{ regions: Record<RegionLevel, number>; grids: number }> {
  await requireCity(db, cityCode);
  const demo = demoGeography();
  const counts: Record<RegionLevel, number> = { city: 0, district: 0, street: 0, community: 0 };

  await db.transaction().execute(async (trx) => {
    const idByCode = new Map<string, string>();
    const toRow = (region: DemoRegion): NewRegionRow => {
      const parentId = region.parentCode ? idByCode.get(region.parentCode) : null;
      if (parentId === undefined)
        throw new Error(`demo region ${region.code} has no parent ${region.parentCode}`);
      return {
        id: uuidv7(),
        cityCode,
        code: region.code,
        name: region.name,
        level: region.level,
        parentId,
        aliases: region.aliases,
        boundary: JSON.stringify(region.boundary),
        ...bboxColumns(region.bbox),
      };
    };
    // Level by level, so that every parent id is known before its children are written.
    for (const level of ['city', 'district', 'street', 'community'] as const) {
      const regions = level === 'city' ? [demo.city] : demo.regions.filter((r) => r.level === level);
      const saved = await upsertRegions(trx, regions.map(toRow));
      for (const row of saved) idByCode.set(row.code, row.id);
      counts[level] = saved.length;
    }
    const gridRows: NewGridRow[] = demo.grids.map((grid) => ({
      id: uuidv7(),
      cityCode,
      code: grid.code,
      name: grid.name,
      communityId: idByCode.get(grid.communityCode) ?? '',
      streetId: idByCode.get(grid.streetCode) ?? '',
      districtId: idByCode.get(grid.districtCode) ?? '',
      areaClass: grid.areaClass,
      boundary: JSON.stringify(grid.boundary),
      ...bboxColumns(grid.bbox),
    }));
    await upsertGrids(trx, gridRows);
    await recordAudit(trx, {
      cityCode,
      action: 'geo.seed_demo',
      objectType: 'city',
      objectId: cityCode,
      success: true,
      detail: { regions: counts, grids: gridRows.length },
    });
  });
  return { regions: counts, grids: demo.grids.length };
}

// ---------------------------------------------------------------------------------------------
// Point lookup

/**
 * The unit grid containing the point, with its community, street and district; null when the
 * point is in no grid of the city. SQL narrows to grids whose bbox holds the point (indexed);
 * the exact polygon test runs here. A point on an edge shared by two grids belongs to both
 * (polygons are closed); the smallest grid code wins so the answer is stable.
 */
export async function locatePoint(
  db: Db,
  cityCode: string,
  lng: number,
  lat: number,
): Promise<LocateResult | null> {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    throw invalid('经纬度不合法（经度 ±180，纬度 ±90）', 'invalid coordinates (lng ±180, lat ±90)');
  }
  const candidates = await selectGridCandidatesAt(db, cityCode, lng, lat);
  const hit = candidates.find((c) => pointInGeometry(lng, lat, asGeometry(c.boundary)));
  if (!hit) return null;
  return {
    grid: { id: hit.gridId, code: hit.gridCode, name: hit.gridName },
    community: { id: hit.communityId, code: hit.communityCode, name: hit.communityName },
    street: { id: hit.streetId, code: hit.streetCode, name: hit.streetName },
    district: { id: hit.districtId, code: hit.districtCode, name: hit.districtName },
  };
}

/** locatePoint, but a point outside every grid is a bilingual 404 (for the HTTP route). */
export async function locatePointOrThrow(
  db: Db,
  cityCode: string,
  lng: number,
  lat: number,
): Promise<LocateResult> {
  const found = await locatePoint(db, cityCode, lng, lat);
  if (!found) {
    throw new AppError(404, 'OUTSIDE_GRIDS', {
      zh: '该位置不在本市网格内',
      en: "point is outside the city's grids",
    });
  }
  return found;
}

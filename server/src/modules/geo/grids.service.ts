import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { GridRow } from '../../platform/db/schema.js';
import { type Bilingual, invalid } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import {
  insertGrid,
  type NewGridRow,
  selectGridByCode,
  selectGridById,
  selectGrids,
  selectRegionRefsByCodes,
  updateGridRow,
  upsertGrids,
} from './geo.repository.js';
import {
  bboxColumns,
  codeTaken,
  type GridDto,
  type GridFeatureCollection,
  geometryOrThrow,
  gridNotFound,
  type ImportResult,
  isUniqueViolation,
  toGridDto,
} from './geo-shapes.js';
import { checkGridFeatures, GRID_CODE } from './grid-features.js';
import type { BBox } from './point-in-polygon.js';

// Unit grids (单元网格): create, edit, list and bulk import from GeoJSON.

export async function getGrid(db: Db, cityCode: string, id: string): Promise<GridDto> {
  const row = await selectGridById(db, cityCode, id);
  if (!row) throw gridNotFound();
  return toGridDto(row);
}

export async function findGridByCode(db: Db, cityCode: string, code: string): Promise<GridDto | null> {
  const row = await selectGridByCode(db, cityCode, code);
  return row ? toGridDto(row) : null;
}

export async function listGrids(
  db: Db,
  cityCode: string,
  filter: { districtId?: string; bbox?: BBox; page: number; pageSize: number },
): Promise<{ items: GridDto[]; total: number; page: number; pageSize: number }> {
  if (filter.bbox) {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    if (!filter.bbox.every(Number.isFinite) || minLng > maxLng || minLat > maxLat) {
      throw invalid(
        'bbox 必须是 最小经度,最小纬度,最大经度,最大纬度',
        'bbox must be minLng,minLat,maxLng,maxLat',
      );
    }
  }
  const { rows, total } = await selectGrids(db, {
    cityCode,
    districtId: filter.districtId,
    bbox: filter.bbox,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items: rows.map(toGridDto), total, page: filter.page, pageSize: filter.pageSize };
}

/** A page of grids as a GeoJSON FeatureCollection (paging totals as foreign members). */
export function gridsToFeatureCollection(page: {
  items: GridDto[];
  total: number;
  page: number;
  pageSize: number;
}): GridFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: page.items.map(({ boundary, bbox: _bbox, cityCode: _city, ...properties }) => ({
      type: 'Feature',
      id: properties.code,
      geometry: boundary,
      properties,
    })),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export interface GridInput {
  /** 15 digits; its first 12 digits name the community, which must exist */
  code: string;
  name?: string | null;
  areaClass?: string;
  boundary: unknown;
}

type CommunityChain = { communityId: string; streetId: string; districtId: string };

/** Resolves community → street → district for 12-digit community codes (one query per level). */
async function communityChains(
  db: Db,
  cityCode: string,
  communityCodes: string[],
): Promise<Map<string, CommunityChain>> {
  const out = new Map<string, CommunityChain>();
  const communities = (await selectRegionRefsByCodes(db, cityCode, [...new Set(communityCodes)])).filter(
    (r) => r.level === 'community',
  );
  const streetCodes = [...new Set(communities.map((c) => c.code.slice(0, 9)))];
  const streets = new Map(
    (await selectRegionRefsByCodes(db, cityCode, streetCodes))
      .filter((r) => r.level === 'street')
      .map((r) => [r.id, r]),
  );
  for (const community of communities) {
    // Follow parent links rather than code prefixes: the links are what the rest of the system uses.
    const street = community.parentId ? streets.get(community.parentId) : undefined;
    if (!street?.parentId) continue;
    out.set(community.code, { communityId: community.id, streetId: street.id, districtId: street.parentId });
  }
  return out;
}

const unknownCommunity = (communityCode: string): Bilingual => ({
  zh: `网格所属社区 ${communityCode} 不存在（网格编码前 12 位必须是已登记的社区编码）`,
  en: `community ${communityCode} does not exist (a grid code's first 12 digits must be a registered community code)`,
});

/** Adds one unit grid; the community (and so street and district) comes from the code. */
export async function createGrid(db: Db, actor: Actor, input: GridInput): Promise<GridDto> {
  const code = input.code.trim();
  if (!GRID_CODE.test(code)) throw invalid('网格编码必须是 15 位数字', 'a grid code must be 15 digits');
  const shape = geometryOrThrow(input.boundary);
  return db.transaction().execute(async (trx) => {
    const chain = (await communityChains(trx, actor.cityCode, [code.slice(0, 12)])).get(code.slice(0, 12));
    if (!chain) {
      const reason = unknownCommunity(code.slice(0, 12));
      throw invalid(reason.zh, reason.en);
    }
    if (await selectGridByCode(trx, actor.cityCode, code)) throw codeTaken({ zh: '网格', en: 'grid' }, code);
    let row: GridRow;
    try {
      row = await insertGrid(trx, {
        id: uuidv7(),
        cityCode: actor.cityCode,
        code,
        name: input.name?.trim() || null,
        ...chain,
        areaClass: input.areaClass?.trim() || 'A',
        boundary: JSON.stringify(shape.geometry),
        ...bboxColumns(shape.bbox),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken({ zh: '网格', en: 'grid' }, code);
      throw error;
    }
    await recordActorAudit(trx, actor, 'grid.create', 'grid', row.id, { code, bbox: shape.bbox });
    return toGridDto(row);
  });
}

export interface GridPatch {
  name?: string | null;
  areaClass?: string;
  boundary?: unknown;
}

/** Renames a grid, changes its area class or redraws it. The code (its identity) is fixed. */
export async function updateGrid(db: Db, actor: Actor, id: string, patch: GridPatch): Promise<GridDto> {
  const shape = patch.boundary === undefined ? undefined : geometryOrThrow(patch.boundary);
  if (patch.areaClass !== undefined && !patch.areaClass.trim()) {
    throw invalid('区域类别不能为空', 'area class must not be empty');
  }
  return db.transaction().execute(async (trx) => {
    const before = await selectGridById(trx, actor.cityCode, id);
    if (!before) throw gridNotFound();
    const set: Parameters<typeof updateGridRow>[3] = {};
    const changed: Record<string, unknown> = {};
    if (patch.name !== undefined) {
      const name = patch.name?.trim() || null;
      if (name !== before.name) {
        set.name = name;
        changed.name = { from: before.name, to: name };
      }
    }
    if (patch.areaClass !== undefined && patch.areaClass.trim() !== before.areaClass) {
      set.areaClass = patch.areaClass.trim();
      changed.areaClass = { from: before.areaClass, to: set.areaClass };
    }
    if (shape) {
      Object.assign(set, { boundary: JSON.stringify(shape.geometry), ...bboxColumns(shape.bbox) });
      changed.boundary = {
        from: [before.minLng, before.minLat, before.maxLng, before.maxLat],
        to: shape.bbox,
      };
    }
    if (Object.keys(set).length === 0) return toGridDto(before);
    const row = await updateGridRow(trx, actor.cityCode, id, set);
    await recordActorAudit(trx, actor, 'grid.update', 'grid', id, { code: before.code, changed });
    return toGridDto(row);
  });
}

/** Most features one import may carry; larger surveys go in several files. */
export const MAX_IMPORT_FEATURES = 20_000;

/**
 * Imports unit grids from a GeoJSON FeatureCollection (properties.code = 15-digit grid code,
 * optional properties.name / properties.areaClass; Polygon or MultiPolygon geometry).
 * Each feature is checked on its own; a bad feature is rejected whole with a reason and never
 * half-written. The good ones are upserted by code (an existing grid takes the new shape) in one
 * transaction with one audit row.
 */
export async function importGridsGeoJson(
  db: Db,
  actor: Actor,
  featureCollection: unknown,
): Promise<ImportResult> {
  const fc = featureCollection as { type?: unknown; features?: unknown };
  if (
    typeof fc !== 'object' ||
    fc === null ||
    fc.type !== 'FeatureCollection' ||
    !Array.isArray(fc.features)
  ) {
    throw invalid('请提供 GeoJSON FeatureCollection', 'a GeoJSON FeatureCollection is required');
  }
  if (fc.features.length > MAX_IMPORT_FEATURES) {
    throw invalid(
      `一次最多导入 ${MAX_IMPORT_FEATURES} 个网格`,
      `at most ${MAX_IMPORT_FEATURES} grids can be imported at once`,
    );
  }

  const features: unknown[] = fc.features;
  const { candidates, rejected } = checkGridFeatures(features);

  return db.transaction().execute(async (trx) => {
    const chains = await communityChains(
      trx,
      actor.cityCode,
      candidates.map((c) => c.code.slice(0, 12)),
    );
    const rows: NewGridRow[] = [];
    for (const candidate of candidates) {
      const chain = chains.get(candidate.code.slice(0, 12));
      if (!chain) {
        rejected.push({
          index: candidate.index,
          code: candidate.code,
          reason: unknownCommunity(candidate.code.slice(0, 12)),
        });
        continue;
      }
      rows.push({
        id: uuidv7(),
        cityCode: actor.cityCode,
        code: candidate.code,
        name: candidate.name,
        ...chain,
        areaClass: candidate.areaClass,
        boundary: JSON.stringify(candidate.geometry),
        ...bboxColumns(candidate.bbox),
      });
    }
    const saved = rows.length > 0 ? await upsertGrids(trx, rows) : [];
    const created = saved.filter((s) => s.inserted).length;
    rejected.sort((a, b) => a.index - b.index);
    await recordActorAudit(trx, actor, 'grid.import', 'grid', null, {
      features: features.length,
      imported: saved.length,
      created,
      updated: saved.length - created,
      // Codes only: a city-wide import must not make one audit row megabytes long.
      rejected: rejected.slice(0, 200).map((r) => ({ index: r.index, code: r.code, reason: r.reason.en })),
    });
    return { imported: saved.length, created, updated: saved.length - created, rejected };
  });
}

import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { RegionRow } from '../../platform/db/schema.js';
import { type Bilingual, invalid } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import type { RegionLevel } from './demo-geography.js';
import {
  insertRegion,
  selectRegionByCode,
  selectRegionById,
  selectRegions,
  selectRegionsByNormalisedName,
  updateRegionRow,
} from './geo.repository.js';
import {
  bboxColumns,
  bboxOfRow,
  codeTaken,
  geometryOrThrow,
  isUniqueViolation,
  type RegionDto,
  regionNotFound,
  toRegionDto,
} from './geo-shapes.js';
import { cleanAliases, normaliseName } from './names.js';
import type { AreaGeometry, BBox } from './point-in-polygon.js';

// Regions: city → district/county → street/town → community.

/**
 * A region by exact name or alias, ignoring whitespace ("东  区" finds 东区). When several
 * regions share the name (two communities called 新村社区 in different streets) the higher
 * level wins, then the smaller code; use listRegions for the full set.
 */
export async function findRegionByName(
  db: Db,
  cityCode: string,
  nameOrAlias: string,
): Promise<RegionDto | null> {
  const key = normaliseName(nameOrAlias);
  if (!key) return null;
  const rows = await selectRegionsByNormalisedName(db, cityCode, key);
  const first = rows[0];
  return first ? toRegionDto(first) : null;
}

export async function findRegionByCode(db: Db, cityCode: string, code: string): Promise<RegionDto | null> {
  const row = await selectRegionByCode(db, cityCode, code);
  return row ? toRegionDto(row) : null;
}

export async function getRegion(db: Db, cityCode: string, id: string): Promise<RegionDto> {
  const row = await selectRegionById(db, cityCode, id);
  if (!row) throw regionNotFound();
  return toRegionDto(row);
}

export async function listRegions(
  db: Db,
  cityCode: string,
  filter: { level?: RegionLevel; parentId?: string; withBoundary?: boolean } = {},
): Promise<RegionDto[]> {
  const rows = await selectRegions(db, cityCode, {
    level: filter.level,
    parentId: filter.parentId,
    withBoundary: filter.withBoundary ?? false,
  });
  return rows.map(toRegionDto);
}

const CODE_LENGTH: Record<RegionLevel, number> = { city: 6, district: 6, street: 9, community: 12 };
const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  city: null,
  district: 'city',
  street: 'district',
  community: 'street',
};
const LEVEL_LABEL: Record<RegionLevel, Bilingual> = {
  city: { zh: '市', en: 'city' },
  district: { zh: '区县', en: 'district' },
  street: { zh: '街道/镇', en: 'street' },
  community: { zh: '社区', en: 'community' },
};

export interface RegionInput {
  code: string;
  name: string;
  level: RegionLevel;
  /** required for streets and communities; a district's parent is the city region, if any */
  parentId?: string | null;
  aliases?: string[];
  boundary?: unknown;
}

/**
 * Adds a region. Codes follow DOMAIN.md §1.2: district 6 digits, street 9 (= district + 3),
 * community 12 (= street + 3). The code prefix must be the parent's code so grid codes, which
 * are built from the community code, stay readable as addresses.
 */
export async function createRegion(db: Db, actor: Actor, input: RegionInput): Promise<RegionDto> {
  const cityCode = actor.cityCode;
  const code = input.code.trim();
  const name = input.name.trim();
  const label = LEVEL_LABEL[input.level];
  if (!name) throw invalid('名称不能为空', 'name must not be empty');
  if (!new RegExp(`^[0-9]{${CODE_LENGTH[input.level]}}$`).test(code)) {
    throw invalid(
      `${label.zh}编码必须是 ${CODE_LENGTH[input.level]} 位数字`,
      `a ${label.en} code must be ${CODE_LENGTH[input.level]} digits`,
    );
  }
  if (input.level === 'city' && code !== cityCode) {
    throw invalid(`市级区域编码必须是 ${cityCode}`, `the city region's code must be ${cityCode}`);
  }
  const shape =
    input.boundary === undefined || input.boundary === null ? null : geometryOrThrow(input.boundary);

  return db.transaction().execute(async (trx) => {
    const parentLevel = PARENT_LEVEL[input.level];
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await selectRegionById(trx, cityCode, input.parentId);
      if (!parent) throw invalid('上级区域不存在', 'parent region does not exist');
      if (parent.level !== parentLevel) {
        throw invalid(
          `${label.zh}的上级必须是${parentLevel ? LEVEL_LABEL[parentLevel].zh : '（无）'}`,
          `a ${label.en}'s parent must be a ${parentLevel ?? 'none'}`,
        );
      }
      if ((input.level === 'street' || input.level === 'community') && !code.startsWith(parent.code)) {
        throw invalid(
          `编码 ${code} 必须以上级编码 ${parent.code} 开头`,
          `code ${code} must start with the parent's code ${parent.code}`,
        );
      }
      parentId = parent.id;
    } else if (input.level === 'street' || input.level === 'community') {
      throw invalid(`${label.zh}必须指定上级区域`, `a ${label.en} needs a parent region`);
    }
    if (await selectRegionByCode(trx, cityCode, code)) throw codeTaken({ zh: '区域', en: 'region' }, code);

    let row: RegionRow;
    try {
      row = await insertRegion(trx, {
        id: uuidv7(),
        cityCode,
        code,
        name,
        level: input.level,
        parentId,
        aliases: cleanAliases(input.aliases ?? [], [name]),
        boundary: shape ? JSON.stringify(shape.geometry) : null,
        ...(shape ? bboxColumns(shape.bbox) : { minLng: null, minLat: null, maxLng: null, maxLat: null }),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken({ zh: '区域', en: 'region' }, code);
      throw error;
    }
    await recordActorAudit(trx, actor, 'region.create', 'region', row.id, {
      code,
      name,
      level: input.level,
      parentId,
    });
    return toRegionDto(row);
  });
}

export interface RegionPatch {
  name?: string;
  aliases?: string[];
  /** a new geometry, or null to remove the boundary */
  boundary?: unknown;
}

/**
 * Renames a region, replaces its aliases or its boundary. Code, level and parent are fixed:
 * grid codes are built from them, so re-coding is a new region plus a grid re-import.
 */
export async function updateRegion(db: Db, actor: Actor, id: string, patch: RegionPatch): Promise<RegionDto> {
  const set: Parameters<typeof updateRegionRow>[3] = {};
  const changed: Record<string, unknown> = {};
  let name: string | undefined;
  if (patch.name !== undefined) {
    name = patch.name.trim();
    if (!name) throw invalid('名称不能为空', 'name must not be empty');
  }
  let shape: { geometry: AreaGeometry; bbox: BBox } | null | undefined;
  if (patch.boundary === null) shape = null;
  else if (patch.boundary !== undefined) shape = geometryOrThrow(patch.boundary);

  return db.transaction().execute(async (trx) => {
    const before = await selectRegionById(trx, actor.cityCode, id);
    if (!before) throw regionNotFound();
    if (name !== undefined && name !== before.name) {
      set.name = name;
      changed.name = { from: before.name, to: name };
    }
    if (patch.aliases !== undefined) {
      const aliases = cleanAliases(patch.aliases, [name ?? before.name]);
      set.aliases = aliases;
      changed.aliases = { from: before.aliases, to: aliases };
    }
    if (shape !== undefined) {
      set.boundary = shape ? JSON.stringify(shape.geometry) : null;
      Object.assign(
        set,
        shape ? bboxColumns(shape.bbox) : { minLng: null, minLat: null, maxLng: null, maxLat: null },
      );
      // The geometry itself can be large; the audit row keeps its extent.
      changed.boundary = { from: bboxOfRow(before), to: shape ? shape.bbox : null };
    }
    if (Object.keys(set).length === 0) return toRegionDto(before);
    const row = await updateRegionRow(trx, actor.cityCode, id, set);
    await recordActorAudit(trx, actor, 'region.update', 'region', id, { code: before.code, changed });
    return toRegionDto(row);
  });
}
